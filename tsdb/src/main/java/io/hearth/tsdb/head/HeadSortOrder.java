package io.hearth.tsdb.head;

import java.util.Arrays;

/**
 * A head's series in label order, kept between queries so that a sorted select orders its series by
 * a cached integer rank instead of comparing labels. Series refs only grow, so the order is
 * extended by merging in the series whose refs are above the highest ref it has seen; series
 * removed from the head keep a stale rank, which still orders the live ones correctly, until a
 * rebuild drops them.
 *
 * <p>Thread-safe: readers use an immutable snapshot published through a volatile field; extending
 * it takes this object's lock.
 */
final class HeadSortOrder {
  /** The order of every live series with a ref up to {@code maxRef}; immutable once published. */
  private record Snapshot(MemSeries[] sorted, int[] rankByRef, long maxRef) {}

  private static final Snapshot EMPTY = new Snapshot(new MemSeries[0], new int[1], 0);

  private final Head head;
  private volatile Snapshot snap = EMPTY;

  /** An empty order for {@code head}; the head owns it (see {@link Head#sortOrder()}). */
  HeadSortOrder(Head head) {
    this.head = head;
  }

  /** Sorts {@code series} (live series of this head, distinct labels) by labels, in place. */
  void sort(MemSeries[] series) {
    int n = series.length;
    if (n < 2) {
      return;
    }
    long max = 0;
    for (MemSeries s : series) {
      max = Math.max(max, s.ref);
    }
    Snapshot cur = snap;
    if (max > cur.maxRef) {
      cur = extend(max);
    }
    int[] rank = cur.rankByRef;
    MemSeries[] sorted = cur.sorted;
    // Rank in the high half, position in the low half: one primitive sort, no comparator.
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      MemSeries s = series[i];
      int r = rank[(int) s.ref];
      if (r >= sorted.length || sorted[r] != s) {
        // Not in the order (created while it was extended past its ref, or dropped from it while
        // this query selected it): sort by labels, and rebuild the order from scratch next time.
        snap = EMPTY;
        Arrays.sort(series, (x, y) -> x.labels.compareTo(y.labels));
        return;
      }
      keys[i] = ((long) r << 32) | i;
    }
    Arrays.sort(keys);
    MemSeries[] copy = series.clone();
    for (int i = 0; i < n; i++) {
      series[i] = copy[(int) keys[i]];
    }
  }

  /** Adds every series with a ref in {@code (maxRef, upTo]} to the order. */
  private synchronized Snapshot extend(long upTo) {
    Snapshot cur = snap;
    if (upTo <= cur.maxRef) {
      return cur;
    }
    MemSeries[] added = new MemSeries[16];
    int a = 0;
    for (long r = cur.maxRef + 1; r <= upTo; r++) {
      MemSeries s = head.byRef(r);
      // A replay alias resolves to a series with another ref; it is added under its own ref.
      if (s != null && s.ref == r && !s.isRemoved()) {
        if (a == added.length) {
          added = Arrays.copyOf(added, a * 2);
        }
        added[a++] = s;
      }
    }
    Arrays.sort(added, 0, a, (x, y) -> x.labels.compareTo(y.labels));
    MemSeries[] old = cur.sorted;
    MemSeries[] merged = new MemSeries[old.length + a];
    int i = 0;
    int j = 0;
    int m = 0;
    while (i < old.length || j < a) {
      MemSeries next;
      if (j == a || (i < old.length && old[i].labels.compareTo(added[j].labels) <= 0)) {
        next = old[i++];
        if (next.isRemoved()) {
          continue;
        }
      } else {
        next = added[j++];
      }
      merged[m++] = next;
    }
    int[] rank = new int[(int) upTo + 1];
    for (int k = 0; k < m; k++) {
      rank[(int) merged[k].ref] = k;
    }
    Snapshot next =
        new Snapshot(m == merged.length ? merged : Arrays.copyOf(merged, m), rank, upTo);
    snap = next;
    return next;
  }
}
