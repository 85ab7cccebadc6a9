package io.hearth.tsdb.head;

import io.hearth.model.Labels;
import io.hearth.storage.Appender;
import io.hearth.storage.CommitResult;
import io.hearth.storage.Rejection;
import java.util.Arrays;

/**
 * Buffers one batch in primitive arrays, checks each sample against its series as it arrives, then
 * on {@link #commit()} logs new series and all samples to the {@link HeadLog}, waits for the sync
 * policy, and applies the samples to the series. Nothing is visible before the log write.
 */
final class HeadAppender implements Appender {
  private final Head head;
  private final AppendScratch scratch;
  private MemSeries[] series;
  private long[] ts;
  private double[] vs;
  private int n;
  private final long[] rejectedAtAppend = new long[Rejection.values().length];
  private boolean done;

  /**
   * The series of the previous append. Senders pass back the ref they were given for the next
   * sample of the same series, so this saves the by-ref table lookup for all but the first sample
   * of each series in a batch.
   */
  private MemSeries last;

  /**
   * Whether samples were added to the run of {@code series[n - 1]} after its {@link
   * MemSeries#checkPending}, so the series' pending state must learn the run's last sample before
   * another series' sample is checked (the series may come back later in the batch).
   */
  private boolean runDirty;

  HeadAppender(Head head) {
    this.head = head;
    this.scratch = head.scratchPool().take();
    this.series = scratch.series;
    this.ts = scratch.ts;
    this.vs = scratch.vs;
  }

  @Override
  public long append(long ref, Labels labels, long t, double v) {
    if (done) {
      throw new IllegalStateException("appender already committed or rolled back");
    }
    MemSeries s;
    if (ref > 0 && last != null && last.ref == ref) {
      s = last;
    } else {
      s = ref > 0 ? head.byRef(ref) : null;
    }
    if (s == null || !s.labels.equals(labels)) {
      if (labels.isEmpty()) {
        return reject(Rejection.INVALID_LABELS);
      }
      s = head.getOrCreate(labels);
    }
    if (t < head.minValidTime()) {
      return reject(Rejection.TOO_OLD);
    }
    if (n > 0 && series[n - 1] == s) {
      return appendToRun(s, t, v);
    }
    if (runDirty) {
      series[n - 1].updatePending(this, ts[n - 1], vs[n - 1]);
      runDirty = false;
    }
    int checked = s.checkPending(this, t, v);
    while (checked == MemSeries.REMOVED) {
      // Truncation dropped the series after we found it; a fresh one takes its place.
      s = head.getOrCreate(labels);
      checked = s.checkPending(this, t, v);
    }
    last = s;
    switch (checked) {
      case MemSeries.APPENDED -> {
        add(s, t, v);
        return s.ref;
      }
      case MemSeries.DUPLICATE_SAME -> {
        return s.ref;
      }
      case MemSeries.OUT_OF_ORDER -> {
        return reject(Rejection.OUT_OF_ORDER);
      }
      default -> {
        return reject(Rejection.DUPLICATE_TIMESTAMP);
      }
    }
  }

  /**
   * Checks a sample of the series of the newest buffered sample against that sample alone, without
   * the series' lock: the run's first sample holds a pending count, so truncation cannot drop the
   * series, and the newest pending sample of this batch is {@code ts[n - 1]}. A concurrent commit
   * of newer samples is caught when this batch commits.
   */
  private long appendToRun(MemSeries s, long t, double v) {
    last = s;
    long pt = ts[n - 1];
    if (t > pt) {
      add(s, t, v);
      runDirty = true;
      return s.ref;
    }
    if (t < pt) {
      return reject(Rejection.OUT_OF_ORDER);
    }
    if (Double.doubleToRawLongBits(v) == Double.doubleToRawLongBits(vs[n - 1])) {
      return s.ref;
    }
    return reject(Rejection.DUPLICATE_TIMESTAMP);
  }

  private long reject(Rejection r) {
    rejectedAtAppend[r.ordinal()]++;
    return r.code();
  }

  private void add(MemSeries s, long t, double v) {
    if (n == ts.length) {
      int cap = n * 2;
      series = Arrays.copyOf(series, cap);
      ts = Arrays.copyOf(ts, cap);
      vs = Arrays.copyOf(vs, cap);
    }
    series[n] = s;
    ts[n] = t;
    vs[n] = v;
    n++;
  }

