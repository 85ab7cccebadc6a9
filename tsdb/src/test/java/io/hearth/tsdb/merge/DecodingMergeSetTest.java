package io.hearth.tsdb.merge;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.model.LabelMatcher;
import io.hearth.model.Labels;
import io.hearth.model.MatchType;
import io.hearth.model.StaleMarker;
import io.hearth.model.ValueKind;
import io.hearth.storage.DecodedSamples;
import io.hearth.storage.Querier;
import io.hearth.storage.SampleIterator;
import io.hearth.storage.SelectHints;
import io.hearth.storage.Series;
import io.hearth.storage.SeriesSet;
import io.hearth.testkit.Seed;
import io.hearth.testkit.SeededExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The batched, array-decoding merge with sources whose series are detached (decoded on a helper)
 * and sources whose series expire when their set advances (copied on the querying thread).
 */
@ExtendWith(SeededExtension.class)
class DecodingMergeSetTest {
  private static final LabelMatcher ALL = LabelMatcher.of(MatchType.REGEX, "__name__", ".*");

  @Test
  void manySeriesFromDisjointAndOverlappingSourcesMatchAModel(Seed seed) {
    Random rnd = seed.random();
    int sources = 3;
    boolean overlap = rnd.nextBoolean();
    List<TreeMap<Labels, TreeMap<Long, Double>>> data = new ArrayList<>();
    TreeMap<Labels, TreeMap<Long, Double>> want = new TreeMap<>();
    for (int src = 0; src < sources; src++) {
      TreeMap<Labels, TreeMap<Long, Double>> one = new TreeMap<>();
      // 300 series: several batches of 64, so helpers and batch hand-over are exercised.
      for (int s = 0; s < 300; s++) {
        if (rnd.nextInt(5) == 0) {
          continue;
        }
        Labels l = Labels.of("__name__", "m", "s", String.format("%03d", s));
        TreeMap<Long, Double> samples = new TreeMap<>();
        long lo = overlap ? rnd.nextInt(100) : src * 1000L;
        long hi = overlap ? 200 + rnd.nextInt(200) : src * 1000L + 999;
        for (long t = lo; t <= hi; t += 1 + rnd.nextInt(40)) {
          double v = rnd.nextInt(20) == 0 ? StaleMarker.VALUE : src * 10_000 + t;
          samples.put(t, v);
          want.computeIfAbsent(l, k -> new TreeMap<>()).put(t, v);
        }
        one.put(l, samples);
      }
      data.add(one);
    }
    Querier[] qs = new Querier[sources];
    for (int src = 0; src < sources; src++) {
      // The last source behaves like the head: its series expire when the set advances.
      qs[src] = new ListQuerier(data.get(src), src < sources - 1);
    }
    List<String> got = new ArrayList<>();
    try (Querier q = new MergeQuerier(qs)) {
      SeriesSet set = q.select(true, SelectHints.range(0, 5000), ALL);
      SampleIterator it = null;
      while (set.next()) {
        Series s = set.at();
        it = s.iterator(it);
        assertThat(it).isInstanceOf(DecodedSamples.class);
        for (ValueKind k = it.next(); k != ValueKind.NONE; k = it.next()) {
          got.add(s.labels() + "@" + it.t() + "=" + Long.toHexString(bits(it.v())));
        }
      }
    }
    List<String> expected = new ArrayList<>();
    want.forEach(
        (l, samples) ->
            samples.forEach((t, v) -> expected.add(l + "@" + t + "=" + Long.toHexString(bits(v)))));
    assertThat(got).isEqualTo(expected);
  }

  @Test
  void bulkViewAgreesWithTheIteratorAndSeriesHintStaysLazy() {
    TreeMap<Labels, TreeMap<Long, Double>> a = new TreeMap<>();
    TreeMap<Labels, TreeMap<Long, Double>> b = new TreeMap<>();
    Labels l = Labels.of("__name__", "m");
    a.put(l, new TreeMap<>(java.util.Map.of(1L, 1.0, 2L, 2.0)));
    b.put(l, new TreeMap<>(java.util.Map.of(2L, 20.0, 3L, 30.0)));
    try (Querier q = new MergeQuerier(new ListQuerier(a, true), new ListQuerier(b, false))) {
      SeriesSet set = q.select(true, null, ALL);
      assertThat(set.next()).isTrue();
      DecodedSamples d = (DecodedSamples) set.at().iterator(null);
      assertThat(d.sampleCount()).isEqualTo(3);
      assertThat(java.util.Arrays.copyOf(d.sampleTimes(), 3)).containsExactly(1, 2, 3);
      assertThat(java.util.Arrays.copyOf(d.sampleValues(), 3)).containsExactly(1.0, 20.0, 30.0);
      assertThat(set.next()).isFalse();

      SeriesSet labelsOnly =
          q.select(true, new SelectHints(0, 10, 0, "series", 0, List.of(), false), ALL);
      assertThat(labelsOnly.next()).isTrue();
      assertThat(labelsOnly.at().labels()).isEqualTo(l);
      assertThat(labelsOnly.at().iterator(null)).isNotInstanceOf(DecodedSamples.class);
      assertThat(labelsOnly.next()).isFalse();
    }
  }

