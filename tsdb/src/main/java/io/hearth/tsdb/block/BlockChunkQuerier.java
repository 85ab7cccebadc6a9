package io.hearth.tsdb.block;

import io.hearth.encoding.XorChunkReader;
import io.hearth.encoding.XorChunkWriter;
import io.hearth.model.LabelMatcher;
import io.hearth.model.Labels;
import io.hearth.storage.ChunkIterator;
import io.hearth.storage.ChunkQuerier;
import io.hearth.storage.ChunkSeries;
import io.hearth.storage.ChunkSeriesSet;
import io.hearth.storage.SelectHints;
import io.hearth.tsdb.util.DeletedIntervals;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A {@link ChunkQuerier} over one block: series in label order, each with its chunks that overlap
 * the querier's range, untrimmed, read in place from the mapping (CRC-checked on every read);
 * chunks touched by tombstones are re-encoded without the deleted samples. Hints are ignored. Not
 * thread-safe; holds a block reference until closed.
 */
final class BlockChunkQuerier extends BlockLabelQuerier implements ChunkQuerier {
  BlockChunkQuerier(Block block, long minT, long maxT) {
    super(block, minT, maxT);
  }

  @Override
  public ChunkSeriesSet select(boolean sorted, SelectHints hints, LabelMatcher... matchers) {
    SeriesCursor cursor = cursor(matchers);
    ChunkSegments chunks = block.chunks();
    return new ChunkSeriesSet() {
      @Override
      public boolean next() {
        return cursor.next();
      }

      @Override
      public ChunkSeries at() {
        return new Entry(cursor.at(), chunks);
      }
    };
  }

  private record Entry(BlockSeries series, ChunkSegments chunks) implements ChunkSeries {
    @Override
    public Labels labels() {
      return series.labels();
    }

    @Override
    public ChunkIterator iterator(ChunkIterator reuse) {
      Iter it = reuse instanceof Iter i ? i : new Iter();
      it.reset(series, chunks);
      return it;
    }
  }

  /**
   * Iterates the chunk metas of one series, reading each chunk when it becomes current. XOR chunks
   * that overlap a deleted interval are re-encoded without the deleted samples.
   */
  private static final class Iter implements ChunkIterator {
    private final XorChunkReader reader = new XorChunkReader();
    private final XorChunkWriter rewritten = XorChunkWriter.create();
    private BlockSeries series;
    private ChunkSegments chunks;
    private int i;
    private int encoding;
    private long minT;
    private long maxT;
    private MemorySegment bytes;

    void reset(BlockSeries s, ChunkSegments c) {
      series = s;
      chunks = c;
      i = -1;
      bytes = null;
    }

    @Override
    public boolean next() {
      long[] refs = series.refs();
      while (i + 1 < refs.length) {
        i++;
        MemorySegment record = chunks.chunk(refs[i]);
        encoding = record.get(ValueLayout.JAVA_BYTE, 0) & 0xFF;
        minT = series.minT()[i];
        maxT = series.maxT()[i];
        bytes = record.asSlice(1);
        long[] deleted = series.deleted();
        if (deleted == null
            || encoding != BlockFormat.ENCODING_XOR
            || !DeletedIntervals.overlaps(deleted, minT, maxT)) {
          return true;
        }
        rewritten.reset();
        reader.reset(bytes);
        while (reader.next()) {
          if (!DeletedIntervals.isDeleted(deleted, reader.t())) {
            rewritten.appendBits(reader.t(), reader.vBits());
          }
        }
        if (rewritten.numSamples() > 0) {
          minT = rewritten.minT();
          maxT = rewritten.maxT();
          bytes = MemorySegment.ofArray(rewritten.array()).asSlice(0, rewritten.length());
          return true;
        }
      }
      i = refs.length;
      bytes = null;
      return false;
    }

    @Override
    public long minT() {
      return minT;
    }

    @Override
    public long maxT() {
      return maxT;
    }

    @Override
    public int encoding() {
      return encoding;
    }

    @Override
    public MemorySegment bytes() {
      return bytes;
    }
  }
}
