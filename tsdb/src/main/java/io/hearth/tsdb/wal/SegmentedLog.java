package io.hearth.tsdb.wal;

import static io.hearth.tsdb.wal.WalFormat.FRAG_FIRST;
import static io.hearth.tsdb.wal.WalFormat.FRAG_FULL;
import static io.hearth.tsdb.wal.WalFormat.FRAG_LAST;
import static io.hearth.tsdb.wal.WalFormat.FRAG_MIDDLE;
import static io.hearth.tsdb.wal.WalFormat.HEADER_SIZE;
import static io.hearth.tsdb.wal.WalFormat.PAGE_SIZE;

import io.hearth.tsdb.FsyncPolicy;
import io.hearth.tsdb.TsdbObserver;
import io.hearth.tsdb.io.FileSeam;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WAL writer: appends records to 32 KiB-paged segment files in Prometheus's format (see {@code
 * docs/format/wal.md}) and makes them durable according to an {@link FsyncPolicy}.
 *
 * <p>{@link #log} copies a record into the page buffer, splitting it into fragments that never
 * cross a page, and hands complete and partial pages to the OS; it returns a <em>position</em>, a
 * {@code long} that grows with every record ({@code segment << 32 | end offset in the segment}).
 * {@link #sync} makes a position durable: with {@link FsyncPolicy#ALWAYS} it returns only once an
 * fsync covering the position has completed. Concurrent callers share one fsync (group commit), and
 * the fsync runs outside the append lock so writers are never blocked by the disk. With {@link
 * FsyncPolicy#BATCH} a background thread fsyncs every interval and {@code sync} returns at once;
 * with {@link FsyncPolicy#NEVER} segments are closed without an fsync when they are cut, and only
 * {@link #close()} fsyncs (the current segment).
 *
 * <p>Failures: when a write fails (disk full, I/O error) the segment is truncated back to the start
 * of the failed record and the caller sees the {@link IOException}; nothing of the record remains.
 * A segment cut back to a page boundary (typically an empty one) is kept and written again by the
 * next record, so a sender retrying against a full disk does not leave a new file per attempt;
 * otherwise it is closed and the next record starts a new segment, so no partial page is ever
 * rewritten. The first failure is logged at ERROR, repeats at most every 10 s, and the first
 * success afterwards says that writes recovered. A failed fsync is sticky (after an fsync error the
 * kernel may have dropped dirty pages, so retrying could falsely succeed): every later {@code sync}
 * and {@code log} throws until the log is reopened, which replays and repairs.
 *
 * <p>Thread-safe. Like Prometheus, {@link #open} never appends to an existing segment: it starts a
 * new one after the highest existing segment or checkpoint.
 */
public final class SegmentedLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SegmentedLog.class);

  /** Repeated write failures (a full disk) are logged at most this often. */
  private static final long FAILURE_LOG_INTERVAL_SECONDS = 10;

  private final FileSeam seam;
  private final Path dir;
  private final int pagesPerSegment;
  private final FsyncPolicy policy;
  private final TsdbObserver observer;

  private final ReentrantLock lock = new ReentrantLock();
  private final CRC32C crc = new CRC32C();
  private final byte[] page = new byte[PAGE_SIZE];
  private int alloc;
  private int flushed;
  private int donePages;
  private FileSeam.AppendFile current;
  private int currentIndex;
  private int nextIndex;
  private long written;
  private final List<FileSeam.AppendFile> unsyncedClosed = new ArrayList<>();
  private boolean dirDirty;
  private boolean closed;
  private IOException broken;
  private long failedWrites;
  private long lastFailureLog;

  private final ReentrantLock syncLock = new ReentrantLock();
  private final Condition syncDone = syncLock.newCondition();
  private boolean syncing;
  private boolean syncClosed;
  private volatile long durable;
  private volatile IOException syncFailure;

  private final CountDownLatch stopBatch = new CountDownLatch(1);
  private final Thread batchThread;

  private SegmentedLog(
      FileSeam seam,
      Path dir,
      int segmentBytes,
      FsyncPolicy policy,
      Duration interval,
      TsdbObserver observer,
      int firstIndex)
      throws IOException {
    this.seam = seam;
    this.dir = dir;
    this.pagesPerSegment = segmentBytes / PAGE_SIZE;
    this.policy = policy;
    this.observer = observer;
    startSegment(firstIndex);
    this.written = position(firstIndex, 0);
    this.durable = written;
    if (policy == FsyncPolicy.BATCH) {
      long nanos = Math.max(1, interval.toNanos());
      batchThread =
          Thread.ofPlatform()
              .name("wal-fsync-" + dir.getFileName())
              .daemon(true)
              .unstarted(() -> batchLoop(nanos));
      batchThread.start();
    } else {
      batchThread = null;
    }
  }

  /**
   * Opens the log in {@code dir} (created when absent) and starts a new segment after the highest
   * existing segment or checkpoint. Replay ({@link WalReplay}) should run before, so that a torn
   * tail is repaired first.
   *
   * @param segmentBytes the size at which a segment is closed; a positive multiple of {@link
   *     WalFormat#PAGE_SIZE} (a single record larger than a segment gets a segment of its own)
   * @param policy when to fsync
   * @param interval the period of {@link FsyncPolicy#BATCH} fsyncs; ignored for other policies
   * @param observer receives {@link TsdbObserver#walFsync(long)} for every fsync
   * @return the open log; the caller owns it and must close it
   */
  public static SegmentedLog open(
      FileSeam seam,
      Path dir,
      int segmentBytes,
      FsyncPolicy policy,
      Duration interval,
      TsdbObserver observer)
      throws IOException {
    if (segmentBytes < PAGE_SIZE || segmentBytes % PAGE_SIZE != 0) {
      throw new IllegalArgumentException(
          "segment size must be a positive multiple of " + PAGE_SIZE + ": " + segmentBytes);
    }
    seam.createDirectories(dir);
    int[] segments = WalFormat.listSegments(seam, dir);
    int last = segments.length == 0 ? -1 : segments[segments.length - 1];
    // A checkpoint covers its segments even when they were deleted: never reuse their numbers.
    last = Math.max(last, WalFormat.newestCheckpoint(seam, dir));
    return new SegmentedLog(seam, dir, segmentBytes, policy, interval, observer, last + 1);
  }

  /** The segment index a position lies in. */
  public static int segmentOf(long position) {
    return (int) (position >>> 32);
  }

  private static long position(int segment, long offset) {
    return ((long) segment << 32) | offset;
  }

  /** The directory of this log. */
  public Path dir() {
    return dir;
  }

  /**
   * Appends one record: the bytes {@code [off, off + len)} of {@code buf}, copied before this
   * returns. The record is in the OS page cache afterwards, not necessarily on disk.
   *
   * @return the position just after the record, larger than every position returned before
   * @throws IOException if the write failed (nothing of the record remains), or the log is closed
   *     or broken by an earlier fsync failure
   */
  public long log(byte[] buf, int off, int len) throws IOException {
    lock.lock();
    try {
      checkWritable();
      if (current == null) {
        startSegment(nextIndex);
      }
      int free =
          (PAGE_SIZE - alloc - HEADER_SIZE)
              + (PAGE_SIZE - HEADER_SIZE) * (pagesPerSegment - donePages - 1);
      long start = segmentOffset();
      try {
        // Records never span segments; an empty segment takes an oversized record as it is.
        if (len > free && start > 0) {
          cutLocked();
          start = 0;
        }
        writeFragments(buf, off, len);
      } catch (IOException e) {
        if (current != null) {
          abandonSegment(start, e);
        }
        throw e;
      }
      written = position(currentIndex, segmentOffset());
      if (failedWrites > 0) {
        LOG.warn("WAL writes in {} succeed again after {} failed writes", dir, failedWrites);
        failedWrites = 0;
      }
      return written;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Makes everything up to {@code position} durable as the policy says: with {@link
   * FsyncPolicy#ALWAYS} returns only after an fsync covering it completed (sharing the fsync with
   * concurrent callers); otherwise returns at once.
   *
   * @param position a value returned by {@link #log}
   * @throws IOException if an fsync failed now or earlier, or the log was closed before the
   *     position became durable
   */
  public void sync(long position) throws IOException {
    IOException failed = syncFailure;
    if (failed != null) {
      throw new IOException("WAL fsync failed earlier: " + failed.getMessage(), failed);
    }
    if (policy == FsyncPolicy.ALWAYS) {
      syncTo(position);
    }
  }

  /**
   * Fsyncs everything written so far, whatever the policy (for shutdown paths and checkpoints).
   * Under {@link FsyncPolicy#NEVER} segments already cut were closed unsynced and are not covered.
   */
  public void syncAll() throws IOException {
    long target;
    lock.lock();
    try {
      target = written;
    } finally {
      lock.unlock();
    }
    syncTo(target);
  }

  /**
   * Closes the current segment (its last page zero-padded) and starts the next one, as Prometheus
   * does before a checkpoint so that every earlier segment is complete.
   *
   * @return the index of the new current segment
   */
  public int cutSegment() throws IOException {
    lock.lock();
    try {
      checkWritable();
      if (current == null) {
        startSegment(nextIndex);
        return currentIndex;
      }
      long start = segmentOffset();
      try {
        cutLocked();
      } catch (IOException e) {
        if (current != null) {
          abandonSegment(start, e);
        }
        throw e;
      }
      written = position(currentIndex, 0);
      return currentIndex;
    } finally {
      lock.unlock();
    }
  }

  /** The index of the segment records are appended to (or will be, after a write failure). */
  public int currentSegment() {
    lock.lock();
    try {
      return current == null ? nextIndex : currentIndex;
    } finally {
      lock.unlock();
    }
  }

  /** The indexes of the segment files on disk, ascending. */
  public int[] segments() throws IOException {
    return WalFormat.listSegments(seam, dir);
  }

  /**
   * Deletes the segment files with an index below {@code segment}, never the current one. Used
   * after a checkpoint covered them.
   *
   * @return the number of files deleted
   */
  public int truncateBefore(int segment) throws IOException {
    int limit = Math.min(segment, currentSegment());
    int deleted = 0;
    for (int i : segments()) {
      if (i >= limit) {
        break;
      }
      seam.delete(dir.resolve(WalFormat.segmentName(i)));
      deleted++;
    }
    return deleted;
  }

  /**
   * Pads the last page, fsyncs everything and closes the files. Idempotent. Later calls of {@link
   * #log} throw; {@link #sync} of a position not yet durable throws.
   *
   * @throws IOException if the final write or fsync failed (the files are closed regardless)
   */
  @Override
  public void close() throws IOException {
    IOException failure = null;
    long target;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      if (current != null && alloc > 0 && broken == null) {
        long start = segmentOffset();
        try {
          flushPage(true);
          written = position(currentIndex, segmentOffset());
        } catch (IOException e) {
          abandonSegment(start, e);
          failure = e;
        }
      }
      target = written;
    } finally {
      lock.unlock();
    }
    if (batchThread != null) {
      stopBatch.countDown();
      joinUninterruptibly(batchThread);
    }
    try {
      syncTo(target);
    } catch (IOException e) {
      failure = failure == null ? e : failure;
    }
    syncLock.lock();
    try {
      while (syncing) {
        syncDone.awaitUninterruptibly();
      }
      syncClosed = true;
      syncDone.signalAll();
    } finally {
      syncLock.unlock();
    }
    lock.lock();
    try {
      if (current != null) {
        unsyncedClosed.add(current);
        current = null;
      }
      for (FileSeam.AppendFile f : unsyncedClosed) {
        try {
          f.close();
        } catch (IOException e) {
          failure = failure == null ? e : failure;
        }
      }
      unsyncedClosed.clear();
    } finally {
      lock.unlock();
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void checkWritable() throws IOException {
    if (closed) {
      throw new IOException("WAL " + dir + " is closed");
    }
    IOException failed = broken != null ? broken : syncFailure;
    if (failed != null) {
      throw new IOException("WAL " + dir + " failed earlier: " + failed.getMessage(), failed);
    }
  }

  private long segmentOffset() {
    return (long) donePages * PAGE_SIZE + flushed;
  }

  private void startSegment(int index) throws IOException {
    nextIndex = index;
    current = seam.openAppend(dir.resolve(WalFormat.segmentName(index)));
    currentIndex = index;
    nextIndex = index + 1;
    Arrays.fill(page, (byte) 0);
    alloc = 0;
    flushed = 0;
    donePages = 0;
    dirDirty = true;
  }

  /** Pads the current segment's last page, hands it to the syncer and starts the next segment. */
  private void cutLocked() throws IOException {
    if (alloc > 0) {
      flushPage(true);
    }
    retire(current);
    current = null;
    nextIndex = currentIndex + 1;
    startSegment(nextIndex);
  }

  /**
   * Hands a finished segment to the next fsync, or, with {@link FsyncPolicy#NEVER}, closes it at
   * once: nobody would fsync it, and keeping one open file per closed segment would leak handles.
   */
  private void retire(FileSeam.AppendFile f) {
    if (policy == FsyncPolicy.NEVER) {
      closeQuietly(f);
    } else {
      unsyncedClosed.add(f);
    }
  }

  private void writeFragments(byte[] rec, int off, int len) throws IOException {
    int p = off;
    int remaining = len;
    boolean first = true;
    do {
      int n = Math.min(remaining, PAGE_SIZE - alloc - HEADER_SIZE);
      int type;
      if (n == remaining) {
        type = first ? FRAG_FULL : FRAG_LAST;
      } else {
        type = first ? FRAG_FIRST : FRAG_MIDDLE;
      }
      crc.reset();
      crc.update(rec, p, n);
      int c = (int) crc.getValue();
      page[alloc] = (byte) type;
      page[alloc + 1] = (byte) (n >>> 8);
      page[alloc + 2] = (byte) n;
      page[alloc + 3] = (byte) (c >>> 24);
      page[alloc + 4] = (byte) (c >>> 16);
      page[alloc + 5] = (byte) (c >>> 8);
      page[alloc + 6] = (byte) c;
      System.arraycopy(rec, p, page, alloc + HEADER_SIZE, n);
      alloc += HEADER_SIZE + n;
      if (PAGE_SIZE - alloc < HEADER_SIZE) {
        flushPage(true);
      }
      p += n;
      remaining -= n;
      first = false;
    } while (remaining > 0);
    if (alloc > flushed) {
      flushPage(false);
    }
  }

  /**
   * Writes the unflushed part of the page. With {@code clear} the page is completed first: its free
   * tail (always zero) is written as padding and the next page begins.
   */
  private void flushPage(boolean clear) throws IOException {
    if (clear) {
      alloc = PAGE_SIZE;
    }
    current.write(page, flushed, alloc - flushed);
    flushed = alloc;
    if (clear) {
      Arrays.fill(page, (byte) 0);
      alloc = 0;
      flushed = 0;
      donePages++;
    }
  }

  /**
   * After a failed write: cut the segment back to the start of the failed record. At a page
   * boundary the segment stays current (the next record continues there); otherwise it is closed
   * and the next record starts a new segment. If even the truncation fails, the log is broken for
   * good.
   */
  private void abandonSegment(long recordStart, IOException cause) {
    FileSeam.AppendFile f = current;
    Arrays.fill(page, (byte) 0);
    alloc = 0;
    flushed = 0;
    donePages = 0;
    try {
      f.truncate(recordStart);
    } catch (IOException t) {
      cause.addSuppressed(t);
      broken = cause;
    }
    boolean keep = broken == null && recordStart % PAGE_SIZE == 0;
    if (keep) {
      donePages = (int) (recordStart / PAGE_SIZE);
    } else {
      current = null;
      nextIndex = currentIndex + 1;
      retire(f);
    }
    failedWrites++;
    long now = System.nanoTime();
    if (failedWrites == 1
        || now - lastFailureLog >= TimeUnit.SECONDS.toNanos(FAILURE_LOG_INTERVAL_SECONDS)) {
      lastFailureLog = now;
      LOG.error(
          "WAL write to {} failed at offset {}: {}; the record was dropped and its commit fails,"
              + " so the sender retries ({} failed writes since the last success; {})",
          f.path(),
          recordStart,
          cause.toString(),
          failedWrites,
          broken != null
              ? "the segment could not be cut back: the WAL refuses writes until reopened"
              : keep ? "writes continue in this segment" : "writes continue in a new segment");
    }
  }

  private void syncTo(long position) throws IOException {
    if (durable >= position) {
      return;
    }
    syncLock.lock();
    try {
      while (durable < position) {
        IOException failed = syncFailure;
        if (failed != null) {
          throw new IOException("WAL fsync failed: " + failed.getMessage(), failed);
        }
        if (syncClosed) {
          throw new IOException("WAL " + dir + " is closed");
        }
        if (syncing) {
          syncDone.awaitUninterruptibly();
          continue;
        }
        syncing = true;
        long reached = -1;
        IOException failure = null;
        syncLock.unlock();
        try {
          reached = fsyncNow();
        } catch (IOException e) {
          failure = e;
        } finally {
          syncLock.lock();
          syncing = false;
          if (failure != null) {
            syncFailure = failure;
          } else if (reached > durable) {
            durable = reached;
          }
          syncDone.signalAll();
        }
      }
    } finally {
      syncLock.unlock();
    }
  }

  /**
   * Fsyncs the closed segments not yet synced, the current segment and, after a new segment was
   * created, the directory. Called by one thread at a time (the group-commit leader).
   *
   * @return the position that is durable now
   */
  private long fsyncNow() throws IOException {
    long target;
    FileSeam.AppendFile cur;
    List<FileSeam.AppendFile> closedFiles;
    boolean syncDir;
    lock.lock();
    try {
      target = written;
      cur = current;
      closedFiles = new ArrayList<>(unsyncedClosed);
      unsyncedClosed.clear();
      syncDir = dirDirty;
      dirDirty = false;
    } finally {
      lock.unlock();
    }
    long t0 = System.nanoTime();
    int done = 0;
    try {
      for (FileSeam.AppendFile f : closedFiles) {
        f.fsync();
        done++;
        closeQuietly(f);
      }
      if (cur != null) {
        cur.fsync();
      }
      if (syncDir) {
        seam.fsyncDir(dir);
      }
    } catch (IOException e) {
      lock.lock();
      try {
        // Keep the handles so that close() releases them.
        unsyncedClosed.addAll(closedFiles.subList(done, closedFiles.size()));
      } finally {
        lock.unlock();
      }
      LOG.error("WAL fsync in {} failed; the WAL refuses writes until reopened", dir, e);
      throw e;
    }
    observer.walFsync(System.nanoTime() - t0);
    return target;
  }

  private void batchLoop(long intervalNanos) {
    try {
      while (!stopBatch.await(intervalNanos, TimeUnit.NANOSECONDS)) {
        long target;
        lock.lock();
        try {
          target = written;
        } finally {
          lock.unlock();
        }
        if (target > durable && syncFailure == null) {
          try {
            syncTo(target);
          } catch (IOException e) {
            // Logged by fsyncNow; the sticky failure surfaces in sync() and log().
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(FileSeam.AppendFile f) {
    try {
      f.close();
    } catch (IOException e) {
      LOG.warn("closing WAL segment {} failed", f.path(), e);
    }
  }

  private static void joinUninterruptibly(Thread t) {
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