  /**
   * Series of 100,000 samples (two sources of 50,000) each: batches shrink to a few series and
   * every sample arrives.
   */
  @Test
  void longSeriesComeInSmallBatchesWithEverySample() {
    int series = 12;
    int per = 50_000;
    List<Labels> names = new ArrayList<>();
    List<long[]> ta = new ArrayList<>();
    List<long[]> tb = new ArrayList<>();
    for (int s = 0; s < series; s++) {
      names.add(Labels.of("__name__", "m", "s", String.format("%02d", s)));
      long[] a = new long[per];
      long[] b = new long[per];
      for (int i = 0; i < per; i++) {
        a[i] = i;
        b[i] = per + i;
      }
      ta.add(a);
      tb.add(b);
    }
    try (Querier q =
        new MergeQuerier(new ArrayQuerier(names, ta, true), new ArrayQuerier(names, tb, false))) {
      SeriesSet set = q.select(true, SelectHints.range(0, 2L * per), ALL);
      SampleIterator it = null;
      int n = 0;
      while (set.next()) {
        assertThat(set.at().labels()).isEqualTo(names.get(n++));
        it = set.at().iterator(it);
        long want = 0;
        for (ValueKind k = it.next(); k != ValueKind.NONE; k = it.next()) {
          assertThat(it.t()).isEqualTo(want);
          assertThat(it.v()).isEqualTo((double) want);
          want++;
        }
        assertThat(want).isEqualTo(2L * per);
      }
      assertThat(n).isEqualTo(series);
    }
  }

  /** A source over parallel lists of labels and sample times (values equal the times). */
  private record ArrayQuerier(List<Labels> names, List<long[]> times, boolean detached)
      implements Querier {
    @Override
    public SeriesSet select(boolean sorted, SelectHints hints, LabelMatcher... matchers) {
      return new SeriesSet() {
        private int i = -1;
        private Expiring expiring;

        @Override
        public boolean next() {
          if (expiring != null) {
            expiring.valid = false;
          }
          return ++i < names.size();
        }

        @Override
        public Series at() {
          long[] t = times.get(i);
          double[] v = new double[t.length];
          for (int j = 0; j < t.length; j++) {
            v[j] = t[j];
          }
          if (detached) {
            return new Detached(names.get(i), t, v);
          }
          expiring = new Expiring(names.get(i), t, v);
          return expiring;
        }
      };
    }

    @Override
    public List<String> labelNames(LabelMatcher... matchers) {
      return List.of();
    }

    @Override
    public List<String> labelValues(String name, LabelMatcher... matchers) {
      return List.of();
    }

    @Override
    public void close() {}
  }

  private static long bits(double v) {
    return Double.doubleToRawLongBits(v);
  }

  /** A source over sorted maps; its series are detached or expire on {@code next()}. */
  private static final class ListQuerier implements Querier {
    private final TreeMap<Labels, TreeMap<Long, Double>> data;
    private final boolean detached;

    ListQuerier(TreeMap<Labels, TreeMap<Long, Double>> data, boolean detached) {
      this.data = data;
      this.detached = detached;
    }

    @Override
    public SeriesSet select(boolean sorted, SelectHints hints, LabelMatcher... matchers) {
      List<Labels> keys = new ArrayList<>(data.keySet());
      return new SeriesSet() {
        private int i = -1;
        private Expiring expiring;

        @Override
        public boolean next() {
          if (expiring != null) {
            expiring.valid = false;
          }
          return ++i < keys.size();
        }

        @Override
        public Series at() {
          Labels l = keys.get(i);
          long[] t = data.get(l).keySet().stream().mapToLong(Long::longValue).toArray();
          double[] v = data.get(l).values().stream().mapToDouble(Double::doubleValue).toArray();
          if (detached) {
            return new Detached(l, t, v);
          }
          expiring = new Expiring(l, t, v);
          return expiring;
        }
      };
    }

    @Override
    public List<String> labelNames(LabelMatcher... matchers) {
      return List.of();
    }

    @Override
    public List<String> labelValues(String name, LabelMatcher... matchers) {
      return List.of();
    }

    @Override
    public void close() {}
  }

  private record Detached(Labels labels, long[] t, double[] v) implements DetachedSeries {
    @Override
    public SampleIterator iterator(SampleIterator reuse) {
      return new Iter(t, v, () -> true);
    }
  }

  private static final class Expiring implements Series {
    private final Labels labels;
    private final long[] t;
    private final double[] v;
    volatile boolean valid = true;

    Expiring(Labels labels, long[] t, double[] v) {
      this.labels = labels;
      this.t = t;
      this.v = v;
    }

    @Override
    public Labels labels() {
      return labels;
    }

    @Override
    public SampleIterator iterator(SampleIterator reuse) {
      return new Iter(t, v, () -> valid);
    }
  }

  /** Fails a read after its series expired, as a reused head buffer would silently corrupt. */
  private static final class Iter implements SampleIterator {
    private final long[] t;
    private final double[] v;
    private final java.util.function.BooleanSupplier valid;
    private int i = -1;

    Iter(long[] t, double[] v, java.util.function.BooleanSupplier valid) {
      this.t = t;
      this.v = v;
      this.valid = valid;
    }

    @Override
    public ValueKind next() {
      if (!valid.getAsBoolean()) {
        throw new IllegalStateException("series read after its set advanced");
      }
      if (i < t.length) {
        i++;
      }
      return i < t.length ? ValueKind.FLOAT : ValueKind.NONE;
    }

    @Override
    public ValueKind seek(long target) {
      if (i < 0) {
        i = 0;
      }
      while (i < t.length && t[i] < target) {
        i++;
      }
      return i < t.length ? ValueKind.FLOAT : ValueKind.NONE;
    }

    @Override
    public long t() {
      return t[i];
    }

    @Override
    public double v() {
      return v[i];
    }
  }
}
