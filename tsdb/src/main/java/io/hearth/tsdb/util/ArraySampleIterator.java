package io.hearth.tsdb.util;

import io.hearth.model.ValueKind;
import io.hearth.storage.DecodedSamples;
import io.hearth.storage.SampleIterator;

/**
 * Iterates samples already decoded into parallel arrays (all inside the querier's range), and
 * exposes the arrays for bulk copies ({@link DecodedSamples}). No allocation; not thread-safe. The
 * arrays are the caller's: they must not change while the iterator is in use.
 */
public final class ArraySampleIterator implements SampleIterator, DecodedSamples {
  private long[] t;
  private double[] v;
  private int len;
  private int i;

  /**
   * Starts over on {@code len} samples of {@code t} and {@code v}.
   *
   * @param t timestamps in ms, ascending
   * @param v values, one per timestamp
   * @param len the number of samples used from the start of both arrays
   */
  public void reset(long[] t, double[] v, int len) {
    this.t = t;
    this.v = v;
    this.len = len;
    this.i = -1;
  }

  @Override
  public ValueKind next() {
    if (i < len) {
      i++;
    }
    return i < len ? ValueKind.FLOAT : ValueKind.NONE;
  }

  @Override
  public ValueKind seek(long target) {
    if (i < 0) {
      i = 0;
    }
    long[] ts = t;
    int n = len;
    while (i < n && ts[i] < target) {
      i++;
    }
    return i < n ? ValueKind.FLOAT : ValueKind.NONE;
  }

  @Override
  public long t() {
    return t[i];
  }

  @Override
  public double v() {
    return v[i];
  }

  @Override
  public int sampleCount() {
    return len;
  }

  @Override
  public long[] sampleTimes() {
    return t;
  }

  @Override
  public double[] sampleValues() {
    return v;
  }
}
