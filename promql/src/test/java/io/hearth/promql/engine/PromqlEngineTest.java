package io.hearth.promql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.model.Labels;
import io.hearth.model.StaleMarker;
import io.hearth.storage.Appender;
import io.hearth.testkit.Seed;
import io.hearth.testkit.SeededExtension;
import io.hearth.testkit.memory.MemoryStorage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SeededExtension.class)
class PromqlEngineTest {
  private static final long MIN = 60_000;
  private final PromqlEngine engine = PromqlEngine.create(EngineOptions.defaults());
  private final MemoryStorage storage = MemoryStorage.create();

  /** Appends one sample per value at 0, step, 2 step, ...; NaN values are skipped. */
  private void load(Labels labels, long step, double... values) {
    Appender app = storage.appender();
    for (int i = 0; i < values.length; i++) {
      if (!Double.isNaN(values[i]) || StaleMarker.isStale(values[i])) {
        app.append(0, labels, i * step, values[i]);
      }
    }
    app.commit();
  }

  private List<PromqlResult.Sample> instant(String q, long t) {
    PromqlResult r = engine.instant(storage, q, t, QueryOptions.DEFAULT);
    return ((PromqlResult.InstantVector) r.value()).samples();
  }

  private Map<Labels, Double> instantMap(String q, long t) {
    Map<Labels, Double> out = new HashMap<>();
    for (PromqlResult.Sample s : instant(q, t)) {
      out.put(s.labels(), s.v());
    }
    return out;
  }

  @Test
  void rateOfTheWorkedExample() {
    load(Labels.of("__name__", "req_total", "code", "200"), MIN, 0, 6, 12, 18, 24, 30, 36);
    load(
        Labels.of("__name__", "req_total", "code", "500"),
        MIN,
        0,
        Double.NaN,
        3,
        StaleMarker.VALUE);
    List<PromqlResult.Sample> out = instant("rate(req_total[2m])", 5 * MIN);
    assertThat(out).hasSize(1);
    assertThat(out.get(0).labels()).isEqualTo(Labels.of("code", "200"));
    assertThat(out.get(0).v()).isCloseTo(0.1, org.assertj.core.api.Assertions.within(1e-12));
  }

  @Test
  void lookbackAndStalenessInARangeQuery() {
    load(Labels.of("__name__", "m", "code", "500"), MIN, 0, Double.NaN, 3, StaleMarker.VALUE);
    PromqlResult r = engine.range(storage, "m", 0, 4 * MIN, MIN, QueryOptions.DEFAULT);
    PromqlResult.Matrix m = (PromqlResult.Matrix) r.value();
    assertThat(m.series()).hasSize(1);
    // 1m reuses the sample at 0 through the lookback; the marker at 3m ends the series.
    assertThat(m.series().get(0).t()).containsExactly(0, MIN, 2 * MIN);
    assertThat(m.series().get(0).v()).containsExactly(0, 0, 3);
  }

  @Test
  void absentPointIsNotNaN() {
    load(Labels.of("__name__", "a"), MIN, Double.NaN, 1);
    load(Labels.of("__name__", "b"), MIN, 0, 1);
    PromqlResult r = engine.range(storage, "a + ignoring(x) b", 0, MIN, MIN, QueryOptions.DEFAULT);
    PromqlResult.Matrix m = (PromqlResult.Matrix) r.value();
    assertThat(m.series()).hasSize(1);
    assertThat(m.series().get(0).t()).containsExactly(MIN);
    assertThat(m.series().get(0).v()).containsExactly(2);
  }

  @Test
  void oneToOneAndGroupLeftMatching() {
    load(Labels.of("__name__", "req", "job", "a", "path", "/x"), MIN, 10);
    load(Labels.of("__name__", "req", "job", "a", "path", "/y"), MIN, 20);
    load(Labels.of("__name__", "req", "job", "b", "path", "/x"), MIN, 30);
    load(Labels.of("__name__", "limit", "job", "a", "owner", "ann"), MIN, 100);
    load(Labels.of("__name__", "limit", "job", "b", "owner", "bob"), MIN, 300);
    Map<Labels, Double> out = instantMap("req / on(job) group_left(owner) limit", 0);
    assertThat(out)
        .containsOnly(
            Map.entry(Labels.of("job", "a", "path", "/x", "owner", "ann"), 0.1),
            Map.entry(Labels.of("job", "a", "path", "/y", "owner", "ann"), 0.2),
            Map.entry(Labels.of("job", "b", "path", "/x", "owner", "bob"), 0.1));
    assertThatThrownBy(() -> instant("req / on(job) limit", 0))
        .isInstanceOf(PromqlError.class)
        .hasMessage(
            "multiple matches for labels: many-to-one matching must be explicit"
                + " (group_left/group_right)");
    assertThat(instantMap("limit / on(job) group_right req", 0))
        .containsOnlyKeys(
            Labels.of("job", "a", "path", "/x"),
            Labels.of("job", "a", "path", "/y"),
            Labels.of("job", "b", "path", "/x"));
    assertThatThrownBy(() -> instant("limit / on() group_left req", 0))
        .hasMessageStartingWith(
            "found duplicate series for the match group {} on the right hand-side of the"
                + " operation: [{__name__=\"req\", job=\"a\", path=\"/x\"}, ");
  }

