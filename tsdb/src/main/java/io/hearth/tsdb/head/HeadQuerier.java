package io.hearth.tsdb.head;

import io.hearth.encoding.XorChunkReader;
import io.hearth.model.LabelMatcher;
import io.hearth.storage.Querier;
import io.hearth.storage.SampleIterator;
import io.hearth.storage.SelectHints;
import io.hearth.storage.Series;
import io.hearth.storage.SeriesSet;
import java.util.ArrayList;
import java.util.List;

/** Reads the head's samples in {@code [minT, maxT]}. Not thread-safe. */
final class HeadQuerier extends HeadLabelQuerier implements Querier {
  /** Sets whose helpers may still be decoding ahead; they must stop before the arena is left. */
  private final List<ParallelSeriesSet> parallelSets = new ArrayList<>();

  HeadQuerier(Head head, long minT, long maxT) {
    super(head, minT, maxT);
  }

  @Override
  public void close() {
    for (ParallelSeriesSet set : parallelSets) {
      set.awaitHelpers();
    }
    parallelSets.clear();
    super.close();
  }

  @Override
  public SeriesSet select(boolean sorted, SelectHints hints, LabelMatcher... matchers) {
    MemSeries[] found = selectSeries(sorted, matchers);
    if (found.length >= ParallelSeriesSet.MIN_SERIES) {
      ParallelSeriesSet set = new ParallelSeriesSet(head, found, minT, maxT);
      parallelSets.add(set);
      return set;
    }
    return new SeriesSet() {
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
      public Series at() {
        SeriesSnapshot snap = current;
        return new Series() {
          @Override
          public io.hearth.model.Labels labels() {
            return snap.labels();
          }

          @Override
          public SampleIterator iterator(SampleIterator reuse) {
            SnapshotSampleIterator it =
                reuse instanceof SnapshotSampleIterator s ? s : new SnapshotSampleIterator();
            it.reset(snap, minT, maxT);
            return it;
          }
        };
      }
    };
  }
}
