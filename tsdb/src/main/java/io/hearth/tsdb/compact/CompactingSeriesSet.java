package io.hearth.tsdb.compact;

import io.hearth.model.Labels;
import io.hearth.storage.ChunkIterator;
import io.hearth.storage.ChunkSeries;
import io.hearth.storage.ChunkSeriesSet;
import java.lang.foreign.MemorySegment;

/**
 * Merges the sorted chunk series sets of several blocks into one sorted set whose series have
 * chunks that never overlap, as a block writer needs: a label set found in several sources becomes
 * one series, and chunks of different sources whose time ranges overlap are decoded, merged and
 * re-encoded (see {@link DedupChunkIterator}). Streams: one series of each source is held at a
 * time. Not thread-safe.
 */
final class CompactingSeriesSet implements ChunkSeriesSet {
  private final ChunkSeriesSet[] sets;
  private final ChunkSeries[] heads;
  private final boolean[] member;
  private boolean started;
  private ChunkSeries current;

  /**
   * Creates the merged view.
   *
   * @param sets sorted series sets, oldest data first; on equal timestamps the sample of the source
   *     with the highest index is kept
   */
  CompactingSeriesSet(ChunkSeriesSet[] sets) {
    this.sets = sets;
    this.heads = new ChunkSeries[sets.length];
    this.member = new boolean[sets.length];
  }

  @Override
  public boolean next() {
    for (int i = 0; i < sets.length; i++) {
      if (!started || member[i]) {
        heads[i] = sets[i].next() ? sets[i].at() : null;
      }
    }
    started = true;
    Labels min = null;
    for (ChunkSeries h : heads) {
      if (h != null && (min == null || h.labels().compareTo(min) < 0)) {
        min = h.labels();
      }
    }
    if (min == null) {
      current = null;
      return false;
    }
    int count = 0;
    int only = -1;
    for (int i = 0; i < heads.length; i++) {
      member[i] = heads[i] != null && heads[i].labels().equals(min);
      if (member[i]) {
        count++;
        only = i;
      }
    }
    if (count == 1) {
      current = heads[only];
      return true;
    }
    ChunkSeries[] members = new ChunkSeries[heads.length];
    for (int i = 0; i < heads.length; i++) {
      members[i] = member[i] ? heads[i] : null;
    }
    current = new Merged(min, members);
    return true;
  }

  @Override
  public ChunkSeries at() {
    return current;
  }

  /** One label set present in several sources; absent sources are null. */
  private record Merged(Labels labels, ChunkSeries[] members) implements ChunkSeries {
    @Override
    public ChunkIterator iterator(ChunkIterator reuse) {
      ChunkIterator[] its = new ChunkIterator[members.length];
      for (int i = 0; i < its.length; i++) {
        its[i] = members[i] == null ? EMPTY : members[i].iterator(null);
      }
      return new DedupChunkIterator(its);
    }
  }

  private static final ChunkIterator EMPTY =
      new ChunkIterator() {
        @Override
        public boolean next() {
          return false;
        }

        @Override
        public long minT() {
          throw new IllegalStateException("no chunk");
        }

        @Override
        public long maxT() {
          throw new IllegalStateException("no chunk");
        }

        @Override
        public int encoding() {
          throw new IllegalStateException("no chunk");
        }

        @Override
        public MemorySegment bytes() {
          throw new IllegalStateException("no chunk");
        }
      };
}
