package io.hearth.tsdb.block;

import io.hearth.encoding.XorChunkReader;
import io.hearth.model.LabelMatcher;
import io.hearth.model.Labels;
import io.hearth.model.ValueKind;
import io.hearth.storage.Querier;
import io.hearth.storage.SampleIterator;
import io.hearth.storage.SelectHints;
import io.hearth.storage.Series;
import io.hearth.storage.SeriesSet;
import io.hearth.tsdb.merge.DetachedSeries;
import io.hearth.tsdb.util.DeletedIntervals;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A {@link Querier} over one block: series in label order with their float samples in {@code [minT,
 * maxT]}, decoded from XOR chunks in place. Chunks of other encodings (native histograms) are
 * skipped for now. Hints are ignored. Not thread-safe; holds a block reference until closed.
 */
final class BlockQuerier extends BlockLabelQuerier implements Querier {
  BlockQuerier(Block block, long minT, long maxT) {
    super(block, minT, maxT);
  }

  @Override
  public SeriesSet select(boolean sorted, SelectHints hints, LabelMatcher... matchers) {
    SeriesCursor cursor = cursor(matchers);
    ChunkSegments chunks = block.chunks();
    long lo = minT;
    long hi = maxT;
    return new SeriesSet() {
      @Override
      public boolean next() {
        return cursor.next();
      }

      @Override
      public Series at() {
        return new Entry(cursor.at(), chunks, lo, hi);
      }
    };
  }

  /** Immutable, and its iterators only read the mapping: safe to decode on a helper thread. */
  private record Entry(BlockSeries series, ChunkSegments chunks, long minT, long maxT)
      implements DetachedSeries {
    @Override
    public Labels labels() {
      return series.labels();
    }

    @Override
    public SampleIterator iterator(SampleIterator reuse) {
      Iter it = reuse instanceof Iter i ? i : new Iter();
      it.reset(this);
      return it;
    }
  }

  /**
   * Walks the samples of one series across its chunks, clipped to the querier's range and with
   * deleted intervals skipped.
   */
  private static final class Iter implements SampleIterator {
    private final XorChunkReader reader = new XorChunkReader();
    private Entry e;
    private long[] deleted;
    private int chunk;
    private boolean started;
    private boolean positioned;
    private boolean done;

    void reset(Entry entry) {
      e = entry;
      deleted = entry.series().deleted();
      chunk = -1;
      started = false;
      positioned = false;
      done = false;
    }

    /** Opens the next XOR chunk whose last sample is at or after {@code t}; false if none. */
    private boolean nextChunk(long t) {
      long[] refs = e.series().refs();
      long[] maxTs = e.series().maxT();
      while (++chunk < refs.length) {
        if (maxTs[chunk] < t) {
          continue;
        }
        MemorySegment rec = e.chunks().chunk(refs[chunk]);
        if ((rec.get(ValueLayout.JAVA_BYTE, 0) & 0xFF) == BlockFormat.ENCODING_XOR) {
          reader.reset(rec, 1, rec.byteSize() - 1);
          return true;
        }
      }
      return false;
    }

    /** Moves to the next sample, across chunks; false at the end. */
    private boolean step() {
      while (!reader.next()) {
        if (!nextChunk(Long.MIN_VALUE)) {
          return false;
        }
      }
      return true;
    }

    /** Positions on the first sample at or after {@code target}, from the current chunk on. */
    private ValueKind advanceTo(long target) {
      started = true;
      if (chunk >= 0
          && chunk < e.series().refs().length
          && e.series().maxT()[chunk] >= target
          && reader.seek(target)) {
        return settle();
      }
      while (nextChunk(target)) {
        if (reader.seek(target)) {
          return settle();
        }
      }
      return end();
    }

    /** From a positioned reader: skips deleted samples and stops after the range. */
    private ValueKind settle() {
      while (true) {
        if (reader.t() > e.maxT()) {
          return end();
        }
        if (deleted == null || !DeletedIntervals.isDeleted(deleted, reader.t())) {
          positioned = true;
          return ValueKind.FLOAT;
        }
        if (!step()) {
          return end();
        }
      }
    }

    @Override
    public ValueKind next() {
      if (done) {
        return ValueKind.NONE;
      }
      if (!started) {
        return advanceTo(e.minT());
      }
      return step() ? settle() : end();
    }

    @Override
    public ValueKind seek(long t) {
      if (done) {
        return ValueKind.NONE;
      }
      long target = Math.max(t, e.minT());
      if (positioned && reader.t() >= target) {
        return ValueKind.FLOAT;
      }
      return advanceTo(target);
    }

    /**
     * Decodes whole runs of each chunk straight into the arrays; with tombstones it falls back to
     * the per-sample path, which skips deleted samples.
     */
    @Override
    public int nextFloats(long[] ts, double[] vs, int off, int max) {
      if (done || max <= 0) {
        return 0;
      }
      if (deleted != null) {
        return SampleIterator.super.nextFloats(ts, vs, off, max);
      }
      int n = 0;
      if (!started) {
        if (advanceTo(e.minT()) == ValueKind.NONE) {
          return 0;
        }
        ts[off] = reader.t();
        vs[off] = reader.v();
        n = 1;
      }
      long maxT = e.maxT();
      while (n < max) {
        n += reader.readInto(ts, vs, off + n, max - n, maxT);
        if (n == max) {
          break;
        }
        if (reader.numRead() > 0 && reader.t() > maxT) {
          end();
          return n;
        }
        if (!nextChunk(Long.MIN_VALUE)) {
          end();
          return n;
        }
      }
      // The reader rests on the last sample stored or at the start of a chunk; next() goes on
      // from either, but seek() must not take the reader's time for a current sample.
      positioned = false;
      return n;
    }

    private ValueKind end() {
      done = true;
      positioned = false;
      return ValueKind.NONE;
    }

    @Override
    public long t() {
      return reader.t();
    }

    @Override
    public double v() {
      return reader.v();
    }
  }
}
