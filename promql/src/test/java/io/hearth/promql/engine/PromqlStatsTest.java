package io.hearth.promql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.model.Labels;
import io.hearth.storage.Appender;
import io.hearth.testkit.memory.MemoryStorage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The sample counts and timings a query reports, counted as Prometheus counts them. */
class PromqlStatsTest {
  private static final long S = 1_000;
  private final MemoryStorage storage = MemoryStorage.create();
  private final PromqlEngine engine = PromqlEngine.create(EngineOptions.defaults());

  /** Two series sampled every 15 s from 0 to 600 s; the second stops at 300 s. */
  private void load() {
    Appender app = storage.appender();
    Labels a = Labels.of("__name__", "m", "i", "a");
    Labels b = Labels.of("__name__", "m", "i", "b");
    for (long t = 0; t <= 600 * S; t += 15 * S) {
      app.append(0, a, t, t);
      if (t <= 300 * S) {
        app.append(0, b, t, 2 * t);
      }
    }
    app.commit();
  }

  @Test
  void rangeFunctionsCountEveryWindowsSamplesPerStep() {
    load();
    PromqlResult r =
        engine.range(storage, "sum(rate(m[1m]))", 120 * S, 480 * S, 60 * S, QueryOptions.DEFAULT);
    PromqlStats st = r.stats();
    assertThat(st.stepTimes())
        .containsExactly(120 * S, 180 * S, 240 * S, 300 * S, 360 * S, 420 * S, 480 * S);
    // A 1m window (left-open) holds 4 samples of each series at 15 s; b has none after 300 s but
    // its window at 360 s still holds nothing: (300, 360] has no b sample.
    assertThat(st.stepSamples()).containsExactly(8, 8, 8, 8, 4, 4, 4);
    assertThat(st.totalQueryableSamples()).isEqualTo(Arrays.stream(st.stepSamples()).sum());
    // Read from storage once: a over (60, 480], b over (60, 300].
    assertThat(st.samplesRead()).isEqualTo(28 + 16);
    assertThat(st.peakSamples()).isPositive();
    assertThat(st.evalTotalTime())
        .isGreaterThanOrEqualTo(st.innerEvalTime())
        .isGreaterThanOrEqualTo(0);
  }

  @Test
  void instantSelectorsCountOneSamplePerStepFound() {
    load();
    PromqlResult r = engine.range(storage, "m", 0, 600 * S, 100 * S, QueryOptions.DEFAULT);
    // Lookback 5 m: b is found at 0..300 s and, from its last sample at 300 s, until 599 s.
    assertThat(r.stats().stepSamples()).containsExactly(2, 2, 2, 2, 2, 2, 1);
    assertThat(r.stats().totalQueryableSamples()).isEqualTo(13);

    PromqlResult one = engine.instant(storage, "m[1m]", 300 * S, QueryOptions.DEFAULT);
    assertThat(one.stats().stepTimes()).containsExactly(300 * S);
    assertThat(one.stats().stepSamples()).containsExactly(8);
    assertThat(one.stats().totalQueryableSamples()).isEqualTo(8);
  }
}
