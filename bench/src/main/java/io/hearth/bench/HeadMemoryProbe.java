package io.hearth.bench;

import io.hearth.bench.peers.WorkloadGenerator;
import io.hearth.bench.peers.WorkloadSpec;
import io.hearth.model.LabelMatcher;
import io.hearth.model.MatchType;
import io.hearth.model.ValueKind;
import io.hearth.remote.write.MetadataSink;
import io.hearth.remote.write.RemoteWriteHandler;
import io.hearth.remote.write.RemoteWriteLimits;
import io.hearth.remote.write.RemoteWriteRequest;
import io.hearth.remote.write.RemoteWriteScratch;
import io.hearth.storage.Querier;
import io.hearth.storage.SampleIterator;
import io.hearth.storage.SelectHints;
import io.hearth.storage.SeriesSet;
import io.hearth.tsdb.TsdbObserver;
import io.hearth.tsdb.head.Head;
import io.hearth.tsdb.head.HeadLog;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.management.ObjectName;

/**
 * Memory per series of the head after a Remote Write ingest: writes the peer benchmark's workload
 * ({@code hosts} x 200 series, 6 h at 15 s = 1,440 samples per series) through {@link
 * RemoteWriteHandler} into a {@link Head} without a WAL, then reports the retained Java heap (after
 * full collections), the full chunks' bytes per series (in head chunks files) and the process'
 * resident set (VmRSS, split into RssAnon and RssFile) per series, then the time and resident set
 * of one query reading the last 3 h of every series, before and after the querier closes, and the
 * top of a live class histogram so the biggest contributors are visible.
 *
 * <p>Run: {@code java --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar
 * io.hearth.bench.HeadMemoryProbe [hosts]} (default 100 hosts = 20,000 series).
 */
public final class HeadMemoryProbe {
  private HeadMemoryProbe() {}

  /**
   * Runs the probe and prints the figures to standard output.
   *
   * @param args optional host count
   * @throws Exception on any failure
   */
  public static void main(String[] args) throws Exception {
    int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    WorkloadSpec spec =
        new WorkloadSpec(hosts, 7, 9, 15_000, 1_800_000_000_000L, 6 * 3600_000L, 42);
    WorkloadGenerator generator = new WorkloadGenerator(spec);
    int series = generator.seriesCount();
    // Measured before the requests are encoded: they are dropped before the measurement after.
    long before = retainedHeap();
    long[] rssBefore = rss();
    List<byte[]> requests = RemoteWriteIngestBenchmark.encodeAll(generator);
    Head head = new Head(HeadLog.NONE, TsdbObserver.NONE);
    RemoteWriteHandler handler =
        RemoteWriteHandler.create(head::appender, RemoteWriteLimits.defaults(), MetadataSink.NONE);
    RemoteWriteScratch scratch = new RemoteWriteScratch();
    long t0 = System.nanoTime();
    long samples = 0;
    for (int i = 0; i < requests.size(); i++) {
      byte[] body = requests.get(i);
      requests.set(i, null);
      var r =
          handler.handle(
              new RemoteWriteRequest(
                  "application/x-protobuf", "snappy", body.length, new ByteArrayInputStream(body)),
              scratch);
      if (r.status() / 100 != 2) {
        throw new IllegalStateException("refused: " + r);
      }
      samples += RemoteWriteIngestBenchmark.SAMPLES_PER_REQUEST;
    }
    long wall = System.nanoTime() - t0;
    requests = null;
    long after = retainedHeap();
    long[] rssAfter = rss();
    System.out.printf(
        "series %d, samples %d, ingest %.1f s%n", head.numSeries(), samples, wall / 1e9);
    System.out.printf(
        "heap retained %.1f MiB = %.0f B/series; arena used %.1f MiB = %.0f B/series"
            + " (reserved %.1f MiB), %d chunks%n",
        (after - before) / 1048576.0,
        (after - before) / (double) series,
        head.chunkBytes() / 1048576.0,
        head.chunkBytes() / (double) series,
        head.chunkBytesReserved() / 1048576.0,
        head.numChunks());
    System.out.printf(
        "process RSS growth %.0f B/series (anon %.0f, file %.0f; includes the heap the encoded"
            + " requests grew)%n",
        (rssAfter[0] - rssBefore[0]) / (double) series,
        (rssAfter[1] - rssBefore[1]) / (double) series,
        (rssAfter[2] - rssBefore[2]) / (double) series);
    for (int run = 0; run < 3; run++) {
      queryLast3h(head, series, rssAfter);
    }
    String histo =
        (String)
            ManagementFactory.getPlatformMBeanServer()
                .invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcClassHistogram",
                    new Object[] {new String[0]},
                    new String[] {String[].class.getName()});
    histo.lines().limit(28).forEach(System.out::println);
    head.close();
  }

  /** Reads every sample of the last 3 h of every series, printing time and resident set. */
  private static void queryLast3h(Head head, int series, long[] rssBase) {
    long maxT = head.maxTime();
    long t0 = System.nanoTime();
    long n = 0;
    long[] during;
    try (Querier q = head.querier(maxT - 3 * 3600_000L, maxT)) {
      SeriesSet set =
          q.select(
              false,
              SelectHints.range(maxT - 3 * 3600_000L, maxT),
              LabelMatcher.of(MatchType.REGEX, "__name__", ".+"));
      SampleIterator it = null;
      while (set.next()) {
        it = set.at().iterator(it);
        while (it.next() != ValueKind.NONE) {
          n++;
        }
      }
      during = rss();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    long[] closed = rss();
    System.out.printf(
        "query last 3h: %d samples in %d ms; RssFile above ingest end %.0f B/series while open,"
            + " %.0f after close%n",
        n,
        ms,
        (during[2] - rssBase[2]) / (double) series,
        (closed[2] - rssBase[2]) / (double) series);
  }

  /** VmRSS, RssAnon and RssFile of this process in bytes (zeros where /proc is missing). */
  private static long[] rss() {
    long[] out = new long[3];
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        String[] f = line.split("\\s+");
        int i =
            switch (f[0]) {
              case "VmRSS:" -> 0;
              case "RssAnon:" -> 1;
              case "RssFile:" -> 2;
              default -> -1;
            };
        if (i >= 0) {
          out[i] = Long.parseLong(f[1]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux: report zeros.
    }
    return out;
  }

  private static long retainedHeap() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
