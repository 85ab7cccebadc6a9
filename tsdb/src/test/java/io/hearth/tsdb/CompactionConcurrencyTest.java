package io.hearth.tsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.hearth.model.LabelMatcher;
import io.hearth.model.Labels;
import io.hearth.model.ValueKind;
import io.hearth.storage.Appender;
import io.hearth.storage.ChunkQuerier;
import io.hearth.storage.ChunkSeriesSet;
import io.hearth.storage.Querier;
import io.hearth.storage.SampleIterator;
import io.hearth.storage.SeriesSet;
import io.hearth.testkit.Seed;
import io.hearth.testkit.SeededExtension;
import io.hearth.testkit.memory.MemoryStorage;
import io.hearth.tsdb.block.BlockMeta;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queries and appends keep working while the head is compacted and truncated: chunk memory is not
 * freed under a running query, and no sample is lost or doubled at any moment.
 */
@ExtendWith(SeededExtension.class)
class CompactionConcurrencyTest {
  static final long H = CompactionTest.H;

  @TempDir Path dir;

  @Test
  void queriesAndAppendsDuringCompactionSeeEveryOldSampleExactlyOnce(Seed seed) throws Exception {
    Random rnd = seed.random();
    int series = 2000;
    long step = 15_000;
    long end = 7 * H;
    try (Tsdb db = Tsdb.open(dir, CompactionTest.opts())) {
      long t0 = System.nanoTime();
      for (long t = 0; t < end; t += step) {
        Appender a = db.appender();
        for (int s = 0; s < series; s++) {
          Labels l = Labels.of("__name__", "load", "i", "" + s);
          assertThat(Appender.isRejected(a.append(0, l, t, rnd.nextGaussian() * 1000))).isFalse();
        }
        assertThat(a.commit().samplesWritten()).isEqualTo(series);
      }
      long appendMs = (System.nanoTime() - t0) / 1_000_000;
      long fixed = series * (end / step);
      long reservedBefore = db.headChunkBytesReserved();

      AtomicBoolean stop = new AtomicBoolean();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      AtomicLong queries = new AtomicLong();
      Thread reader =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      while (!stop.get()) {
                        try (Querier q = db.querier(0, end - 1)) {
                          assertThat(CompactionTest.countSamples(q)).isEqualTo(fixed);
                        }
                        try (ChunkQuerier q = db.chunkQuerier(0, end - 1)) {
                          ChunkSeriesSet set = q.select(false, null, CompactionTest.ALL);
                          int n = 0;
                          while (set.next()) {
                            var it = set.at().iterator(null);
                            while (it.next()) {
                              // Touch the chunk bytes: freed memory would fail here.
                              it.bytes().get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0);
                            }
                            n++;
                          }
                          assertThat(n).isEqualTo(series);
                        }
                        queries.incrementAndGet();
                      }
                    } catch (Throwable e) {
                      failure.set(e);
                    }
                  });
      MemoryStorage late = MemoryStorage.create();
      Thread writer =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      Random r = new Random(seed.value());
                      for (long t = end; !stop.get() && t < end + H; t += 1000) {
                        Appender a = db.appender();
                        Appender e = late.appender();
                        for (int s = 0; s < 50; s++) {
                          Labels l = Labels.of("__name__", "late", "i", "" + s);
                          double v = r.nextDouble();
                          assertThat(Appender.isRejected(a.append(0, l, t, v))).isFalse();
                          e.append(0, l, t, v);
                        }
                        a.commit();
                        e.commit();
                      }
                    } catch (Throwable e) {
                      failure.set(e);
                    }
                  });
      long c0 = System.nanoTime();
      List<BlockMeta> written = db.compact();
      long compactMs = (System.nanoTime() - c0) / 1_000_000;
      Thread.sleep(200);
      stop.set(true);
      reader.join();
      writer.join();
      assertThat(failure.get()).isNull();
      // The late appends push the head's end on, so a third block may be cut.
      assertThat(written).extracting(BlockMeta::maxT).startsWith(2 * H, 4 * H);
      assertThat(queries.get()).isPositive();
      long reservedAfter = db.headChunkBytesReserved();
      assertThat(reservedAfter).isLessThan(reservedBefore);
      System.out.printf(
          "compaction: %d series, %d samples appended in %d ms; %d blocks of 2 h in %d ms; "
              + "head slabs %d -> %d bytes; %d queries ran meanwhile%n",
          series,
          fixed,
          appendMs,
          written.size(),
          compactMs,
          reservedBefore,
          reservedAfter,
          queries.get());
      // Everything, old and late, is there exactly once.
      try (Querier q = db.querier(0, end - 1)) {
        assertThat(CompactionTest.countSamples(q)).isEqualTo(fixed);
      }
      assertThat(CompactionTest.dump(db, end, Long.MAX_VALUE))
          .isEqualTo(CompactionTest.dump(late, end, Long.MAX_VALUE));
    }
  }

  /**
   * Block compaction in the background (eight 2 h blocks of 1,000 series overlapping in pairs into
   * one 6 h block and one 2 h block) while a writer appends to the head every 2 ms and a reader
   * queries one series over the blocks and the head every 5 ms: every query sees exactly the
   * expected samples, and the longest append+commit and query latencies during the compaction are
   * recorded (the goal is under 100 ms; the bound asserted is looser so that a slow CI machine does
   * not fail it).
   */
  @Test
  void blockCompactionDoesNotPauseAppendsOrQueries(Seed seed) throws Exception {
    Random rnd = seed.random();
    int series = 1000;
    long step = 15_000;
    long end = 10 * H;
    Path live = Files.createDirectory(dir.resolve("live"));
    // Two databases with the same samples: eight level-1 blocks overlapping in pairs, so that the
    // compaction merges sample by sample (four vertical compactions), then levels (one more).
    for (String name : List.of("a", "b")) {
      Path staging = dir.resolve(name);
      Random values = new Random(seed.value());
      try (Tsdb db = Tsdb.open(staging, CompactionTest.opts())) {
        for (long t = 0; t < end; t += step) {
          Appender a = db.appender();
          for (int s = 0; s < series; s++) {
            Labels l = Labels.of("__name__", "load", "i", "" + s);
            a.append(0, l, t, values.nextGaussian() * 1000);
          }
          a.commit();
        }
        assertThat(db.compact())
            .extracting(BlockMeta::maxT)
            .containsExactly(2 * H, 4 * H, 6 * H, 8 * H);
      }
      try (Stream<Path> st = Files.list(staging)) {
        for (Path p : st.toList()) {
          if (p.getFileName().toString().length() == 26) {
            Files.move(p, live.resolve(p.getFileName()));
          }
        }
      }
    }
    long perSeries = 8 * H / step;
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicLong compactedAt = new AtomicLong();
    long[] maxAppendNs = new long[2];
    long[] maxQueryNs = new long[2];
    long[] ops = new long[2];
    try (Tsdb db =
        Tsdb.open(live, CompactionTest.opts().withCompactionInterval(Duration.ofHours(1)))) {
      // Opening started the background cycle: it is compacting now.
      long opened = System.nanoTime();
      Thread writer =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      Random r = new Random(seed.value());
                      for (long t = 8 * H; !stop.get(); t += 1000) {
                        long t0 = System.nanoTime();
                        Appender a = db.appender();
                        for (int s = 0; s < 50; s++) {
                          Labels l = Labels.of("__name__", "late", "i", "" + s);
                          assertThat(Appender.isRejected(a.append(0, l, t, r.nextDouble())))
                              .isFalse();
                        }
                        a.commit();
                        int phase = compactedAt.get() == 0 ? 0 : 1;
                        maxAppendNs[phase] = Math.max(maxAppendNs[phase], System.nanoTime() - t0);
                        Thread.sleep(2);
                      }
                    } catch (Throwable e) {
                      failure.set(e);
                    }
                  });
      Thread reader =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      while (!stop.get()) {
                        long t0 = System.nanoTime();
                        try (Querier q = db.querier(0, 8 * H - 1)) {
                          SeriesSet set =
                              q.select(
                                  false,
                                  null,
                                  LabelMatcher.equal("__name__", "load"),
                                  LabelMatcher.equal("i", "" + rnd.nextInt(series)));
                          assertThat(set.next()).isTrue();
                          SampleIterator it = set.at().iterator(null);
                          long n = 0;
                          while (it.next() != ValueKind.NONE) {
                            n++;
                          }
                          assertThat(n).isEqualTo(perSeries);
                          assertThat(set.next()).isFalse();
                        }
                        int phase = compactedAt.get() == 0 ? 0 : 1;
                        maxQueryNs[phase] = Math.max(maxQueryNs[phase], System.nanoTime() - t0);
                        ops[phase]++;
                        Thread.sleep(5);
                      }
                    } catch (Throwable e) {
                      failure.set(e);
                    }
                  });
      while (db.blocks().size() > 2) {
        assertThat(System.nanoTime() - opened).isLessThan(120_000_000_000L);
        Thread.sleep(1);
      }
      compactedAt.set(System.nanoTime());
      Thread.sleep(1000);
      stop.set(true);
      writer.join();
      reader.join();
      assertThat(failure.get()).isNull();
      assertThat(db.blocks())
          .extracting(BlockMeta::level, BlockMeta::minT, BlockMeta::maxT)
          .containsExactly(tuple(3, 0L, 6 * H), tuple(2, 6 * H, 8 * H));
      assertThat(ops[0]).isPositive();
      System.out.printf(
          "block compaction of 8 overlapping 2 h blocks (%d series, %d samples) took %d ms; "
              + "during it %d queries: max query %.1f ms, max append+commit %.1f ms; "
              + "in the second after it: max query %.1f ms, max append+commit %.1f ms%n",
          series,
          8 * series * (2 * H / step),
          (compactedAt.get() - opened) / 1_000_000,
          ops[0],
          maxQueryNs[0] / 1e6,
          maxAppendNs[0] / 1e6,
          maxQueryNs[1] / 1e6,
          maxAppendNs[1] / 1e6);
      assertThat(maxAppendNs[0]).isLessThan(1_000_000_000L);
      assertThat(maxQueryNs[0]).isLessThan(1_000_000_000L);
      try (Querier q = db.querier(0, 8 * H - 1)) {
        assertThat(CompactionTest.countSamples(q)).isEqualTo(series * perSeries);
      }
    }
    try (Stream<Path> st = Files.list(live)) {
      assertThat(st.filter(p -> p.getFileName().toString().length() == 26)).hasSize(2);
    }
  }
}
