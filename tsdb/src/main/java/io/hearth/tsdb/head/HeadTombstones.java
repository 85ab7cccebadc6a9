package io.hearth.tsdb.head;

import io.hearth.encoding.XorChunkReader;
import io.hearth.encoding.XorChunkWriter;
import io.hearth.model.LabelMatcher;
import io.hearth.tsdb.util.DeletedIntervals;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * The deleted time intervals of head series, applied when queriers take a series' snapshot: chunks
 * inside a deleted interval are dropped and chunks overlapping one are re-encoded without the
 * deleted samples, so sample queries, chunk queries and head compaction (which writes blocks from a
 * chunk querier) all leave deleted samples out. As in Prometheus, an interval also hides samples
 * appended into it later.
 *
 * <p>Thread-safe. Adding intervals never blocks appends; queriers see an interval from the first
 * snapshot they take after {@link #add} returned. Durability is the caller's job (the database logs
 * tombstone records to the WAL before adding them, and adds them again at replay).
 */
public final class HeadTombstones {
  /** Series ref to merged intervals as {@code [min0, max0, min1, max1, …]}; values never change. */
  private final ConcurrentHashMap<Long, long[]> bySeries = new ConcurrentHashMap<>();

  /** Lets queries skip the map lookup while nothing was ever deleted, the usual case. */
  private volatile boolean any;

  /** Creates an empty set. */
  public HeadTombstones() {}

  /**
   * Deletes {@code [minT, maxT]} (inclusive, ms) of the series {@code ref}; intervals of a series
   * are merged when they overlap or touch.
   *
   * @throws IllegalArgumentException if {@code maxT < minT}
   */
  public void add(long ref, long minT, long maxT) {
    if (maxT < minT) {
      throw new IllegalArgumentException("maxT " + maxT + " < minT " + minT);
    }
    bySeries.compute(
        ref,
        (k, old) -> {
          long[] added = old == null ? new long[2] : Arrays.copyOf(old, old.length + 2);
          added[added.length - 2] = minT;
          added[added.length - 1] = maxT;
          return DeletedIntervals.merge(added);
        });
    any = true;
  }

  /** The merged intervals of a series as sorted {@code [min, max]} pairs, or null if none. */
  public long[] intervals(long ref) {
    return any ? bySeries.get(ref) : null;
  }

  /** The number of series with deleted intervals. */
  public int seriesCount() {
    return bySeries.size();
  }

  /**
   * Forgets the intervals of series the head no longer holds (removed by truncation), so that the
   * map does not grow with series churn.
   *
   * @return the number of series forgotten
   */
  public int forgetRemoved(Head head) {
    int n = 0;
    for (Long ref : List.copyOf(bySeries.keySet())) {
      if (!head.isLive(ref)) {
        bySeries.remove(ref);
        n++;
      }
    }
    return n;
  }

  /**
   * The refs of the head series that match every matcher and hold a sample in {@code [minT, maxT]}:
   * the series a deletion of that range must mark.
   *
   * @return refs in increasing order
   */
  public static long[] matching(Head head, long minT, long maxT, LabelMatcher... matchers) {
    RoaringBitmap refs = head.postings().select(matchers);
    long[] out = new long[refs.getCardinality()];
    int n = 0;
    for (IntIterator it = refs.getIntIterator(); it.hasNext(); ) {
      MemSeries s = head.byRef(it.next());
      if (s != null && s.hasSamples() && s.firstT() <= maxT && s.lastT() >= minT) {
        out[n++] = s.ref;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /**
   * The snapshot of {@code s} for {@code [minT, maxT]} with this set's deletions applied; the hook
   * every head reader uses instead of {@link MemSeries#snapshot}.
   *
   * @return null when no chunk with a remaining sample overlaps the range
   */
  SeriesSnapshot snapshot(MemSeries s, long minT, long maxT, ChunkArena arena) {
    SeriesSnapshot snap = s.snapshot(minT, maxT, arena);
    if (snap == null || !any) {
      return snap;
    }
    long[] deleted = bySeries.get(s.ref);
    return deleted == null ? snap : apply(snap, deleted);
  }

  /** Drops chunks inside deleted intervals and re-encodes chunks that overlap one. */
  static SeriesSnapshot apply(SeriesSnapshot snap, long[] deleted) {
    int n = snap.chunks().length;
    List<MemorySegment> chunks = new ArrayList<>(n);
    long[] mins = new long[n];
    long[] maxs = new long[n];
    XorChunkReader reader = null;
    XorChunkWriter writer = null;
    int k = 0;
    for (int i = 0; i < n; i++) {
      long lo = snap.minT()[i];
      long hi = snap.maxT()[i];
      if (!DeletedIntervals.overlaps(deleted, lo, hi)) {
        chunks.add(snap.chunks()[i]);
        mins[k] = lo;
        maxs[k++] = hi;
        continue;
      }
      if (DeletedIntervals.covers(deleted, lo, hi)) {
        continue;
      }
      if (reader == null) {
        reader = new XorChunkReader();
        writer = XorChunkWriter.create();
      }
      writer.reset();
      reader.reset(snap.chunks()[i]);
      while (reader.next()) {
        if (!DeletedIntervals.isDeleted(deleted, reader.t())) {
          writer.appendBits(reader.t(), reader.vBits());
        }
      }
      if (writer.numSamples() > 0) {
        chunks.add(MemorySegment.ofArray(Arrays.copyOf(writer.array(), writer.length())));
        mins[k] = writer.minT();
        maxs[k++] = writer.maxT();
      }
    }
    if (k == 0) {
      return null;
    }
    return new SeriesSnapshot(
        snap.labels(),
        chunks.toArray(new MemorySegment[0]),
        Arrays.copyOf(mins, k),
        Arrays.copyOf(maxs, k));
  }
}
