package io.hearth.bench;

import io.hearth.model.Labels;
import io.hearth.storage.Appender;
import io.hearth.tsdb.FsyncPolicy;
import io.hearth.tsdb.Tsdb;
import io.hearth.tsdb.TsdbOptions;
import io.hearth.tsdb.block.Block;
import io.hearth.tsdb.compact.BlockDirs;
import io.hearth.tsdb.io.FileSeam;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Restart time: builds a database of {@code series} series sampled every 30 s for 23 h (ten 2 h
 * blocks plus 3 h in the head, i.e. in the WAL), closes it, then reopens it a few times and prints
 * the time until {@link Tsdb#open} returns (the server is ready then), with the share of opening
 * the blocks (which maps the files, parses meta.json and checks the whole index's CRCs; chunks are
 * only mapped) and of replaying the WAL. Page cache warm, as after a process restart.
 *
 * <p>Run: {@code java --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar
 * io.hearth.bench.RestartProbe [series] [dir]} (default 10,000 series in a temporary directory,
 * deleted afterwards).
 *
 * <p>Measured 2026-11-25 (2 cores, warm page cache, 10,000 series: 10 blocks of 44 MB in all, a 38
 * MB WAL holding 3.6 M samples): ready in 294-612 ms over three runs, of which opening the ten
 * blocks took 21-75 ms and the rest was WAL replay.
 */
public final class RestartProbe {
  private static final long H = 3_600_000L;
  private static final long STEP = 30_000L;
  private static final long T0 = 1_800_000_000_000L / (2 * H) * (2 * H);

  private RestartProbe() {}

  /**
   * Runs the probe and prints the figures to standard output.
   *
   * @param args optional series count and database directory
   * @throws Exception on any failure
   */
  public static void main(String[] args) throws Exception {
    int series = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    Path dir =
        args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("hearth-restart-probe");
    TsdbOptions opts =
        TsdbOptions.defaults()
            .withFsync(FsyncPolicy.NEVER, Duration.ofSeconds(1))
            .withCompactionInterval(Duration.ZERO);
    Labels[] labels = new Labels[series];
    for (int i = 0; i < series; i++) {
      labels[i] =
          Labels.of(
              "__name__", "probe_metric_" + (i % 50), "instance", "host-" + (i / 50), "i", "" + i);
    }
    long build0 = System.nanoTime();
    long samples = 0;
    try (Tsdb db = Tsdb.open(dir, opts)) {
      long[] refs = new long[series];
      for (long t = T0; t < T0 + 23 * H; t += STEP) {
        Appender a = db.appender();
        for (int i = 0; i < series; i++) {
          refs[i] = a.append(refs[i], labels[i], t, (t / STEP) % 1000 + i * 0.5);
        }
        a.commit();
        samples += series;
        if ((t - T0) % (2 * H) == 0) {
          db.compact();
        }
      }
      db.compact();
      System.out.printf(
          "built: %d series, %d samples, %d blocks (%d MB), head %d series, in %d s%n",
          series,
          samples,
          db.blocks().size(),
          db.blockBytes() >> 20,
          db.headSeries(),
          (System.nanoTime() - build0) / 1_000_000_000L);
    }
    System.out.printf("WAL on disk: %d MB%n", treeBytes(dir.resolve("wal")) >> 20);
    for (int run = 1; run <= 3; run++) {
      long b0 = System.nanoTime();
      List<Block> blocks = BlockDirs.load(FileSeam.real(), dir);
      long blocksMs = (System.nanoTime() - b0) / 1_000_000;
      blocks.forEach(Block::close);
      long t0 = System.nanoTime();
      try (Tsdb db = Tsdb.open(dir, opts)) {
        long openMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf(
            "run %d: Tsdb.open ready in %d ms (opening %d blocks alone: %d ms; the rest is WAL"
                + " replay of %d records into %d head series)%n",
            run,
            openMs,
            db.blocks().size(),
            blocksMs,
            db.replayResult().records(),
            db.headSeries());
      }
    }
    if (args.length <= 1) {
      deleteTree(dir);
    }
  }

  private static long treeBytes(Path p) throws IOException {
    try (Stream<Path> walk = Files.walk(p)) {
      long n = 0;
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        n += Files.size(f);
      }
      return n;
    }
  }

  private static void deleteTree(Path p) throws IOException {
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}
