package io.hearth.bench;

import io.hearth.bench.peers.BenchQuery;
import io.hearth.bench.peers.WorkloadGenerator;
import io.hearth.bench.peers.WorkloadSpec;
import io.hearth.model.LabelMatcher;
import io.hearth.model.Labels;
import io.hearth.model.MatchType;
import io.hearth.promql.engine.EngineOptions;
import io.hearth.promql.engine.PromqlEngine;
import io.hearth.promql.engine.QueryOptions;
import io.hearth.storage.Appender;
import io.hearth.storage.ChunkQuerier;
import io.hearth.storage.ChunkSeriesSet;
import io.hearth.storage.SelectHints;
import io.hearth.tsdb.Tsdb;
import io.hearth.tsdb.TsdbOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * Times the peer bench's query set directly against a {@link Tsdb} holding blocks and a head, the
 * shape the peer bench measures over HTTP: 100 hosts x 200 series, 6 h at 15 s, compacted into 2 h
 * blocks while the head keeps the last hours. The database is built once into a directory and
 * reopened by later runs, so profiles see only the queries.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar io.hearth.bench.PromqlBlocksProbe DIR
 * [ROUNDS]}; prints the median and minimum wall milliseconds and the mean process CPU milliseconds
 * per query (all threads; steadier than wall time on a shared machine). With {@code
 * -Dprobe.virtual=true} each query runs on its own virtual thread, as in the HTTP server.
 */
public final class PromqlBlocksProbe {
  private static final long END = 1_800_000_000_000L;
  private static final long SPAN = 6 * 3600_000L;

  private PromqlBlocksProbe() {}

  /**
   * Builds or reopens the database in {@code args[0]} and times each bench query {@code args[1]}
   * times (default 30).
   */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    String only = args.length > 2 ? args[2] : null;
    boolean fresh = !Files.exists(dir.resolve("wal"));
    TsdbOptions opts = TsdbOptions.defaults().withCompactionInterval(Duration.ofDays(1));
    try (Tsdb db = Tsdb.open(dir, opts)) {
      if (fresh) {
        fill(db);
        System.out.println("blocks: " + db.compact().size());
      }
      System.out.println("blocks " + db.blocks().size() + ", head series " + db.headSeries());
      PromqlEngine engine = PromqlEngine.create(EngineOptions.defaults());
      long start = END - SPAN;
      int qi = 0;
      for (BenchQuery q : BenchQuery.benchSet()) {
        qi++;
        if (only != null && !only.contains(Integer.toString(qi))) {
          continue;
        }
        Runnable r;
        if (q.path().endsWith("query_range")) {
          r = () -> engine.range(db, q.query(), start, END, 60_000, QueryOptions.DEFAULT);
        } else if (q.path().endsWith("series")) {
          r = () -> series(db, start, q.query());
        } else {
          continue;
        }
        if (Boolean.getBoolean("probe.virtual")) {
          // As the HTTP server runs queries: each on its own virtual thread.
          Runnable direct = r;
          r = () -> onVirtualThread(direct);
        }
        double[] ms = new double[rounds];
        com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int w = 0; w < Math.max(3, rounds / 3); w++) {
          r.run();
        }
        long cpu0 = os.getProcessCpuTime();
        for (int i = 0; i < rounds; i++) {
          long t0 = System.nanoTime();
          r.run();
          ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        double cpuMs = (os.getProcessCpuTime() - cpu0) / 1e6 / rounds;
        Arrays.sort(ms);
        System.out.printf("%8.1f %8.1f %8.1f  %s%n", ms[rounds / 2], ms[0], cpuMs, q.title());
      }
    }
  }

  private static void onVirtualThread(Runnable r) {
    try {
      Thread.ofVirtual().start(r).join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int series(Tsdb db, long start, String name) {
    int n = 0;
    try (ChunkQuerier q = db.chunkQuerier(start, END)) {
      ChunkSeriesSet set =
          q.select(
              true,
              new SelectHints(start, END, 0, "series", 0, java.util.List.of(), false),
              LabelMatcher.of(MatchType.EQUAL, "__name__", name));
      while (set.next()) {
        n += set.at().labels().size();
      }
    }
    return n;
  }

  private static void fill(Tsdb db) {
    WorkloadSpec spec = new WorkloadSpec(100, 7, 9, 15_000, END, SPAN, 42);
    WorkloadGenerator gen = new WorkloadGenerator(spec);
    int n = gen.seriesCount();
    Labels[] labels = new Labels[n];
    for (int i = 0; i < n; i++) {
      labels[i] = Labels.ofSortedPairs(gen.labelPairs(i).clone());
    }
    long[] refs = new long[n];
    double[] values = new double[n];
    while (gen.hasNext()) {
      long t = gen.nextTimestamp();
      gen.nextStep(values);
      Appender app = db.appender();
      for (int i = 0; i < n; i++) {
        refs[i] = app.append(refs[i], labels[i], t, values[i]);
      }
      app.commit();
    }
  }
}
