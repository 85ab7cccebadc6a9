package io.hearth.server.api;

import io.hearth.api.v1.ApiError;
import io.hearth.api.v1.ErrorType;
import io.hearth.api.v1.QueryEngine;
import io.hearth.api.v1.QueryOutcome;
import io.hearth.api.v1.QueryParams;
import io.hearth.api.v1.QueryStats;
import io.hearth.api.v1.QueryValue;
import io.hearth.model.Labels;
import io.hearth.promql.engine.PromqlEngine;
import io.hearth.promql.engine.PromqlError;
import io.hearth.promql.engine.PromqlResult;
import io.hearth.promql.engine.QueryOptions;
import io.hearth.promql.parser.Expr;
import io.hearth.storage.Queryable;
import io.hearth.storage.StorageException;
import java.util.ArrayList;
import java.util.List;

/**
 * Adapts the PromQL engine to the HTTP API's {@link QueryEngine} seam: per-request timeout and
 * lookback, engine errors to API error types, engine values to API values.
 */
public final class PromqlQueryEngine implements QueryEngine {
  /** Prometheus's text when a query runs out of time. */
  static final String TIMEOUT_MESSAGE = "query timed out in expression evaluation";

  private final PromqlEngine engine;
  private final long defaultTimeoutMs;

  /**
   * Creates the adapter.
   *
   * @param defaultTimeoutMs the timeout of a query that asks for none (Prometheus: 2 minutes)
   */
  public PromqlQueryEngine(PromqlEngine engine, long defaultTimeoutMs) {
    this.engine = engine;
    this.defaultTimeoutMs = defaultTimeoutMs;
  }

  @Override
  public QueryOutcome instant(
      Queryable storage, String query, Expr expr, long timeMs, QueryParams params) {
    Deadline d = new Deadline(params.timeoutMs() > 0 ? params.timeoutMs() : defaultTimeoutMs);
    try {
      return success(engine.instant(storage, query, timeMs, options(params, d)));
    } catch (PromqlError e) {
      return failure(e, d);
    } catch (StorageException e) {
      return QueryOutcome.failed(ApiError.internal(e.getMessage()));
    }
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
    Deadline d = new Deadline(params.timeoutMs() > 0 ? params.timeoutMs() : defaultTimeoutMs);
    try {
      return success(engine.range(storage, query, startMs, endMs, stepMs, options(params, d)));
    } catch (PromqlError e) {
      return failure(e, d);
    } catch (StorageException e) {
      return QueryOutcome.failed(ApiError.internal(e.getMessage()));
    }
  }

  private static QueryOptions options(QueryParams params, Deadline d) {
    return new QueryOptions(params.lookbackDeltaMs(), d::passed);
  }

  private static QueryOutcome failure(PromqlError e, Deadline d) {
    if (e.type() == PromqlError.Type.CANCELED && d.passed()) {
      return QueryOutcome.failed(ApiError.of(ErrorType.TIMEOUT, TIMEOUT_MESSAGE));
    }
    return QueryOutcome.failed(ApiError.of(ErrorType.valueOf(e.type().name()), e.getMessage()));
  }

  private static QueryOutcome success(PromqlResult r) {
    return new QueryOutcome.Success(
        convert(r.value()),
        r.warnings(),
        r.infos(),
        r.stats() == null ? null : QueryStats.from(r.stats()));
  }

  private static QueryValue convert(PromqlResult.Value v) {
    return switch (v) {
      case PromqlResult.Scalar s -> new QueryValue.Scalar(s.t(), s.v());
      case PromqlResult.StringValue s -> new QueryValue.Text(s.t(), s.v());
      case PromqlResult.InstantVector iv -> {
        int n = iv.samples().size();
        List<Labels> labels = new ArrayList<>(n);
        long[] t = new long[n];
        double[] val = new double[n];
        for (int i = 0; i < n; i++) {
          PromqlResult.Sample s = iv.samples().get(i);
          labels.add(s.labels());
          t[i] = s.t();
          val[i] = s.v();
        }
        yield new QueryValue.Vector(labels, t, val);
      }
      case PromqlResult.Matrix m -> {
        List<QueryValue.SeriesPoints> series = new ArrayList<>(m.series().size());
        for (PromqlResult.SeriesPoints p : m.series()) {
          series.add(new QueryValue.SeriesPoints(p.labels(), p.t(), p.v(), p.t().length));
        }
        yield new QueryValue.Matrix(series);
      }
    };
  }

  /** A point in time after which the query is cancelled. */
  private static final class Deadline {
    private final long atNanos;

    Deadline(long timeoutMs) {
      this.atNanos = System.nanoTime() + timeoutMs * 1_000_000L;
    }

    boolean passed() {
      return System.nanoTime() - atNanos > 0;
    }
  }
}
