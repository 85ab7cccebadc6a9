package io.hearth.tsdb.head;

import io.hearth.storage.StorageException;
import io.hearth.tsdb.chunks.HeadChunkFormat;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;

/**
 * Storage for the head's full (cut) chunks outside the Java heap. Chunks are written once and never
 * change; a chunk is addressed by a {@code long} ref: slab index in the high 32 bits, byte offset
 * in the low 32.
 *
 * <p>Two kinds of slab. In memory ({@link #ChunkArena()}): anonymous off-heap slabs of {@link
 * #SLAB_BYTES}, each entry a big-endian unsigned 16-bit length and the chunk bytes. In files
 * ({@link #inFiles} and {@link #inTemporaryFiles}): each slab is a head chunks file in Prometheus's
 * {@code chunks_head} layout ({@link HeadChunkFormat}), written with positional writes and read
 * through a read-only shared mapping. Written bytes go to the page cache, not to this process'
 * anonymous memory; pages a query touches through the mapping count in the resident set until
 * {@link #closeReader} of the last open reader drops them from the page tables again ({@code
 * MemorySegment.unload}, i.e. {@code madvise(MADV_DONTNEED)}), so an idle head keeps no chunk bytes
 * resident. The files are a cache, not a durable copy: they are never synced, and a restarted head
 * deletes them and rebuilds its chunks from the WAL.
 *
 * <p>Each slab has its own {@link Arena} and a count of live chunks; head truncation {@link
 * #release}s the chunks it drops. A slab whose count reaches zero (and that is no longer being
 * filled) is retired by {@link #retireEmptySlabs()} and freed (unmapped, its file deleted) once no
 * reader that might still hold a view into it is open.
 *
 * <p>Readers (head queriers) bracket their use of chunk views with {@link #openReader()} and {@link
 * #closeReader(long)}. Each retirement starts a new epoch; a slab retired in epoch E is freed when
 * every open reader registered in an epoch at or after E. Readers registered after the retirement
 * cannot see the dropped chunks, because truncation removes them from the series before retiring. A
 * reader that is never closed therefore keeps retired slabs alive (a leak, never a crash).
 *
 * <p>Thread-safe: {@link #add} and the bookkeeping take a short lock; {@link #get} needs no lock
 * because an entry is fully written before its ref is published (the series lock publishes it).
 */
public final class ChunkArena implements AutoCloseable {
  /** Slab size: 4 MiB holds about 20,000 typical 200-byte chunks per allocation. */
  static final int SLAB_BYTES = 4 << 20;

  /**
   * The largest head chunks file size: Prometheus's 128 MiB. Files are sparse, so unused space
   * costs nothing.
   */
  public static final int FILE_BYTES = 128 << 20;

  /**
   * The head's file size: smaller than Prometheus's so that truncation frees disk and page cache
   * soon (a file goes only when all its chunks are dropped); 16 MiB holds about 80,000 chunks.
   */
  public static final int HEAD_FILE_BYTES = 16 << 20;

  /** Where chunks files live; null for anonymous slabs or temporary files. */
  private final Path dir;

  /** Whether slabs are files (in {@link #dir} or unlinked temporary files). */
  private final boolean files;

  private final int slabBytes;
  private FileChannel[] channels = new FileChannel[16];
  private int[] fileSeq = new int[16];
  private int lastSeq;
  private final ByteBuffer writeBuf;
  private final CRC32C writeCrc = new CRC32C();

