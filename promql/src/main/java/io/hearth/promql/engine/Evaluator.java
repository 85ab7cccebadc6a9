package io.hearth.promql.engine;

import io.hearth.model.LabelMatcher;
import io.hearth.model.Labels;
import io.hearth.model.StaleMarker;
import io.hearth.model.ValueKind;
import io.hearth.promql.parser.AggregateExpr;
import io.hearth.promql.parser.AtAnchor;
import io.hearth.promql.parser.BinaryExpr;
import io.hearth.promql.parser.Call;
import io.hearth.promql.parser.DurationExpr;
import io.hearth.promql.parser.Expr;
import io.hearth.promql.parser.MatrixSelector;
import io.hearth.promql.parser.NumberLiteral;
import io.hearth.promql.parser.ParenExpr;
import io.hearth.promql.parser.StringLiteral;
import io.hearth.promql.parser.SubqueryExpr;
import io.hearth.promql.parser.UnaryExpr;
import io.hearth.promql.parser.VectorSelector;
import io.hearth.storage.DecodedSamples;
import io.hearth.storage.Querier;
import io.hearth.storage.SampleIterator;
import io.hearth.storage.SelectHints;
import io.hearth.storage.Series;
import io.hearth.storage.SeriesSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Evaluates an expression over a grid of steps {@code start, start + step, ...}, series at a time:
 * every node yields all its series for all steps at once. Subqueries evaluate their inner
 * expression with a nested evaluator on their own grid. Not thread-safe.
 */
final class Evaluator {
  final QueryContext q;
  final long start;
  final long step;
  final int n;
  final long[] times;

  /** Whether this evaluator's steps are the query's own, so step i counts at index i. */
  private final boolean querySteps;

  private final SampleBuffer buffer = new SampleBuffer();

  /**
   * The time range Prometheus computes selector hints from before a selector's own lookback, range
   * and offset: the query's range, or for a subquery its parent's range moved back by the
   * subquery's offset and widened by its range ({@code @} pins both ends).
   */
  final long hintStart;

  final long hintEnd;

  Evaluator(QueryContext q, long start, long end, long step) {
    this(q, start, end, step, q.start, q.end);
  }

  private Evaluator(QueryContext q, long start, long end, long step, long hintStart, long hintEnd) {
    this.q = q;
    this.start = start;
    this.step = step;
    this.hintStart = hintStart;
    this.hintEnd = hintEnd;
    long steps = (end - start) / step + 1;
    if (steps > q.maxSamples || steps > Integer.MAX_VALUE - 8) {
      // Every step holds at least one value; refuse before allocating the grid.
      throw PromqlError.execution(
          "query processing would load too many samples into memory in query execution");
    }
    this.n = (int) steps;
    this.times = new long[n];
    for (int i = 0; i < n; i++) {
      times[i] = start + i * step;
    }
    this.querySteps =
        n <= q.stepSamples.length && start == q.start && (q.instant || step == q.step);
  }

  /** Counts {@code count} queryable samples at step {@code i} of this evaluator. */
  void countSamples(int i, long count) {
    if (querySteps) {
      q.totalSamples += count;
      q.stepSamples[i] += count;
    } else {
      q.countSamples(times[i], count);
    }
  }

  Val eval(Expr e) {
    q.checkAlive();
    q.path.add(e);
    long before = q.held;
    try {
      Val v = dispatch(e);
      if (computes(e)) {
        // Prometheus' running total: while a node builds its output its inputs are still held;
        // afterwards only the output is.
        long out = points(v);
        q.hold(out);
        q.held = before + out;
      }
      return v;
    } finally {
      q.path.removeLast();
    }
  }

