package io.hearth.tsdb.block;

import io.hearth.encoding.XorChunkReader;
import io.hearth.model.LabelMatcher;
import io.hearth.model.Labels;
import io.hearth.model.Utf8Order;
import io.hearth.storage.LabelQuerier;
import io.hearth.tsdb.util.DeletedIntervals;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.roaringbitmap.RoaringBitmap;

/**
 * What the sample and chunk queriers of a block share: the time range, the block reference and
 * label lookups. Label names and values come from the postings table when there are no matchers
 * (regardless of time range, as in Prometheus), otherwise from the matching series with a sample in
 * range (as the head answers, so a series does not appear or vanish when its data moves from the
 * head into a block). Not thread-safe.
 */
abstract class BlockLabelQuerier implements LabelQuerier {
  final Block block;
  final IndexReader index;
  final long minT;
  final long maxT;
  final Tombstones tombstones;
  private boolean closed;

  BlockLabelQuerier(Block block, long minT, long maxT) {
    this.block = block;
    this.index = block.index();
    this.minT = minT;
    this.maxT = maxT;
    this.tombstones = block.tombstones();
  }

  /** Selected series in label order, with chunks overlapping the range. */
  SeriesCursor cursor(LabelMatcher... matchers) {
    checkOpen();
    RoaringBitmap ids = index.select(matchers);
    return new SeriesCursor(index, ids, minT, maxT, tombstones);
  }

  @Override
  public List<String> labelNames(LabelMatcher... matchers) {
    checkOpen();
    if (matchers.length == 0) {
      return index.labelNames();
    }
    TreeSet<String> names = new TreeSet<>(Utf8Order::compare);
    SeriesCursor c = cursor(matchers);
    XorChunkReader reader = new XorChunkReader();
    while (c.next()) {
      if (!hasSampleInRange(c.at(), reader)) {
        continue;
      }
      Labels l = c.at().labels();
      for (int i = 0; i < l.size(); i++) {
        names.add(l.name(i));
      }
    }
    return new ArrayList<>(names);
  }

  @Override
  public List<String> labelValues(String name, LabelMatcher... matchers) {
    checkOpen();
    if (matchers.length == 0) {
      return index.labelValues(name);
    }
    TreeSet<String> values = new TreeSet<>(Utf8Order::compare);
    SeriesCursor c = cursor(matchers);
    XorChunkReader reader = new XorChunkReader();
    while (c.next()) {
      String v = c.at().labels().get(name);
      if (v == null || v.isEmpty() || values.contains(v) || !hasSampleInRange(c.at(), reader)) {
        continue;
      }
      if (v != null && !v.isEmpty()) {
        values.add(v);
      }
    }
    return new ArrayList<>(values);
  }

  /**
   * Whether a series from the cursor (its chunks overlap the range) holds a sample inside the range
   * that no tombstone deletes. A chunk starting or ending inside the range answers without decoding
   * (its first and last samples are at its minT and maxT); only chunks spanning the whole range, or
   * touched by deletions, are decoded.
   */
  private boolean hasSampleInRange(BlockSeries s, XorChunkReader reader) {
    long[] deleted = s.deleted();
    for (int i = 0; i < s.refs().length; i++) {
      long cMin = s.minT()[i];
      long cMax = s.maxT()[i];
      if (deleted == null && ((cMin >= minT && cMin <= maxT) || (cMax >= minT && cMax <= maxT))) {
        return true;
      }
    }
    ChunkSegments chunks = block.chunks();
    for (int i = 0; i < s.refs().length; i++) {
      MemorySegment rec = chunks.chunk(s.refs()[i]);
      if ((rec.get(ValueLayout.JAVA_BYTE, 0) & 0xFF) != BlockFormat.ENCODING_XOR) {
        continue;
      }
      reader.reset(rec, 1, rec.byteSize() - 1);
      if (!reader.seek(minT)) {
        continue;
      }
      do {
        if (reader.t() > maxT) {
          break;
        }
        if (deleted == null || !DeletedIntervals.isDeleted(deleted, reader.t())) {
          return true;
        }
      } while (reader.next());
    }
    return false;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("querier is closed");
    }
  }

  /** Releases the block reference taken when the querier was created. Idempotent. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      block.release();
    }
  }
}
