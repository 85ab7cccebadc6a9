package io.hearth.tsdb.block;

import io.hearth.model.LabelMatcher;
import io.hearth.storage.ChunkQuerier;
import io.hearth.storage.CorruptionException;
import io.hearth.storage.Querier;
import io.hearth.tsdb.io.FileSeam;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.roaringbitmap.PeekableIntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * An open, immutable, memory-mapped block in Prometheus' on-disk format (see {@code
 * docs/format/block.md}). Opening validates meta.json, the whole index (every CRC), the chunk
 * segment headers and the tombstones file; chunk CRCs are checked whenever a chunk is read. The
 * index and chunks never change; deletions add tombstones ({@link #delete}).
 *
 * <p>Lifetime: the index and chunk files are mapped in one shared {@link Arena}, reference-counted.
 * The opener holds one reference; every reader takes one with {@link #tryAcquire()} and gives it
 * back with {@link #release()} (queriers do this themselves: creating one acquires, closing it
 * releases). {@link #close()} drops the opener's reference and refuses new acquisitions; the files
 * are unmapped when the last reference is released, so closing while queries run is safe and defers
 * the unmap. Thread-safe.
 *
 * <p>Memory: pages of a mapping that a reader touched stay in the process' page tables (its RSS)
 * until they are dropped, even though the kernel may evict them from the page cache. So once the
 * last reader has given its reference back (only the opener's is left) and no reader came for a
 * while, {@link #dropPagesIfIdle} drops the block's resident pages of the chunk segments and the
 * index; opening drops the pages its validation read. An idle block therefore keeps none of its
 * files in RSS; the next query faults what it reads back in from the page cache. Measured on the
 * bench's two blocks of 20,000 series: four selections run 21 times each left 51 MiB of file pages
 * resident when a reader kept its reference and none when the last reader left. Dropping them as
 * the last reader left made back-to-back queries pay the faults again: about a tenth of a
 * 100-series range query's time on the bench data, hence the grace period.
 */
public final class Block implements AutoCloseable {
  private final Path dir;
  private final Arena arena;
  private final MemorySegment indexSegment;
  private final IndexReader index;
  private final ChunkSegments chunks;
  private final long mappedBytes;
  private final ReentrantLock deleteLock = new ReentrantLock();
  private volatile BlockMeta meta;
  private volatile Tombstones tombstones;
  private volatile long fileBytes;
  private final AtomicInteger refs = new AtomicInteger(1);
  private final AtomicBoolean closing = new AtomicBoolean();

  /** When the last reader left ({@link System#nanoTime()}), or 0 if pages were dropped since. */
  private volatile long idleSince;

  private Block(
      Path dir,
      BlockMeta meta,
      Arena arena,
      MemorySegment indexSegment,
      IndexReader index,
      ChunkSegments chunks,
      Tombstones tombstones,
      long fileBytes) {
    this.dir = dir;
    this.meta = meta;
    this.arena = arena;
    this.indexSegment = indexSegment;
    this.index = index;
    this.chunks = chunks;
    this.tombstones = tombstones;
    this.mappedBytes = index.sizeBytes() + chunks.sizeBytes();
    this.fileBytes = fileBytes;
  }

  /**
   * Opens and validates a block directory.
   *
   * @param dir the block directory ({@code <data>/<ULID>})
   * @return the block, holding the caller's reference; close it when done
   * @throws CorruptionException naming the file and offset if meta.json, the index, a chunk segment
   *     header or the tombstones file is damaged or unsupported
   * @throws IOException if a file cannot be read
   */
  public static Block open(Path dir) throws IOException {
    Path metaFile = dir.resolve(BlockFormat.META_FILE);
    byte[] json;
    try {
      if (Files.size(metaFile) > BlockMeta.MAX_META_BYTES) {
        throw new CorruptionException(metaFile + ": larger than " + BlockMeta.MAX_META_BYTES);
      }
      json = Files.readAllBytes(metaFile);
    } catch (NoSuchFileException e) {
      throw new CorruptionException(metaFile + ": missing");
    }
    BlockMeta meta = BlockMeta.parse(json, metaFile.toString());
    long size = json.length;
    Path tombstonesFile = dir.resolve(BlockFormat.TOMBSTONES_FILE);
    Tombstones tombstones = Tombstones.EMPTY;
    if (Files.exists(tombstonesFile)) {
      byte[] t = Files.readAllBytes(tombstonesFile);
      tombstones = Tombstones.parse(t, tombstonesFile.toString());
      size += t.length;
    }
    Arena arena = Arena.ofShared();
    try {
      Path indexFile = dir.resolve(BlockFormat.INDEX_FILE);
      MemorySegment indexSeg;
      try (FileChannel ch = FileChannel.open(indexFile, StandardOpenOption.READ)) {
        indexSeg = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
      } catch (NoSuchFileException e) {
        throw new CorruptionException(indexFile + ": missing");
      }
      IndexReader index = new IndexReader(indexSeg, indexFile.toString());
      ChunkSegments chunks = ChunkSegments.map(dir.resolve(BlockFormat.CHUNKS_DIR), arena);
      Block block = new Block(dir, meta, arena, indexSeg, index, chunks, tombstones, size);
      // Validation read every index page and the segment headers; nobody else holds them yet.
      block.unloadMappings();
      return block;
    } catch (IOException | RuntimeException e) {
      arena.close();
      throw e;
    }
  }

  /** The block directory. */
  public Path dir() {
    return dir;
  }

  /** The validated meta.json contents (updated by {@link #delete}). */
  public BlockMeta meta() {
    return meta;
  }

  /**
   * Size of the block's files as Prometheus counts it (index, chunks, tombstones, meta.json), in
   * bytes.
   */
  public long sizeBytes() {
    return mappedBytes + fileBytes;
  }

  /** The deletions in force; queriers take the snapshot current at their creation. */
  Tombstones tombstones() {
    return tombstones;
  }

  /**
   * Deletes the samples in {@code [minT, maxT]} (closed, ms) of the series matching every matcher
   * by adding tombstones, as Prometheus' {@code Block.Delete}: the tombstones file and meta.json
   * ({@code numTombstones}) are rewritten through temporary files, fsynced and renamed. Queriers
   * created afterwards no longer see the samples; the chunk files are unchanged until compaction.
   * Deletions are serialised; readers are never blocked.
   *
   * @param seam the file seam for the rewrites
   * @return the number of series that got a tombstone (those with a chunk overlapping the range)
   * @throws IllegalStateException if the block is closed
   * @throws IOException if a rewrite fails; the deletion is then not in force (a crash may still
   *     leave the new tombstones file in place, which is equally valid)
   */
  public int delete(FileSeam seam, long minT, long maxT, LabelMatcher... matchers)
      throws IOException {
    if (maxT < minT) {
      throw new IllegalArgumentException("maxT " + maxT + " < minT " + minT);
    }
    acquireOrThrow();
    deleteLock.lock();
    try {
      RoaringBitmap ids = index.select(matchers);
      int[] hit = new int[ids.getCardinality()];
      int n = 0;
      IndexReader.SeriesEntry e = new IndexReader.SeriesEntry();
      for (PeekableIntIterator it = ids.getIntIterator(); it.hasNext(); ) {
        int id = it.next();
        index.series(id, e);
        for (int c = 0; c < e.chunkCount(); c++) {
          if (e.minT(c) <= maxT && minT <= e.maxT(c)) {
            hit[n++] = id;
            break;
          }
        }
      }
      if (n == 0) {
        return 0;
      }
      Tombstones next = tombstones.with(hit, n, minT, maxT);
      BlockMeta m = meta;
      BlockMeta nextMeta = m.withNumTombstones(next.count());
      byte[] t = next.encode();
      byte[] json = nextMeta.toJson();
      replace(seam, BlockFormat.TOMBSTONES_FILE, t);
      replace(seam, BlockFormat.META_FILE, json);
      seam.fsyncDir(dir);
      tombstones = next;
      meta = nextMeta;
      fileBytes = t.length + json.length;
      return n;
    } finally {
      deleteLock.unlock();
      release();
    }
  }

  /** Writes {@code name.tmp}, fsyncs it and renames it over {@code name}. */
  private void replace(FileSeam seam, String name, byte[] content) throws IOException {
    Path tmp = dir.resolve(name + ".tmp");
    seam.delete(tmp);
    try (FileSeam.AppendFile f = seam.openAppend(tmp)) {
      f.write(content, 0, content.length);
      f.fsync();
    }
    seam.rename(tmp, dir.resolve(name));
  }

  /**
   * The index; use only while holding a reference.
   *
   * @return the shared, thread-safe index reader
   */
  public IndexReader index() {
    return index;
  }

  /** Chunk access for the queriers; use only while holding a reference. */
  ChunkSegments chunks() {
    return chunks;
  }

  /**
   * Takes a reference that keeps the files mapped.
   *
   * @return true if acquired (then call {@link #release()} exactly once); false if the block is
   *     closing or closed
   */
  public boolean tryAcquire() {
    while (true) {
      int n = refs.get();
      if (n <= 0 || closing.get()) {
        return false;
      }
      if (refs.compareAndSet(n, n + 1)) {
        if (closing.get()) {
          release();
          return false;
        }
        return true;
      }
    }
  }

  /**
   * Gives back a reference taken with {@link #tryAcquire()}; the last one unmaps the files.
   *
   * @throws IllegalStateException if more references are released than were taken
   */
  public void release() {
    int n = refs.decrementAndGet();
    if (n == 0) {
      arena.close();
    } else if (n == 1 && !closing.get()) {
      idleSince = System.nanoTime() | 1; // never 0, which means "nothing to drop"
    } else if (n < 0) {
      throw new IllegalStateException("block " + meta.ulid() + " released more than acquired");
    }
  }

  /**
   * Drops the resident pages of the mappings if no reader has held the block since at least {@code
   * idleNanos} before {@code nowNanos}. A reader arriving meanwhile only pays page faults. For a
   * periodic sweep.
   *
   * @return whether pages were dropped
   */
  public boolean dropPagesIfIdle(long nowNanos, long idleNanos) {
    long since = idleSince;
    if (since == 0 || refs.get() != 1 || closing.get() || nowNanos - since < idleNanos) {
      return false;
    }
    idleSince = 0;
    dropResidentPages();
    return true;
  }

  /**
   * Drops the resident pages of the mappings once no reader is left. It holds a reference of its
   * own meanwhile, so a concurrent {@link #close()} cannot unmap the files underneath; a reader
   * that arrives meanwhile only pays page faults for what it reads (the files never change).
   */
  private void dropResidentPages() {
    if (!tryAcquire()) {
      return;
    }
    try {
      unloadMappings();
    } finally {
      // Not release(): dropping back to 1 here must not start another round.
      if (refs.decrementAndGet() == 0) {
        arena.close();
      }
    }
  }

  private void unloadMappings() {
    indexSegment.unload();
    chunks.unload();
  }

  /** The number of references held, the opener's included; 0 once unmapped. */
  public int refCount() {
    return Math.max(0, refs.get());
  }

  /** Whether the files have been unmapped (closed and every reference released). */
  public boolean isUnmapped() {
    return refs.get() <= 0;
  }

  /**
   * Drops the opener's reference and refuses new acquisitions. The files stay mapped until the last
   * outstanding reference is released. Idempotent.
   */
  @Override
  public void close() {
    if (closing.compareAndSet(false, true)) {
      release();
    }
  }

  /**
   * A querier over the samples in {@code [minT, maxT]} (both inclusive, as queriers are); it holds
   * a reference until closed.
   *
   * @throws IllegalStateException if the block is closed
   */
  public Querier querier(long minT, long maxT) {
    acquireOrThrow();
    return new BlockQuerier(this, minT, maxT);
  }

  /**
   * A querier over the chunks overlapping {@code [minT, maxT]} (both inclusive); chunks are not
   * trimmed. It holds a reference until closed.
   *
   * @throws IllegalStateException if the block is closed
   */
  public ChunkQuerier chunkQuerier(long minT, long maxT) {
    acquireOrThrow();
    return new BlockChunkQuerier(this, minT, maxT);
  }

  private void acquireOrThrow() {
    if (!tryAcquire()) {
      throw new IllegalStateException("block " + meta.ulid() + " is closed");
    }
  }

  @Override
  public String toString() {
    return "Block[" + meta.ulid() + ", " + meta.minT() + ".." + meta.maxT() + "]";
  }
}
