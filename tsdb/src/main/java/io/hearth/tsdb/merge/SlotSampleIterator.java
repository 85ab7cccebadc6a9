package io.hearth.tsdb.merge;

import io.hearth.model.ValueKind;
import io.hearth.storage.DecodedSamples;
import io.hearth.storage.SampleIterator;

/**
 * Iterates the decoded samples of a {@link MergedSlot}, which readers may also copy in bulk. No
 * allocation; not thread-safe.
 */
final class SlotSampleIterator implements SampleIterator, DecodedSamples {
  private MergedSlot s;
  private int i;

  void reset(MergedSlot s) {
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
    long[] ts = s.t;
    int n = s.len;
    while (i < n && ts[i] < t) {
      i++;
    }
    return i < n ? ValueKind.FLOAT : ValueKind.NONE;
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

  @Override
  public long t() {
    return s.t[i];
  }

  @Override
  public double v() {
    return s.v[i];
  }
}