  @Test
  void setOperatorsWorkPerStep() {
    load(Labels.of("__name__", "l", "k", "1"), MIN, 1, 1, 1);
    load(Labels.of("__name__", "r", "k", "1"), MIN, Double.NaN, 2, Double.NaN);
    load(Labels.of("__name__", "r", "k", "2"), MIN, 5, 5, 5);
    PromqlResult and = engine.range(storage, "l and r", 0, 2 * MIN, MIN, QueryOptions.DEFAULT);
    PromqlResult.Matrix m = (PromqlResult.Matrix) and.value();
    // The right side reaches back 5 minutes, so step 2m still sees the sample at 1m.
    assertThat(m.series().get(0).t()).containsExactly(MIN, 2 * MIN);
    Map<Labels, Double> or = instantMap("l or r", 0);
    assertThat(or.keySet())
        .containsExactlyInAnyOrder(
            Labels.of("__name__", "l", "k", "1"), Labels.of("__name__", "r", "k", "2"));
    assertThat(instantMap("r unless l", 0).keySet())
        .containsExactly(Labels.of("__name__", "r", "k", "2"));
  }

  @Test
  void delayedNameRemovalLetsLabelReplaceSeeTheName() {
    load(Labels.of("__name__", "x_total", "j", "1"), MIN, 0, 60, 120);
    Map<Labels, Double> out =
        instantMap(
            "label_replace(rate(x_total[2m]), \"orig\", \"$1\", \"__name__\", \"(.+)\")", 2 * MIN);
    assertThat(out).containsOnlyKeys(Labels.of("j", "1", "orig", "x_total"));
  }

  @Test
  void sameLabelsetAfterNameRemovalFails() {
    load(Labels.of("__name__", "a", "j", "1"), MIN, 1);
    load(Labels.of("__name__", "b", "j", "1"), MIN, 2);
    assertThatThrownBy(() -> instant("-{j=\"1\"}", 0))
        .isInstanceOf(PromqlError.class)
        .hasMessage("vector cannot contain metrics with the same labelset");
  }

  @Test
  void rangeVectorAtTopLevelOfAnInstantQuery() {
    load(Labels.of("__name__", "m"), MIN, 1, 2, 3, 4);
    PromqlResult r = engine.instant(storage, "m[2m]", 3 * MIN, QueryOptions.DEFAULT);
    PromqlResult.Matrix m = (PromqlResult.Matrix) r.value();
    assertThat(m.series().get(0).t()).containsExactly(2 * MIN, 3 * MIN);
    assertThat(m.series().get(0).v()).containsExactly(3, 4);
  }

