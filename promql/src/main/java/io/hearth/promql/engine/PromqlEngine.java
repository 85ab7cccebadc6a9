package io.hearth.promql.engine;

import io.hearth.model.Labels;
import io.hearth.model.LabelsBuilder;
import io.hearth.promql.parser.Expr;
import io.hearth.promql.parser.MatrixSelector;
import io.hearth.promql.parser.ParenExpr;
import io.hearth.promql.parser.ParseException;
import io.hearth.promql.parser.PromqlParser;
import io.hearth.promql.parser.ValueType;
import io.hearth.storage.Queryable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The PromQL engine: parses a query and evaluates it against a {@link Queryable} with Prometheus
 * 3.x semantics. An instant query is a range query of one step. Thread-safe: every query gets its
 * own evaluation state; the engine holds only its options.
 */
public final class PromqlEngine {
  private final EngineOptions options;

  private PromqlEngine(EngineOptions options) {
    this.options = options;
  }

  /** Creates an engine with the given limits and defaults. */
  public static PromqlEngine create(EngineOptions options) {
    return new PromqlEngine(options);
  }

  /** The options this engine was created with. */
  public EngineOptions options() {
    return options;
  }

  /**
   * Evaluates an instant query.
   *
   * @param storage the data; used only during the call
   * @param query the PromQL text
   * @param timeMs the evaluation time in milliseconds since the epoch (may be negative)
   * @param qo per-query overrides
   * @return the value (scalar, string, instant vector, or a matrix for range-vector expressions)
   * @throws PromqlError for parse errors, limits, timeouts and evaluation errors
   */
  public PromqlResult instant(Queryable storage, String query, long timeMs, QueryOptions qo) {
    long t0 = System.nanoTime();
    Expr expr = parse(query);
    QueryContext q = new QueryContext(storage, query, timeMs, timeMs, 0, true, options, qo);
    Evaluator ev = new Evaluator(q, timeMs, timeMs, 1);
    long t1 = System.nanoTime();
    Val v = run(ev, expr);
    long t2 = System.nanoTime();
    PromqlResult.Value out =
        switch (v) {
          case Val.Scalar s -> new PromqlResult.Scalar(timeMs, s.v()[0]);
          case Val.Str s -> new PromqlResult.StringValue(timeMs, s.s());
          case Val.Vector vec -> {
            List<PromqlResult.Sample> samples = new ArrayList<>();
            List<Labels> seen = new ArrayList<>();
            for (StepSeries s : vec.series()) {
              if (s.has[0]) {
                Labels l = finalLabels(s);
                seen.add(l);
                samples.add(new PromqlResult.Sample(l, timeMs, s.v[0]));
              }
            }
            checkUnique(seen);
            yield new PromqlResult.InstantVector(samples);
          }
          case Val.Range r -> {
            PromqlResult.Matrix m = matrixOf(r.input(), timeMs);
            if (unwrap(expr) instanceof MatrixSelector) {
              // A matrix selector's samples count when they are the result itself.
              for (PromqlResult.SeriesPoints sp : m.series()) {
                q.hold(sp.t().length);
                q.countSamples(timeMs, sp.t().length);
              }
            }
            yield m;
          }
        };
    return new PromqlResult(
        out,
        q.annotations.warnings(),
        q.annotations.infos(),
        stats(q, new long[] {timeMs}, t0, t1, t2));
  }

  private static PromqlStats stats(QueryContext q, long[] times, long t0, long t1, long t2) {
    long t3 = System.nanoTime();
    return new PromqlStats(
        (t1 - t0) / 1e9,
        (t2 - t1) / 1e9,
        (t3 - t2) / 1e9,
        (t3 - t0) / 1e9,
        q.totalSamples,
        q.samplesRead,
        q.peak,
        times,
        q.stepSamples);
  }

