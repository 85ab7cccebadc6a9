package io.hearth.tsdb.block;

import io.hearth.tsdb.util.DeletedIntervals;
import java.util.Arrays;
import org.roaringbitmap.PeekableIntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * Walks selected series IDs in index (= label) order, decoding each series and keeping the chunks
 * that overlap {@code [minT, maxT]} and are not wholly deleted by tombstones; series without such
 * chunks are skipped. Not thread-safe.
 */
final class SeriesCursor {
  private final IndexReader index;
  private final PeekableIntIterator ids;
  private final long minT;
  private final long maxT;
  private final Tombstones tombstones;
  private final IndexReader.SeriesEntry entry = new IndexReader.SeriesEntry();
  private BlockSeries current;

  SeriesCursor(IndexReader index, RoaringBitmap ids, long minT, long maxT, Tombstones tombstones) {
    this.index = index;
    this.ids = ids.getIntIterator();
    this.minT = minT;
    this.maxT = maxT;
    this.tombstones = tombstones;
  }

  boolean next() {
    while (ids.hasNext()) {
      int id = ids.next();
      index.series(id, entry);
      long[] deleted = tombstones.intervals(id);
      int n = entry.chunkCount();
      int kept = 0;
      long[] keptMinT = new long[n];
      long[] keptMaxT = new long[n];
      long[] keptRefs = new long[n];
      for (int c = 0; c < n; c++) {
        long cMin = entry.minT(c);
        long cMax = entry.maxT(c);
        if (cMax < minT || cMin > maxT) {
          continue;
        }
        if (deleted != null && DeletedIntervals.covers(deleted, cMin, cMax)) {
          continue;
        }
        keptMinT[kept] = cMin;
        keptMaxT[kept] = cMax;
        keptRefs[kept] = entry.ref(c);
        kept++;
      }
      if (kept == n && n > 0) {
        // Every chunk is in range (the usual case): the arrays are exactly the right size.
        current = new BlockSeries(entry.labels(), keptMinT, keptMaxT, keptRefs, deleted);
        return true;
      }
      if (kept > 0) {
        current =
            new BlockSeries(
                entry.labels(),
                Arrays.copyOf(keptMinT, kept),
                Arrays.copyOf(keptMaxT, kept),
                Arrays.copyOf(keptRefs, kept),
                deleted);
        return true;
      }
    }
    current = null;
    return false;
  }

  BlockSeries at() {
    if (current == null) {
      throw new IllegalStateException("no current series");
    }
    return current;
  }
}
