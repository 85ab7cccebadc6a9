package io.hearth.tsdb.merge;

import io.hearth.model.Labels;
import io.hearth.model.ValueKind;
import io.hearth.storage.DecodedSamples;
import io.hearth.storage.SampleIterator;
import io.hearth.storage.Series;
import java.util.Arrays;

/**
 * One merged series of a batch: its labels, the parts still to decode (detached series of its
 * sources) or already copied (samples of sources whose series expire when their set advances), and
 * finally its samples in time order. Parts are appended in source order; a part that overlaps the
 * samples before it is merged in, its samples winning on equal timestamps. Values are only moved,
 * never computed on, so stale-marker NaN bits survive. Filled by the querying thread, decoded by
 * one thread, then read by the querying thread after a happens-before edge.
 */
final class MergedSlot {
  Labels labels;

  /** Per part in source order: the detached series to decode, or null if copied. */
  Series[] parts;

  int partCount;

  /** Where each copied part's samples start and end in {@link #copiedT}. */
  int[] copiedFrom;

  int[] copiedTo;
  long[] copiedT = new long[0];
  double[] copiedV = new double[0];
  int copiedLen;

  /** The decoded samples. */
  long[] t = new long[0];

  double[] v = new double[0];
  int len;

  MergedSlot(int maxParts) {
    parts = new Series[maxParts];
    copiedFrom = new int[maxParts];
    copiedTo = new int[maxParts];
  }

  void clear(Labels labels) {
    this.labels = labels;
    Arrays.fill(parts, 0, partCount, null);
    partCount = 0;
    copiedLen = 0;
    len = 0;
  }

  /** Adds a detached part, decoded later by {@link #decode}. */
  void addDetached(Series s) {
    parts[partCount++] = s;
  }

  /** Copies the samples of a series that expires when its set advances; returns the iterator. */
  SampleIterator addCopied(Series s, SampleIterator reuse) {
    SampleIterator it = s.iterator(reuse);
    int from = copiedLen;
    if (it instanceof DecodedSamples d) {
      int n = d.sampleCount();
      if (copiedLen + n > copiedT.length) {
        int cap = Math.max(copiedLen + n, Math.max(64, copiedT.length * 2));
        copiedT = Arrays.copyOf(copiedT, cap);
        copiedV = Arrays.copyOf(copiedV, cap);
      }
      System.arraycopy(d.sampleTimes(), 0, copiedT, copiedLen, n);
      System.arraycopy(d.sampleValues(), 0, copiedV, copiedLen, n);
      copiedLen += n;
    } else {
      for (ValueKind k = it.next(); k != ValueKind.NONE; k = it.next()) {
        if (k != ValueKind.FLOAT) {
          continue;
        }
        if (copiedLen == copiedT.length) {
          int cap = Math.max(64, copiedLen * 2);
          copiedT = Arrays.copyOf(copiedT, cap);
          copiedV = Arrays.copyOf(copiedV, cap);
        }
        copiedT[copiedLen] = it.t();
        copiedV[copiedLen++] = it.v();
      }
    }
    copiedFrom[partCount] = from;
    copiedTo[partCount] = copiedLen;
    parts[partCount++] = null;
    return it;
  }

  /**
   * Decodes every part in source order into {@link #t}/{@link #v}.
   *
   * @param reuse iterators to reuse, owned by the calling thread, one per part index
   */
  void decode(SampleIterator[] reuse) {
    len = 0;
    for (int p = 0; p < partCount; p++) {
      int start = len;
      Series s = parts[p];
      if (s != null) {
        SampleIterator it = s.iterator(reuse[p]);
        reuse[p] = it;
        // In bulk: block iterators decode whole chunk runs without a call per sample.
        while (true) {
          if (len == t.length) {
            grow(len + 1);
          }
          int got = it.nextFloats(t, v, len, t.length - len);
          if (got == 0) {
            break;
          }
          len += got;
        }
      } else {
        int n = copiedTo[p] - copiedFrom[p];
        if (len + n > t.length) {
          grow(len + n);
        }
        System.arraycopy(copiedT, copiedFrom[p], t, len, n);
        System.arraycopy(copiedV, copiedFrom[p], v, len, n);
        len += n;
      }
      if (start > 0 && len > start && t[start] <= t[start - 1]) {
        mergeTail(start);
      }
    }
  }

  private void grow(int min) {
    int cap = Math.max(min, Math.max(64, t.length * 2));
    t = Arrays.copyOf(t, cap);
    v = Arrays.copyOf(v, cap);
  }

  /**
   * Merges the sorted runs {@code [0, mid)} and {@code [mid, len)}; on equal timestamps the later
   * run's sample wins. Only sources that overlap in time get here.
   */
  private void mergeTail(int mid) {
    long[] at = Arrays.copyOf(t, mid);
    double[] av = Arrays.copyOf(v, mid);
    long[] bt = Arrays.copyOfRange(t, mid, len);
    double[] bv = Arrays.copyOfRange(v, mid, len);
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < at.length || j < bt.length) {
      if (j == bt.length || (i < at.length && at[i] < bt[j])) {
        t[n] = at[i];
        v[n++] = av[i++];
      } else {
        if (i < at.length && at[i] == bt[j]) {
          i++;
        }
        t[n] = bt[j];
        v[n++] = bv[j++];
      }
    }
    len = n;
  }
}