  /**
   * Whether a node builds a new output whose points count towards the samples held. Selectors count
   * while they load; parentheses and unary plus pass their operand through; matrix selectors are
   * counted window by window by the range functions that read them.
   */
  private static boolean computes(Expr e) {
    return switch (e) {
      case AggregateExpr x -> true;
      case BinaryExpr x -> true;
      case Call x -> true;
      case NumberLiteral x -> true;
      case DurationExpr x -> true;
      case UnaryExpr x -> x.negate();
      default -> false;
    };
  }

  /** The points of an evaluated value as Prometheus counts them towards the samples limit. */
  static long points(Val v) {
    return switch (v) {
      case Val.Scalar s -> s.v().length;
      case Val.Vector vec -> {
        long c = 0;
        for (StepSeries s : vec.series()) {
          c += s.count();
        }
        yield c;
      }
      default -> 0;
    };
  }

  private Val dispatch(Expr e) {
    return switch (e) {
      case NumberLiteral x -> constant(x.value());
      case StringLiteral x -> new Val.Str(x.value());
      case ParenExpr x -> eval(x.expr());
      case UnaryExpr x -> unary(x);
      case VectorSelector x -> vectorSelector(x);
      case MatrixSelector x -> new Val.Range(rangeSelector(x));
      case SubqueryExpr x -> new Val.Range(subquery(x));
      case BinaryExpr x -> BinaryEval.eval(this, x);
      case AggregateExpr x -> Aggregator.eval(this, x);
      case Call x -> FunctionEval.eval(this, x);
      case DurationExpr x -> constant(durationSeconds(x));
    };
  }

  Val.Scalar constant(double v) {
    double[] out = new double[n];
    Arrays.fill(out, v);
    return new Val.Scalar(out);
  }

  Val.Vector evalVector(Expr e) {
    return (Val.Vector) eval(e);
  }

  double[] evalScalar(Expr e) {
    return ((Val.Scalar) eval(e)).v();
  }

  private Val unary(UnaryExpr u) {
    Val v = eval(u.expr());
    if (!u.negate()) {
      return v;
    }
    if (v instanceof Val.Scalar s) {
      double[] out = new double[n];
      for (int i = 0; i < n; i++) {
        out[i] = -s.v()[i];
      }
      return new Val.Scalar(out);
    }
    List<StepSeries> out = new ArrayList<>();
    for (StepSeries s : ((Val.Vector) v).series()) {
      StepSeries r = new StepSeries(s.labels, n);
      for (int i = 0; i < n; i++) {
        if (s.has[i]) {
          r.set(i, -s.v[i]);
        }
      }
      r.dropName = true;
      out.add(r);
    }
    return new Val.Vector(out);
  }

  /** Evaluates a duration expression to seconds. */
  double durationSeconds(Expr e) {
    return switch (e) {
      case NumberLiteral x -> x.value();
      case ParenExpr x -> durationSeconds(x.expr());
      case UnaryExpr x -> x.negate() ? -durationSeconds(x.expr()) : durationSeconds(x.expr());
      case DurationExpr d -> {
        switch (d.op()) {
          case STEP -> {
            yield q.step / 1000.0;
          }
          case RANGE -> {
            yield (q.end - q.start) / 1000.0;
          }
          default -> {}
        }
        if (d.lhs() == null) {
          double r = durationSeconds(d.rhs());
          yield switch (d.op()) {
            case SUB -> -r;
            default -> r;
          };
        }
        double a = durationSeconds(d.lhs());
        double b = durationSeconds(d.rhs());
        yield switch (d.op()) {
          case ADD -> a + b;
          case SUB -> a - b;
          case MUL -> a * b;
          case DIV -> a / b;
          case MOD -> a % b;
          case POW -> Math.pow(a, b);
          case MIN_OF -> Math.min(a, b);
          case MAX_OF -> Math.max(a, b);
          default -> throw PromqlError.badData("unexpected duration operator " + d.op());
        };
      }
      default -> ((Val.Scalar) eval(e)).v()[0];
    };
  }

