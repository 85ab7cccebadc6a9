package io.hearth.api.v1;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.model.Labels;
import io.hearth.promql.engine.EngineOptions;
import io.hearth.promql.engine.PromqlEngine;
import io.hearth.promql.engine.PromqlResult;
import io.hearth.promql.engine.QueryOptions;
import io.hearth.promql.parser.Expr;
import io.hearth.storage.Appender;
import io.hearth.storage.Queryable;
import io.hearth.testkit.memory.MemoryStorage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code stats=all} with the real engine's counts: the sample totals and per-step counts the engine
 * collects reach {@code data.stats} through {@link QueryStats#from}.
 */
class QueryStatsEngineTest {
  private final MemoryStorage storage = MemoryStorage.create();

  /** One series sampled every 15 s from 0 to 600 s. */
  private ApiV1 api() {
    Appender app = storage.appender();
    for (long t = 0; t <= 600_000; t += 15_000) {
      app.append(0, Labels.of("__name__", "m"), t, t / 1000.0);
    }
    app.commit();
    return ApiV1.builder()
        .storage(storage)
        .engine(new RealEngine())
        .clock(() -> 1_700_000_000_123L)
        .build();
  }

  @Test
  void rangeQueryReportsSamplesPerStep() {
    String body =
        Exchange.get(api(), "/query_range", "query=rate(m[1m])&start=120&end=240&step=60&stats=all")
            .body();
    // Each left-open 1 m window holds 4 samples at 15 s.
    assertThat(body)
        .contains("\"totalQueryableSamplesPerStep\":[[120,4],[180,4],[240,4]]")
        .contains("\"totalQueryableSamples\":12")
        .contains("\"samplesRead\":12")
        .contains("\"timings\":{\"evalTotalTime\":");
    String basic =
        Exchange.get(api(), "/query_range", "query=m&start=0&end=600&step=300&stats=true").body();
    assertThat(basic).contains("\"totalQueryableSamples\":3").doesNotContain("PerStep");
  }

  @Test
  void instantQueryReportsItsOneStep() {
    String body = Exchange.get(api(), "/query", "query=m[1m]&time=300&stats=all").body();
    assertThat(body)
        .contains("\"totalQueryableSamplesPerStep\":[[300,4]]")
        .contains("\"totalQueryableSamples\":4");
  }

  /** The engine adapter the server uses, reduced to what these queries return. */
  private static final class RealEngine implements QueryEngine {
    private final PromqlEngine engine = PromqlEngine.create(EngineOptions.defaults());

    @Override
    public QueryOutcome instant(
        Queryable storage, String query, Expr expr, long timeMs, QueryParams params) {
      return convert(engine.instant(storage, query, timeMs, QueryOptions.DEFAULT));
    }

    @Override
    public QueryOutcome range(
        Queryable storage,
        String query,
        Expr expr,
        long startMs,
        long endMs,
        long stepMs,
        QueryParams params) {
      return convert(engine.range(storage, query, startMs, endMs, stepMs, QueryOptions.DEFAULT));
    }

    private static QueryOutcome convert(PromqlResult r) {
      List<QueryValue.SeriesPoints> series = new ArrayList<>();
      for (PromqlResult.SeriesPoints p : ((PromqlResult.Matrix) r.value()).series()) {
        series.add(new QueryValue.SeriesPoints(p.labels(), p.t(), p.v(), p.t().length));
      }
      return new QueryOutcome.Success(
          new QueryValue.Matrix(series), r.warnings(), r.infos(), QueryStats.from(r.stats()));
    }
  }
}
