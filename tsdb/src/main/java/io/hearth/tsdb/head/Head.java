package io.hearth.tsdb.head;

import io.hearth.model.Labels;
import io.hearth.storage.Appender;
import io.hearth.storage.ChunkQuerier;
import io.hearth.storage.Querier;
import io.hearth.storage.Rejection;
import io.hearth.tsdb.TsdbObserver;
import io.hearth.tsdb.index.MemPostings;
import io.hearth.tsdb.index.PostingsStats;
import io.hearth.tsdb.util.ScratchPool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The in-memory part of a database: every series with its recent chunks, the postings index, and
 * the time range covered. Writes arrive through {@link #appender()} and are logged to a {@link
 * HeadLog} before they become visible; reads go through {@link #querier} and {@link #chunkQuerier}.
 * Thread-safe.
 */
public final class Head implements AutoCloseable {
  private final SeriesMap series = new SeriesMap();
  private final MemPostings postings = new MemPostings();
  private final ChunkArena arena;
  private final HeadLog log;
  private final TsdbObserver observer;
  private final AtomicLong minT = new AtomicLong(Long.MAX_VALUE);
  private final AtomicLong maxT = new AtomicLong(Long.MIN_VALUE);
  private final ScratchPool<AppendScratch> scratchPool = new ScratchPool<>(AppendScratch::new, 64);
  private final HeadTombstones tombstones = new HeadTombstones();
  private final HeadSortOrder sortOrder = new HeadSortOrder(this);

  /** Samples older than this are refused: they belong to a persisted block. */
  private volatile long floor = Long.MIN_VALUE;

  /** Read side held while a commit applies samples; write side taken to raise {@link #floor}. */
  private final ReentrantReadWriteLock applyLock = new ReentrantReadWriteLock();

  /**
   * Creates an empty head writing commits to {@code log}, with full chunks in unlinked temporary
   * head chunks files (see {@link ChunkArena#inTemporaryFiles}).
   */
  public Head(HeadLog log, TsdbObserver observer) {
    this(log, observer, ChunkArena.inTemporaryFiles(ChunkArena.HEAD_FILE_BYTES));
  }

  /**
   * Creates an empty head writing commits to {@code log}, with full chunks in head chunks files in
   * {@code chunksDir} (a database's {@code chunks_head}); files found there are deleted, since the
   * head is rebuilt from the WAL.
   *
   * @throws io.hearth.storage.StorageException if the directory cannot be used
   */
  public Head(HeadLog log, TsdbObserver observer, Path chunksDir) {
    this(log, observer, ChunkArena.inFiles(chunksDir, ChunkArena.HEAD_FILE_BYTES));
  }

  /** Creates an empty head keeping its full chunks in {@code arena}, which it then owns. */
  Head(HeadLog log, TsdbObserver observer, ChunkArena arena) {
    this.log = log;
    this.observer = observer;
    this.arena = arena;
  }

  /** A new appender for one batch. */
  public Appender appender() {
    return new HeadAppender(this);
  }

  /** A querier over {@code [mint, maxt]}. */
  public Querier querier(long mint, long maxt) {
    return new HeadQuerier(this, mint, maxt);
  }

  /** A chunk querier over {@code [mint, maxt]}. */
  public ChunkQuerier chunkQuerier(long mint, long maxt) {
    return new HeadChunkQuerier(this, mint, maxt);
  }

  /** The number of series. */
  public long numSeries() {
    return series.size();
  }

  /** The time of the oldest sample, or Long.MAX_VALUE when empty. */
  public long minTime() {
    return minT.get();
  }

  /** The time of the newest sample, or Long.MIN_VALUE when empty. */
  public long maxTime() {
    return maxT.get();
  }

  /** Bytes held by full chunks off-heap. */
  public long chunkBytes() {
    return arena.bytesUsed();
  }

  /**
   * The number of chunks: the full ones in the arena plus one open chunk per series (a series is
   * created with its first sample, so its open chunk is never empty).
   */
  public long numChunks() {
    return arena.chunkCount() + series.size();
  }

  /**
   * Cardinality statistics of the postings index; see {@link MemPostings#stats}.
   *
   * @param limit how many entries each top list keeps, at least 1
   */
  public PostingsStats postingsStats(int limit) {
    return postings.stats(Labels.METRIC_NAME, limit);
  }

  /**
   * The oldest time a new sample may have: half a chunk range before the newest sample, as
   * Prometheus's head allows without out-of-order support; anything when the head is empty.
   */
  long minValidTime() {
    long max = maxT.get();
    long byMax = max == Long.MIN_VALUE ? Long.MIN_VALUE : max - MemSeries.CHUNK_RANGE_MS / 2;
    return Math.max(byMax, floor);
  }

  /**
   * Samples older than this are refused (TOO_OLD) and dropped at replay; Long.MIN_VALUE at first.
   */
  public long floor() {
    return floor;
  }

  /**
   * Refuses every sample older than {@code t} from now on (the floor never goes down). When this
   * returns, no commit that checked an older floor is still applying samples, so the head's data
   * before {@code t} is final and may be written to a block.
   */
  public void raiseFloor(long t) {
    applyLock.writeLock().lock();
    try {
      if (t > floor) {
        floor = t;
      }
    } finally {
      applyLock.writeLock().unlock();
    }
  }

  Lock applyLock() {
    return applyLock.readLock();
  }

  /**
   * What one {@link #truncateBefore} did.
   *
   * @param chunksDropped chunks (full and open) dropped
   * @param seriesRemoved series left without samples and removed
   * @param slabsFreed off-heap slabs freed at once (more may follow as old queriers close)
   */
  public record Truncation(long chunksDropped, long seriesRemoved, int slabsFreed) {}

  /**
   * Drops every chunk that ends before {@code t} (which must be aligned to the 2 h chunk range and
   * at or below {@link #floor()}), removes the series left empty and frees chunk memory that no
   * open querier can still see. Queriers open meanwhile keep working: they either see a chunk or
   * not, and its memory stays valid until they close. Appends are not blocked.
   */
  public Truncation truncateBefore(long t) {
    if (t > floor) {
      throw new IllegalArgumentException("truncation at " + t + " above the floor " + floor);
    }
    List<MemSeries> all = new ArrayList<>((int) Math.min(series.size() + 16, 1 << 24));
    series.forEach(all::add);
    long dropped = 0;
    long removed = 0;
    long newMin = Long.MAX_VALUE;
    for (MemSeries s : all) {
      dropped += s.truncateBefore(t, arena);
      if (series.removeIfEmpty(s, false)) {
        postings.remove((int) s.ref, s.labels);
        removed++;
      } else {
        newMin = Math.min(newMin, s.firstT());
      }
    }
    int freed = arena.retireEmptySlabs();
    // A racing commit may have lowered minT after the scan; minT only steers compaction and
    // statistics, so being briefly too high is harmless.
    minT.set(newMin == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(newMin, t));
    return new Truncation(dropped, removed, freed);
  }

  /**
   * Removes the series that hold no sample, e.g. after a replay that dropped samples already in
   * blocks. Only while no appender exists.
   *
   * @return the number of series removed
   */
  public long dropEmptySeries() {
    List<MemSeries> all = new ArrayList<>();
    series.forEach(all::add);
    long removed = 0;
    for (MemSeries s : all) {
      if (series.removeIfEmpty(s, true)) {
        postings.remove((int) s.ref, s.labels);
        removed++;
      }
    }
    return removed;
  }

  /**
   * Waits until every head querier opened before this call is closed, so that truncation cannot
   * take data from under a query that does not see the new block (a querier opened afterwards must
   * list the blocks after opening its head part).
   *
   * @return true if they all closed, false if {@code timeoutMs} passed first
   */
  public boolean awaitOlderQueriers(long timeoutMs) throws InterruptedException {
    return arena.awaitReadersBefore(arena.advanceEpoch(), timeoutMs);
  }

  /** Whether {@code ref} names a series still in the head (for WAL checkpoints). */
  public boolean isLive(long ref) {
    MemSeries s = series.get(ref);
    return s != null && !s.isRemoved();
  }

  /** Off-heap bytes reserved for full chunks (whole slabs), freed slabs excluded. */
  public long chunkBytesReserved() {
    return arena.bytesReserved();
  }

  /** Replays a WAL series record. */
  public void replaySeries(long ref, Labels labels) {
    series.putReplayed(ref, labels, this::index);
  }

  /**
   * Replays a WAL sample. Samples of unknown series and samples the head would reject are dropped
   * and counted.
   *
   * @return true if the sample was stored
   */
  public boolean replaySample(long ref, long t, double v) {
    MemSeries s = series.get(ref);
    if (s == null || t < floor) {
      return false;
    }
    int r = s.append(t, v, arena);
    if (r == MemSeries.APPENDED) {
      s.walLogged = true;
      updateTimes(t, t);
      return true;
    }
    return false;
  }

  MemSeries getOrCreate(Labels labels) {
    return series.getOrCreate(labels, this::index);
  }

  MemSeries byRef(long ref) {
    return series.get(ref);
  }

  MemPostings postings() {
    return postings;
  }

  ScratchPool<AppendScratch> scratchPool() {
    return scratchPool;
  }

  /** The head's series in label order, kept between sorted selects. */
  HeadSortOrder sortOrder() {
    return sortOrder;
  }

  /** The deleted intervals of head series, applied by every head querier. */
  public HeadTombstones tombstones() {
    return tombstones;
  }

  ChunkArena arena() {
    return arena;
  }

  /**
   * Drops the resident pages of the head chunks files if no reader has been open for {@code
   * idleNanos} (see {@link ChunkArena#dropPagesIfIdle}).
   */
  public void dropPagesIfIdle(long nowNanos, long idleNanos) {
    arena.dropPagesIfIdle(nowNanos, idleNanos);
  }

  HeadLog log() {
    return log;
  }

  TsdbObserver observer() {
    return observer;
  }

  void countRejected(Rejection r, long n) {
    if (n > 0) {
      observer.samplesRejected(r, n);
    }
  }

  void updateTimes(long batchMin, long batchMax) {
    minT.accumulateAndGet(batchMin, Math::min);
    maxT.accumulateAndGet(batchMax, Math::max);
  }

  private void index(MemSeries s) {
    postings.add((int) s.ref, s.labels);
  }

  /** Releases the off-heap chunk memory. Queriers must be closed first. */
  @Override
  public void close() {
    arena.close();
  }
}