  long durationMillis(long millis, DurationExpr expr) {
    if (expr == null) {
      return millis;
    }
    return Math.round(durationSeconds(expr) * 1000);
  }

  /** Per step, the time a selector or subquery reads at: {@code @} or the step, minus offset. */
  long[] effectiveTimes(Long atMillis, AtAnchor at, long offset) {
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      long base;
      if (atMillis != null) {
        base = atMillis;
      } else if (at == AtAnchor.START) {
        base = q.start;
      } else if (at == AtAnchor.END) {
        base = q.end;
      } else {
        base = times[i];
      }
      out[i] = base - offset;
    }
    return out;
  }

  long[] selectorTimes(VectorSelector vs) {
    return effectiveTimes(
        vs.atMillis(), vs.at(), durationMillis(vs.offsetMillis(), vs.offsetExpr()));
  }

  /**
   * The hints Prometheus passes for a selector: its time range, the query step, the closest
   * enclosing function or aggregation (none when a binary operator is closer), the range of a range
   * selector, and the grouping only when the immediate parent is an aggregation.
   *
   * @param parent the index in the evaluation path of the selector's parent node
   */
  private SelectHints hints(long mint, long maxt, long range, int parent) {
    String function = "";
    for (int i = parent; i >= 0; i--) {
      Expr p = q.path.get(i);
      if (p instanceof Call c) {
        function = c.function().name();
        break;
      }
      if (p instanceof AggregateExpr a) {
        function = a.op().text();
        break;
      }
      if (p instanceof BinaryExpr) {
        break;
      }
    }
    List<String> grouping = List.of();
    boolean by = false;
    if (parent >= 0 && q.path.get(parent) instanceof AggregateExpr a) {
      grouping = a.grouping();
      by = !a.without();
    }
    return new SelectHints(mint, maxt, q.step, function, range, grouping, by);
  }

  /**
   * Prometheus' selector range: the hint range moved by the offset (or pinned by {@code @}), less
   * {@code back - 1} milliseconds at the start, since windows are left-open.
   */
  private long hintMin(VectorSelector vs, long back) {
    long base = pinned(vs) ? pinnedTime(vs) : hintStart;
    return base - back + 1 - durationMillis(vs.offsetMillis(), vs.offsetExpr());
  }

  private long hintMax(VectorSelector vs) {
    long base = pinned(vs) ? pinnedTime(vs) : hintEnd;
    return base - durationMillis(vs.offsetMillis(), vs.offsetExpr());
  }

  private static boolean pinned(VectorSelector vs) {
    return vs.atMillis() != null || vs.at() == AtAnchor.START || vs.at() == AtAnchor.END;
  }

  private long pinnedTime(VectorSelector vs) {
    if (vs.atMillis() != null) {
      return vs.atMillis();
    }
    return vs.at() == AtAnchor.START ? q.start : q.end;
  }

  private Val.Vector vectorSelector(VectorSelector vs) {
    long[] eff = selectorTimes(vs);
    long mint = Math.min(min(eff) - q.lookback + 1, hintMin(vs, q.lookback));
    long maxt = Math.max(max(eff), hintMax(vs)) + (vs.smoothed() ? q.lookback : 0);
    SelectHints h = hints(mint, maxt, 0, q.path.size() - 2);
    return selectAt(vs.matchers(), eff, vs.smoothed(), h, underTimestamp(), null);
  }

  /** Receives the series of an instant vector selector one at a time. */
  interface VectorSink {
    /** Takes one series; it is a reused object, valid only during the call. */
    void series(StepSeries s);
  }

  /**
   * Evaluates an instant vector selector series by series into {@code sink} instead of collecting
   * its series; it takes the place of {@link #eval} for the selector node.
   */
  void streamVector(VectorSelector vs, VectorSink sink) {
    q.checkAlive();
    q.path.add(vs);
    try {
      long[] eff = selectorTimes(vs);
      long mint = Math.min(min(eff) - q.lookback + 1, hintMin(vs, q.lookback));
      long maxt = Math.max(max(eff), hintMax(vs)) + (vs.smoothed() ? q.lookback : 0);
      SelectHints h = hints(mint, maxt, 0, q.path.size() - 2);
      selectAt(vs.matchers(), eff, vs.smoothed(), h, false, sink);
    } finally {
      q.path.removeLast();
    }
  }

  /** An instant-vector lookup for a function that selects series itself ({@code info}). */
  Val.Vector selectAt(List<LabelMatcher> matchers, long[] eff, boolean smoothed) {
    long mint = min(eff) - q.lookback + 1;
    long maxt = max(eff) + (smoothed ? q.lookback : 0);
    return selectAt(matchers, eff, smoothed, hints(mint, maxt, 0, q.path.size() - 1), true, null);
  }

  /** Whether a {@code timestamp()} call encloses the node being evaluated. */
  private boolean underTimestamp() {
    for (Expr e : q.path) {
      if (e instanceof Call c && c.function().name().equals("timestamp")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The instant-vector lookup of the series matching {@code matchers} at per-step times {@code
   * eff}: the newest sample within the lookback delta, unless it is a staleness marker. With {@code
   * smoothed} the value is interpolated towards the next sample.
   */
  private Val.Vector selectAt(
      List<LabelMatcher> matchers,
      long[] eff,
      boolean smoothed,
      SelectHints hints,
      boolean sampleTimes,
      VectorSink sink) {
    long mint = hints.start();
    long maxt = hints.end();
    List<StepSeries> out = new ArrayList<>();
    StepSeries shared = sink == null ? null : new StepSeries(Labels.empty(), n);
    try (Querier querier = q.queryable.querier(mint, maxt)) {
      SeriesSet set = querier.select(true, hints, matchers.toArray(new LabelMatcher[0]));
      SampleIterator reuse = null;
      while (set.next()) {
        q.checkAlive();
        Series s = set.at();
        reuse = buffer.load(s, reuse, mint, maxt, false);
        q.samplesRead += buffer.size;
        StepSeries r;
        if (shared != null) {
          r = shared;
          r.labels = s.labels();
          Arrays.fill(r.has, false);
        } else {
          r = new StepSeries(s.labels(), n);
        }
        // Only timestamp() and info() read the sample times; others skip the array.
        long[] st = sampleTimes ? new long[n] : null;
        r.sampleT = st;
        long[] bt = buffer.t;
        double[] bv = buffer.v;
        int len = buffer.size;
        int found = 0;
        // Step times rarely go backwards (only with @ and offsets they stay put): a cursor that
        // moves forward finds each step's sample, with a binary search when they do.
        int upto = 0;
        for (int i = 0; i < n; i++) {
          if (i > 0 && eff[i] < eff[i - 1]) {
            upto = upperBound(bt, len, eff[i]);
          } else {
            while (upto < len && bt[upto] <= eff[i]) {
              upto++;
            }
          }
          int j = upto - 1;
          if (j >= 0 && bt[j] > eff[i] - q.lookback && !StaleMarker.isStale(bv[j])) {
            double val = bv[j];
            if (smoothed
                && bt[j] < eff[i]
                && j + 1 < len
                && bt[j + 1] <= eff[i] + q.lookback
                && !StaleMarker.isStale(bv[j + 1])) {
              val = ExtendedWindow.interpolate(bt[j], bv[j], bt[j + 1], bv[j + 1], eff[i]);
            }
            r.set(i, val);
            if (st != null) {
              st[i] = bt[j];
            }
            countSamples(i, 1);
            found++;
          }
        }
        if (found > 0) {
          q.hold(found);
          if (sink != null) {
            sink.series(r);
          } else {
            out.add(r);
          }
        }
      }
    }
    return new Val.Vector(out);
  }

  /** Receives the samples of one series of a range selector. */
  interface RangeSink {
    /**
     * Takes the samples {@code t/v[0..len)} of one series; the arrays are the selector's reused
     * buffer, valid only during the call.
     */
    void series(RangeInput in, Labels labels, long[] t, double[] v, int len, boolean dropName);
  }

  /**
   * Evaluates a range selector series by series into {@code sink} instead of collecting all its
   * samples; it takes the place of {@link #eval} for the selector node.
   */
  void streamRange(MatrixSelector ms, RangeSink sink) {
    q.checkAlive();
    q.path.add(ms);
    try {
      rangeSelector(ms, sink);
    } finally {
      q.path.removeLast();
    }
  }

  RangeInput rangeSelector(MatrixSelector ms) {
    return rangeSelector(ms, null);
  }

  private RangeInput rangeSelector(MatrixSelector ms, RangeSink sink) {
    VectorSelector vs = ms.selector();
    long range = durationMillis(ms.rangeMillis(), ms.rangeExpr());
    if (range <= 0) {
      throw PromqlError.execution("range must be positive, got " + range + "ms");
    }
    long[] eff = selectorTimes(vs);
    RangeInput in = new RangeInput(eff, range);
    long mint = Math.min(min(eff) - range + 1, hintMin(vs, range));
    long maxt = Math.max(max(eff), hintMax(vs));
    if (vs.anchored() || vs.smoothed()) {
      in.mode = vs.anchored() ? RangeInput.ANCHORED : RangeInput.SMOOTHED;
      in.lookback = q.lookback;
      mint -= q.lookback;
      if (vs.smoothed()) {
        maxt += q.lookback;
      }
    }
    try (Querier querier = q.queryable.querier(mint, maxt)) {
      SeriesSet set =
          querier.select(
              true,
              hints(mint, maxt, range, q.path.size() - 1),
              vs.matchers().toArray(new LabelMatcher[0]));
      SampleIterator reuse = null;
      while (set.next()) {
        q.checkAlive();
        Series s = set.at();
        reuse = buffer.load(s, reuse, mint, maxt, true);
        q.samplesRead += buffer.size;
        if (buffer.size == 0) {
          continue;
        }
        if (sink != null) {
          sink.series(in, s.labels(), buffer.t, buffer.v, buffer.size, false);
          continue;
        }
        long[] t = Arrays.copyOf(buffer.t, buffer.size);
        double[] v = Arrays.copyOf(buffer.v, buffer.size);
        in.add(s.labels(), t, v, false);
      }
    }
    return in;
  }

  private RangeInput subquery(SubqueryExpr sq) {
    long offset = durationMillis(sq.offsetMillis(), sq.offsetExpr());
    long range = durationMillis(sq.rangeMillis(), sq.rangeExpr());
    long subStep =
        sq.stepExpr() != null
            ? durationMillis(0, sq.stepExpr())
            : sq.stepMillis() != 0 ? sq.stepMillis() : q.defaultSubqueryStep;
    if (subStep <= 0) {
      throw PromqlError.execution("subquery step must be positive, got " + subStep + "ms");
    }
    long[] eff = effectiveTimes(sq.atMillis(), sq.at(), offset);
    RangeInput in = new RangeInput(eff, range);
    long lo = min(eff) - range;
    long s = Math.floorDiv(lo, subStep) * subStep;
    if (s <= lo) {
      s += subStep;
    }
    long e = max(eff);
    if (s > e) {
      return in;
    }
    long pinStart;
    long pinEnd;
    if (sq.atMillis() != null) {
      pinStart = pinEnd = sq.atMillis();
    } else if (sq.at() == AtAnchor.START) {
      pinStart = pinEnd = q.start;
    } else if (sq.at() == AtAnchor.END) {
      pinStart = pinEnd = q.end;
    } else {
      pinStart = hintStart;
      pinEnd = hintEnd;
    }
    Evaluator inner = new Evaluator(q, s, e, subStep, pinStart - offset - range, pinEnd - offset);
    Val v = inner.eval(sq.expr());
    List<StepSeries> series;
    if (v instanceof Val.Scalar sc) {
      StepSeries one = new StepSeries(Labels.empty(), inner.n);
      for (int i = 0; i < inner.n; i++) {
        one.set(i, sc.v()[i]);
      }
      series = List.of(one);
    } else {
      series = ((Val.Vector) v).series();
    }
    for (StepSeries ss : series) {
      int c = ss.count();
      if (c == 0) {
        continue;
      }
      long[] t = new long[c];
      double[] vals = new double[c];
      int k = 0;
      for (int i = 0; i < inner.n; i++) {
        if (ss.has[i]) {
          t[k] = inner.times[i];
          vals[k++] = ss.v[i];
        }
      }
      in.add(ss.labels, t, vals, ss.dropName);
    }
    // The inner result stays held (Prometheus counts it in the evaluator's running total) until
    // the function reading the subquery is done with it.
    return in;
  }

  /** The index of the first element greater than {@code key} among {@code a[0..len)}. */
  static int upperBound(long[] a, int len, long key) {
    int lo = 0;
    int hi = len;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] <= key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static long min(long[] a) {
    long m = Long.MAX_VALUE;
    for (long x : a) {
      m = Math.min(m, x);
    }
    return m;
  }

  private static long max(long[] a) {
    long m = Long.MIN_VALUE;
    for (long x : a) {
      m = Math.max(m, x);
    }
    return m;
  }

  /** A growable pair of primitive arrays, reused for every series a selector loads. */
  static final class SampleBuffer {
    long[] t = new long[256];
    double[] v = new double[256];
    int size;

    SampleIterator load(Series s, SampleIterator reuse, long mint, long maxt, boolean dropStale) {
      size = 0;
      SampleIterator it = s.iterator(reuse);
      if (it instanceof DecodedSamples d) {
        copy(d, mint, maxt, dropStale);
        return it;
      }
      ValueKind k = it.seek(mint);
      while (k != ValueKind.NONE) {
        long ts = it.t();
        if (ts > maxt) {
          break;
        }
        if (k == ValueKind.FLOAT) {
          double val = it.v();
          if (!(dropStale && StaleMarker.isStale(val))) {
            if (size == t.length) {
              t = Arrays.copyOf(t, size * 2);
              v = Arrays.copyOf(v, size * 2);
            }
            t[size] = ts;
            v[size++] = val;
          }
        }
        k = it.next();
      }
      return it;
    }

    /** Copies the decoded samples in {@code [mint, maxt]} in bulk, without per-sample calls. */
    private void copy(DecodedSamples d, long mint, long maxt, boolean dropStale) {
      long[] st = d.sampleTimes();
      double[] sv = d.sampleValues();
      int n = d.sampleCount();
      int from = 0;
      while (from < n && st[from] < mint) {
        from++;
      }
      int to = n;
      while (to > from && st[to - 1] > maxt) {
        to--;
      }
      int len = to - from;
      if (len > t.length) {
        int cap = Math.max(len, t.length * 2);
        t = new long[cap];
        v = new double[cap];
      }
      // Stale markers are NaNs: without any NaN the arrays are copied whole.
      boolean anyNaN = false;
      if (dropStale) {
        for (int i = from; i < to; i++) {
          double x = sv[i];
          anyNaN |= x != x;
        }
      }
      if (!anyNaN) {
        System.arraycopy(st, from, t, 0, len);
        System.arraycopy(sv, from, v, 0, len);
        size = len;
        return;
      }
      int out = 0;
      for (int i = from; i < to; i++) {
        double val = sv[i];
        if (!StaleMarker.isStale(val)) {
          t[out] = st[i];
          v[out++] = val;
        }
      }
      size = out;
    }
  }
}
