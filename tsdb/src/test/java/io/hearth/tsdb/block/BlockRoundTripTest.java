package io.hearth.tsdb.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.model.LabelMatcher;
import io.hearth.model.Labels;
import io.hearth.model.MatchType;
import io.hearth.model.ValueKind;
import io.hearth.storage.ChunkIterator;
import io.hearth.storage.ChunkQuerier;
import io.hearth.storage.ChunkSeries;
import io.hearth.storage.ChunkSeriesSet;
import io.hearth.storage.Querier;
import io.hearth.storage.SampleIterator;
import io.hearth.storage.SeriesSet;
import io.hearth.testkit.Seed;
import io.hearth.testkit.SeededExtension;
import io.hearth.tsdb.block.TestData.TestSeries;
import io.hearth.tsdb.io.FileSeam;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SeededExtension.class)
class BlockRoundTripTest {
  private static final long T0 = 1_700_000_000_000L;

  @TempDir Path dir;

  @Test
  void writesAndReadsBackChunksAndSamples(Seed seed) throws Exception {
    Random r = seed.random();
    List<TestSeries> series = TestData.randomSeries(r, 1 + r.nextInt(80), 400, T0);
    long maxT = T0 + 400L * 16_000 + 120_000;
    // Tiny segments force many chunk files and refs with a non-zero segment index.
    BlockWriter w = BlockWriter.create(FileSeam.real(), dir, r, 1 + r.nextInt(8192) + 64);
    BlockMeta meta = w.write(TestData.asSet(series), T0, maxT);

    assertThat(Files.isDirectory(dir.resolve(meta.ulid()))).isTrue();
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly(meta.ulid());
    }
    long samples = series.stream().mapToLong(x -> x.t().length).sum();
    long chunks = series.stream().mapToLong(x -> x.chunkStarts().length).sum();
    assertThat(meta.numSamples()).isEqualTo(samples);
    assertThat(meta.numChunks()).isEqualTo(chunks);
    assertThat(meta.numSeries()).isEqualTo(series.size());

