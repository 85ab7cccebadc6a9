package io.hearth.tsdb.util;

import java.util.Arrays;

/**
 * Arithmetic on deleted time intervals, shared by block tombstones and head deletions: a series'
 * intervals are closed {@code [min, max]} pairs in milliseconds, stored flat as {@code [min0, max0,
 * min1, max1, …]}, sorted by min and merged. Stateless.
 */
public final class DeletedIntervals {
  private DeletedIntervals() {}

  /**
   * Sorts {@code [min, max]} pairs by min and joins overlapping or adjacent ones, as Prometheus
   * merges tombstone intervals.
   *
   * @return a new array of merged pairs
   */
  public static long[] merge(long[] pairs) {
    int n = pairs.length / 2;
    long[][] iv = new long[n][];
    for (int i = 0; i < n; i++) {
      iv[i] = new long[] {pairs[2 * i], pairs[2 * i + 1]};
    }
    Arrays.sort(iv, (a, b) -> Long.compare(a[0], b[0]));
    long[] out = new long[2 * n];
    int k = 0;
    for (long[] x : iv) {
      if (k > 0 && (x[0] <= out[k - 1] || x[0] - 1 == out[k - 1])) {
        out[k - 1] = Math.max(out[k - 1], x[1]);
      } else {
        out[k++] = x[0];
        out[k++] = x[1];
      }
    }
    return Arrays.copyOf(out, k);
  }

  /** Whether {@code t} falls in one of the sorted merged intervals. */
  public static boolean isDeleted(long[] intervals, long t) {
    for (int i = 0; i < intervals.length; i += 2) {
      if (t < intervals[i]) {
        return false;
      }
      if (t <= intervals[i + 1]) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code [minT, maxT]} lies inside one of the merged intervals. */
  public static boolean covers(long[] intervals, long minT, long maxT) {
    for (int i = 0; i < intervals.length; i += 2) {
      if (intervals[i] <= minT && maxT <= intervals[i + 1]) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code [minT, maxT]} overlaps one of the intervals. */
  public static boolean overlaps(long[] intervals, long minT, long maxT) {
    for (int i = 0; i < intervals.length; i += 2) {
      if (intervals[i] <= maxT && minT <= intervals[i + 1]) {
        return true;
      }
    }
    return false;
  }
}
