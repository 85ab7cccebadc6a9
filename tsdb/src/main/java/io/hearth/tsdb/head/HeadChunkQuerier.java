package io.hearth.tsdb.head;

import io.hearth.encoding.XorChunkReader;
import io.hearth.model.LabelMatcher;
import io.hearth.model.Labels;
import io.hearth.storage.ChunkIterator;
import io.hearth.storage.ChunkQuerier;
import io.hearth.storage.ChunkSeries;
import io.hearth.storage.ChunkSeriesSet;
import io.hearth.storage.SelectHints;
import java.lang.foreign.MemorySegment;

/** Reads the head's chunks overlapping {@code [minT, maxT]}, without decoding. Not thread-safe. */
final class HeadChunkQuerier extends HeadLabelQuerier implements ChunkQuerier {
  HeadChunkQuerier(Head head, long minT, long maxT) {
    super(head, minT, maxT);
  }

  @Override
  public ChunkSeriesSet select(boolean sorted, SelectHints hints, LabelMatcher... matchers) {
    MemSeries[] found = selectSeries(sorted, matchers);
    return new ChunkSeriesSet() {
      private int i = -1;
      private SeriesSnapshot current;
      private final XorChunkReader reader = new XorChunkReader();

      @Override
      public boolean next() {
        while (++i < found.length) {
          current = head.tombstones().snapshot(found[i], minT, maxT, head.arena());
          if (current != null && current.hasSampleIn(minT, maxT, reader)) {
            return true;
          }
        }
        current = null;
        return false;
      }

      @Override
      public ChunkSeries at() {
        SeriesSnapshot snap = current;
        return new ChunkSeries() {
          @Override
          public Labels labels() {
            return snap.labels();
          }

          @Override
          public ChunkIterator iterator(ChunkIterator reuse) {
            return new SnapshotChunkIterator(snap);
          }
        };
      }
    };
  }

  /** Walks the chunks of a snapshot. */
  private static final class SnapshotChunkIterator implements ChunkIterator {
    private final SeriesSnapshot snap;
    private int i = -1;

    SnapshotChunkIterator(SeriesSnapshot snap) {
      this.snap = snap;
    }

    @Override
    public boolean next() {
      return ++i < snap.chunks().length;
    }

    @Override
    public long minT() {
      return snap.minT()[i];
    }

    @Override
    public long maxT() {
      return snap.maxT()[i];
    }

    @Override
    public int encoding() {
      return 1;
    }

    @Override
    public MemorySegment bytes() {
      return snap.chunks()[i];
    }
  }
}
