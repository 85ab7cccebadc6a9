package io.hearth.tsdb.wal;

import io.hearth.model.Labels;
import io.hearth.storage.CorruptionException;
import io.hearth.tsdb.FsyncPolicy;
import io.hearth.tsdb.TsdbObserver;
import io.hearth.tsdb.io.FileSeam;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.LongPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes WAL checkpoints as Prometheus does ({@code tsdb/wlog/checkpoint.go}): the records of the
 * previous checkpoint and of segments up to {@code throughSegment}, filtered to what the head still
 * needs, written as a segmented log in {@code checkpoint.NNNNNNNN/} (NNNNNNNN = {@code
 * throughSegment}). Replay reads the newest checkpoint and then only the segments after it.
 *
 * <p>Crash safety: the checkpoint is written to {@code checkpoint.NNNNNNNN.tmp}, fsynced, renamed
 * atomically and the WAL directory fsynced; only then are older checkpoints and covered segments
 * deleted. Stateless; do not run two checkpoints of one WAL at the same time.
 */
public final class Checkpoint {
  private static final Logger LOG = LoggerFactory.getLogger(Checkpoint.class);

  private static final String TMP_SUFFIX = ".tmp";

  private Checkpoint() {}

  /**
   * What a checkpoint kept.
   *
   * @param dir the checkpoint directory
   * @param series series definitions kept
   * @param samples samples kept
   * @param tombstones deletion intervals kept
   * @param droppedRecords records of other types (exemplars, metadata, unknown) that were dropped
   */
  public record Stats(Path dir, long series, long samples, long tombstones, long droppedRecords) {}

  /**
   * Creates {@code checkpoint.NNNNNNNN} covering every segment up to {@code throughSegment}, then
   * deletes older checkpoints and the segments it covers.
   *
   * @param walDir the WAL directory
   * @param throughSegment the last segment to cover; it must be complete, i.e. below the writer's
   *     current segment (call {@link SegmentedLog#cutSegment()} first)
   * @param keepSeriesRef whether the head still holds a series; only kept series, their samples and
   *     their tombstones are written
   * @param minT samples with {@code t < minT} and tombstones with {@code maxT < minT} are dropped
   * @throws CorruptionException if a source segment or the previous checkpoint is damaged
   * @throws IllegalArgumentException if the covered segments are not all present
   */
  public static Stats create(
      FileSeam seam, Path walDir, int throughSegment, LongPredicate keepSeriesRef, long minT)
      throws IOException {
    int previous = WalFormat.newestCheckpoint(seam, walDir);
    if (previous >= throughSegment) {
      throw new IllegalArgumentException(
          "checkpoint " + previous + " already covers segment " + throughSegment);
    }
    Path finalDir = walDir.resolve(WalFormat.checkpointName(throughSegment));
    Path tmp = walDir.resolve(WalFormat.checkpointName(throughSegment) + TMP_SUFFIX);
    seam.deleteRecursively(tmp);
    Filter filter = new Filter(new MemoizedKeep(keepSeriesRef), minT);
    try (SegmentedLog out =
        SegmentedLog.open(
            seam,
            tmp,
            128 * 1024 * 1024,
            // ALWAYS without per-record syncs: nothing is fsynced until close(), which then fsyncs
            // every segment of the checkpoint (NEVER would close cut segments unsynced).
            FsyncPolicy.ALWAYS,
            Duration.ZERO,
            TsdbObserver.NONE)) {
      filter.out = out;
      if (previous >= 0) {
        Path cpDir = walDir.resolve(WalFormat.checkpointName(previous));
        for (int s : WalFormat.listSegments(seam, cpDir)) {
          copy(seam, cpDir.resolve(WalFormat.segmentName(s)), filter);
        }
      }
      // Like Prometheus, start at the oldest segment after the previous checkpoint; from there the
      // covered segments must be contiguous up to throughSegment.
      int expected = -1;
      for (int s : WalFormat.listSegments(seam, walDir)) {
        if (s <= previous || s > throughSegment) {
          continue;
        }
        if (expected >= 0 && s != expected) {
          throw new IllegalArgumentException(
              "WAL segment " + WalFormat.segmentName(expected) + " is missing in " + walDir);
        }
        copy(seam, walDir.resolve(WalFormat.segmentName(s)), filter);
        expected = s + 1;
      }
      if (expected != throughSegment + 1) {
        throw new IllegalArgumentException(
            "WAL segment " + WalFormat.segmentName(throughSegment) + " is missing in " + walDir);
      }
    }
    seam.deleteRecursively(finalDir);
    seam.rename(tmp, finalDir);
    seam.fsyncDir(walDir);
    deleteCovered(seam, walDir, throughSegment);
    LOG.info(
        "WAL checkpoint {} written: {} series, {} samples, {} tombstones kept",
        finalDir.getFileName(),
        filter.seriesKept,
        filter.samplesKept,
        filter.tombstonesKept);
    return new Stats(
        finalDir, filter.seriesKept, filter.samplesKept, filter.tombstonesKept, filter.dropped);
  }

  private static void deleteCovered(FileSeam seam, Path walDir, int throughSegment)
      throws IOException {
    for (String name : seam.list(walDir)) {
      int cp = WalFormat.parseCheckpointName(name);
      boolean oldTmp =
          name.startsWith(WalFormat.CHECKPOINT_PREFIX)
              && name.endsWith(TMP_SUFFIX)
              && !name.equals(WalFormat.checkpointName(throughSegment) + TMP_SUFFIX);
      if ((cp >= 0 && cp < throughSegment) || oldTmp) {
        seam.deleteRecursively(walDir.resolve(name));
      }
    }
    for (int s : WalFormat.listSegments(seam, walDir)) {
      if (s > throughSegment) {
        break;
      }
      seam.delete(walDir.resolve(WalFormat.segmentName(s)));
    }
  }

