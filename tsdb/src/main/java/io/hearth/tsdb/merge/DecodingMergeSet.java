package io.hearth.tsdb.merge;

import io.hearth.model.Labels;
import io.hearth.storage.SampleIterator;
import io.hearth.storage.Series;
import io.hearth.storage.SeriesSet;
import io.hearth.tsdb.util.ArraySampleIterator;
import io.hearth.tsdb.util.HelpedBatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The merged series set: walks the sources' label-sorted sets on the querying thread and decodes
 * each merged series into arrays, in batches. While the caller reads one batch, a helper thread of
 * a small process-wide pool (when one is idle) decodes the detached parts of the next, and the
 * caller finishes what the helper has not reached. Decoding into arrays replaces a per-sample merge
 * over several iterator types with one tight loop per source, and the query sees one iterator
 * class. The owning querier calls {@link #awaitHelpers()} before closing its sources. Not
 * thread-safe.
 */
final class DecodingMergeSet implements SeriesSet {
  private static final int BATCH = 64;

  /**
   * Samples a batch may hold: batches of long series get fewer series, so a query over weeks of
   * data buffers megabytes, not gigabytes (two batches are in memory: 16 bytes a sample each).
   */
  private static final long BATCH_SAMPLES = 1 << 18;

  /** The first batch is small so the helper starts early; later ones follow observed sizes. */
  private static final int FIRST_BATCH = 8;

  /** Helpers: one fewer than the cores (the querying thread decodes too), at most three. */
  private static final ThreadPoolExecutor POOL = HelpedBatch.newPool("hearth-merge-decode-");

  private final SortedMerge<Series> merge;
  private final int sources;
  private MergedSlot[] slots;
  private MergedSlot[] ahead;
  private int size;
  private int pos = -1;
  private boolean exhausted;
  private Batch pending;
  private final SampleIterator[] ownReuse;
  private final SampleIterator[] helperReuse;
  private SampleIterator copyReuse;
  private int batchSize = FIRST_BATCH;
  private final Current current = new Current();

  DecodingMergeSet(SortedMerge<Series> merge, int sources) {
    this.merge = merge;
    this.sources = sources;
    this.slots = newSlots(sources);
    this.ahead = newSlots(sources);
    this.ownReuse = new SampleIterator[sources];
    this.helperReuse = new SampleIterator[sources];
  }

  private static MergedSlot[] newSlots(int sources) {
    MergedSlot[] out = new MergedSlot[BATCH];
    for (int i = 0; i < BATCH; i++) {
      out[i] = new MergedSlot(sources);
    }
    return out;
  }

  @Override
  public boolean next() {
    while (true) {
      pos++;
      if (pos >= size) {
        if (!nextBatch()) {
          pos = size;
          return false;
        }
        pos = 0;
      }
      if (slots[pos].len > 0) {
        return true;
      }
    }
  }

  /** Makes the next batch current, then starts a helper on the one after; false at the end. */
  private boolean nextBatch() {
    Batch b = pending != null ? pending : fill();
    pending = null;
    if (b == null) {
      return false;
    }
    b.finish();
    long samples = 0;
    for (int i = 0; i < b.size; i++) {
      samples += b.into[i].len;
    }
    long perSeries = Math.max(1, samples / b.size);
    batchSize = (int) Math.clamp(BATCH_SAMPLES / perSeries, 1, BATCH);
    MergedSlot[] done = ahead;
    ahead = slots;
    slots = done;
    size = b.size;
    pending = fill();
    return true;
  }

  /**
   * Collects the next batch into {@link #ahead} on the querying thread (copying the parts that
   * expire as their sets advance) and offers its decoding to a helper; null at the end.
   */
  private Batch fill() {
    if (exhausted) {
      return null;
    }
    int n = 0;
    long copied = 0;
    while (n < batchSize && copied < BATCH_SAMPLES) {
      if (!merge.next()) {
        exhausted = true;
        break;
      }
      MergedSlot slot = ahead[n++];
      slot.clear(merge.labelsOfGroup());
      for (int g = 0; g < merge.size(); g++) {
        Series s = merge.member(g);
        if (s instanceof DetachedSeries) {
          slot.addDetached(s);
        } else {
          copyReuse = slot.addCopied(s, copyReuse);
        }
      }
      copied += slot.copiedLen;
    }
    if (n == 0) {
      return null;
    }
    Batch b = new Batch(ahead, n);
    b.offer(POOL);
    return b;
  }

  /** Waits for a helper still decoding ahead, since it reads the sources' memory. Idempotent. */
  void awaitHelpers() {
    if (pending != null) {
      pending.abandon();
    }
  }

  private final class Batch extends HelpedBatch {
    final int size;
    private final MergedSlot[] into;
    private final AtomicInteger next = new AtomicInteger();

    Batch(MergedSlot[] into, int size) {
      this.into = into;
      this.size = size;
    }

    @Override
    protected void work(boolean onHelper) {
      SampleIterator[] reuse = onHelper ? helperReuse : ownReuse;
      int i;
      while ((i = next.getAndIncrement()) < size) {
        into[i].decode(reuse);
      }
    }
  }

  @Override
  public Series at() {
    if (pos < 0 || pos >= size) {
      throw new IllegalStateException("no current series");
    }
    return current;
  }

  private final class Current implements Series {
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
