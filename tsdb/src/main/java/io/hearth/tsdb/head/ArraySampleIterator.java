package io.hearth.tsdb.head;

import io.hearth.model.ValueKind;
import io.hearth.storage.DecodedSamples;
import io.hearth.storage.SampleIterator;

/**
 * Iterates a {@link DecodedSeries}, whose samples all lie in the querier's range, and exposes its
 * arrays for bulk copies ({@link DecodedSamples}). No allocation; not thread-safe.
 */
final class ArraySampleIterator implements SampleIterator, DecodedSamples {
  private DecodedSeries s;
  private int i;

  void reset(DecodedSeries s) {
    this.s = s;
    this.i = -1;
  }

  @Override
  public ValueKind next() {
    if (i < s.len) {
      i++;
    }
    return i < s.len ? ValueKind.FLOAT : ValueKind.NONE;
  }

  @Override
  public ValueKind seek(long t) {
    if (i < 0) {
      i = 0;
    }
    while (i < s.len && s.t[i] < t) {
      i++;
    }
    return i < s.len ? ValueKind.FLOAT : ValueKind.NONE;
  }

  @Override
  public long t() {
    return s.t[i];
  }

  @Override
  public double v() {
    return s.v[i];
  }

  @Override
  public int sampleCount() {
    return s.len;
  }

  @Override
  public long[] sampleTimes() {
    return s.t;
  }

  @Override
  public double[] sampleValues() {
    return s.v;
  }
}