  private static void copy(FileSeam seam, Path file, Filter filter) throws IOException {
    SegmentReader r = new SegmentReader(seam, file);
    int status;
    while ((status = r.next()) == SegmentReader.RECORD) {
      filter.record(r.record(), r.recordLength());
    }
    if (status == SegmentReader.CORRUPT) {
      throw new CorruptionException(
          "WAL segment " + file + ": " + r.problem() + " at offset " + r.badOffset());
    }
  }

  /**
   * Remembers the answer of the head's {@code keep} per series ref: a checkpoint asks once per
   * sample, and the head answers under a stripe lock that ingesting threads contend for (on the
   * 20,000-series peer benchmark the lock hand-offs alone were 6% of all ingest CPU). A ref never
   * comes back once dropped, and keeping a few samples of a series dropped meanwhile is harmless,
   * so a remembered answer stays good for the whole checkpoint. Direct-mapped: a clash only costs
   * asking again.
   */
  private static final class MemoizedKeep implements LongPredicate {
    private static final int SLOTS = 1 << 16;

    private final LongPredicate keep;

    /** {@code ref << 1 | answer} per slot; -1 when empty. */
    private final long[] memo = new long[SLOTS];

    MemoizedKeep(LongPredicate keep) {
      this.keep = keep;
      Arrays.fill(memo, -1L);
    }

    @Override
    public boolean test(long ref) {
      int slot = (int) ref & (SLOTS - 1);
      long m = memo[slot];
      if (m >= 0 && (m >>> 1) == ref) {
        return (m & 1) != 0;
      }
      boolean answer = keep.test(ref);
      if (ref >= 0 && ref < Long.MAX_VALUE >>> 1) {
        memo[slot] = ref << 1 | (answer ? 1 : 0);
      }
      return answer;
    }
  }

  /**
   * Decodes records and keeps what is still needed: a record kept whole is copied as it was (no
   * re-encoding), otherwise the kept part is re-encoded; scratch arrays are reused.
   */
  private static final class Filter
      implements WalRecords.SeriesVisitor, WalRecords.SampleVisitor, WalRecords.TombstoneVisitor {
    private final LongPredicate keep;
    private final long minT;
    private final WalBuffer buf = new WalBuffer(64 * 1024);
    private SegmentedLog out;
    private long[] refs = new long[256];
    private long[] a = new long[256];
    private long[] b = new long[256];
    private double[] vs = new double[256];
    private Labels[] labels = new Labels[256];
    private int n;

    /** Entries the current record held, kept or not. */
    private int seen;

    private long seriesKept;
    private long samplesKept;
    private long tombstonesKept;
    private long dropped;

    Filter(LongPredicate keep, long minT) {
      this.keep = keep;
      this.minT = minT;
    }

    void record(byte[] rec, int len) throws IOException {
      n = 0;
      seen = 0;
      switch (WalRecords.type(rec, 0, len)) {
        case WalRecords.SERIES -> {
          WalRecords.decodeSeries(rec, 0, len, this);
          if (n > 0 && n == seen) {
            Arrays.fill(labels, 0, n, null);
            seriesKept += n;
            out.log(rec, 0, len);
          } else if (n > 0) {
            WalRecords.encodeSeries(refs, labels, n, buf);
            Arrays.fill(labels, 0, n, null);
            seriesKept += n;
            out.log(buf.array(), 0, buf.length());
          }
        }
        case WalRecords.SAMPLES -> {
          WalRecords.decodeSamples(rec, 0, len, this);
          if (n > 0 && n == seen) {
            // Everything kept (the common case for recent records): the record as it was.
            samplesKept += n;
            out.log(rec, 0, len);
          } else if (n > 0) {
            WalRecords.encodeSamples(refs, a, vs, n, buf);
            samplesKept += n;
            out.log(buf.array(), 0, buf.length());
          }
        }
        case WalRecords.TOMBSTONES -> {
          WalRecords.decodeTombstones(rec, 0, len, this);
          if (n > 0 && n == seen) {
            tombstonesKept += n;
            out.log(rec, 0, len);
          } else if (n > 0) {
            WalRecords.encodeTombstones(refs, a, b, n, buf);
            tombstonesKept += n;
            out.log(buf.array(), 0, buf.length());
          }
        }
        default -> dropped++;
      }
    }

    @Override
    public void series(long ref, Labels ls) {
      seen++;
      if (keep.test(ref)) {
        grow();
        refs[n] = ref;
        labels[n] = ls;
        n++;
      }
    }

    @Override
    public void sample(long ref, long t, double v) {
      seen++;
      if (t >= minT && keep.test(ref)) {
        grow();
        refs[n] = ref;
        a[n] = t;
        vs[n] = v;
        n++;
      }
    }

    @Override
    public void tombstone(long ref, long tMin, long tMax) {
      seen++;
      if (tMax >= minT && keep.test(ref)) {
        grow();
        refs[n] = ref;
        a[n] = tMin;
        b[n] = tMax;
        n++;
      }
    }

    private void grow() {
      if (n == refs.length) {
        int cap = n * 2;
        refs = Arrays.copyOf(refs, cap);
        a = Arrays.copyOf(a, cap);
        b = Arrays.copyOf(b, cap);
        vs = Arrays.copyOf(vs, cap);
        labels = Arrays.copyOf(labels, cap);
      }
    }
  }
}
