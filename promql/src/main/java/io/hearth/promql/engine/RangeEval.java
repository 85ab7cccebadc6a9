package io.hearth.promql.engine;

import io.hearth.model.Labels;
import io.hearth.promql.parser.Call;
import io.hearth.promql.parser.Expr;
import io.hearth.promql.parser.MatrixSelector;
import io.hearth.promql.parser.ParenExpr;
import io.hearth.promql.parser.SubqueryExpr;
import io.hearth.promql.parser.VectorSelector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Applies a range function to a range vector series by series: the window of each step is found by
 * sliding two indices over the series' sample arrays (window ends never move backwards), and the
 * function sees the window as index bounds.
 */
final class RangeEval {
  private RangeEval() {}

  private static final List<String> ANCHORED_OK =
      List.of("changes", "delta", "increase", "rate", "resets");
  private static final List<String> SMOOTHED_OK = List.of("delta", "increase", "rate");

  static Val eval(Evaluator ev, Call c) {
    return evalInto(ev, c, null, null);
  }

  /**
   * Whether {@link #stream} can evaluate the call: a range function other than {@code
   * absent_over_time} applied directly to a matrix selector.
   */
  static boolean streamable(Call c) {
    String name = c.function().name();
    if (Fn.of(name) == null) {
      return false;
    }
    int matrixArg = name.equals("quantile_over_time") ? 1 : 0;
    return c.args().size() > matrixArg && c.args().get(matrixArg) instanceof MatrixSelector;
  }

  /**
   * Evaluates a {@link #streamable} call into {@code sink} one output series at a time (a reused
   * object), in place of {@link Evaluator#eval}; the samples limit is counted as if the output had
   * been collected.
   */
  static void stream(Evaluator ev, Call c, Evaluator.VectorSink sink) {
    ev.q.checkAlive();
    ev.q.path.add(c);
    long before = ev.q.held;
    try {
      long[] out = new long[1];
      evalInto(ev, c, sink, out);
      ev.q.hold(out[0]);
      ev.q.held = before + out[0];
    } finally {
      ev.q.path.removeLast();
    }
  }

  /**
   * Evaluates the call; with a {@code sink}, hands it the output series instead, stores their point
   * count in {@code streamed[0]} and returns null.
   */
  private static Val evalInto(Evaluator ev, Call c, Evaluator.VectorSink sink, long[] streamed) {
    String name = c.function().name();
    List<Expr> args = c.args();
    int matrixArg = name.equals("quantile_over_time") ? 1 : 0;
    Expr m = args.get(matrixArg);
    while (m instanceof ParenExpr p) {
      m = p.expr();
    }
    if (m instanceof MatrixSelector ms) {
      VectorSelector vs = ms.selector();
      if (vs.anchored() && !ANCHORED_OK.contains(name)) {
        throw PromqlError.badData(
            "anchored modifier can only be used with: changes, delta, increase, rate, resets -"
                + " not with "
                + name);
      }
      if (vs.smoothed() && !SMOOTHED_OK.contains(name)) {
        throw PromqlError.badData(
            "smoothed modifier can only be used with: delta, increase, rate - not with " + name);
      }
    } else if (!(m instanceof SubqueryExpr)) {
      throw PromqlError.badData("expected a range vector argument for " + name);
    }
    double[] p0 = null;
    double[] p1 = null;
    switch (name) {
      case "quantile_over_time" -> p0 = ev.evalScalar(args.get(0));
      case "predict_linear" -> p0 = ev.evalScalar(args.get(1));
      case "double_exponential_smoothing" -> {
        p0 = ev.evalScalar(args.get(1));
        p1 = ev.evalScalar(args.get(2));
      }
      default -> {}
    }
    if (name.equals("absent_over_time")) {
      return absentOverTime(ev, ((Val.Range) ev.eval(m)).input(), args.get(0));
    }
    Run run = new Run(ev, name, args, m, p0, p1, sink);
    if (m instanceof MatrixSelector ms) {
      // Each series is evaluated straight from the selector's buffer: no copy of its samples.
      ev.streamRange(ms, run::series);
    } else {
      RangeInput in = ((Val.Range) ev.eval(m)).input();
      for (int k = 0; k < in.size(); k++) {
        long[] t = in.times.get(k);
        run.series(in, in.labels.get(k), t, in.values.get(k), t.length, in.dropName.get(k));
      }
    }
    if (sink != null) {
      streamed[0] = run.outSoFar;
      return null;
    }
    return new Val.Vector(run.out);
  }

