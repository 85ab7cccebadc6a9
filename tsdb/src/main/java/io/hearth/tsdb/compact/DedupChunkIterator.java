package io.hearth.tsdb.compact;

import io.hearth.encoding.ChunkEncoding;
import io.hearth.encoding.XorChunkReader;
import io.hearth.encoding.XorChunkWriter;
import io.hearth.storage.ChunkIterator;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Yields the chunks of one series from several sources in time order with no two chunks
 * overlapping. A chunk that overlaps no chunk of another source is passed through untouched; a
 * group of chunks whose ranges overlap (transitively) is decoded, merged by timestamp and
 * re-encoded as XOR chunks of at most {@link #SAMPLES_PER_CHUNK} samples. On equal timestamps the
 * sample of the source with the highest index wins, as at query time. Within one source chunks must
 * already be in order and disjoint. Memory: only the samples of one overlapping group. Not
 * thread-safe.
 */
final class DedupChunkIterator implements ChunkIterator {
  /** Samples per re-encoded chunk, Prometheus' target. */
  static final int SAMPLES_PER_CHUNK = 120;

  private static final int XOR = ChunkEncoding.XOR.code();

  private final ChunkIterator[] its;
  private final boolean[] has;
  private final XorChunkReader reader = new XorChunkReader();
  private final XorChunkWriter out = XorChunkWriter.create();
  private final long[][] srcT;
  private final long[][] srcV;
  private final int[] srcLen;
  private final int[] srcPos;
  private long[] mergedT = new long[0];
  private long[] mergedV = new long[0];
  private int mergedLen;
  private int mergedPos;
  private boolean started;
  private int pass = -1;
  private int encoding;
  private long minT;
  private long maxT;
  private MemorySegment bytes;

  DedupChunkIterator(ChunkIterator[] its) {
    this.its = its;
    this.has = new boolean[its.length];
    this.srcT = new long[its.length][];
    this.srcV = new long[its.length][];
    this.srcLen = new int[its.length];
    this.srcPos = new int[its.length];
    for (int i = 0; i < its.length; i++) {
      srcT[i] = new long[0];
      srcV[i] = new long[0];
    }
  }

  @Override
  public boolean next() {
    if (!started) {
      started = true;
      for (int i = 0; i < its.length; i++) {
        has[i] = its[i].next();
      }
    } else if (pass >= 0) {
      has[pass] = its[pass].next();
      pass = -1;
    }
    if (mergedPos < mergedLen) {
      return emitMerged();
    }
    int c = -1;
    for (int i = 0; i < its.length; i++) {
      if (has[i] && (c < 0 || its[i].minT() < its[c].minT())) {
        c = i;
      }
    }
    if (c < 0) {
      bytes = null;
      return false;
    }
    long end = its[c].maxT();
    boolean overlap = false;
    for (int i = 0; i < its.length; i++) {
      if (i != c && has[i] && its[i].minT() <= end) {
        overlap = true;
        break;
      }
    }
    if (!overlap) {
      pass = c;
      encoding = its[c].encoding();
      minT = its[c].minT();
      maxT = its[c].maxT();
      bytes = its[c].bytes();
      return true;
    }
    gather(end);
    merge();
    return emitMerged();
  }

  /**
   * Decodes every chunk that overlaps the group ending at {@code end}, extending it as it grows.
   */
  private void gather(long end) {
    Arrays.fill(srcLen, 0);
    boolean found = true;
    while (found) {
      found = false;
      for (int i = 0; i < its.length; i++) {
        while (has[i] && its[i].minT() <= end) {
          decode(i);
          end = Math.max(end, its[i].maxT());
          has[i] = its[i].next();
          found = true;
        }
      }
    }
  }

  private void decode(int src) {
    if (its[src].encoding() != XOR) {
      throw new IllegalArgumentException(
          "cannot merge overlapping chunks of encoding " + its[src].encoding());
    }
    reader.reset(its[src].bytes());
    while (reader.next()) {
      int n = srcLen[src];
      if (n == srcT[src].length) {
        srcT[src] = Arrays.copyOf(srcT[src], Math.max(128, n * 2));
        srcV[src] = Arrays.copyOf(srcV[src], Math.max(128, n * 2));
      }
      srcT[src][n] = reader.t();
      srcV[src][n] = reader.vBits();
      srcLen[src] = n + 1;
    }
  }

  /** Merges the decoded sources by timestamp, keeping the highest source's sample on ties. */
  private void merge() {
    int total = 0;
    for (int i = 0; i < its.length; i++) {
      total += srcLen[i];
      srcPos[i] = 0;
    }
    if (mergedT.length < total) {
      mergedT = new long[total];
      mergedV = new long[total];
    }
    int n = 0;
    while (true) {
      int best = -1;
      for (int i = 0; i < its.length; i++) {
        if (srcPos[i] < srcLen[i] && (best < 0 || srcT[i][srcPos[i]] <= srcT[best][srcPos[best]])) {
          best = i;
        }
      }
      if (best < 0) {
        break;
      }
      long t = srcT[best][srcPos[best]];
      mergedT[n] = t;
      mergedV[n] = srcV[best][srcPos[best]];
      n++;
      for (int i = 0; i < its.length; i++) {
        // A source may repeat a timestamp only across its own chunks, which cannot happen as they
        // are disjoint; still skip every equal timestamp so the output strictly increases.
        while (srcPos[i] < srcLen[i] && srcT[i][srcPos[i]] == t) {
          srcPos[i]++;
        }
      }
    }
    mergedLen = n;
    mergedPos = 0;
  }

  private boolean emitMerged() {
    out.reset();
    int end = Math.min(mergedLen, mergedPos + SAMPLES_PER_CHUNK);
    for (int i = mergedPos; i < end; i++) {
      out.appendBits(mergedT[i], mergedV[i]);
    }
    mergedPos = end;
    encoding = XOR;
    minT = out.minT();
    maxT = out.maxT();
    bytes = out.segment();
    return true;
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