  /**
   * Evaluates a range query at {@code startMs, startMs + stepMs, ... <= endMs}.
   *
   * @return a matrix sorted by labels
   * @throws PromqlError for invalid parameters, parse errors, limits and evaluation errors
   */
  public PromqlResult range(
      Queryable storage, String query, long startMs, long endMs, long stepMs, QueryOptions qo) {
    if (stepMs <= 0) {
      throw PromqlError.badData(
          "zero or negative query resolution step widths are not accepted. Try a positive"
              + " integer");
    }
    if (endMs < startMs) {
      throw PromqlError.badData("end timestamp must not be before start time");
    }
    // As Prometheus' API: the span over the step may be 11,000 (11,001 points), not more.
    if ((endMs - startMs) / stepMs > options.maxPointsPerSeries()) {
      throw PromqlError.badData(
          "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query"
              + " resolution (?step=XX)");
    }
    long t0 = System.nanoTime();
    Expr expr = parse(query);
    if (expr.type() != ValueType.SCALAR && expr.type() != ValueType.VECTOR) {
      throw PromqlError.badData(
          "invalid expression type \""
              + expr.type().documentedName()
              + "\" for range query, must be Scalar or instant Vector");
    }
    QueryContext q = new QueryContext(storage, query, startMs, endMs, stepMs, false, options, qo);
    Evaluator ev = new Evaluator(q, startMs, endMs, stepMs);
    long t1 = System.nanoTime();
    Val v = run(ev, expr);
    long t2 = System.nanoTime();
    List<PromqlResult.SeriesPoints> series = new ArrayList<>();
    if (v instanceof Val.Scalar s) {
      series.add(new PromqlResult.SeriesPoints(Labels.empty(), ev.times.clone(), s.v().clone()));
    } else {
      List<StepSeries> renamed = new ArrayList<>();
      for (StepSeries s : ((Val.Vector) v).series()) {
        if (s.isEmpty()) {
          continue;
        }
        renamed.add(withLabels(s, finalLabels(s)));
      }
      for (StepSeries s : SeriesMerge.mergeSameLabels(renamed)) {
        int c = s.count();
        long[] t = new long[c];
        double[] vals = new double[c];
        int k = 0;
        for (int i = 0; i < ev.n; i++) {
          if (s.has[i]) {
            t[k] = ev.times[i];
            vals[k++] = s.v[i];
          }
        }
        series.add(new PromqlResult.SeriesPoints(s.labels, t, vals));
      }
      series.sort(Comparator.comparing(PromqlResult.SeriesPoints::labels));
    }
    return new PromqlResult(
        new PromqlResult.Matrix(series),
        q.annotations.warnings(),
        q.annotations.infos(),
        stats(q, ev.times.clone(), t0, t1, t2));
  }

  private static Expr unwrap(Expr e) {
    while (e instanceof ParenExpr p) {
      e = p.expr();
    }
    return e;
  }

  private static Expr parse(String query) {
    try {
      return PromqlParser.parse(query);
    } catch (ParseException e) {
      throw PromqlError.badData(e.getMessage());
    }
  }

  private static Val run(Evaluator ev, Expr expr) {
    try {
      return ev.eval(expr);
    } catch (FunctionEval.Unsupported e) {
      throw PromqlError.unsupported(e.getMessage());
    } catch (ClassCastException e) {
      throw PromqlError.unsupported("unexpected value type: " + e.getMessage());
    }
  }

  private static PromqlResult.Matrix matrixOf(RangeInput in, long timeMs) {
    List<PromqlResult.SeriesPoints> out = new ArrayList<>();
    for (int k = 0; k < in.size(); k++) {
      long[] t = in.times.get(k);
      int hi = Evaluator.upperBound(t, t.length, in.end[0]);
      int lo = Evaluator.upperBound(t, t.length, in.end[0] - in.range);
      if (hi == lo) {
        continue;
      }
      Labels l = in.labels.get(k);
      if (in.dropName.get(k)) {
        l = dropNames(l);
      }
      out.add(
          new PromqlResult.SeriesPoints(
              l, Arrays.copyOfRange(t, lo, hi), Arrays.copyOfRange(in.values.get(k), lo, hi)));
    }
    out.sort(Comparator.comparing(PromqlResult.SeriesPoints::labels));
    return new PromqlResult.Matrix(out);
  }

  private static StepSeries withLabels(StepSeries s, Labels l) {
    if (l == s.labels) {
      return s;
    }
    return new StepSeries(l, s.v, s.has);
  }

  private static Labels finalLabels(StepSeries s) {
    return s.dropName ? dropNames(s.labels) : s.labels;
  }

  /** Removes the metric name and, with it, the type and unit metadata labels. */
  static Labels dropNames(Labels l) {
    if (!l.has(Labels.METRIC_NAME) && !l.has("__type__") && !l.has("__unit__")) {
      return l;
    }
    return new LabelsBuilder().reset(l).delete(Labels.METRIC_NAME, "__type__", "__unit__").build();
  }

  private static void checkUnique(List<Labels> labels) {
    Set<Labels> seen = new HashSet<>();
    for (Labels l : labels) {
      if (!seen.add(l)) {
        throw PromqlError.execution("vector cannot contain metrics with the same labelset");
      }
    }
  }
}