  /** The state of one range-function call, fed one series at a time. */
  private static final class Run {
    private final Evaluator ev;
    private final String name;
    private final List<Expr> args;
    private final Expr m;
    private final double[] p0;
    private final double[] p1;
    private final Fn fn;
    private final boolean keepName;
    private final boolean isCounterFn;
    final List<StepSeries> out = new ArrayList<>();
    private double[] scratch = new double[16];
    private final double[] reg = new double[2];
    private boolean warnedQuantile;
    private ExtendedWindow ext;

    /** Indices of the current series' counter resets, ascending; reused across series. */
    private int[] resetAt = new int[8];

    private final Evaluator.VectorSink sink;

    /** With a sink: the one output series, refilled for every input series. */
    private final StepSeries shared;

    /** Prometheus holds one window of the current series besides the output of earlier ones. */
    private long outSoFar;

    Run(
        Evaluator ev,
        String name,
        List<Expr> args,
        Expr m,
        double[] p0,
        double[] p1,
        Evaluator.VectorSink sink) {
      this.sink = sink;
      this.shared = sink == null ? null : new StepSeries(Labels.empty(), ev.n);
      this.ev = ev;
      this.name = name;
      this.args = args;
      this.m = m;
      this.p0 = p0;
      this.p1 = p1;
      this.fn = Fn.of(name);
      this.keepName = name.equals("last_over_time") || name.equals("first_over_time");
      this.isCounterFn = name.equals("rate") || name.equals("increase");
    }

