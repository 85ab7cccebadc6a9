package io.hearth.storage;

import io.hearth.model.ValueKind;

/**
 * A primitive pull iterator over the samples of one series, in strictly increasing time order.
 * Never boxes and never allocates per sample. Not thread-safe.
 *
 * <p>Before the first {@link #next()} or {@link #seek(long)} there is no current sample; after
 * either returned {@link ValueKind#NONE} the iterator stays exhausted.
 */
public interface SampleIterator {
  /** Advances to the next sample and returns its kind, or {@link ValueKind#NONE} at the end. */
  ValueKind next();

  /**
   * Advances to the first sample with time {@code >= t} and returns its kind. Never moves
   * backwards: if the current sample is already at or after {@code t}, it stays.
   */
  ValueKind seek(long t);

  /** The time of the current sample in milliseconds. */
  long t();

  /** The value of the current float sample, bit for bit as stored. */
  double v();

  /**
   * Reads the following float samples in bulk: like calling {@link #next()} until {@code max} float
   * samples were stored in {@code t[off..]} and {@code v[off..]} or the end was reached, skipping
   * samples of other kinds. Returns how many were stored, 0 only at the end (for {@code max > 0}).
   * Afterwards the current sample is unspecified: continue with this method or {@link #next()} only
   * (not {@link #seek(long)}, {@link #t()} or {@link #v()}) before the next value is read.
   * Implementations that decode chunks override it to skip the per-sample calls.
   *
   * @param t destination of the times, milliseconds
   * @param v destination of the values, bit for bit as stored
   * @param off the first index written
   * @param max the most samples to store; the arrays must have room for them
   */
  default int nextFloats(long[] t, double[] v, int off, int max) {
    int n = 0;
    while (n < max) {
      ValueKind k = next();
      if (k == ValueKind.NONE) {
        break;
      }
      if (k == ValueKind.FLOAT) {
        t[off + n] = t();
        v[off + n] = v();
        n++;
      }
    }
    return n;
  }
}
