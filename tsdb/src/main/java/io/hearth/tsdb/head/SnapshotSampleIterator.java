package io.hearth.tsdb.head;

import io.hearth.encoding.XorChunkReader;
import io.hearth.model.ValueKind;
import io.hearth.storage.SampleIterator;

/**
 * Iterates the samples of a {@link SeriesSnapshot} within {@code [minT, maxT]}, chunk by chunk,
 * reusing one chunk reader. No allocation per sample.
 */
final class SnapshotSampleIterator implements SampleIterator {
  private final XorChunkReader reader = new XorChunkReader();
  private SeriesSnapshot snap;
  private long minT;
  private long maxT;
  private int chunk;
  private boolean done;
  private boolean started;

  void reset(SeriesSnapshot snap, long minT, long maxT) {
    this.snap = snap;
    this.minT = minT;
    this.maxT = maxT;
    this.chunk = -1;
    this.done = false;
    this.started = false;
  }

  @Override
  public ValueKind next() {
    if (done) {
      return ValueKind.NONE;
    }
    if (!started) {
      started = true;
      return seek(minT);
    }
    return advance();
  }

  private ValueKind advance() {
    while (true) {
      if (chunk >= 0 && reader.next()) {
        if (reader.t() > maxT) {
          done = true;
          return ValueKind.NONE;
        }
        return ValueKind.FLOAT;
      }
      if (!openNext()) {
        return ValueKind.NONE;
      }
    }
  }

  private boolean openNext() {
    chunk++;
    if (chunk >= snap.chunks().length || snap.minT()[chunk] > maxT) {
      done = true;
      return false;
    }
    reader.reset(snap.chunks()[chunk]);
    return true;
  }

  @Override
  public ValueKind seek(long t) {
    if (done) {
      return ValueKind.NONE;
    }
    long target = Math.max(t, minT);
    if (started && chunk >= 0 && reader.t() >= target) {
      return ValueKind.FLOAT;
    }
    started = true;
    if (chunk < 0) {
      chunk = 0;
      // Skip whole chunks that end before the target without decoding them.
      while (chunk < snap.chunks().length && snap.maxT()[chunk] < target) {
        chunk++;
      }
      chunk--;
      if (!openNext()) {
        return ValueKind.NONE;
      }
    } else {
      while (snap.maxT()[chunk] < target) {
        if (!openNext()) {
          return ValueKind.NONE;
        }
      }
    }
    while (true) {
      ValueKind k = advance();
      if (k == ValueKind.NONE || reader.t() >= target) {
        return k;
      }
    }
  }

  /** Decodes whole runs of each chunk straight into the arrays. */
  @Override
  public int nextFloats(long[] ts, double[] vs, int off, int max) {
    if (done || max <= 0) {
      return 0;
    }
    int n = 0;
    if (!started) {
      if (next() == ValueKind.NONE) {
        return 0;
      }
      ts[off] = reader.t();
      vs[off] = reader.v();
      n = 1;
    }
    while (n < max) {
      if (chunk >= 0) {
        n += reader.readInto(ts, vs, off + n, max - n, maxT);
        if (n == max) {
          break;
        }
        if (reader.numRead() > 0 && reader.t() > maxT) {
          done = true;
          return n;
        }
      }
      if (!openNext()) {
        return n;
      }
    }
    return n;
  }

  @Override
  public long t() {
    return reader.t();
  }

  @Override
  public double v() {
    return reader.v();
  }

  /** The current value's raw bits. */
  long vBits() {
    return reader.vBits();
  }
}
