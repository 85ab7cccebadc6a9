package io.hearth.tsdb.head;

import io.hearth.model.Labels;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.HashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The head's series, found by labels or by ref, in lock stripes so that appenders of different
 * series rarely contend. Refs are assigned in increasing order starting at 1 and fit in an int (the
 * postings index stores them in 32-bit bitmaps). A ref is never handed out twice in a process, so a
 * stale ref finds nothing or the series it always named.
 *
 * <p>By ref, series sit in a dense table of fixed-size pages indexed by the ref itself: a lookup is
 * two array loads without a lock or a hash (ingestion passes refs back for almost every sample). A
 * page whose refs were all handed out and all removed is dropped, so churn does not keep a table
 * proportional to every ref ever issued, only to the highest one.
 */
final class SeriesMap {
  /** Stripe count: a power of two; 4096 keeps contention low on many cores at little memory. */
  static final int STRIPES = 4096;

  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

  @SuppressWarnings("unchecked")
  private final HashMap<Labels, MemSeries>[] byLabels = new HashMap[STRIPES];

  /** Refs per page of the by-ref table: a power of two. */
  private static final int PAGE_BITS = 12;

  private static final int PAGE_SIZE = 1 << PAGE_BITS;

  private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(MemSeries[].class);

  /**
   * The by-ref table: {@code pages[ref >>> PAGE_BITS][ref & (PAGE_SIZE - 1)]}. Replaced (grown) and
   * its pages created and dropped under {@link #pageLock}; slots are written with release and read
   * with acquire semantics, so a reader sees a fully constructed series.
   */
  private volatile MemSeries[][] pages = new MemSeries[16][];

  /** Mapped refs per page (aliases included), guarded by {@link #pageLock}. */
  private int[] pageLive = new int[16];

  private final Object pageLock = new Object();

  private final AtomicLong lastRef = new AtomicLong();
  private final AtomicLong size = new AtomicLong();

