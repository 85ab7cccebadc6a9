package io.hearth.tsdb.head;

import io.hearth.model.Labels;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One series' samples in a query range, decoded into reused primitive arrays by {@link
 * ParallelSeriesSet}. Values are stored as doubles, bit for bit as decoded (array stores and {@code
 * longBitsToDouble} keep NaN payloads such as stale markers on the supported platforms). Written by
 * one thread, then read by the querier's thread after a happens-before edge.
 */
final class DecodedSeries {
  /** A chunk's 2-byte big-endian sample count. */
  private static final ValueLayout.OfShort COUNT =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

  Labels labels;
  long[] t = new long[0];
  double[] v = new double[0];
  int len;

  /**
   * Decodes the samples of {@code s} in {@code [minT, maxT]} minus the head's deletions; leaves
   * {@code len} 0 when it has none.
   */
  void load(MemSeries s, long minT, long maxT, Head head, SnapshotSampleIterator it) {
    len = 0;
    labels = s.labels;
    SeriesSnapshot snap = head.tombstones().snapshot(s, minT, maxT, head.arena());
    if (snap == null) {
      return;
    }
    // Size once from the chunk headers' sample counts (an upper bound) instead of doubling.
    int bound = 0;
    for (MemorySegment c : snap.chunks()) {
      bound += c.get(COUNT, 0) & 0xFFFF;
    }
    // One spare slot: a bulk read that fills the bound exactly then finds the end without growing.
    if (t.length < bound + 1) {
      t = new long[bound + 1];
      v = new double[bound + 1];
    }
    it.reset(snap, minT, maxT);
    int n = 0;
    while (true) {
      if (n == t.length) {
        t = Arrays.copyOf(t, Math.max(16, n * 2));
        v = Arrays.copyOf(v, Math.max(16, n * 2));
      }
      int got = it.nextFloats(t, v, n, t.length - n);
      if (got == 0) {
        break;
      }
      n += got;
    }
    len = n;
  }
}