    /**
     * Evaluates the function over one series' samples {@code rawT/rawV[0..len)}; the arrays may be
     * a reused buffer, read only during the call.
     */
    void series(RangeInput in, Labels labels, long[] rawT, double[] rawV, int len, boolean drop) {
      if (in.mode != 0 && ext == null) {
        ext = new ExtendedWindow();
      }
      ev.q.checkAlive();
      long[] t = rawT;
      double[] v = rawV;
      StepSeries r;
      if (shared != null) {
        r = shared;
        r.labels = labels;
        Arrays.fill(r.has, false);
      } else {
        r = new StepSeries(labels, ev.n);
      }
      // Where the series decreases (a counter reset at j: v[j] < v[j-1]); rate and increase scan a
      // window for resets only when one lies inside it, which most windows of a counter avoid.
      boolean trackResets = isCounterFn && ext == null;
      int resetCount = 0;
      if (trackResets) {
        for (int j = 1; j < len; j++) {
          if (rawV[j] < rawV[j - 1]) {
            if (resetCount == resetAt.length) {
              resetAt = Arrays.copyOf(resetAt, resetCount * 2 + 4);
            }
            resetAt[resetCount++] = j;
          }
        }
      }
      int nextReset = 0;
      int lo = 0;
      int hi = 0;
      int maxWindow = 0;
      int lastWindow = 0;
      boolean annotated = false;
      for (int i = 0; i < ev.n; i++) {
        long end = in.end[i];
        long startExcl = end - in.range;
        if (i > 0 && in.end[i] < in.end[i - 1]) {
          lo = 0;
          hi = 0;
          nextReset = 0;
        }
        int cnt;
        if (ext != null) {
          boolean smoothed = in.mode == RangeInput.SMOOTHED;
          int b = Evaluator.upperBound(rawT, len, end + (smoothed ? in.lookback : 0));
          int a = Evaluator.upperBound(rawT, len, startExcl - in.lookback);
          cnt = ext.build(rawT, rawV, a, b, startExcl, end, smoothed, isCounterFn);
          t = ext.t;
          v = ext.v;
          lo = 0;
          hi = cnt;
        } else {
          while (hi < len && t[hi] <= end) {
            hi++;
          }
          while (lo < hi && t[lo] <= startExcl) {
            lo++;
          }
          cnt = hi - lo;
        }
        lastWindow = cnt;
        if (cnt == 0) {
          continue;
        }
        ev.countSamples(i, cnt);
        if (cnt > maxWindow) {
          maxWindow = cnt;
          ev.q.checkPeak(outSoFar + cnt);
        }
        switch (fn) {
          case RATE, INCREASE, DELTA -> {
            if (cnt >= 2) {
              boolean mayReset = true;
              if (trackResets) {
                // The scan adds at each j with lo < j < hi.
                while (nextReset < resetCount && resetAt[nextReset] <= lo) {
                  nextReset++;
                }
                mayReset = nextReset < resetCount && resetAt[nextReset] < hi;
              }
              r.set(
                  i,
                  RangeFunctions.extrapolatedRate(
                      t, v, lo, hi, startExcl, end, fn != Fn.DELTA, fn == Fn.RATE, mayReset));
              if (isCounterFn && !annotated) {
                annotated = true;
                nonCounterInfo(ev, labels, m);
              }
            }
          }
          case IRATE, IDELTA -> {
            if (cnt >= 2) {
              double val = RangeFunctions.instantValue(t, v, hi, fn == Fn.IRATE);
              r.set(i, val);
            }
          }
          case DERIV -> {
            if (cnt >= 2) {
              RangeFunctions.linearRegression(t, v, lo, hi, t[lo], reg);
              r.set(i, reg[0]);
            }
          }
          case PREDICT_LINEAR -> {
            if (cnt >= 2) {
              RangeFunctions.linearRegression(t, v, lo, hi, ev.times[i], reg);
              r.set(i, reg[1] + reg[0] * p0[i]);
            }
          }
          case CHANGES -> r.set(i, RangeFunctions.changes(v, lo, hi));
          case RESETS -> r.set(i, RangeFunctions.resets(v, lo, hi));
          case SUM_OVER_TIME -> r.set(i, RangeFunctions.sum(v, lo, hi));
          case AVG_OVER_TIME -> r.set(i, RangeFunctions.avg(v, lo, hi));
          case MIN_OVER_TIME -> r.set(i, RangeFunctions.min(v, lo, hi));
          case MAX_OVER_TIME -> r.set(i, RangeFunctions.max(v, lo, hi));
          case COUNT_OVER_TIME -> r.set(i, cnt);
          case PRESENT_OVER_TIME -> r.set(i, 1);
          case LAST_OVER_TIME -> r.set(i, v[hi - 1]);
          case FIRST_OVER_TIME -> r.set(i, v[lo]);
          case TS_OF_LAST_OVER_TIME -> r.set(i, t[hi - 1] / 1000.0);
          case TS_OF_FIRST_OVER_TIME -> r.set(i, t[lo] / 1000.0);
          case TS_OF_MAX_OVER_TIME, TS_OF_MIN_OVER_TIME -> {
            boolean max = fn == Fn.TS_OF_MAX_OVER_TIME;
            int best = lo;
            for (int j = lo + 1; j < hi; j++) {
              double cur = v[j];
              double b = v[best];
              if ((max ? cur >= b : cur <= b) || Double.isNaN(b)) {
                best = j;
              }
            }
            r.set(i, t[best] / 1000.0);
          }
          case STDDEV_OVER_TIME -> r.set(i, Math.sqrt(RangeFunctions.variance(v, lo, hi)));
          case STDVAR_OVER_TIME -> r.set(i, RangeFunctions.variance(v, lo, hi));
          case QUANTILE_OVER_TIME -> {
            double q = p0[i];
            if (!warnedQuantile && (q < 0 || q > 1 || Double.isNaN(q))) {
              warnedQuantile = true;
              ev.q.annotations.warn(
                  "quantile value should be between 0 and 1, got " + GoFloat.format(q),
                  args.get(0).pos());
            }
            scratch = ensure(scratch, cnt);
            System.arraycopy(v, lo, scratch, 0, cnt);
            r.set(i, RangeFunctions.quantile(q, scratch, cnt));
          }
          case MAD_OVER_TIME -> {
            scratch = ensure(scratch, cnt);
            r.set(i, RangeFunctions.mad(v, lo, hi, scratch));
          }
          case DOUBLE_EXPONENTIAL_SMOOTHING -> {
            double sf = p0[i];
            double tf = p1[i];
            if (sf <= 0 || sf >= 1) {
              throw PromqlError.execution(
                  "invalid smoothing factor. Expected: 0 < sf < 1, got: " + goF(sf));
            }
            if (tf <= 0 || tf >= 1) {
              throw PromqlError.execution(
                  "invalid trend factor. Expected: 0 < tf < 1, got: " + goF(tf));
            }
            if (cnt >= 2) {
              r.set(i, RangeFunctions.doubleExponentialSmoothing(v, lo, hi, sf, tf));
            }
          }
          case null -> throw new FunctionEval.Unsupported("function " + name);
        }
      }
      r.dropName = keepName ? drop : true;
      int points = r.count();
      if (points > 0) {
        outSoFar += points;
        ev.q.checkPeak(outSoFar + lastWindow);
        if (sink != null) {
          sink.series(r);
        } else {
          out.add(r);
        }
      }
    }
  }