  SeriesMap() {
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantLock();
      byLabels[i] = new HashMap<>();
    }
  }

  /** The series with these labels, or null. */
  MemSeries get(Labels labels) {
    int s = (int) labels.hash() & (STRIPES - 1);
    locks[s].lock();
    try {
      return byLabels[s].get(labels);
    } finally {
      locks[s].unlock();
    }
  }

  /**
   * The series with this ref, or null. Lock-free. A replay alias gives the series it aliases, whose
   * own ref differs; a removed series may still be returned by an alias (it refuses samples).
   */
  MemSeries get(long ref) {
    if (ref <= 0 || ref > Integer.MAX_VALUE) {
      return null;
    }
    MemSeries[][] p = pages;
    int page = (int) (ref >>> PAGE_BITS);
    if (page >= p.length) {
      return null;
    }
    MemSeries[] slots = p[page];
    return slots == null ? null : (MemSeries) SLOTS.getAcquire(slots, (int) ref & (PAGE_SIZE - 1));
  }

  /**
   * The series with these labels, created with the next ref when absent. {@code onCreate} runs once
   * for a new series, after it is findable by labels and ref, outside any stripe lock.
   */
  MemSeries getOrCreate(Labels labels, Consumer<MemSeries> onCreate) {
    int s = (int) labels.hash() & (STRIPES - 1);
    MemSeries created;
    locks[s].lock();
    try {
      MemSeries existing = byLabels[s].get(labels);
      if (existing != null) {
        return existing;
      }
      long ref = lastRef.incrementAndGet();
      if (ref > Integer.MAX_VALUE) {
        throw new IllegalStateException("series ref space exhausted");
      }
      created = new MemSeries(ref, labels);
      byLabels[s].put(labels, created);
    } finally {
      locks[s].unlock();
    }
    putRef(created.ref, created);
    size.incrementAndGet();
    onCreate.accept(created);
    return created;
  }

  /**
   * For WAL replay: makes {@code ref} name the series with these labels, creating it with that ref
   * when absent. A second ref for the same labels becomes an alias of the first series.
   *
   * @return the series and whether it was created
   */
  MemSeries putReplayed(long ref, Labels labels, Consumer<MemSeries> onCreate) {
    int s = (int) labels.hash() & (STRIPES - 1);
    MemSeries series;
    boolean isNew = false;
    locks[s].lock();
    try {
      series = byLabels[s].get(labels);
      if (series == null) {
        series = new MemSeries(ref, labels);
        byLabels[s].put(labels, series);
        isNew = true;
      }
    } finally {
      locks[s].unlock();
    }
    lastRef.accumulateAndGet(ref, Math::max);
    putRef(ref, series);
    if (isNew) {
      size.incrementAndGet();
      onCreate.accept(series);
    }
    return series;
  }

  private void putRef(long ref, MemSeries series) {
    int page = (int) (ref >>> PAGE_BITS);
    int slot = (int) ref & (PAGE_SIZE - 1);
    synchronized (pageLock) {
      MemSeries[][] p = pages;
      if (page >= p.length) {
        int cap = p.length;
        while (cap <= page) {
          cap *= 2;
        }
        p = Arrays.copyOf(p, cap);
        pageLive = Arrays.copyOf(pageLive, cap);
      }
      MemSeries[] slots = p[page];
      if (slots == null) {
        slots = new MemSeries[PAGE_SIZE];
        p[page] = slots;
      }
      if (slots[slot] == null) {
        pageLive[page]++;
      }
      SLOTS.setRelease(slots, slot, series);
      pages = p;
    }
  }

  /** Unmaps {@code ref} if it names {@code series}; drops its page once nothing can map there. */
  private void removeRef(long ref, MemSeries series) {
    int page = (int) (ref >>> PAGE_BITS);
    int slot = (int) ref & (PAGE_SIZE - 1);
    synchronized (pageLock) {
      MemSeries[][] p = pages;
      MemSeries[] slots = page < p.length ? p[page] : null;
      if (slots == null || slots[slot] != series) {
        return;
      }
      SLOTS.setRelease(slots, slot, (MemSeries) null);
      // Refs only grow, so a page whose last ref was issued gets no new entry once it is empty.
      if (--pageLive[page] == 0 && ((long) page + 1) * PAGE_SIZE <= lastRef.get() + 1) {
        p[page] = null;
        pages = p;
      }
    }
  }

  /**
   * Removes {@code series} if it is empty and no appender has a pending sample for it (see {@link
   * MemSeries#markRemovedIfEmpty}). Only its own ref is unmapped; replay aliases keep pointing at
   * the removed series, which refuses samples, until the next restart.
   *
   * @return true if removed; the caller then removes it from the postings
   */
  boolean removeIfEmpty(MemSeries series, boolean evenIfNeverSampled) {
    int s = (int) series.labels.hash() & (STRIPES - 1);
    locks[s].lock();
    try {
      // Under the stripe lock, so getOrCreate never hands out a series being removed.
      if (!series.markRemovedIfEmpty(evenIfNeverSampled)) {
        return false;
      }
      byLabels[s].remove(series.labels, series);
    } finally {
      locks[s].unlock();
    }
    removeRef(series.ref, series);
    size.decrementAndGet();
    return true;
  }

  /** The number of pages of the by-ref table currently allocated; for tests. */
  int allocatedPages() {
    int count = 0;
    for (MemSeries[] page : pages) {
      count += page == null ? 0 : 1;
    }
    return count;
  }

  /** The number of distinct series. */
  long size() {
    return size.get();
  }

  /** Calls {@code consumer} for every series (aliases once per series), stripe by stripe. */
  void forEach(Consumer<MemSeries> consumer) {
    for (int s = 0; s < STRIPES; s++) {
      locks[s].lock();
      try {
        byLabels[s].values().forEach(consumer);
      } finally {
        locks[s].unlock();
      }
    }
  }
}
