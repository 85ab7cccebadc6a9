package io.hearth.tsdb.block;

import io.hearth.model.Labels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the index needs to know about the series of a block being written: their labels in order and
 * the metadata of their chunks, kept already encoded as the index's series entries hold them
 * (varint deltas, typically 4 to 8 bytes a chunk instead of 24), so that compacting long blocks of
 * many series does not hold three longs per chunk. Not thread-safe.
 */
final class SeriesTable {
  private final List<Labels> labels = new ArrayList<>();
  private final GrowableBytes metas = new GrowableBytes();

  /** Per series i: its first chunk's index at [i], its encoded metas' start at metaStart[i]. */
  private int[] chunkStart = new int[64];

  private int[] metaStart = new int[64];
  private int chunks;
  private long prevMaxT;
  private long prevRef;

  /** Adds a chunk to the series being built (the one {@link #endSeries} will name). */
  void addChunk(long chunkMinT, long chunkMaxT, long ref) {
    if (chunks == chunkStart[labels.size()]) {
      metas.putVarint(chunkMinT);
      metas.putUvarint(chunkMaxT - chunkMinT);
      metas.putUvarint(ref);
    } else {
      metas.putUvarint(chunkMinT - prevMaxT);
      metas.putUvarint(chunkMaxT - chunkMinT);
      metas.putVarint(ref - prevRef);
    }
    prevMaxT = chunkMaxT;
    prevRef = ref;
    chunks++;
  }

  /**
   * Ends a series whose chunks were added since the previous call; a series without chunks is left
   * out of the block.
   */
  void endSeries(Labels l) {
    int first = chunkStart[labels.size()];
    if (chunks == first) {
      return;
    }
    if (labels.size() + 2 > chunkStart.length) {
      chunkStart = Arrays.copyOf(chunkStart, chunkStart.length * 2);
      metaStart = Arrays.copyOf(metaStart, metaStart.length * 2);
    }
    labels.add(l);
    chunkStart[labels.size()] = chunks;
    metaStart[labels.size()] = metas.length();
  }

  int seriesCount() {
    return labels.size();
  }

  int chunkCount() {
    return chunks;
  }

  Labels labels(int series) {
    return labels.get(series);
  }

  /** The number of chunks of {@code series}. */
  int chunks(int series) {
    return chunkStart[series + 1] - chunkStart[series];
  }

  /**
   * Appends the chunk metas of {@code series} as an index series entry holds them after the chunk
   * count: the first chunk's minT (varint), maxT - minT and reference (uvarints), then for every
   * further chunk its minT minus the previous maxT, maxT - minT (uvarints) and the reference minus
   * the previous one (varint).
   */
  void appendMetas(int series, GrowableBytes out) {
    int from = metaStart[series];
    out.put(metas.array(), from, metaStart[series + 1] - from);
  }
}
