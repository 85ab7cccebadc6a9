package io.hearth.promql.engine;

import io.hearth.promql.parser.Expr;
import io.hearth.storage.Queryable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * What every evaluator of one query shares: the storage, the query's own time range (for {@code @
 * start()}, {@code @ end()}, {@code step()}), limits and annotations. Not thread-safe.
 */
final class QueryContext {
  final Queryable queryable;
  final String query;
  final long start;
  final long end;
  final long step;
  final long lookback;
  final long maxSamples;
  final long defaultSubqueryStep;
  final long deadlineNanos;
  final BooleanSupplier cancelled;
  final Annotations annotations;
  final boolean instant;

  /** The nodes being evaluated, outermost first: selectors read their hints from it. */
  final List<Expr> path = new ArrayList<>();

  /** Samples the query holds right now: selector output and node results not yet consumed. */
  long held;

  /** The largest {@link #held} (plus a window being built) seen so far. */
  long peak;

  /** Prometheus' total queryable samples, in all and per evaluation time of the query. */
  long totalSamples;

  final long[] stepSamples;

  /** Samples read from storage. */
  long samplesRead;

  private int checks;

  QueryContext(
      Queryable queryable,
      String query,
      long start,
      long end,
      long step,
      boolean instant,
      EngineOptions options,
      QueryOptions qo) {
    this.queryable = queryable;
    this.query = query;
    this.start = start;
    this.end = end;
    this.step = step;
    this.instant = instant;
    this.lookback = qo.lookbackDeltaMs() > 0 ? qo.lookbackDeltaMs() : options.lookbackDeltaMs();
    this.maxSamples = options.maxSamples();
    this.defaultSubqueryStep = options.defaultSubqueryStepMs();
    this.deadlineNanos = System.nanoTime() + options.timeoutMs() * 1_000_000L;
    this.cancelled = qo.cancelled();
    this.annotations = new Annotations(query);
    this.stepSamples = new long[instant ? 1 : (int) ((end - start) / step) + 1];
  }

  /**
   * Counts {@code count} queryable samples at evaluation time {@code t}; times that are not one of
   * the query's own (those of a subquery) count only in the total.
   */
  void countSamples(long t, long count) {
    totalSamples += count;
    long i = instant ? (t == start ? 0 : -1) : Math.floorDiv(t - start, step);
    if (i >= 0 && i < stepSamples.length) {
      stepSamples[(int) i] += count;
    }
  }

  /** Fails the query when it ran out of time or was cancelled; cheap enough for series loops. */
  void checkAlive() {
    if ((++checks & 63) != 0) {
      return;
    }
    if ((cancelled != null && cancelled.getAsBoolean()) || Thread.currentThread().isInterrupted()) {
      throw new PromqlError(
          PromqlError.Type.CANCELED, "query was canceled in expression evaluation");
    }
    if (System.nanoTime() - deadlineNanos > 0) {
      throw new PromqlError(PromqlError.Type.TIMEOUT, "query timed out in expression evaluation");
    }
  }

  /**
   * Adds {@code count} samples to the running total held by the query and fails when the total
   * exceeds the limit, as Prometheus' evaluator does with its current-samples counter.
   */
  void hold(long count) {
    held += count;
    if (held > peak) {
      peak = held;
    }
    if (held > maxSamples) {
      throw tooManySamples();
    }
  }

  /** Fails when {@code extra} samples held on top of the running total would exceed the limit. */
  void checkPeak(long extra) {
    if (held + extra > peak) {
      peak = held + extra;
    }
    if (held + extra > maxSamples) {
      throw tooManySamples();
    }
  }

  static PromqlError tooManySamples() {
    return PromqlError.execution(
        "query processing would load too many samples into memory in query execution");
  }
}
