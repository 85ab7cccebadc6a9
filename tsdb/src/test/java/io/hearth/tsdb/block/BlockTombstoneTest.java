package io.hearth.tsdb.block;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.encoding.XorChunkReader;
import io.hearth.model.LabelMatcher;
import io.hearth.model.Labels;
import io.hearth.model.MatchType;
import io.hearth.model.ValueKind;
import io.hearth.storage.ChunkIterator;
import io.hearth.storage.ChunkQuerier;
import io.hearth.storage.ChunkSeriesSet;
import io.hearth.storage.Querier;
import io.hearth.storage.SampleIterator;
import io.hearth.storage.SeriesSet;
import io.hearth.testkit.Seed;
import io.hearth.testkit.SeededExtension;
import io.hearth.tsdb.block.TestData.TestSeries;
import io.hearth.tsdb.io.FileSeam;
import io.hearth.tsdb.util.DeletedIntervals;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SeededExtension.class)
class BlockTombstoneTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final LabelMatcher ALL = LabelMatcher.of(MatchType.REGEX, "__name__", ".*");

  @TempDir Path dir;

  @Test
  void mergesIntervals() {
    assertThat(DeletedIntervals.merge(new long[] {10, 20, 1, 5, 21, 30, 6, 9, 40, 50, 45, 46}))
        .containsExactly(1, 30, 40, 50);
    assertThat(DeletedIntervals.merge(new long[] {10, 20, 1, 5})).containsExactly(1, 5, 10, 20);
    assertThat(DeletedIntervals.merge(new long[] {Long.MIN_VALUE, 0, 1, Long.MAX_VALUE}))
        .containsExactly(Long.MIN_VALUE, Long.MAX_VALUE);
    assertThat(DeletedIntervals.merge(new long[] {5, 7, 9, 10})).containsExactly(5, 7, 9, 10);
  }

  @Test
  void deletedSamplesDisappearFromBothQueriersAndSurviveReopen(Seed seed) throws Exception {
    Random r = seed.random();
    List<TestSeries> series = TestData.randomSeries(r, 40, 300, T0);
    BlockMeta meta =
        BlockWriter.create(FileSeam.real(), dir).write(TestData.asSet(series), T0, T0 + 7_200_000);
    Path blockDir = dir.resolve(meta.ulid());
    Map<Labels, List<long[]>> deleted = new HashMap<>();
    try (Block block = Block.open(blockDir)) {
      Querier before = block.querier(Long.MIN_VALUE, Long.MAX_VALUE);
      for (int k = 0; k < 4; k++) {
        long lo = T0 + r.nextInt(5_000_000);
        long hi = lo + (r.nextBoolean() ? r.nextInt(100_000) : r.nextInt(3_000_000));
        LabelMatcher m =
            r.nextBoolean()
                ? LabelMatcher.equal("__name__", "metric_" + r.nextInt(4))
                : LabelMatcher.of(MatchType.REGEX, "job", "a.*");
        if (k == 0) {
          // The first deletion certainly hits: it starts at the first sample of a series.
          TestSeries s = series.get(r.nextInt(series.size()));
          m = LabelMatcher.equal("__name__", s.labels().get("__name__"));
          lo = s.t()[0];
        }
        int expectedHits = 0;
        for (TestSeries s : series) {
          if (m.matches(s.labels().get(m.name()))) {
            boolean overlaps = false;
            for (int c = 0; c < s.chunkStarts().length; c++) {
              overlaps |= s.chunkMinT(c) <= hi && lo <= s.chunkMaxT(c);
            }
            if (overlaps) {
              expectedHits++;
              deleted.computeIfAbsent(s.labels(), x -> new ArrayList<>()).add(new long[] {lo, hi});
            }
          }
        }
        assertThat(block.delete(FileSeam.real(), lo, hi, m)).isEqualTo(expectedHits);
      }
      // A querier opened before the deletions keeps its snapshot.
      assertThat(samples(before)).isEqualTo(expected(series, Map.of()));
      before.close();
      check(block, series, deleted);
      assertThat(deleted).isNotEmpty();
      assertThat(block.meta().numTombstones()).isPositive();
    }
    try (Block block = Block.open(blockDir)) {
      check(block, series, deleted);
      assertThat(BlockMeta.parse(Files.readAllBytes(blockDir.resolve("meta.json")), "m"))
          .isEqualTo(block.meta());
    }
    try (var s = Files.list(blockDir)) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("chunks", "index", "meta.json", "tombstones");
    }
  }

  private static void check(
      Block block, List<TestSeries> series, Map<Labels, List<long[]>> deleted) {
    List<String> want = expected(series, deleted);
    try (Querier q = block.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
      assertThat(samples(q)).isEqualTo(want);
    }
    List<String> fromChunks = new ArrayList<>();
    try (ChunkQuerier q = block.chunkQuerier(Long.MIN_VALUE, Long.MAX_VALUE)) {
      ChunkSeriesSet set = q.select(true, null, ALL);
      XorChunkReader reader = new XorChunkReader();
      while (set.next()) {
        ChunkIterator it = set.at().iterator(null);
        while (it.next()) {
          reader.reset(it.bytes());
          boolean first = true;
          long last = 0;
          while (reader.next()) {
            if (first) {
              assertThat(reader.t()).isEqualTo(it.minT());
              first = false;
            }
            last = reader.t();
            fromChunks.add(set.at().labels() + " " + reader.t() + " " + reader.vBits());
          }
          assertThat(last).isEqualTo(it.maxT());
        }
      }
    }
    assertThat(fromChunks).isEqualTo(want);
  }

  private static List<String> samples(Querier q) {
    List<String> out = new ArrayList<>();
    SeriesSet set = q.select(true, null, ALL);
    SampleIterator it = null;
    while (set.next()) {
      it = set.at().iterator(it);
      while (it.next() == ValueKind.FLOAT) {
        out.add(set.at().labels() + " " + it.t() + " " + Double.doubleToRawLongBits(it.v()));
      }
    }
    return out;
  }

  private static List<String> expected(List<TestSeries> series, Map<Labels, List<long[]>> deleted) {
    List<String> out = new ArrayList<>();
    for (TestSeries s : series) {
      List<long[]> dels = deleted.getOrDefault(s.labels(), List.of());
      for (int i = 0; i < s.t().length; i++) {
        long t = s.t()[i];
        if (dels.stream().noneMatch(d -> d[0] <= t && t <= d[1])) {
          out.add(s.labels() + " " + t + " " + Double.doubleToRawLongBits(s.v()[i]));
        }
      }
    }
    return out;
  }
}