  private static String goF(double d) {
    return String.format(java.util.Locale.ROOT, "%f", d);
  }

  private static double[] ensure(double[] a, int n) {
    return a.length >= n ? a : new double[Math.max(n, a.length * 2)];
  }

  private static void nonCounterInfo(Evaluator ev, Labels labels, Expr m) {
    String metric = labels.metricName();
    if (metric.isEmpty()
        || metric.endsWith("_total")
        || metric.endsWith("_sum")
        || metric.endsWith("_count")
        || metric.endsWith("_bucket")) {
      return;
    }
    ev.q.annotations.info(
        "metric might not be a counter, name does not end in _total/_sum/_count/_bucket: "
            + GoFloat.quote(metric),
        m.pos());
  }

  private static Val absentOverTime(Evaluator ev, RangeInput in, Expr arg) {
    List<StepSeries> present = new ArrayList<>();
    for (int k = 0; k < in.size(); k++) {
      long[] t = in.times.get(k);
      StepSeries r = new StepSeries(Labels.empty(), ev.n);
      for (int i = 0; i < ev.n; i++) {
        int hi = Evaluator.upperBound(t, t.length, in.end[i]);
        int lo = Evaluator.upperBound(t, t.length, in.end[i] - in.range);
        if (hi > lo) {
          r.set(i, 1);
        }
      }
      present.add(r);
    }
    Expr a = arg;
    while (a instanceof ParenExpr p) {
      a = p.expr();
    }
    return FunctionEval.absent(ev, present, FunctionEval.absentLabels(a));
  }

  /** The range functions, resolved once per call rather than compared by name at every step. */
  private enum Fn {
    RATE,
    INCREASE,
    DELTA,
    IRATE,
    IDELTA,
    DERIV,
    PREDICT_LINEAR,
    CHANGES,
    RESETS,
    SUM_OVER_TIME,
    AVG_OVER_TIME,
    MIN_OVER_TIME,
    MAX_OVER_TIME,
    COUNT_OVER_TIME,
    PRESENT_OVER_TIME,
    LAST_OVER_TIME,
    FIRST_OVER_TIME,
    TS_OF_LAST_OVER_TIME,
    TS_OF_FIRST_OVER_TIME,
    TS_OF_MAX_OVER_TIME,
    TS_OF_MIN_OVER_TIME,
    STDDEV_OVER_TIME,
    STDVAR_OVER_TIME,
    QUANTILE_OVER_TIME,
    MAD_OVER_TIME,
    DOUBLE_EXPONENTIAL_SMOOTHING;

    static Fn of(String name) {
      for (Fn f : values()) {
        if (f.name().toLowerCase(java.util.Locale.ROOT).equals(name)) {
          return f;
        }
      }
      return null;
    }
  }
}
