package io.hearth.tsdb;

import io.hearth.model.LabelMatcher;
import io.hearth.storage.Appendable;
import io.hearth.storage.Appender;
import io.hearth.storage.ChunkQuerier;
import io.hearth.storage.ChunkQueryable;
import io.hearth.storage.CommitResult;
import io.hearth.storage.Querier;
import io.hearth.storage.Queryable;
import io.hearth.storage.StorageException;
import io.hearth.tsdb.block.Block;
import io.hearth.tsdb.block.BlockMeta;
import io.hearth.tsdb.compact.BlockDirs;
import io.hearth.tsdb.compact.Compactor;
import io.hearth.tsdb.head.Head;
import io.hearth.tsdb.head.HeadTombstones;
import io.hearth.tsdb.index.PostingsStats;
import io.hearth.tsdb.io.FileSeam;
import io.hearth.tsdb.merge.MergeChunkQuerier;
import io.hearth.tsdb.merge.MergeQuerier;
import io.hearth.tsdb.wal.SegmentedLog;
import io.hearth.tsdb.wal.WalBuffer;
import io.hearth.tsdb.wal.WalRecords;
import io.hearth.tsdb.wal.WalReplay;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database of one instance: a directory holding the WAL ({@code wal/}) and immutable blocks
 * ({@code <ULID>/}, Prometheus's layout). Thread-safe.
 *
 * <p>{@link #open} loads the blocks and replays the WAL (only samples after the newest block's end)
 * before it returns, so a server that must answer while replaying calls it on a background thread.
 * A background thread (see {@link TsdbOptions#compactionInterval()}) turns the oldest 2 h of the
 * head into a block once the head spans 3 h, and applies retention. Queries merge the blocks
 * overlapping their range with the head. {@link #close()} stops compaction, closes the blocks and
 * flushes and syncs the WAL.
 */
public final class Tsdb implements Appendable, Queryable, ChunkQueryable, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Tsdb.class);

  /** The directory under the database directory that holds snapshots. */
  public static final String SNAPSHOTS_DIR = "snapshots";

  /** Series per WAL tombstones record, to keep records of huge deletions moderate (~12 B each). */
  private static final int TOMBSTONES_PER_RECORD = 10_000;

  private final FileSeam seam;
  private final Path dir;
  private final TsdbOptions options;
  private final Head head;
  private final SegmentedLog wal;
  private final WalReplay.Result replay;
  private final Compactor compactor;
  private final ScheduledFuture<?> pageSweep;
  private final AtomicBoolean closed = new AtomicBoolean();

  /** Serialises deletions, so that concurrent ones cannot interleave their block passes. */
  private final ReentrantLock deleteLock = new ReentrantLock();

  private Tsdb(
      FileSeam seam,
      Path dir,
      TsdbOptions options,
      Head head,
      SegmentedLog wal,
      WalReplay.Result r,
      Compactor compactor) {
    this.seam = seam;
    this.dir = dir;
    this.options = options;
    this.head = head;
    this.wal = wal;
    this.replay = r;
    this.compactor = compactor;
    this.pageSweep = PageSweeper.start(head, compactor::blocks);
  }

  /**
   * Opens (creating when absent) the database in {@code dir} and replays its WAL.
   *
   * @throws StorageException if the directory cannot be used or the WAL cannot be read
   */
  public static Tsdb open(Path dir, TsdbOptions options) {
    return open(FileSeam.real(), dir, options);
  }

  /** As {@link #open(Path, TsdbOptions)}, with every file access going through {@code seam}. */
  public static Tsdb open(FileSeam seam, Path dir, TsdbOptions options) {
    Path walDir = dir.resolve("wal");
    HeadLogSwitch logSwitch = new HeadLogSwitch();
    // Full head chunks live in chunks_head/ files (page cache, not heap); the WAL stays the source
    // of truth, so the files are recreated at every open.
    Head head = new Head(logSwitch, options.observer(), dir.resolve("chunks_head"));
    List<Block> blocks = List.of();
    try {
      seam.createDirectories(dir);
      blocks = BlockDirs.load(seam, dir);
      long blocksEnd = Long.MIN_VALUE;
      for (Block b : blocks) {
        blocksEnd = Math.max(blocksEnd, b.meta().maxT());
      }
      // Samples before the newest block's end are in blocks already (the WAL checkpoint after a
      // compaction may not have happened): replay drops them, and appends refuse them.
      head.raiseFloor(blocksEnd);
      long t0 = System.nanoTime();
      long[] counts = new long[2];
      WalReplay.Result r =
          WalReplay.replay(
              seam,
              walDir,
              options.observer(),
              (buf, off, len) -> {
                switch (WalRecords.type(buf, off, len)) {
                  case WalRecords.SERIES ->
                      // Interned like Remote Write's label strings, so appends after a restart
                      // match a replayed series' labels by reference, not character by character.
                      WalRecords.decodeSeries(
                          buf, off, len, (ref, l) -> head.replaySeries(ref, l.interned()));
                  case WalRecords.SAMPLES ->
                      WalRecords.decodeSamples(
                          buf,
                          off,
                          len,
                          (ref, t, v) -> {
                            if (!head.replaySample(ref, t, v)) {
                              counts[1]++;
                            } else {
                              counts[0]++;
                            }
                          });
                  case WalRecords.TOMBSTONES ->
                      WalRecords.decodeTombstones(
                          buf,
                          off,
                          len,
                          (ref, minT, maxT) -> {
                            // Tombstones of series that are gone (or never logged) hide nothing.
                            if (head.isLive(ref)) {
                              head.tombstones().add(ref, minT, maxT);
                            }
                          });
                  default -> {
                    // Exemplars and metadata are not kept by the head yet.
                  }
                }
              });
      SegmentedLog wal =
          SegmentedLog.open(
              seam,
              walDir,
              options.walSegmentBytes(),
              options.fsync(),
              options.fsyncInterval(),
              options.observer());
      long emptied = blocksEnd == Long.MIN_VALUE ? 0 : head.dropEmptySeries();
      logSwitch.target = new WalHeadLog(wal);
      LOG.info(
          "Replayed the WAL of {}: {} records, {} samples ({} skipped), {} series ({} only in "
              + "blocks dropped), {} blocks, in {} ms{}",
          dir,
          r.records(),
          counts[0],
          counts[1],
          head.numSeries(),
          emptied,
          blocks.size(),
          (System.nanoTime() - t0) / 1_000_000,
          r.corruptions() > 0 ? "; a damaged tail was truncated" : "");
      Compactor compactor =
          new Compactor(
              seam,
              dir,
              head,
              wal,
              blocks,
              options.retention(),
              options.retentionBytes(),
              options.observer());
      if (options.compactionInterval().isPositive()) {
        compactor.start(options.compactionInterval());
      }
      return new Tsdb(seam, dir, options, head, wal, r, compactor);
    } catch (IOException e) {
      closeAll(blocks);
      head.close();
      throw new StorageException("cannot open the database in " + dir + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeAll(blocks);
      head.close();
      throw e;
    }
  }

  private static void closeAll(List<Block> blocks) {
    for (Block b : blocks) {
      b.close();
    }
  }

  /** The directory of this database. */
  public Path dir() {
    return dir;
  }

  /** The options this database was opened with. */
  public TsdbOptions options() {
    return options;
  }

  /** What the WAL replay at open found. */
  public WalReplay.Result replayResult() {
    return replay;
  }

  /** The number of series in the head. */
  public long headSeries() {
    return head.numSeries();
  }

  /** The time of the oldest sample in the head, or Long.MAX_VALUE when empty. */
  public long minTime() {
    return head.minTime();
  }

  /** The time of the newest sample in the head, or Long.MIN_VALUE when empty. */
  public long maxTime() {
    return head.maxTime();
  }

  /** The number of chunks in the head, the open ones included. */
  public long headChunks() {
    return head.numChunks();
  }

  /**
   * Cardinality statistics of the head's index, for {@code /api/v1/status/tsdb}.
   *
   * @param limit how many entries each top list keeps, at least 1
   */
  public PostingsStats headPostingsStats(int limit) {
    return head.postingsStats(limit);
  }

  /** The open blocks, sorted by minT; an immutable snapshot (use the blocks only while open). */
  public List<BlockMeta> blocks() {
    List<BlockMeta> out = new ArrayList<>();
    for (Block b : compactor.blocks()) {
      out.add(b.meta());
    }
    return out;
  }

  /** The total size of the open blocks' files, in bytes (what size retention counts). */
  public long blockBytes() {
    return compactor.blockBytes();
  }

  /** Off-heap bytes the head reserves for full chunks (whole slabs). */
  public long headChunkBytesReserved() {
    return head.chunkBytesReserved();
  }

  /**
   * Compacts the head into blocks while it spans at least 3 h, then applies retention; for callers
   * that disabled the background thread and for tests ({@link #compactBlocks()} does the rest of
   * the background cycle).
   *
   * @return the blocks written
   * @throws StorageException if a block cannot be written
   */
  public List<BlockMeta> compact() {
    checkOpen();
    try {
      List<BlockMeta> written = compactor.compactHead();
      compactor.applyRetention();
      return written;
    } catch (IOException e) {
      throw new StorageException("cannot compact the head of " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Merges blocks into larger ones while the leveled planner finds a plan (overlapping blocks
   * first, then 2 h into 6 h into 18 h ..., capped at a tenth of the retention), as the background
   * thread does after head compaction.
   *
   * @return the blocks written
   * @throws StorageException if a block cannot be written (the parents stay in place)
   */
  public List<BlockMeta> compactBlocks() {
    checkOpen();
    try {
      return compactor.compactBlocks();
    } catch (IOException e) {
      throw new StorageException("cannot compact the blocks of " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Applies retention now; returns the number of blocks removed. */
  public int applyRetention() {
    checkOpen();
    return compactor.applyRetention();
  }

  /**
   * Deletes the samples in {@code [minT, maxT]} (inclusive, ms) of every series matching all {@code
   * matchers}, as Prometheus' {@code DB.Delete}: blocks overlapping the range get tombstones
   * ({@link Block#delete}), and the head records the intervals, logged to the WAL first so that
   * they survive a restart. Queriers created after this returns no longer see the samples; head
   * compaction leaves them out of the blocks it writes. As in Prometheus, samples appended into a
   * deleted interval of a head series later stay hidden until the head is compacted.
   *
   * <p>Appends are never blocked. Deletions are serialised with each other and with compaction
   * (they may wait for a compaction in progress), so that a block cut from head data copied before
   * the head's tombstones existed gets the tombstones too, and no block rewrite loses them.
   *
   * @throws StorageException if the WAL or a block's tombstones cannot be written; blocks already
   *     processed keep their tombstones, so retrying is safe
   */
  public void delete(long minT, long maxT, LabelMatcher... matchers) {
    checkOpen();
    if (maxT < minT) {
      return;
    }
    deleteLock.lock();
    try {
      deleteInHead(minT, maxT, matchers);
      // Under the compactor's lock: a head compaction that copied head data before the tombstones
      // above has published its block by then, and no block rewrite can drop the new tombstones.
      compactor.deleteSeries(minT, maxT, matchers);
    } catch (IOException e) {
      throw new StorageException("cannot delete series in " + dir + ": " + e.getMessage(), e);
    } finally {
      deleteLock.unlock();
    }
  }

  /** Logs and applies the head's part of a deletion. */
  private void deleteInHead(long minT, long maxT, LabelMatcher... matchers) throws IOException {
    HeadTombstones tombstones = head.tombstones();
    tombstones.forgetRemoved(head);
    long[] refs = HeadTombstones.matching(head, minT, maxT, matchers);
    if (refs.length == 0) {
      return;
    }
    WalBuffer buf = new WalBuffer(64 << 10);
    long[] mins = new long[Math.min(refs.length, TOMBSTONES_PER_RECORD)];
    long[] maxs = new long[mins.length];
    Arrays.fill(mins, minT);
    Arrays.fill(maxs, maxT);
    long position = 0;
    for (int from = 0; from < refs.length; from += TOMBSTONES_PER_RECORD) {
      int n = Math.min(TOMBSTONES_PER_RECORD, refs.length - from);
      WalRecords.encodeTombstones(Arrays.copyOfRange(refs, from, from + n), mins, maxs, n, buf);
      position = wal.log(buf.array(), 0, buf.length());
    }
    wal.sync(position);
    for (long ref : refs) {
      tombstones.add(ref, minT, maxT);
    }
  }

  /**
   * Rewrites the blocks that have tombstones without the deleted data, as Prometheus' {@code
   * CleanTombstones}. Head deletions stay as they are until head compaction writes the data out
   * without them.
   *
   * @return the blocks written in place of blocks with tombstones
   * @throws StorageException if a block cannot be rewritten
   */
  public List<BlockMeta> cleanTombstones() {
    checkOpen();
    try {
      return compactor.cleanTombstones();
    } catch (IOException e) {
      throw new StorageException("cannot clean tombstones in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Takes a snapshot in {@code <dir>/snapshots/}; see {@link #snapshot(Path, boolean)}.
   *
   * @return the snapshot's name
   */
  public String snapshot(boolean withHead) {
    return snapshot(dir.resolve(SNAPSHOTS_DIR), withHead);
  }

  /**
   * Takes a snapshot as Prometheus' {@code /api/v1/admin/tsdb/snapshot} does: creates {@code
   * parent/<YYYYMMDDTHHMMSSZ>-<16 hex>/} holding hard links to the files of every block (so it
   * costs no data copy and the linked files outlive retention), and when {@code withHead} the
   * head's current data as one more block. The directory is a database that {@link #open} accepts.
   * Appends and queries go on meanwhile; samples appended during the snapshot may or may not be in
   * it.
   *
   * @param parent where to create the snapshot directory; on the database's file system, since hard
   *     links cannot cross file systems
   * @return the snapshot's name (the directory's name)
   * @throws StorageException if the directory or a link cannot be created
   */
  public String snapshot(Path parent, boolean withHead) {
    checkOpen();
    String name = Snapshots.newName(Instant.now(), new SecureRandom());
    Path target = parent.resolve(name);
    try {
      seam.createDirectories(target);
      for (Block b : compactor.blocks()) {
        if (!b.tryAcquire()) {
          continue; // retention removed it meanwhile
        }
        try {
          Snapshots.linkBlock(seam, b, target);
        } finally {
          b.release();
        }
      }
      if (withHead) {
        Snapshots.writeHead(seam, head, target);
      }
      seam.fsyncDir(target);
      seam.fsyncDir(parent);
      return name;
    } catch (IOException e) {
      throw new StorageException("cannot create the snapshot " + target + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Appender appender() {
    checkOpen();
    Appender a = head.appender();
    if (!options.compactionInterval().isPositive()) {
      return a;
    }
    return new Appender() {
      @Override
      public long append(long ref, io.hearth.model.Labels labels, long t, double v) {
        return a.append(ref, labels, t, v);
      }

      @Override
      public CommitResult commit() {
        CommitResult r = a.commit();
        if (compactor.headCompactable()) {
          compactor.signal();
        }
        return r;
      }

      @Override
      public void rollback() {
        a.rollback();
      }
    };
  }

  @Override
  public Querier querier(long minT, long maxT) {
    checkOpen();
    // The head part first: compaction waits for head queriers opened before it published a block,
    // so a querier either sees the new block or keeps the head's data until it closes.
    Querier headQ = head.querier(minT, maxT);
    List<Querier> parts;
    try {
      parts = new ArrayList<>(compactor.blockQueriers(minT, maxT));
    } catch (RuntimeException e) {
      headQ.close();
      throw e;
    }
    if (parts.isEmpty()) {
      return headQ;
    }
    parts.add(headQ);
    return new MergeQuerier(parts.toArray(new Querier[0]));
  }

  @Override
  public ChunkQuerier chunkQuerier(long minT, long maxT) {
    checkOpen();
    ChunkQuerier headQ = head.chunkQuerier(minT, maxT);
    List<ChunkQuerier> parts;
    try {
      // One consistent block list: a compaction swapping blocks meanwhile makes the compactor
      // retry, so no range is missed or read twice.
      parts = new ArrayList<>(compactor.blockChunkQueriers(minT, maxT));
    } catch (RuntimeException e) {
      headQ.close();
      throw e;
    }
    if (parts.isEmpty()) {
      return headQ;
    }
    parts.add(headQ);
    return new MergeChunkQuerier(parts.toArray(new ChunkQuerier[0]));
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new StorageException("database " + dir + " is closed");
    }
  }

  /** Flushes and syncs the WAL and releases memory. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    pageSweep.cancel(false);
    try {
      compactor.close();
      wal.close();
    } catch (IOException e) {
      throw new StorageException("cannot close the WAL in " + dir + ": " + e.getMessage(), e);
    } finally {
      head.close();
    }
  }
}