    try (Block block = Block.open(dir.resolve(meta.ulid()))) {
      assertThat(block.meta()).isEqualTo(meta);
      assertThat(block.index().seriesCount()).isEqualTo(series.size());
      try (ChunkQuerier q = block.chunkQuerier(Long.MIN_VALUE, Long.MAX_VALUE)) {
        ChunkSeriesSet set =
            q.select(true, null, LabelMatcher.of(MatchType.REGEX, "__name__", ".+"));
        int i = 0;
        ChunkIterator it = null;
        while (set.next()) {
          ChunkSeries cs = set.at();
          TestSeries expected = series.get(i++);
          assertThat(cs.labels()).isEqualTo(expected.labels());
          List<byte[]> want = expected.chunks();
          it = cs.iterator(it);
          for (int c = 0; c < want.size(); c++) {
            assertThat(it.next()).isTrue();
            assertThat(it.encoding()).isEqualTo(1);
            assertThat(it.minT()).isEqualTo(expected.chunkMinT(c));
            assertThat(it.maxT()).isEqualTo(expected.chunkMaxT(c));
            assertThat(it.bytes().toArray(ValueLayout.JAVA_BYTE)).isEqualTo(want.get(c));
          }
          assertThat(it.next()).isFalse();
        }
        assertThat(i).isEqualTo(series.size());
      }
      for (int k = 0; k < 5; k++) {
        long lo = T0 + r.nextInt(400 * 16_000);
        long hi = lo + r.nextInt(200 * 16_000);
        assertSamples(block, series, lo, hi, r);
        // A range that ends exactly on a sample: the last one is inside.
        long[] someT = series.get(r.nextInt(series.size())).t();
        if (someT.length > 0) {
          assertSamples(block, series, lo, someT[r.nextInt(someT.length)], r);
        }
      }
    }
  }

  private static void assertSamples(
      Block block, List<TestSeries> series, long lo, long hi, Random r) {
    try (Querier q = block.querier(lo, hi)) {
      SeriesSet set = q.select(true, null, LabelMatcher.of(MatchType.NOT_EQUAL, "__name__", ""));
      SampleIterator it = null;
      for (TestSeries s : series) {
        long[] t = s.t();
        int from = 0;
        while (from < t.length && t[from] < lo) {
          from++;
        }
        int to = from;
        while (to < t.length && t[to] <= hi) {
          to++;
        }
        if (to == from) {
          // A chunk may overlap the range without a sample in it; then the series is present but
          // yields nothing, which is what Prometheus' block querier does too.
          boolean overlaps = false;
          for (int c = 0; c < s.chunkStarts().length; c++) {
            overlaps |= s.chunkMinT(c) <= hi && s.chunkMaxT(c) >= lo;
          }
          if (!overlaps) {
            continue;
          }
        }
        assertThat(set.next()).isTrue();
        assertThat(set.at().labels()).isEqualTo(s.labels());
        it = set.at().iterator(it);
        int i = from;
        if (to > from && r.nextBoolean()) {
          // Seek into the middle, then continue with next().
          i = from + r.nextInt(to - from);
          assertThat(it.seek(t[i] - r.nextInt(2))).isEqualTo(ValueKind.FLOAT);
          assertThat(it.t()).isEqualTo(t[i]);
          assertThat(Double.doubleToRawLongBits(it.v()))
              .isEqualTo(Double.doubleToRawLongBits(s.v()[i]));
          i++;
        }
        if (r.nextBoolean()) {
          // In bulk, in pieces of random size that cross chunk boundaries, with next() between.
          long[] gotT = new long[to - i + 64];
          double[] gotV = new double[gotT.length];
          int n = 0;
          while (true) {
            if (n < gotT.length && r.nextInt(8) == 0) {
              if (it.next() == ValueKind.NONE) {
                break;
              }
              gotT[n] = it.t();
              gotV[n++] = it.v();
              continue;
            }
            int got = it.nextFloats(gotT, gotV, n, Math.min(1 + r.nextInt(200), gotT.length - n));
            if (got == 0) {
              break;
            }
            n += got;
          }
          assertThat(n).isEqualTo(to - i);
          for (int k = 0; k < n; k++, i++) {
            assertThat(gotT[k]).isEqualTo(t[i]);
            assertThat(Double.doubleToRawLongBits(gotV[k]))
                .isEqualTo(Double.doubleToRawLongBits(s.v()[i]));
          }
          assertThat(it.nextFloats(gotT, gotV, 0, gotT.length)).isZero();
        }
        for (; i < to; i++) {
          assertThat(it.next()).isEqualTo(ValueKind.FLOAT);
          assertThat(it.t()).isEqualTo(t[i]);
          assertThat(Double.doubleToRawLongBits(it.v()))
              .isEqualTo(Double.doubleToRawLongBits(s.v()[i]));
        }
        assertThat(it.next()).isEqualTo(ValueKind.NONE);
        assertThat(it.next()).isEqualTo(ValueKind.NONE);
      }
      assertThat(set.next()).isFalse();
    }
  }

  @Test
  void equalLabelsOfTwoBlocksShareTheirStrings(Seed seed) throws Exception {
    // Merging blocks and head compares label sets; shared (interned) strings make that a
    // reference comparison per label.
    List<TestSeries> series = TestData.randomSeries(seed.random(), 5, 50, T0);
    Path a = Files.createDirectories(dir.resolve("a"));
    Path b = Files.createDirectories(dir.resolve("b"));
    long maxT = T0 + 50L * 16_000 + 120_000;
    BlockMeta ma = BlockWriter.create(FileSeam.real(), a).write(TestData.asSet(series), T0, maxT);
    BlockMeta mb = BlockWriter.create(FileSeam.real(), b).write(TestData.asSet(series), T0, maxT);
    try (Block ba = Block.open(a.resolve(ma.ulid()));
        Block bb = Block.open(b.resolve(mb.ulid()))) {
      assertThat(ba.index().symbolCount()).isPositive().isEqualTo(bb.index().symbolCount());
      for (int i = 0; i < ba.index().symbolCount(); i++) {
        String sa = ba.index().symbol(i);
        assertThat(sa).isEqualTo(bb.index().symbol(i)).isSameAs(bb.index().symbol(i));
        assertThat(sa).isSameAs(new String(sa.toCharArray()).intern());
      }
    }
  }

  @Test
  void clipsChunksToTheBlockRange(Seed seed) throws Exception {
    Random r = seed.random();
    List<TestSeries> series = TestData.randomSeries(r, 20, 300, T0);
    long minT = T0 + 600_000 + r.nextInt(60_000);
    long maxT = minT + 1_200_000 + r.nextInt(60_000);
    BlockMeta meta =
        BlockWriter.create(FileSeam.real(), dir).write(TestData.asSet(series), minT, maxT);
    long expectedSamples = 0;
    List<TestSeries> kept = new ArrayList<>();
    for (TestSeries s : series) {
      long n = java.util.Arrays.stream(s.t()).filter(t -> t >= minT && t < maxT).count();
      expectedSamples += n;
      if (n > 0) {
        kept.add(s);
      }
    }
    assertThat(meta.numSamples()).isEqualTo(expectedSamples);
    assertThat(meta.numSeries()).isEqualTo(kept.size());
    try (Block block = Block.open(dir.resolve(meta.ulid()));
        Querier q = block.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
      SeriesSet set = q.select(true, null, LabelMatcher.of(MatchType.REGEX, "__name__", ".*"));
      for (TestSeries s : kept) {
        assertThat(set.next()).isTrue();
        assertThat(set.at().labels()).isEqualTo(s.labels());
        SampleIterator it = set.at().iterator(null);
        for (int i = 0; i < s.t().length; i++) {
          if (s.t()[i] >= minT && s.t()[i] < maxT) {
            assertThat(it.next()).isEqualTo(ValueKind.FLOAT);
            assertThat(it.t()).isEqualTo(s.t()[i]);
          }
        }
        assertThat(it.next()).isEqualTo(ValueKind.NONE);
      }
      assertThat(set.next()).isFalse();
    }
  }

  @Test
  void matchersAgreeWithANaiveFilter(Seed seed) throws Exception {
    Random r = seed.random();
    List<TestSeries> series = TestData.randomSeries(r, 150, 3, T0);
    BlockMeta meta =
        BlockWriter.create(FileSeam.real(), dir).write(TestData.asSet(series), T0, T0 + 3_600_000);
    String[] names = {"__name__", "job", "instance", "code", "zone", "ä", "le", "absent"};
    String[] values = {"", "a", "b", "api", "metric_1", "東京", "a1", "+Inf", "500"};
    String[] regexes = {".*", ".+", "a.*", "api|b", "metric_[12]", "", "東.*", "(a|b)[0-9]?"};
    try (Block block = Block.open(dir.resolve(meta.ulid()));
        Querier q = block.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
      for (int round = 0; round < 200; round++) {
        LabelMatcher[] ms = new LabelMatcher[1 + r.nextInt(3)];
        for (int i = 0; i < ms.length; i++) {
          MatchType type = MatchType.values()[r.nextInt(MatchType.values().length)];
          String name = names[r.nextInt(names.length)];
          boolean regex = type == MatchType.REGEX || type == MatchType.NOT_REGEX;
          String value =
              regex ? regexes[r.nextInt(regexes.length)] : values[r.nextInt(values.length)];
          ms[i] = LabelMatcher.of(type, name, value);
        }
        List<Labels> want = new ArrayList<>();
        for (TestSeries s : series) {
          boolean ok = true;
          for (LabelMatcher m : ms) {
            ok &= m.matches(s.labels().get(m.name()));
          }
          if (ok) {
            want.add(s.labels());
          }
        }
        List<Labels> got = new ArrayList<>();
        SeriesSet set = q.select(true, null, ms);
        while (set.next()) {
          got.add(set.at().labels());
        }
        assertThat(got).as(java.util.Arrays.toString(ms)).isEqualTo(want);

        TreeSet<String> wantNames = new TreeSet<>(io.hearth.model.Utf8Order::compare);
        TreeSet<String> wantJob = new TreeSet<>(io.hearth.model.Utf8Order::compare);
        for (Labels l : want) {
          for (int i = 0; i < l.size(); i++) {
            wantNames.add(l.name(i));
          }
          if (l.has("job")) {
            wantJob.add(l.get("job"));
          }
        }
        assertThat(q.labelNames(ms)).containsExactlyElementsOf(wantNames);
        assertThat(q.labelValues("job", ms)).containsExactlyElementsOf(wantJob);
      }
      TreeSet<String> allNames = new TreeSet<>(io.hearth.model.Utf8Order::compare);
      for (TestSeries s : series) {
        for (int i = 0; i < s.labels().size(); i++) {
          allNames.add(s.labels().name(i));
        }
      }
      assertThat(q.labelNames()).containsExactlyElementsOf(allNames);
    }
  }

  @Test
  void rejectsUnsortedSeriesAndLeavesNothingBehind(Seed seed) throws Exception {
    Random r = seed.random();
    List<TestSeries> series = new ArrayList<>(TestData.randomSeries(r, 10, 5, T0));
    java.util.Collections.swap(series, 2, 7);
    BlockWriter w = BlockWriter.create(FileSeam.real(), dir);
    assertThatThrownBy(() -> w.write(TestData.asSet(series), T0, T0 + 3_600_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("out of order");
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s).isEmpty();
    }
  }
}