  @Test
  void subqueryStepsAreAlignedToAbsoluteMultiplesOfTheStep() {
    load(Labels.of("__name__", "m"), 10_000, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    // Inner steps in (65s, 125s] aligned to 20s: 80s, 100s, 120s.
    Map<Labels, Double> out = instantMap("count_over_time(m[60s:20s])", 125_000);
    assertThat(out).containsOnly(Map.entry(Labels.empty(), 3.0));
    out = instantMap("sum_over_time(m[60s:20s])", 125_000);
    assertThat(out).containsOnly(Map.entry(Labels.empty(), 8.0 + 10 + 12));
  }

  @Test
  void limitsAreTypedErrors() {
    load(Labels.of("__name__", "m"), MIN, 1, 2, 3);
    PromqlEngine small = PromqlEngine.create(new EngineOptions(300_000, 2, 10_000, MIN, 11_000));
    assertThatThrownBy(() -> small.instant(storage, "m[10m]", 3 * MIN, QueryOptions.DEFAULT))
        .isInstanceOf(PromqlError.class)
        .hasMessage("query processing would load too many samples into memory in query execution")
        .extracting(e -> ((PromqlError) e).type())
        .isEqualTo(PromqlError.Type.EXECUTION);
    assertThat(engine.range(storage, "m", 0, 11_000 * MIN, MIN, QueryOptions.DEFAULT).value())
        .isNotNull();
    assertThatThrownBy(() -> engine.range(storage, "m", 0, 11_001 * MIN, MIN, QueryOptions.DEFAULT))
        .hasMessage(
            "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the"
                + " query resolution (?step=XX)")
        .extracting(e -> ((PromqlError) e).type())
        .isEqualTo(PromqlError.Type.BAD_DATA);
    assertThatThrownBy(() -> engine.instant(storage, "sum(m", 0, QueryOptions.DEFAULT))
        .extracting(e -> ((PromqlError) e).type())
        .isEqualTo(PromqlError.Type.BAD_DATA);
  }

  @Test
  void cancellationStopsTheQuery() {
    for (int i = 0; i < 200; i++) {
      load(Labels.of("__name__", "m", "i", Integer.toString(i)), MIN, 1, 2, 3);
    }
    QueryOptions cancelled = new QueryOptions(0, () -> true);
    assertThatThrownBy(() -> engine.instant(storage, "rate(m[5m])", 3 * MIN, cancelled))
        .isInstanceOf(PromqlError.class)
        .extracting(e -> ((PromqlError) e).type())
        .isEqualTo(PromqlError.Type.CANCELED);
  }

  @Test
  void instantQueryEqualsTheMatchingStepOfARangeQuery(Seed seed) {
    Random rnd = seed.random();
    for (int s = 0; s < 8; s++) {
      double[] v = new double[30];
      double acc = 0;
      for (int i = 0; i < v.length; i++) {
        acc += rnd.nextInt(5) == 0 ? -acc : rnd.nextInt(100);
        v[i] = rnd.nextInt(7) == 0 ? Double.NaN : acc;
      }
      load(Labels.of("__name__", "c_total", "g", Integer.toString(s % 3), "s", "" + s), 15_000, v);
    }
    String[] queries = {
      "sum by (g) (rate(c_total[1m]))",
      "max_over_time(c_total[2m]) - min_over_time(c_total[2m])",
      "topk(2, c_total)",
      "c_total > on(g) group_left avg by (g) (c_total)",
      "quantile(0.3, c_total) + count(c_total)",
      "avg_over_time(deriv(c_total[1m])[3m:30s])"
    };
    for (String q : queries) {
      PromqlResult range = engine.range(storage, q, 0, 450_000, 30_000, QueryOptions.DEFAULT);
      for (long t = 0; t <= 450_000; t += 30_000) {
        Map<Labels, Double> fromRange = new HashMap<>();
        for (PromqlResult.SeriesPoints p : ((PromqlResult.Matrix) range.value()).series()) {
          for (int i = 0; i < p.t().length; i++) {
            if (p.t()[i] == t) {
              fromRange.put(p.labels(), p.v()[i]);
            }
          }
        }
        assertThat(instantMap(q, t)).as("%s at %d", q, t).isEqualTo(fromRange);
      }
    }
  }

  @Test
  void rateInEveryWindowOfARangeQueryCountsOnlyTheResetsInsideIt(Seed seed) {
    // The engine looks for resets per window (between consecutive samples inside it); a window
    // just before, across or just after a reset must see exactly Prometheus's scan.
    Random rnd = seed.random();
    long step = 15_000;
    double[] v = new double[120];
    double acc = 0;
    for (int i = 0; i < v.length; i++) {
      acc = rnd.nextInt(12) == 0 ? rnd.nextInt(3) : acc + 1 + rnd.nextInt(50);
      v[i] = acc;
    }
    load(Labels.of("__name__", "c_total"), step, v);
    long range = 75_000;
    PromqlResult r =
        engine.range(storage, "rate(c_total[75s])", 0, 119 * step, step, QueryOptions.DEFAULT);
    PromqlResult.SeriesPoints p = ((PromqlResult.Matrix) r.value()).series().get(0);
    int checked = 0;
    for (int k = 0; k < p.t().length; k++) {
      long end = p.t()[k];
      int lo = (int) Math.max(0, (end - range) / step + 1);
      int hi = (int) (end / step) + 1;
      assertThat(p.v()[k]).as("rate at %d", end).isEqualTo(naiveRate(v, step, lo, hi, end, range));
      checked++;
    }
    assertThat(checked).isEqualTo(119);
  }

  /** Prometheus's extrapolated rate over samples lo..hi-1 at lo*step.., written out plainly. */
  private static double naiveRate(double[] v, long step, int lo, int hi, long end, long range) {
    double result = v[hi - 1] - v[lo];
    for (int i = lo + 1; i < hi; i++) {
      if (v[i] < v[i - 1]) {
        result += v[i - 1];
      }
    }
    double toStart = (lo * step - (end - range)) / 1000.0;
    double toEnd = (end - (hi - 1) * step) / 1000.0;
    double sampled = ((hi - 1) * step - lo * step) / 1000.0;
    double avg = sampled / (hi - lo - 1);
    if (toStart >= avg * 1.1) {
      toStart = avg / 2;
    }
    if (result > 0 && v[lo] >= 0) {
      toStart = Math.min(toStart, sampled * (v[lo] / result));
    }
    if (toEnd >= avg * 1.1) {
      toEnd = avg / 2;
    }
    double factor = (sampled + toStart + toEnd) / sampled;
    factor /= range / 1000.0;
    return result * factor;
  }

  @Test
  void sumMatchesANaiveSum(Seed seed) {
    Random rnd = seed.random();
    List<double[]> all = new ArrayList<>();
    for (int s = 0; s < 20; s++) {
      double[] v = new double[10];
      for (int i = 0; i < v.length; i++) {
        v[i] = rnd.nextInt(1000) - 500;
      }
      all.add(v);
      load(Labels.of("__name__", "g", "s", Integer.toString(s)), MIN, v);
    }
    PromqlResult r = engine.range(storage, "sum(g)", 0, 9 * MIN, MIN, QueryOptions.DEFAULT);
    PromqlResult.SeriesPoints p = ((PromqlResult.Matrix) r.value()).series().get(0);
    for (int i = 0; i < 10; i++) {
      double expected = 0;
      for (double[] v : all) {
        expected += v[i];
      }
      assertThat(p.v()[i]).isEqualTo(expected);
    }
  }

  @Test
  void topkKeepsTheEarlierSeriesOnTiesAndOrdersInstantResults() {
    load(Labels.of("__name__", "m", "i", "1"), MIN, 5);
    load(Labels.of("__name__", "m", "i", "2"), MIN, 7);
    load(Labels.of("__name__", "m", "i", "3"), MIN, 5);
    load(Labels.of("__name__", "m", "i", "4"), MIN, Double.longBitsToDouble(0x7ff8000000000000L));
    List<PromqlResult.Sample> top = instant("topk(2, m)", 0);
    assertThat(top).extracting(s -> s.labels().get("i")).containsExactly("2", "1");
    List<PromqlResult.Sample> bottom = instant("bottomk(3, m)", 0);
    assertThat(bottom).extracting(s -> s.labels().get("i")).containsExactly("1", "3", "2");
    assertThatThrownBy(() -> instant("topk(scalar(m{i=\"4\"}), m)", 0))
        .hasMessage("Parameter value is NaN");
  }

  @Test
  void windowsFollowAtAndOffsetAcrossSteps() {
    load(Labels.of("__name__", "c_total"), MIN, 0, 10, 20, 30, 40, 50, 60, 70, 80);
    // Pinned with @: every step sees the same window (60s, 180s], so the same increase.
    PromqlResult pinned =
        engine.range(storage, "increase(c_total[2m] @ 180)", 0, 8 * MIN, MIN, QueryOptions.DEFAULT);
    PromqlResult.SeriesPoints p = ((PromqlResult.Matrix) pinned.value()).series().get(0);
    assertThat(p.v()).hasSize(9).containsOnly(p.v()[0]);
    assertThat(p.v()[0]).isCloseTo(20, org.assertj.core.api.Assertions.within(1e-9));
    // A negative offset reads ahead: at 1m the window is (1m, 3m] and holds 20 and 30.
    Map<Labels, Double> ahead = instantMap("last_over_time(c_total[2m] offset -2m)", MIN);
    assertThat(ahead).containsOnly(Map.entry(Labels.of("__name__", "c_total"), 30.0));
    // Windows slide forward step by step: count_over_time over (t-2m, t] at 0, 1m, ..., 4m.
    PromqlResult counts =
        engine.range(
            storage, "count_over_time(c_total[2m])", 0, 4 * MIN, MIN, QueryOptions.DEFAULT);
    assertThat(((PromqlResult.Matrix) counts.value()).series().get(0).v())
        .containsExactly(1, 2, 2, 2, 2);
  }
}