  @Override
  public CommitResult commit() {
    if (done) {
      throw new IllegalStateException("appender already committed or rolled back");
    }
    done = true;
    long[] rejected = new long[Rejection.values().length];
    try {
      int created = n > 0 ? writeLog() : 0;
      long written = 0;
      long batchMin = Long.MAX_VALUE;
      long batchMax = Long.MIN_VALUE;
      ChunkArena arena = head.arena();
      // The read lock makes applying atomic with respect to head compaction raising the floor:
      // once compaction holds the write lock, no sample below the new floor can still arrive.
      head.applyLock().lock();
      try {
        long floor = head.floor();
        long[] acc = scratch.runCounts;
        Arrays.fill(acc, 0);
        acc[MemSeries.RUN_MIN_T] = Long.MAX_VALUE;
        acc[MemSeries.RUN_MAX_T] = Long.MIN_VALUE;
        for (int i = 0; i < n; ) {
          MemSeries s = series[i];
          int j = i + 1;
          while (j < n && series[j] == s) {
            j++;
          }
          s.appendRun(ts, vs, i, j, floor, arena, acc);
          i = j;
        }
        written = acc[MemSeries.APPENDED];
        batchMin = acc[MemSeries.RUN_MIN_T];
        batchMax = acc[MemSeries.RUN_MAX_T];
        rejected[Rejection.TOO_OLD.ordinal()] += acc[MemSeries.RUN_TOO_OLD];
        rejected[Rejection.OUT_OF_ORDER.ordinal()] += acc[MemSeries.OUT_OF_ORDER];
        rejected[Rejection.DUPLICATE_TIMESTAMP.ordinal()] += acc[MemSeries.DUPLICATE_DIFFERENT];
        if (written > 0) {
          head.updateTimes(batchMin, batchMax);
        }
      } finally {
        head.applyLock().unlock();
      }
      if (written > 0) {
        head.observer().samplesAppended(written);
      }
      for (Rejection r : Rejection.values()) {
        head.countRejected(r, rejected[r.ordinal()] + rejectedAtAppend[r.ordinal()]);
      }
      return new CommitResult(written, created, rejected);
    } finally {
      clearPending();
    }
  }

  private int writeLog() {
    int newCount = 0;
    long[] newRefs = null;
    Labels[] newLabels = null;
    if (scratch.refs.length < n) {
      scratch.refs = new long[ts.length];
    }
    long[] refs = scratch.refs;
    // Boxes once per new series, not per sample, and only in batches that have new series.
    java.util.HashSet<Long> listed = null;
    for (int i = 0; i < n; i++) {
      MemSeries s = series[i];
      refs[i] = s.ref;
      if (!s.walLogged
          && (listed == null ? listed = new java.util.HashSet<>() : listed).add(s.ref)) {
        if (newRefs == null) {
          newRefs = new long[8];
          newLabels = new Labels[8];
        } else if (newCount == newRefs.length) {
          newRefs = Arrays.copyOf(newRefs, newCount * 2);
          newLabels = Arrays.copyOf(newLabels, newCount * 2);
        }
        newRefs[newCount] = s.ref;
        newLabels[newCount] = s.labels;
        newCount++;
      }
    }
    HeadLog log = head.log();
    long position =
        log.log(
            newRefs == null ? new long[0] : newRefs,
            newLabels == null ? new Labels[0] : newLabels,
            newCount,
            refs,
            ts,
            vs,
            n);
    for (int i = 0; i < n; i++) {
      MemSeries s = series[i];
      // A volatile read is cheap; a volatile write per sample is a fence per sample.
      if (!s.walLogged) {
        s.walLogged = true;
      }
    }
    log.sync(position);
    return newCount;
  }

  @Override
  public void rollback() {
    if (!done) {
      done = true;
      clearPending();
    }
  }

  private void clearPending() {
    // One pending count per run: only a run's first sample went through checkPending.
    for (int i = 0; i < n; i++) {
      if (i == 0 || series[i] != series[i - 1]) {
        series[i].clearPending(this);
      }
    }
    Arrays.fill(series, 0, n, null);
    last = null;
    runDirty = false;
    // Keep grown arrays for the next batch; huge ones are dropped to bound pooled memory.
    if (ts.length <= AppendScratch.MAX_POOLED) {
      scratch.series = series;
      scratch.ts = ts;
      scratch.vs = vs;
      head.scratchPool().give(scratch);
    }
    n = 0;
  }
}
