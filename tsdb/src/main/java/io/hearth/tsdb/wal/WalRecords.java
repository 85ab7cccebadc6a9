package io.hearth.tsdb.wal;

import io.hearth.model.Labels;
import io.hearth.storage.CorruptionException;

/**
 * Encodes and decodes the payloads of WAL records in Prometheus's layout ({@code
 * tsdb/record/record.go}; see {@code docs/format/wal.md}). The first byte of a record is its type;
 * integers of fixed width are big-endian.
 *
 * <ul>
 *   <li>Series (1): repeated {@code ref BE64}, {@code uvarint n}, n × (uvarint-length name,
 *       uvarint-length value).
 *   <li>Samples (2): {@code firstRef BE64}, {@code firstT BE64}, then for every sample (the first
 *       included) {@code varint(ref − firstRef)}, {@code varint(t − firstT)}, {@code value BE64}
 *       raw float bits. An empty record is just the type byte.
 *   <li>Tombstones (3): repeated {@code ref BE64}, {@code varint minT}, {@code varint maxT}.
 * </ul>
 *
 * <p>Encoders take parallel primitive arrays and overwrite a caller-owned {@link WalBuffer};
 * decoders call a visitor once per element and never allocate per sample. Decoding failures throw
 * {@link CorruptionException} naming the offset inside the record. Stateless and thread-safe.
 */
public final class WalRecords {
  /** Record type of series definitions. */
  public static final int SERIES = 1;

  /** Record type of float samples. */
  public static final int SAMPLES = 2;

  /** Record type of deletion intervals. */
  public static final int TOMBSTONES = 3;

  /** Record type Prometheus uses for exemplars; read as unknown here. */
  public static final int EXEMPLARS = 4;

  /** Type returned by {@link #type} for an empty record, as Prometheus's {@code Unknown}. */
  public static final int UNKNOWN = 255;

  private WalRecords() {}

  /** Receives decoded series definitions. */
  @FunctionalInterface
  public interface SeriesVisitor {
    /** One series: its ref and its labels (owned by the visitor from now on). */
    void series(long ref, Labels labels);
  }

  /** Receives decoded samples. */
  @FunctionalInterface
  public interface SampleVisitor {
    /** One sample: series ref, timestamp in milliseconds, value with its raw NaN bits intact. */
    void sample(long ref, long t, double v);
  }

  /** Receives decoded deletion intervals. */
  @FunctionalInterface
  public interface TombstoneVisitor {
    /** One deleted interval of a series, inclusive bounds in milliseconds. */
    void tombstone(long ref, long minT, long maxT);
  }

  /**
   * The type byte of a record, or {@link #UNKNOWN} when the record is empty.
   *
   * @return one of the constants of this class or another (future) type code in 0..254
   */
  public static int type(byte[] buf, int off, int len) {
    return len <= 0 ? UNKNOWN : buf[off] & 0xFF;
  }

  /**
   * Encodes a series record of {@code count} series into {@code out}, replacing its content.
   *
   * @param refs series refs, the first {@code count} are used
   * @param labels the label sets, parallel to {@code refs}
   */
  public static void encodeSeries(long[] refs, Labels[] labels, int count, WalBuffer out) {
    out.reset();
    out.putByte(SERIES);
    for (int i = 0; i < count; i++) {
      out.putBe64(refs[i]);
      Labels ls = labels[i];
      int n = ls.size();
      out.putUvarint(n);
      for (int j = 0; j < n; j++) {
        out.putString(ls.name(j));
        out.putString(ls.value(j));
      }
    }
  }

  /**
   * Encodes a samples record into {@code out}, replacing its content. Deltas are computed with
   * wrapping 64-bit arithmetic, so any refs and timestamps round-trip exactly.
   *
   * @param refs series refs of the samples
   * @param ts timestamps in milliseconds, parallel to {@code refs}
   * @param vs values, parallel to {@code refs}; raw bits are preserved (stale markers)
   */
  public static void encodeSamples(long[] refs, long[] ts, double[] vs, int count, WalBuffer out) {
    out.reset();
    out.putByte(SAMPLES);
    if (count == 0) {
      return;
    }
    long firstRef = refs[0];
    long firstT = ts[0];
    out.putBe64(firstRef);
    out.putBe64(firstT);
    for (int i = 0; i < count; i++) {
      out.putVarint(refs[i] - firstRef);
      out.putVarint(ts[i] - firstT);
      out.putBe64(Double.doubleToRawLongBits(vs[i]));
    }
  }

