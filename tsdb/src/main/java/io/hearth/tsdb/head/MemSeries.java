package io.hearth.tsdb.head;

import io.hearth.encoding.XorChunkWriter;
import io.hearth.model.Labels;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * One series in the head: its labels, the metadata of its full chunks (stored in a {@link
 * ChunkArena}) and its open XOR chunk. Every mutable field is guarded by the series' own monitor;
 * critical sections are short and do no I/O.
 *
 * <p>Chunks are cut as Prometheus's head cuts them (see xor-chunks.md §8): never across an
 * epoch-aligned 2 h boundary, at 240 samples, when the chunk passes 1005 bytes, or at the end time
 * predicted when the chunk holds 30 samples so that the rest of the range splits into chunks of
 * about 120 samples.
 */
final class MemSeries {
  /** The chunk range: 2 h, Prometheus's minimum block duration. */
  static final long CHUNK_RANGE_MS = 2 * 60 * 60 * 1000L;

  /** Prometheus's target samples per chunk. */
  static final int SAMPLES_PER_CHUNK = 120;

  /** Cut before appending when the chunk is longer than this (1024 minus a worst-case sample). */
  static final int MAX_XOR_CHUNK_BYTES = 1024 - 19;

  /** Result of {@link #append}: the sample was stored. */
  static final int APPENDED = 0;

  /** Result of {@link #append}: same time and same value bits as the newest sample; ignored. */
  static final int DUPLICATE_SAME = 1;

  /** Result of {@link #append}: older than the newest sample. */
  static final int OUT_OF_ORDER = 2;

  /** Result of {@link #append}: same time as the newest sample, another value. */
  static final int DUPLICATE_DIFFERENT = 3;

  /** Result of {@link #checkPending}: the series was dropped by truncation; look it up again. */
  static final int REMOVED = 4;

  final long ref;
  final Labels labels;

  /** Whether a WAL series record for this series has been written. */
  volatile boolean walLogged;

  private long[] chunkRefs = new long[0];
  private long[] chunkMinT = new long[0];
  private long[] chunkMaxT = new long[0];
  private int chunkCount;

  private XorChunkWriter open;
  private long openMinT;
  private long nextAt;

  private boolean hasSamples;
  private long lastT;
  private long lastBits;

  /** Pending sample of an uncommitted appender; checked so one batch stays in order. */
  private Object pendingOwner;

  private long pendingT;
  private long pendingBits;

  /** Samples of uncommitted appenders checked against this series; it is not dropped while > 0. */
  private int pendingSamples;

  /** Set when truncation dropped the series from the head; no sample is accepted afterwards. */
  private boolean removed;

  MemSeries(long ref, Labels labels) {
    this.ref = ref;
    this.labels = labels;
  }

  /**
   * Checks a sample of an uncommitted batch against the committed data and the batch's own earlier
   * sample of this series, and records it as the batch's newest.
   *
   * @return {@link #APPENDED}, {@link #DUPLICATE_SAME}, {@link #OUT_OF_ORDER} or {@link
   *     #DUPLICATE_DIFFERENT}
   */
  synchronized int checkPending(Object owner, long t, double v) {
    if (removed) {
      return REMOVED;
    }
    long bits = Double.doubleToRawLongBits(v);
    boolean mine = pendingOwner == owner;
    boolean has = mine || hasSamples;
    long lt = mine ? pendingT : lastT;
    long lb = mine ? pendingBits : lastBits;
    if (has) {
      if (t < lt) {
        return OUT_OF_ORDER;
      }
      if (t == lt) {
        return bits == lb ? DUPLICATE_SAME : DUPLICATE_DIFFERENT;
      }
    }
    pendingOwner = owner;
    pendingT = t;
    pendingBits = bits;
    pendingSamples++;
    return APPENDED;
  }

  /**
   * Forgets one pending sample of {@code owner} (after its commit or rollback); called once per
   * sample that {@link #checkPending} accepted.
   */
  synchronized void clearPending(Object owner) {
    pendingSamples--;
    if (pendingOwner == owner) {
      pendingOwner = null;
    }
  }

  /**
   * Appends a sample to the open chunk, cutting a new chunk when due. Full chunks move to {@code
   * arena}.
   *
   * @return {@link #APPENDED}, {@link #DUPLICATE_SAME}, {@link #OUT_OF_ORDER} or {@link
   *     #DUPLICATE_DIFFERENT}
   */
  synchronized int append(long t, double v, ChunkArena arena) {
    return appendLocked(t, v, arena);
  }

  /** Index in the {@code acc} of {@link #appendRun} counting samples below the floor. */
  static final int RUN_TOO_OLD = 4;

  /** Index in the {@code acc} of {@link #appendRun} holding the least appended time. */
  static final int RUN_MIN_T = 5;