  private static final ValueLayout.OfShort LEN =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN);

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition readerClosed = lock.newCondition();
  private volatile MemorySegment[] slabs = new MemorySegment[16];

  /**
   * Per chunks file, one bit per 16 bytes of offset ({@link #VERIFIED_GRAIN_SHIFT}), set once the
   * record starting there passed its CRC check in this process; later reads return a view of the
   * mapping without copying or checking again. Every chunks file is written by this process (the
   * head is rebuilt from the WAL at start), so a check proves the bytes as they sit in the page
   * cache. Bits are set without synchronisation: a lost or unseen bit only means one more check.
   */
  private volatile long[][] verified = new long[16][];

  /** Records are at least 30 bytes long, so no two start in one 16-byte grain. */
  private static final int VERIFIED_GRAIN_SHIFT = 4;

  private Arena[] arenas = new Arena[16];
  private int[] live = new int[16];
  private long[] retiredAt = new long[16];

  /** Bytes of records written to each file; counted out of {@link #bytesUsed} when it is freed. */
  private long[] fileBytesUsed = new long[16];

  private int slabCount;
  private int offset = Integer.MAX_VALUE;
  private long bytesUsed;
  private long chunks;
  private int slabsHeld;
  private long epoch;
  private final Map<Long, Integer> readers = new HashMap<>();
  private final List<Integer> retired = new ArrayList<>();
  private boolean closed;

  /**
   * When the last reader closed ({@link System#nanoTime()}), or 0 if mapped pages were dropped
   * since; guarded by {@link #lock}.
   */
  private long idleSince;

  /** Creates an arena of anonymous off-heap slabs (tests and benchmarks without a directory). */
  public ChunkArena() {
    this(null, false, SLAB_BYTES);
  }

  private ChunkArena(Path dir, boolean files, int slabBytes) {
    this.dir = dir;
    this.files = files;
    this.slabBytes = slabBytes;
    this.writeBuf = files ? ByteBuffer.allocateDirect(HeadChunkFormat.recordBytes(0xFFFF)) : null;
  }

  /**
   * Creates an arena of head chunks files in {@code dir} (created when absent), named {@code
   * 000001}, {@code 000002}, ... Files left by an earlier process are deleted: the head rebuilds
   * its chunks from the WAL.
   *
   * @param fileBytes the size of each file, at least 64 KiB and at most {@link #FILE_BYTES}
   * @throws StorageException if the directory cannot be used
   */
  public static ChunkArena inFiles(Path dir, int fileBytes) {
    checkFileBytes(fileBytes);
    try {
      Files.createDirectories(dir);
      try (var old = Files.list(dir)) {
        for (Path p : (Iterable<Path>) old::iterator) {
          if (p.getFileName().toString().matches("[0-9]{6,}")) {
            Files.deleteIfExists(p);
          }
        }
      }
    } catch (IOException e) {
      throw new StorageException("cannot prepare head chunks directory " + dir, e);
    }
    return new ChunkArena(dir, true, fileBytes);
  }

  /**
   * Creates an arena of head chunks files that are unlinked right after they are created in the
   * temporary-file directory, so nothing is left behind even by a crash; the space is returned when
   * the arena closes or the process ends.
   *
   * @param fileBytes the size of each file, at least 64 KiB and at most {@link #FILE_BYTES}
   */
  public static ChunkArena inTemporaryFiles(int fileBytes) {
    checkFileBytes(fileBytes);
    return new ChunkArena(null, true, fileBytes);
  }

  private static void checkFileBytes(int fileBytes) {
    if (fileBytes < (64 << 10) || fileBytes > FILE_BYTES) {
      throw new IllegalArgumentException("bad head chunks file size: " + fileBytes);
    }
  }

  /**
   * As {@link #add(long, long, long, byte[], int)} without series ref and times (recorded as 0 in
   * chunks files).
   */
  public long add(byte[] chunk, int len) {
    return add(0, 0, 0, chunk, len);
  }

  /**
   * Copies {@code len} bytes of a finished XOR chunk of series {@code seriesRef} with samples in
   * {@code [minT, maxT]} and returns its ref.
   *
   * @throws IllegalArgumentException if the chunk is longer than 65535 bytes
   * @throws StorageException if a chunks file cannot be created or written
   */
  public long add(long seriesRef, long minT, long maxT, byte[] chunk, int len) {
    if (len > 0xFFFF) {
      throw new IllegalArgumentException("chunk too large: " + len);
    }
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("chunk arena closed");
      }
      int bytes = files ? HeadChunkFormat.recordBytes(len) : 2 + len;
      if ((long) offset + bytes > slabBytes) {
        newSlab();
      }
      int index = slabCount - 1;
      if (files) {
        writeBuf.clear();
        HeadChunkFormat.writeRecord(
            writeBuf, seriesRef, minT, maxT, HeadChunkFormat.ENCODING_XOR, chunk, len, writeCrc);
        writeFully(channels[index], writeBuf.flip(), offset);
      } else {
        MemorySegment slab = slabs[index];
        slab.set(LEN, offset, (short) len);
        MemorySegment.copy(chunk, 0, slab, ValueLayout.JAVA_BYTE, offset + 2, len);
      }
      long ref = ((long) index << 32) | offset;
      offset += bytes;
      bytesUsed += bytes;
      if (files) {
        fileBytesUsed[index] += bytes;
      }
      live[index]++;
      chunks++;
      return ref;
    } finally {
      lock.unlock();
    }
  }

  private void newSlab() {
    int index = slabCount;
    if (index == slabs.length) {
      int cap = index * 2;
      slabs = Arrays.copyOf(slabs, cap);
      arenas = Arrays.copyOf(arenas, cap);
      live = Arrays.copyOf(live, cap);
      retiredAt = Arrays.copyOf(retiredAt, cap);
      fileBytesUsed = Arrays.copyOf(fileBytesUsed, cap);
      channels = Arrays.copyOf(channels, cap);
      fileSeq = Arrays.copyOf(fileSeq, cap);
    }
    Arena a = Arena.ofShared();
    MemorySegment slab;
    if (files) {
      slab = openFile(index, a);
      offset = HeadChunkFormat.HEADER_BYTES;
    } else {
      slab = a.allocate(slabBytes, 8);
      offset = 0;
    }
    MemorySegment[] grown = slabs.clone();
    grown[index] = slab;
    arenas[index] = a;
    if (files) {
      long[][] bits = Arrays.copyOf(verified, grown.length);
      bits[index] = new long[(slabBytes >>> VERIFIED_GRAIN_SHIFT >>> 6) + 1];
      verified = bits;
    }
    slabs = grown;
    slabCount++;
    slabsHeld++;
  }

  /**
   * Creates the next chunks file, sparse at its full size so the mapping never reaches past its
   * end, and maps it read-only.
   */
  private MemorySegment openFile(int index, Arena a) {
    int seq = ++lastSeq;
    Path path = null;
    FileChannel ch = null;
    try {
      path =
          dir != null
              ? dir.resolve(String.format("%06d", seq))
              : Files.createTempFile("hearth-chunks_head-", "");
      ch =
          FileChannel.open(
              path,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE);
      if (dir == null) {
        Files.delete(path); // unlinked: the open channel and the mapping keep the data
      }
      ByteBuffer header = ByteBuffer.allocate(HeadChunkFormat.HEADER_BYTES);
      HeadChunkFormat.writeHeader(header);
      writeFully(ch, header.flip(), 0);
      writeFully(ch, ByteBuffer.allocate(1), slabBytes - 1);
      MemorySegment mapped = ch.map(FileChannel.MapMode.READ_ONLY, 0, slabBytes, a);
      channels[index] = ch;
      fileSeq[index] = seq;
      return mapped;
    } catch (IOException | RuntimeException e) {
      a.close();
      closeQuietly(ch);
      if (dir != null && path != null) {
        deleteQuietly(path);
      }
      throw new StorageException("cannot create head chunks file " + path, e);
    }
  }

  private static void writeFully(FileChannel ch, ByteBuffer buf, long position) {
    try {
      while (buf.hasRemaining()) {
        position += ch.write(buf, position);
      }
    } catch (IOException e) {
      throw new StorageException("cannot write a head chunk", e);
    }
  }

  /**
   * The bytes of the chunk at {@code ref}, as a read-only view valid while the chunk is live.
   *
   * @throws StorageException if the chunk in its file fails its CRC check
   */
  public MemorySegment get(long ref) {
    // No lock: the ref was published under a series lock after the slab was stored.
    MemorySegment slab = slabs[(int) (ref >>> 32)];
    int off = (int) ref;
    if (files) {
      long[] bits = verified[(int) (ref >>> 32)];
      int grain = off >>> VERIFIED_GRAIN_SHIFT;
      long mask = 1L << grain;
      if ((bits[grain >>> 6] & mask) != 0) {
        return HeadChunkFormat.dataView(slab, off);
      }
      MemorySegment data = HeadChunkFormat.readData(slab, off, new CRC32C());
      bits[grain >>> 6] |= mask;
      return data;
    }
    int len = Short.toUnsignedInt(slab.get(LEN, off));
    return slab.asSlice(off + 2, len).asReadOnly();
  }

  /**
   * Marks the chunk at {@code ref} as no longer referenced by any series. Its slab is freed later,
   * after {@link #retireEmptySlabs()} and once older readers have closed.
   */
  void release(long ref) {
    int index = (int) (ref >>> 32);
    lock.lock();
    try {
      MemorySegment slab = slabs[index];
      if (slab == null) {
        return;
      }
      if (!files) {
        bytesUsed -= 2 + Short.toUnsignedInt(slab.get(LEN, (int) ref));
      }
      // A file's bytes are counted out when the file goes: reading the record's length here would
      // fault its page into the resident set outside any reader, where nothing would drop it.
      live[index]--;
      chunks--;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Registers a reader that may take chunk views until {@link #closeReader}.
   *
   * @return the token to pass to {@link #closeReader}
   */
  long openReader() {
    lock.lock();
    try {
      readers.merge(epoch, 1, Integer::sum);
      return epoch;
    } finally {
      lock.unlock();
    }
  }

  /** Unregisters a reader; frees slabs that no open reader can still see. */
  void closeReader(long token) {
    lock.lock();
    try {
      readers.computeIfPresent(token, (k, n) -> n == 1 ? null : n - 1);
      freeUnreachable();
      if (files && readers.isEmpty() && !closed) {
        // Not dropped at once: the next query would fault the same pages back in (see Block).
        idleSince = System.nanoTime() | 1;
      }
      readerClosed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Drops the resident pages of every chunks file if no reader has been open since at least {@code
   * idleNanos} before {@code nowNanos}; for a periodic sweep.
   *
   * @return whether pages were dropped
   */
  public boolean dropPagesIfIdle(long nowNanos, long idleNanos) {
    lock.lock();
    try {
      if (idleSince == 0 || closed || !readers.isEmpty() || nowNanos - idleSince < idleNanos) {
        return false;
      }
      idleSince = 0;
      unloadMapped();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Starts a new epoch and retires every slab without live chunks except the one being filled. Call
   * after the dropped chunks were {@link #release}d and removed from their series.
   *
   * @return the number of slabs freed right away
   */
  int retireEmptySlabs() {
    lock.lock();
    try {
      epoch++;
      for (int i = 0; i < slabCount - 1; i++) {
        if (slabs[i] != null && live[i] == 0 && retiredAt[i] == 0) {
          retiredAt[i] = epoch;
          retired.add(i);
        }
      }
      return freeUnreachable();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Starts a new reader epoch.
   *
   * @return the new epoch; readers opened before this call have smaller tokens
   */
  long advanceEpoch() {
    lock.lock();
    try {
      return ++epoch;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until no reader registered before {@code epoch} is open.
   *
   * @return true if none is left, false if the timeout passed first
   */
  boolean awaitReadersBefore(long epoch, long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    lock.lock();
    try {
      while (true) {
        boolean older = false;
        for (long e : readers.keySet()) {
          older |= e < epoch;
        }
        if (!older) {
          return true;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        readerClosed.awaitNanos(left);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Drops the pages of every mapped chunks file from this process' page tables: they stay in the
   * page cache, and a later read faults them back in cheaply. Without it every page a query or a
   * compaction ever read would stay in the resident set.
   */
  private void unloadMapped() {
    for (int i = 0; i < slabCount; i++) {
      MemorySegment slab = slabs[i];
      if (slab != null) {
        slab.unload();
      }
    }
  }

  private int freeUnreachable() {
    if (retired.isEmpty()) {
      return 0;
    }
    long oldest = Long.MAX_VALUE;
    for (long e : readers.keySet()) {
      oldest = Math.min(oldest, e);
    }
    int freed = 0;
    for (int j = retired.size() - 1; j >= 0; j--) {
      int i = retired.get(j);
      if (retiredAt[i] <= oldest) {
        MemorySegment[] copy = slabs.clone();
        copy[i] = null;
        slabs = copy;
        if (files) {
          long[][] bits = verified.clone();
          bits[i] = null;
          verified = bits;
        }
        freeSlab(i);
        retired.remove(j);
        freed++;
      }
    }
    return freed;
  }

  private void freeSlab(int i) {
    arenas[i].close();
    arenas[i] = null;
    slabsHeld--;
    if (files) {
      bytesUsed -= fileBytesUsed[i];
      fileBytesUsed[i] = 0;
      closeQuietly(channels[i]);
      channels[i] = null;
      if (dir != null) {
        deleteQuietly(dir.resolve(String.format("%06d", fileSeq[i])));
      }
    }
  }

  private static void closeQuietly(FileChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException e) {
        // Nothing to do: the descriptor is gone either way and the data is a cache.
      }
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // A leftover file is deleted by the next start; it holds no acknowledged data of its own.
    }
  }

  /** Whether chunks live in head chunks files rather than anonymous memory. */
  public boolean inFiles() {
    return files;
  }

  /**
   * Bytes of chunk data and framing: of live chunks for anonymous slabs; of every record in files
   * not yet freed for chunks files (released chunks count until their file goes).
   */
  public long bytesUsed() {
    lock.lock();
    try {
      return bytesUsed;
    } finally {
      lock.unlock();
    }
  }

  /** The number of live chunks stored. */
  public long chunkCount() {
    lock.lock();
    try {
      return chunks;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Bytes reserved by slabs not yet freed: off-heap memory, or the (sparse) size of chunks files.
   */
  public long bytesReserved() {
    lock.lock();
    try {
      return (long) slabsHeld * slabBytes;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Frees every slab (and deletes the chunks files). Chunk views obtained earlier become invalid.
   * Idempotent.
   */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      for (int i = 0; i < slabCount; i++) {
        if (arenas[i] != null) {
          freeSlab(i);
        }
      }
      slabsHeld = 0;
    } finally {
      lock.unlock();
    }
  }
}