  /**
   * Encodes a tombstones record into {@code out}, replacing its content.
   *
   * @param refs series refs, one per interval
   * @param minTs inclusive interval starts in milliseconds
   * @param maxTs inclusive interval ends in milliseconds
   */
  public static void encodeTombstones(
      long[] refs, long[] minTs, long[] maxTs, int count, WalBuffer out) {
    out.reset();
    out.putByte(TOMBSTONES);
    for (int i = 0; i < count; i++) {
      out.putBe64(refs[i]);
      out.putVarint(minTs[i]);
      out.putVarint(maxTs[i]);
    }
  }

  /**
   * Decodes a record of any type this class knows, dispatching to the matching visitor; records of
   * other types (exemplars, metadata, histograms written by Prometheus) are skipped.
   *
   * @return the record's type, see {@link #type}
   * @throws CorruptionException if a known record is malformed
   */
  public static int decode(
      byte[] buf,
      int off,
      int len,
      SeriesVisitor series,
      SampleVisitor samples,
      TombstoneVisitor tombstones) {
    int type = type(buf, off, len);
    switch (type) {
      case SERIES -> decodeSeries(buf, off, len, series);
      case SAMPLES -> decodeSamples(buf, off, len, samples);
      case TOMBSTONES -> decodeTombstones(buf, off, len, tombstones);
      default -> {}
    }
    return type;
  }

  /**
   * Decodes a series record.
   *
   * @return the number of series visited
   * @throws CorruptionException if the record is not a well-formed series record
   */
  public static int decodeSeries(byte[] buf, int off, int len, SeriesVisitor visitor) {
    RecordDecoder d = start(buf, off, len, SERIES);
    int count = 0;
    while (d.hasRemaining()) {
      long ref = d.getBe64();
      int at = d.offset();
      long n = d.getUvarint();
      // Every label needs at least two length bytes: bound the allocation by the record size.
      if (n > len / 2) {
        throw new CorruptionException(
            "WAL record: label count " + n + " exceeds the record at offset " + at);
      }
      String[] pairs = new String[(int) n * 2];
      for (int i = 0; i < pairs.length; i++) {
        pairs[i] = d.getString();
      }
      visitor.series(ref, toLabels(pairs));
      count++;
    }
    return count;
  }

  /**
   * Decodes a samples record.
   *
   * @return the number of samples visited
   * @throws CorruptionException if the record is not a well-formed samples record
   */
  public static int decodeSamples(byte[] buf, int off, int len, SampleVisitor visitor) {
    RecordDecoder d = start(buf, off, len, SAMPLES);
    if (!d.hasRemaining()) {
      return 0;
    }
    long firstRef = d.getBe64();
    long firstT = d.getBe64();
    int count = 0;
    while (d.hasRemaining()) {
      long ref = firstRef + d.getVarint();
      long t = firstT + d.getVarint();
      double v = Double.longBitsToDouble(d.getBe64());
      visitor.sample(ref, t, v);
      count++;
    }
    return count;
  }

  /**
   * Decodes a tombstones record.
   *
   * @return the number of intervals visited
   * @throws CorruptionException if the record is not a well-formed tombstones record
   */
  public static int decodeTombstones(byte[] buf, int off, int len, TombstoneVisitor visitor) {
    RecordDecoder d = start(buf, off, len, TOMBSTONES);
    int count = 0;
    while (d.hasRemaining()) {
      long ref = d.getBe64();
      long minT = d.getVarint();
      long maxT = d.getVarint();
      visitor.tombstone(ref, minT, maxT);
      count++;
    }
    return count;
  }

  private static RecordDecoder start(byte[] buf, int off, int len, int expectedType) {
    RecordDecoder d = new RecordDecoder(buf, off, len);
    int type = d.getByte();
    if (type != expectedType) {
      throw new CorruptionException(
          "WAL record: type " + type + " where " + expectedType + " was expected at offset 0");
    }
    return d;
  }

  /** Labels written by Prometheus are sorted; fall back to sorting for anything else. */
  private static Labels toLabels(String[] pairs) {
    boolean sortedNonEmpty = true;
    for (int i = 1; i < pairs.length; i += 2) {
      if (pairs[i].isEmpty()) {
        sortedNonEmpty = false;
        break;
      }
    }
    if (sortedNonEmpty) {
      try {
        return Labels.ofSortedPairs(pairs);
      } catch (IllegalArgumentException notSorted) {
        // Fall through to the sorting path; rare, only for WALs written by other tools.
      }
    }
    try {
      return Labels.of(pairs);
    } catch (IllegalArgumentException e) {
      throw new CorruptionException("WAL record: invalid labels: " + e.getMessage());
    }
  }
}