  /** Index in the {@code acc} of {@link #appendRun} holding the greatest appended time. */
  static final int RUN_MAX_T = 6;

  /**
   * Appends the samples {@code [from, to)} under one lock acquisition, as {@link #append} would one
   * by one; a committing batch holds runs of samples of one series (a Remote Write series carries
   * several), and taking the monitor per sample showed in the ingest profile.
   *
   * @param floor samples below it are counted as too old and skipped
   * @param acc accumulates counts indexed by the {@link #append} results and {@link #RUN_TOO_OLD},
   *     and the appended time range at {@link #RUN_MIN_T} and {@link #RUN_MAX_T}
   */
  synchronized void appendRun(
      long[] ts, double[] vs, int from, int to, long floor, ChunkArena arena, long[] acc) {
    for (int i = from; i < to; i++) {
      long t = ts[i];
      if (t < floor) {
        acc[RUN_TOO_OLD]++;
        continue;
      }
      int r = appendLocked(t, vs[i], arena);
      acc[r]++;
      if (r == APPENDED) {
        acc[RUN_MIN_T] = Math.min(acc[RUN_MIN_T], t);
        acc[RUN_MAX_T] = Math.max(acc[RUN_MAX_T], t);
      }
    }
  }

  /**
   * Records {@code t} and {@code v} as the newest pending sample of {@code owner} if it still owns
   * the pending state: an appender that accepted a run of samples without calling {@link
   * #checkPending} for each reports the run's last sample here, so that a later sample of the same
   * batch is checked against it.
   */
  synchronized void updatePending(Object owner, long t, double v) {
    if (pendingOwner == owner) {
      pendingT = t;
      pendingBits = Double.doubleToRawLongBits(v);
    }
  }

  private int appendLocked(long t, double v, ChunkArena arena) {
    long bits = Double.doubleToRawLongBits(v);
    if (hasSamples) {
      if (t < lastT) {
        return OUT_OF_ORDER;
      }
      if (t == lastT) {
        return bits == lastBits ? DUPLICATE_SAME : DUPLICATE_DIFFERENT;
      }
    }
    if (open == null || open.numSamples() == 0) {
      startChunk(t);
    } else {
      int n = open.numSamples();
      if (n == SAMPLES_PER_CHUNK / 4) {
        nextAt = computeChunkEndTime(openMinT, lastT, nextAt, 4);
      }
      if (t >= nextAt || n >= SAMPLES_PER_CHUNK * 2 || open.length() > MAX_XOR_CHUNK_BYTES) {
        cut(arena);
        startChunk(t);
      }
    }
    open.append(t, v);
    hasSamples = true;
    lastT = t;
    lastBits = bits;
    return APPENDED;
  }

  private void startChunk(long t) {
    if (open == null) {
      open = XorChunkWriter.create();
    } else {
      open.reset();
    }
    openMinT = t;
    nextAt = rangeEnd(t);
  }

  private void cut(ChunkArena arena) {
    long chunkRef = arena.add(ref, openMinT, lastT, open.array(), open.length());
    if (chunkCount == chunkRefs.length) {
      int cap = Math.max(4, chunkCount * 2);
      chunkRefs = Arrays.copyOf(chunkRefs, cap);
      chunkMinT = Arrays.copyOf(chunkMinT, cap);
      chunkMaxT = Arrays.copyOf(chunkMaxT, cap);
    }
    chunkRefs[chunkCount] = chunkRef;
    chunkMinT[chunkCount] = openMinT;
    chunkMaxT[chunkCount] = lastT;
    chunkCount++;
  }

  /** The end (exclusive) of the epoch-aligned chunk range holding {@code t}. */
  static long rangeEnd(long t) {
    return Math.floorDiv(t, CHUNK_RANGE_MS) * CHUNK_RANGE_MS + CHUNK_RANGE_MS;
  }

  /**
   * Predicts the end time of a chunk so that the rest of the range splits into chunks of equal
   * sample counts, as Prometheus's head does once a chunk is a quarter full.
   */
  static long computeChunkEndTime(long start, long cur, long max, int ratioToFull) {
    double n = (double) (max - start) / ((double) (cur - start + 1) * ratioToFull);
    if (n <= 1) {
      return max;
    }
    return (long) (start + (max - start) / Math.floor(n));
  }

  /** Whether the series holds any sample. */
  synchronized boolean hasSamples() {
    return hasSamples;
  }

  /** The time of the newest sample; meaningless when {@link #hasSamples()} is false. */
  synchronized long lastT() {
    return lastT;
  }

  /** {@link #rangeState}: no sample can lie in the range. */
  static final int OUTSIDE = 0;

