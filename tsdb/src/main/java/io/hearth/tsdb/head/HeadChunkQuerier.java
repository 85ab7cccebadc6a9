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
      private MemSeries series;
      private SeriesSnapshot current;
      private final XorChunkReader reader = new XorChunkReader();

      @Override
      public boolean next() {
        while (++i < found.length) {
          MemSeries s = found[i];
          if (surelyInRange(s)) {
            // Chunks are read when an iterator asks for them: label-only selects (series, label
            // names and values) then never copy or check a chunk.
            series = s;
            current = null;
            return true;
          }
          current = head.tombstones().snapshot(s, minT, maxT, head.arena());
          if (current != null && current.hasSampleIn(minT, maxT, reader)) {
            series = s;
            return true;
          }
        }
        series = null;
        current = null;
        return false;
      }

      @Override
      public ChunkSeries at() {
        MemSeries s = series;
        SeriesSnapshot snap = current;
        return new ChunkSeries() {
          @Override
          public Labels labels() {
            return s.labels;
          }

          @Override
          public ChunkIterator iterator(ChunkIterator reuse) {
            SeriesSnapshot chunks =
                snap != null ? snap : head.tombstones().snapshot(s, minT, maxT, head.arena());
            return new SnapshotChunkIterator(chunks);
          }
        };
      }
    };
  }

  /** Walks the chunks of a snapshot (none when null: the series lost them since it was listed). */
  private static final class SnapshotChunkIterator implements ChunkIterator {
    private final SeriesSnapshot snap;
    private int i = -1;

    SnapshotChunkIterator(SeriesSnapshot snap) {
      this.snap = snap;
    }

    @Override
    public boolean next() {
      return snap != null && ++i < snap.chunks().length;
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
