package io.hearth.tsdb.compact;

import io.hearth.model.LabelMatcher;
import io.hearth.model.MatchType;
import io.hearth.storage.ChunkQuerier;
import io.hearth.storage.ChunkSeriesSet;
import io.hearth.storage.Querier;
import io.hearth.tsdb.TsdbObserver;
import io.hearth.tsdb.block.Block;
import io.hearth.tsdb.block.BlockMeta;
import io.hearth.tsdb.block.BlockWriter;
import io.hearth.tsdb.head.Head;
import io.hearth.tsdb.io.FileSeam;
import io.hearth.tsdb.wal.Checkpoint;
import io.hearth.tsdb.wal.SegmentedLog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns a database's immutable blocks and moves data from the head into them.
 *
 * <p>Head compaction (as Prometheus): when the head spans at least 1.5 chunk ranges (3 h), the
 * oldest complete epoch-aligned 2 h range becomes a level-1 block. Steps: raise the head's floor to
 * the range end (later samples older than it are TOO_OLD), write the block from a head chunk
 * querier (temporary directory, fsync, atomic rename), open it and publish it in the block list,
 * wait for head queriers opened before the publication, truncate the head, then cut the WAL segment
 * and checkpoint everything before it, keeping only live series and samples at or after the range
 * end. A crash between the rename and the checkpoint is harmless: at open the head's floor is the
 * newest block's end and replay drops older samples.
 *
 * <p>Retention: blocks whose end lies {@code retention} or more before the newest block's end, and
 * the oldest blocks while the total size exceeds {@code retentionBytes}, leave the list; they are
 * closed (unmapped when their last reader releases) and their directories deleted afterwards.
 *
 * <p>Block compaction ({@link #compactBlocks()}): a {@link LeveledPlanner} picks overlapping
 * blocks, or blocks that fill a larger range (6 h, 18 h, ... up to a tenth of the retention), or a
 * block with many tombstones. Their chunk queriers are merged ({@link CompactingSeriesSet}: one
 * series per label set, overlapping chunks merged sample by sample, deleted samples gone) into one
 * new block written as above, with level = the parents' highest + 1, the union of their sources and
 * the parents listed in meta.json. The new block replaces its parents in the list in one swap; the
 * parents are closed after a short grace period (readers that took the old list may still acquire
 * them) and their directories deleted once their last reader is gone. A crash after the rename
 * leaves the parents on disk: {@link BlockDirs#load} deletes blocks listed as another's parents.
 *
 * <p>Thread-safe. The block list is an immutable snapshot swapped atomically; compaction,
 * retention, reloading and deletion are serialised by one lock that is never taken by reads or
 * appends.
 */
public final class Compactor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Compactor.class);

  /** The block range of head compaction: 2 h, the head's chunk range. */
  public static final long BLOCK_RANGE_MS = 2 * 60 * 60 * 1000L;

  /** How long truncation waits for queriers that may not see a new block. */
  private static final long QUERIER_WAIT_MS = 120_000;

  /**
   * How long compacted parents stay open after the swap: a reader that took the block list just
   * before it still acquires them (see {@link #blockQueriers} for the race-free way).
   */
  private static final long PARENT_GRACE_MS = 100;

  /** How long a plan that failed is not tried again by {@link #compactBlocks()}. */
  private static final long FAILED_RETRY_NANOS = 10L * 60 * 1_000_000_000L;

  private static final LabelMatcher ALL = LabelMatcher.of(MatchType.REGEX, "__name__", ".*");

  private final FileSeam seam;
  private final Path dir;
  private final Head head;
  private final SegmentedLog wal;
  private final long retentionMs;
  private final long retentionBytes;
  private final TsdbObserver observer;
  private final BlockWriter writer;
  private final AtomicReference<List<Block>> blocks;
  private final LeveledPlanner planner;
  private final List<Block> doomed = new ArrayList<>();
  private final List<Block> retiring = new ArrayList<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final ReentrantLock wakeLock = new ReentrantLock();
  private final Condition wake = wakeLock.newCondition();
  private Set<String> failedPlan = Set.of();
  private long failedAtNanos;
  private boolean wakeRequested;
  private volatile boolean closed;
  private Thread thread;

  /**
   * Creates a compactor over already opened blocks.
   *
   * @param dir the database directory (blocks live in it, the WAL in {@code dir/wal})
   * @param initial open blocks, taken over (closed by {@link #close()})
   * @param retention how long blocks are kept, measured from the newest block's end; zero or
   *     negative keeps them forever
   * @param retentionBytes the most bytes of blocks kept; zero or negative for no limit
   * @param observer receives compaction and retention events
   */
  public Compactor(
      FileSeam seam,
      Path dir,
      Head head,
      SegmentedLog wal,
      List<Block> initial,
      Duration retention,
      long retentionBytes,
      TsdbObserver observer) {
    this.seam = seam;
    this.dir = dir;
    this.head = head;
    this.wal = wal;
    this.retentionMs = retention.toMillis();
    this.retentionBytes = retentionBytes;
    this.observer = observer;
    this.writer = BlockWriter.create(seam, dir);
    this.planner = new LeveledPlanner(LeveledPlanner.ranges(retention));
    List<Block> sorted = new ArrayList<>(initial);
    sorted.sort(Comparator.comparingLong((Block b) -> b.meta().minT()));
    this.blocks = new AtomicReference<>(List.copyOf(sorted));
  }

  /** The open blocks, sorted by minT; an immutable snapshot. */
  public List<Block> blocks() {
    return blocks.get();
  }

  /** The total size of the open blocks' files, in bytes. */
  public long blockBytes() {
    long n = 0;
    for (Block b : blocks.get()) {
      n += b.sizeBytes();
    }
    return n;
  }

  /** Whether the head spans enough time for {@link #compactHead()} to write a block. */
  public boolean headCompactable() {
    long min = head.minTime();
    long max = head.maxTime();
    return min != Long.MAX_VALUE && max != Long.MIN_VALUE && max - min >= BLOCK_RANGE_MS * 3 / 2;
  }

  /**
   * Writes blocks from the head while it is compactable, truncating the head and checkpointing the
   * WAL after each.
   *
   * @return the blocks written
   * @throws IOException if a block cannot be written or opened (the head keeps its data; the floor
   *     stays raised)
   */
  public List<BlockMeta> compactHead() throws IOException {
    List<BlockMeta> written = new ArrayList<>();
    lock.lock();
    try {
      while (!closed && headCompactable()) {
        long lo = Math.floorDiv(head.minTime(), BLOCK_RANGE_MS) * BLOCK_RANGE_MS;
        long hi = lo + BLOCK_RANGE_MS;
        BlockMeta meta = compactRange(lo, hi);
        if (meta != null) {
          written.add(meta);
        }
      }
    } finally {
      lock.unlock();
    }
    return written;
  }

  private BlockMeta compactRange(long lo, long hi) throws IOException {
    long t0 = System.nanoTime();
    long reservedBefore = head.chunkBytesReserved();
    head.raiseFloor(hi);
    BlockMeta meta;
    try (ChunkQuerier q = head.chunkQuerier(lo, hi - 1)) {
      meta = writer.write(q.select(true, null, ALL), lo, hi);
    }
    long t1 = System.nanoTime();
    Path blockDir = dir.resolve(meta.ulid());
    if (meta.numSamples() == 0) {
      BlockDirs.delete(seam, blockDir);
      meta = null;
    } else {
      Block b = Block.open(blockDir);
      publish(b);
    }
    try {
      if (!head.awaitOlderQueriers(QUERIER_WAIT_MS)) {
        LOG.warn(
            "Head queriers stayed open for {} ms; truncating the head anyway", QUERIER_WAIT_MS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Head.Truncation tr = head.truncateBefore(hi);
    long t2 = System.nanoTime();
    checkpoint(hi);
    long t3 = System.nanoTime();
    observer.headCompacted(t3 - t0, meta == null ? 0 : meta.numSamples());
    LOG.info(
        "Compacted the head [{}, {}) into {}: {} series, {} samples, {} chunks; write {} ms, "
            + "truncate {} ms ({} chunks, {} series dropped, {} slabs freed, reserved {} -> {} "
            + "bytes), checkpoint {} ms",
        lo,
        hi,
        meta == null ? "nothing (no samples)" : meta.ulid(),
        meta == null ? 0 : meta.numSeries(),
        meta == null ? 0 : meta.numSamples(),
        meta == null ? 0 : meta.numChunks(),
        (t1 - t0) / 1_000_000,
        (t2 - t1) / 1_000_000,
        tr.chunksDropped(),
        tr.seriesRemoved(),
        tr.slabsFreed(),
        reservedBefore,
        head.chunkBytesReserved(),
        (t3 - t2) / 1_000_000);
    return meta;
  }

  private void checkpoint(long minT) {
    try {
      int through = wal.cutSegment() - 1;
      if (through >= 0) {
        Checkpoint.create(seam, wal.dir(), through, head::isLive, minT);
      }
    } catch (IOException | RuntimeException e) {
      // The WAL keeps its old segments; replay drops what the blocks hold, so this only costs disk.
      LOG.warn("WAL checkpoint in {} failed: {}", wal.dir(), e.toString());
    }
  }

  private void publish(Block b) {
    List<Block> next = new ArrayList<>(blocks.get());
    next.add(b);
    next.sort(Comparator.comparingLong((Block x) -> x.meta().minT()));
    blocks.set(List.copyOf(next));
  }

  /** The planner block compaction uses (ranges derived from the retention). */
  public LeveledPlanner planner() {
    return planner;
  }

  /**
   * Opens a querier on every block overlapping {@code [minT, maxT]} (inclusive) from one consistent
   * block list: if a block was closed because a compaction replaced it meanwhile, the queriers are
   * closed and the list read again, so the caller never misses data that moved into a new block nor
   * sees it twice. Never blocks; thread-safe.
   *
   * @return the queriers, in block order (minT); the caller closes them
   */
  public List<Querier> blockQueriers(long minT, long maxT) {
    return open(minT, maxT, b -> b.querier(minT, maxT), Querier::close);
  }

  /**
   * As {@link #blockQueriers}, with chunk queriers.
   *
   * @return the chunk queriers, in block order (minT); the caller closes them
   */
  public List<ChunkQuerier> blockChunkQueriers(long minT, long maxT) {
    return open(minT, maxT, b -> b.chunkQuerier(minT, maxT), ChunkQuerier::close);
  }

  private <Q> List<Q> open(long minT, long maxT, Function<Block, Q> opener, Consumer<Q> closer) {
    while (true) {
      List<Block> snap = blocks.get();
      List<Q> got = new ArrayList<>(snap.size());
      boolean missed = false;
      try {
        for (Block b : snap) {
          if (b.meta().minT() <= maxT && b.meta().maxT() > minT) {
            try {
              got.add(opener.apply(b));
            } catch (IllegalStateException closed) {
              missed = true;
            }
          }
        }
      } catch (RuntimeException e) {
        got.forEach(closer);
        throw e;
      }
      // Retention (or close) also removes blocks; only a changed list is worth a second look.
      if (!missed || blocks.get() == snap) {
        return got;
      }
      got.forEach(closer);
    }
  }

  /**
   * Compacts blocks while the planner finds something to do: overlapping blocks first, then blocks
   * that fill a larger range, then blocks with many tombstones (see {@link LeveledPlanner}).
   *
   * <p>The background cycle does not retry a plan whose compaction failed for 10 minutes, so that a
   * damaged block does not make every cycle rewrite and fail; this call always tries.
   *
   * @return the metas of the blocks written and published
   * @throws IOException if a block cannot be written or opened; the parents then stay in place
   */
  public List<BlockMeta> compactBlocks() throws IOException {
    return compactBlocks(false);
  }

  private List<BlockMeta> compactBlocks(boolean backOff) throws IOException {
    List<BlockMeta> written = new ArrayList<>();
    lock.lock();
    try {
      while (!closed) {
        List<Block> cur = blocks.get();
        List<BlockMeta> metas = new ArrayList<>(cur.size());
        for (Block b : cur) {
          metas.add(b.meta());
        }
        List<BlockMeta> plan = planner.plan(metas);
        if (plan.isEmpty()) {
          break;
        }
        Set<String> planned = new HashSet<>();
        for (BlockMeta m : plan) {
          planned.add(m.ulid());
        }
        if (backOff
            && planned.equals(failedPlan)
            && System.nanoTime() - failedAtNanos < FAILED_RETRY_NANOS) {
          // The same plan failed recently (a damaged chunk, a full disk): do not spin on it.
          break;
        }
        List<Block> parents = new ArrayList<>(plan.size());
        int level = 0;
        Set<String> sources = new TreeSet<>();
        for (BlockMeta m : plan) {
          for (Block b : cur) {
            if (b.meta().ulid().equals(m.ulid())) {
              parents.add(b);
            }
          }
          level = Math.max(level, m.level());
          sources.addAll(m.sources());
        }
        BlockMeta meta;
        try {
          meta = rewrite(parents, level + 1, List.copyOf(sources));
        } catch (IOException | RuntimeException e) {
          failedPlan = planned;
          failedAtNanos = System.nanoTime();
          throw e;
        }
        failedPlan = Set.of();
        if (meta.numSamples() > 0) {
          written.add(meta);
        }
      }
    } finally {
      try {
        retireParents();
      } finally {
        lock.unlock();
      }
    }
    return written;
  }

  /**
   * Rewrites every block that has tombstones into a new block with the same range, level and
   * sources but without the deleted samples, replacing it atomically; a block whose data is all
   * deleted is removed.
   *
   * @return the metas of the blocks written and published
   * @throws IOException if a block cannot be written or opened; that block then stays as it was
   */
  public List<BlockMeta> cleanTombstones() throws IOException {
    List<BlockMeta> written = new ArrayList<>();
    lock.lock();
    try {
      for (Block b : blocks.get()) {
        if (closed) {
          break;
        }
        if (b.meta().numTombstones() > 0) {
          BlockMeta meta = rewrite(List.of(b), b.meta().level(), b.meta().sources());
          if (meta.numSamples() > 0) {
            written.add(meta);
          }
        }
      }
    } finally {
      try {
        retireParents();
      } finally {
        lock.unlock();
      }
    }
    return written;
  }

  /**
   * Deletes the samples in {@code [minT, maxT]} (inclusive, ms) of the matching series from every
   * block by adding tombstones (see {@link Block#delete}). Serialised with compaction, which would
   * otherwise lose tombstones added to a block it is rewriting; may therefore wait for a running
   * compaction.
   *
   * @return the number of series tombstoned, summed over blocks
   * @throws IOException if a block's tombstones cannot be written
   */
  public int deleteSeries(long minT, long maxT, LabelMatcher... matchers) throws IOException {
    lock.lock();
    try {
      int n = 0;
      for (Block b : blocks.get()) {
        if (b.meta().minT() <= maxT && b.meta().maxT() > minT) {
          n += b.delete(seam, minT, maxT, matchers);
        }
      }
      return n;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Opens and publishes the valid block directories not yet in the list, for example blocks
   * imported while the database runs. Damaged ones are moved to {@code corrupted/}; directories
   * still being created are left alone; a new block that is the parent of an open block is deleted
   * (its data is there already). Overlapping blocks are merged by the next {@link
   * #compactBlocks()}.
   *
   * @return the number of blocks added
   * @throws IOException if the directory cannot be listed or a block cannot be read
   */
  public int reloadBlocks() throws IOException {
    lock.lock();
    try {
      List<Block> cur = blocks.get();
      Set<String> known = new HashSet<>();
      for (List<Block> l : List.of(cur, doomed, retiring)) {
        for (Block b : l) {
          known.add(b.meta().ulid());
        }
      }
      Set<String> compacted = BlockDirs.parentsOf(cur);
      List<Block> found = new ArrayList<>();
      try {
        for (String name : seam.list(dir)) {
          if (known.contains(name)) {
            continue;
          }
          Block b = BlockDirs.openOrQuarantine(seam, dir, name);
          if (b == null) {
            continue;
          }
          if (compacted.contains(b.meta().ulid())) {
            LOG.info("Deleting block {}: it was compacted into another block", name);
            b.close();
            BlockDirs.delete(seam, b.dir());
            continue;
          }
          found.add(b);
        }
      } catch (IOException | RuntimeException e) {
        for (Block b : found) {
          b.close();
        }
        throw e;
      }
      if (!found.isEmpty()) {
        List<Block> next = new ArrayList<>(cur);
        next.addAll(found);
        next.sort(Comparator.comparingLong((Block x) -> x.meta().minT()));
        blocks.set(List.copyOf(next));
        LOG.info("Loaded {} new blocks from {}", found.size(), dir);
      }
      return found.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Writes one block from {@code parents} (merged, deduplicated, without deleted data) covering
   * their whole range and swaps it in for them; the parents go to {@link #retiring}. Lock held.
   *
   * @return the meta written; when it has no samples the new block was deleted and the parents
   *     still removed
   */
  private BlockMeta rewrite(List<Block> parents, int level, List<String> sources)
      throws IOException {
    long t0 = System.nanoTime();
    List<Block> ordered = new ArrayList<>(parents);
    // Oldest data first, and the later-created block last among equal starts: it wins on ties.
    ordered.sort(
        Comparator.comparingLong((Block b) -> b.meta().minT())
            .thenComparing((Block b) -> b.meta().ulid()));
    long minT = Long.MAX_VALUE;
    long maxT = Long.MIN_VALUE;
    List<BlockMeta.Parent> ps = new ArrayList<>();
    for (Block b : ordered) {
      BlockMeta m = b.meta();
      minT = Math.min(minT, m.minT());
      maxT = Math.max(maxT, m.maxT());
      ps.add(new BlockMeta.Parent(m.ulid(), m.minT(), m.maxT()));
    }
    ChunkQuerier[] qs = new ChunkQuerier[ordered.size()];
    BlockMeta meta;
    try {
      ChunkSeriesSet[] sets = new ChunkSeriesSet[qs.length];
      for (int i = 0; i < qs.length; i++) {
        qs[i] = ordered.get(i).chunkQuerier(minT, maxT - 1);
        sets[i] = qs[i].select(true, null, ALL);
      }
      meta = writer.write(new CompactingSeriesSet(sets), minT, maxT, level, sources, ps);
    } finally {
      for (ChunkQuerier q : qs) {
        if (q != null) {
          q.close();
        }
      }
    }
    Path blockDir = dir.resolve(meta.ulid());
    Block fresh = null;
    if (meta.numSamples() == 0) {
      BlockDirs.delete(seam, blockDir);
    } else {
      try {
        fresh = Block.open(blockDir);
      } catch (IOException | RuntimeException e) {
        try {
          BlockDirs.delete(seam, blockDir);
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
    }
    List<Block> next = new ArrayList<>(blocks.get());
    next.removeAll(parents);
    if (fresh != null) {
      next.add(fresh);
    }
    next.sort(Comparator.comparingLong((Block x) -> x.meta().minT()));
    blocks.set(List.copyOf(next));
    retiring.addAll(parents);
    LOG.info(
        "Compacted {} blocks into {} (level {}, [{}, {})): {} series, {} samples, {} chunks in {} ms",
        parents.size(),
        fresh == null ? "nothing (no samples left)" : meta.ulid(),
        level,
        minT,
        maxT,
        meta.numSeries(),
        meta.numSamples(),
        meta.numChunks(),
        (System.nanoTime() - t0) / 1_000_000);
    return meta;
  }

  /** Closes the replaced parents after the grace period and deletes those no reader uses. */
  private void retireParents() {
    if (retiring.isEmpty()) {
      return;
    }
    try {
      Thread.sleep(PARENT_GRACE_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Block b : retiring) {
      b.close();
      doomed.add(b);
    }
    retiring.clear();
    deleteUnused();
  }

  /**
   * Removes the blocks that retention no longer keeps from the list and deletes the directories of
   * removed blocks no reader uses any more.
   *
   * @return the number of blocks removed from the list by this call
   */
  public int applyRetention() {
    lock.lock();
    try {
      List<Block> cur = blocks.get();
      if (cur.isEmpty()) {
        deleteUnused();
        return 0;
      }
      long newest = Long.MIN_VALUE;
      for (Block b : cur) {
        newest = Math.max(newest, b.meta().maxT());
      }
      List<Block> keep = new ArrayList<>();
      long bytes = 0;
      // Newest first, so the size limit drops the oldest blocks.
      for (int i = cur.size() - 1; i >= 0; i--) {
        Block b = cur.get(i);
        boolean tooOld = retentionMs > 0 && newest - b.meta().maxT() >= retentionMs;
        bytes += b.sizeBytes();
        boolean tooBig = retentionBytes > 0 && bytes > retentionBytes;
        if (tooOld || tooBig) {
          doomed.add(b);
        } else {
          keep.add(0, b);
        }
      }
      int removed = cur.size() - keep.size();
      if (removed > 0) {
        blocks.set(List.copyOf(keep));
        for (Block b : doomed) {
          if (!b.isUnmapped()) {
            b.close();
          }
        }
        LOG.info("Retention removed {} blocks; {} remain", removed, keep.size());
        observer.blocksRemoved(removed);
      }
      deleteUnused();
      return removed;
    } finally {
      lock.unlock();
    }
  }

  private void deleteUnused() {
    for (int i = doomed.size() - 1; i >= 0; i--) {
      Block b = doomed.get(i);
      if (b.isUnmapped()) {
        try {
          BlockDirs.delete(seam, b.dir());
          doomed.remove(i);
        } catch (IOException e) {
          LOG.warn("Cannot delete block {}: {}", b.dir(), e.toString());
        }
      }
    }
  }

  /**
   * Starts the background thread. Each cycle loads new block directories ({@link #reloadBlocks}),
   * compacts the head, compacts blocks and applies retention; the first cycle runs right away (a
   * restarted database may hold a long head and expired blocks), then every {@code interval} and
   * when {@link #signal()}led.
   */
  public synchronized void start(Duration interval) {
    if (thread != null) {
      return;
    }
    long nanos = interval.toNanos();
    signal();
    thread =
        Thread.ofPlatform()
            .daemon()
            .name("hearth-compactor-" + dir.getFileName())
            .start(() -> loop(nanos));
  }

  /** Wakes the background thread early (cheap; call when the head may have become compactable). */
  public void signal() {
    wakeLock.lock();
    try {
      wakeRequested = true;
      wake.signal();
    } finally {
      wakeLock.unlock();
    }
  }

  private void loop(long intervalNanos) {
    while (!closed) {
      wakeLock.lock();
      try {
        long left = intervalNanos;
        while (!wakeRequested && !closed && left > 0) {
          left = wake.awaitNanos(left);
        }
        wakeRequested = false;
      } catch (InterruptedException e) {
        return;
      } finally {
        wakeLock.unlock();
      }
      if (closed) {
        return;
      }
      // Each step on its own: a block compaction that keeps failing must not stop head compaction
      // or retention.
      step("Loading new blocks", this::reloadBlocks);
      step("Head compaction", this::compactHead);
      step("Block compaction", () -> compactBlocks(true));
      step("Retention", this::applyRetention);
    }
  }

  /** One step of the background cycle. */
  private interface Step {
    Object run() throws IOException;
  }

  private void step(String what, Step step) {
    if (closed) {
      return;
    }
    try {
      step.run();
    } catch (IOException | RuntimeException e) {
      LOG.error("{} in {} failed; retrying later", what, dir, e);
      observer.compactionFailed();
    }
  }

  /** Stops the background thread and closes every block. Idempotent. */
  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      closed = true;
      t = thread;
    }
    signal();
    if (t != null) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    lock.lock();
    try {
      for (Block b : blocks.getAndSet(List.of())) {
        b.close();
      }
      deleteUnused();
    } finally {
      lock.unlock();
    }
  }
}