  /** {@link #rangeState}: the oldest or the newest sample lies in the range. */
  static final int EDGE_INSIDE = 1;

  /**
   * {@link #rangeState}: the samples span the range; only the chunks can tell whether one is in.
   */
  static final int SPANS = 2;

  /**
   * Where the samples lie relative to {@code [minT, maxT]}, under one lock acquisition: label
   * lookups ask this of every matching series, and taking the series lock once per field made them
   * a fifth of a {@code /series} call.
   */
  synchronized int rangeState(long minT, long maxT) {
    if (!hasSamples) {
      return OUTSIDE;
    }
    long first = firstT();
    if (first > maxT || lastT < minT) {
      return OUTSIDE;
    }
    return (first >= minT && first <= maxT) || (lastT >= minT && lastT <= maxT)
        ? EDGE_INSIDE
        : SPANS;
  }

  /** The time of the oldest sample, or Long.MAX_VALUE when empty. */
  synchronized long firstT() {
    if (chunkCount > 0) {
      return chunkMinT[0];
    }
    return open != null && open.numSamples() > 0 ? openMinT : Long.MAX_VALUE;
  }

  /**
   * Drops every chunk that ends before {@code minT}, releasing full chunks in {@code arena}. Chunks
   * never straddle an epoch-aligned chunk range, so with an aligned {@code minT} no sample at or
   * after it is lost.
   *
   * @return the number of chunks dropped
   */
  synchronized int truncateBefore(long minT, ChunkArena arena) {
    int drop = 0;
    while (drop < chunkCount && chunkMaxT[drop] < minT) {
      arena.release(chunkRefs[drop]);
      drop++;
    }
    if (drop > 0) {
      System.arraycopy(chunkRefs, drop, chunkRefs, 0, chunkCount - drop);
      System.arraycopy(chunkMinT, drop, chunkMinT, 0, chunkCount - drop);
      System.arraycopy(chunkMaxT, drop, chunkMaxT, 0, chunkCount - drop);
      chunkCount -= drop;
      if (chunkCount == 0 && chunkRefs.length > 4) {
        chunkRefs = new long[0];
        chunkMinT = new long[0];
        chunkMaxT = new long[0];
      }
    }
    if (open != null && open.numSamples() > 0 && lastT < minT) {
      open = null; // the open chunk's samples all lie before minT; they are in the block now
      drop++;
    }
    return drop;
  }

  /**
   * Marks the series removed if it held samples, holds none now and no appender has a pending
   * sample for it. A series that never got a sample is kept: its creator is about to append.
   *
   * @param evenIfNeverSampled also remove series that never got a sample (only when no appender can
   *     exist, e.g. right after WAL replay)
   * @return true if the series is now removed and must leave the indexes
   */
  synchronized boolean markRemovedIfEmpty(boolean evenIfNeverSampled) {
    if (removed || pendingSamples > 0 || chunkCount > 0) {
      return false;
    }
    if (open != null && open.numSamples() > 0) {
      return false;
    }
    if (!hasSamples && !evenIfNeverSampled) {
      return false;
    }
    removed = true;
    return true;
  }

  /** Whether truncation dropped this series. */
  synchronized boolean isRemoved() {
    return removed;
  }

  /**
   * Copies what a query over {@code [minT, maxT]} needs: the full chunks overlapping it and a copy
   * of the open chunk if it overlaps. Returns null when nothing overlaps.
   */
  synchronized SeriesSnapshot snapshot(long minT, long maxT, ChunkArena arena) {
    int first = 0;
    while (first < chunkCount && chunkMaxT[first] < minT) {
      first++;
    }
    int last = first;
    while (last < chunkCount && chunkMinT[last] <= maxT) {
      last++;
    }
    boolean openOverlaps =
        open != null && open.numSamples() > 0 && openMinT <= maxT && lastT >= minT;
    int n = last - first + (openOverlaps ? 1 : 0);
    if (n == 0) {
      return null;
    }
    MemorySegment[] chunks = new MemorySegment[n];
    long[] mins = new long[n];
    long[] maxs = new long[n];
    for (int i = first; i < last; i++) {
      chunks[i - first] = arena.get(chunkRefs[i]);
      mins[i - first] = chunkMinT[i];
      maxs[i - first] = chunkMaxT[i];
    }
    if (openOverlaps) {
      chunks[n - 1] = MemorySegment.ofArray(Arrays.copyOf(open.array(), open.length()));
      mins[n - 1] = openMinT;
      maxs[n - 1] = lastT;
    }
    return new SeriesSnapshot(labels, chunks, mins, maxs);
  }

  /** The number of chunks, full and open, for statistics. */
  synchronized int chunkCount() {
    return chunkCount + (open != null && open.numSamples() > 0 ? 1 : 0);
  }
}
