package io.hearth.tsdb.head;

import io.hearth.model.Labels;
import io.hearth.storage.SampleIterator;
import io.hearth.storage.Series;
import io.hearth.storage.SeriesSet;
import io.hearth.tsdb.util.ArraySampleIterator;
import io.hearth.tsdb.util.HelpedBatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A head series set that decodes its series in batches: a helper thread of a small process-wide
 * pool (when one is idle) decodes the next batch while the caller reads the current one, and the
 * caller finishes whatever the helper has not reached. Series come out in the same order and with
 * the same samples as the sequential set; a busy pool only costs speed. Decoded arrays are reused
 * from batch to batch, which the {@link SeriesSet} contract allows (a series is valid until the
 * next {@link #next()}). The owning querier calls {@link #awaitHelpers()} before it closes. Not
 * thread-safe.
 */
final class ParallelSeriesSet implements SeriesSet {
  /** Below this many matched series the sequential set is used: hand-off would cost more. */
  static final int MIN_SERIES = 64;

  private static final int BATCH = 64;

  /**
   * Helper threads: one fewer than the cores, since the querying thread decodes too. A synchronous
   * hand-off with no queue: when every helper is busy a batch is decoded by its caller alone rather
   * than waiting.
   */
  private static final ThreadPoolExecutor POOL = HelpedBatch.newPool("hearth-head-decode-");

  private final Head head;
  private final MemSeries[] found;
  private final long minT;
  private final long maxT;

  /** The batch being read and the one a helper may be decoding ahead. */
  private DecodedSeries[] slots = newSlots();

  private DecodedSeries[] ahead = newSlots();
  private Batch pending;
  private final SnapshotSampleIterator own = new SnapshotSampleIterator();
  private final SnapshotSampleIterator helperIterator = new SnapshotSampleIterator();
  private int batchStart;
  private int batchEnd;
  private int pos = -1;
  private final Series current = new CurrentSeries();

  ParallelSeriesSet(Head head, MemSeries[] found, long minT, long maxT) {
    this.head = head;
    this.found = found;
    this.minT = minT;
    this.maxT = maxT;
  }

  private static DecodedSeries[] newSlots() {
    DecodedSeries[] out = new DecodedSeries[BATCH];
    for (int i = 0; i < BATCH; i++) {
      out[i] = new DecodedSeries();
    }
    return out;
  }

  @Override
  public boolean next() {
    while (true) {
      pos++;
      if (batchStart + pos >= batchEnd) {
        if (batchEnd >= found.length) {
          pos = batchEnd - batchStart;
          return false;
        }
        nextBatch();
      }
      if (slots[pos].len > 0) {
        return true;
      }
    }
  }

  /**
   * Makes the batch after the current one current: finishes decoding it (a helper may have started
   * it while the caller read the current batch), then lets a helper start on the one after, so
   * decoding overlaps the caller's work on the series.
   */
  private void nextBatch() {
    Batch b = pending != null ? pending : start(batchEnd);
    pending = null;
    b.finish();
    DecodedSeries[] done = ahead;
    ahead = slots;
    slots = done;
    batchStart = b.start;
    batchEnd = b.end;
    pos = 0;
    if (batchEnd < found.length) {
      pending = start(batchEnd);
    }
  }

  /** Starts decoding the batch at {@code from} into {@link #ahead}, on a helper if one is free. */
  private Batch start(int from) {
    Batch b = new Batch(from, Math.min(found.length, from + BATCH), ahead);
    b.offer(POOL);
    return b;
  }

  /**
   * Waits for a helper still decoding ahead: the querier calls this before closing, since the
   * helper reads chunk memory that closing may release. Idempotent.
   */
  void awaitHelpers() {
    if (pending != null) {
      pending.abandon();
    }
  }

  private final class Batch extends HelpedBatch {
    final int start;
    final int end;
    private final DecodedSeries[] into;
    private final AtomicInteger next;

    Batch(int start, int end, DecodedSeries[] into) {
      this.start = start;
      this.end = end;
      this.into = into;
      this.next = new AtomicInteger(start);
    }

    @Override
    protected void work(boolean onHelper) {
      SnapshotSampleIterator it = onHelper ? helperIterator : own;
      int i;
      while ((i = next.getAndIncrement()) < end) {
        into[i - start].load(found[i], minT, maxT, head, it);
      }
    }
  }

  @Override
  public Series at() {
    return current;
  }

  private final class CurrentSeries implements Series {
    @Override
    public Labels labels() {
      return slots[pos].labels;
    }

    @Override
    public SampleIterator iterator(SampleIterator reuse) {
      ArraySampleIterator it =
          reuse instanceof ArraySampleIterator a ? a : new ArraySampleIterator();
      it.reset(slots[pos].t, slots[pos].v, slots[pos].len);
      return it;
    }
  }
}
