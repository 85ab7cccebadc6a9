package io.hearth.tsdb.block;

import io.hearth.encoding.Crc32c;
import io.hearth.encoding.EncodingFormatException;
import io.hearth.encoding.Varints;
import io.hearth.storage.CorruptionException;
import io.hearth.tsdb.io.FileSeam;
import io.hearth.tsdb.util.DeletedIntervals;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The deleted time intervals of a block's series, and their file (format version 1): magic {@code
 * 01 30 BA 30}, version byte, entries (uvarint series ID, varint minT, varint maxT; a closed
 * interval in ms), then a CRC32C over the entries only. Immutable and thread-safe; intervals of one
 * series are kept sorted and merged (overlapping or adjacent ones join, as in Prometheus).
 */
final class Tombstones {
  /** No deletions. */
  static final Tombstones EMPTY = new Tombstones(Map.of());

  private static final int HEADER_SIZE = 5;

  /** Series ID to merged intervals as {@code [min0, max0, min1, max1, …]}. */
  private final Map<Integer, long[]> bySeries;

  private Tombstones(Map<Integer, long[]> bySeries) {
    this.bySeries = bySeries;
  }

  /** The merged deleted intervals of a series as {@code [min, max]} pairs, or null if none. */
  long[] intervals(int seriesId) {
    return bySeries.isEmpty() ? null : bySeries.get(seriesId);
  }

  /** The number of merged intervals over all series. */
  long count() {
    long n = 0;
    for (long[] iv : bySeries.values()) {
      n += iv.length / 2;
    }
    return n;
  }

  boolean isEmpty() {
    return bySeries.isEmpty();
  }

  /** These tombstones plus the interval {@code [minT, maxT]} for each of {@code ids}. */
  Tombstones with(int[] ids, int n, long minT, long maxT) {
    Map<Integer, long[]> m = new HashMap<>(bySeries);
    for (int i = 0; i < n; i++) {
      long[] old = m.get(ids[i]);
      long[] added = old == null ? new long[2] : Arrays.copyOf(old, old.length + 2);
      added[added.length - 2] = minT;
      added[added.length - 1] = maxT;
      m.put(ids[i], DeletedIntervals.merge(added));
    }
    return new Tombstones(m);
  }

  /** Serialises to the file format (entries in series ID order). */
  byte[] encode() {
    GrowableBytes b = new GrowableBytes();
    b.putInt(BlockFormat.TOMBSTONES_MAGIC);
    b.putUvarint(BlockFormat.TOMBSTONES_VERSION);
    TreeMap<Integer, long[]> sorted = new TreeMap<>(Integer::compareUnsigned);
    sorted.putAll(bySeries);
    for (Map.Entry<Integer, long[]> e : sorted.entrySet()) {
      long[] iv = e.getValue();
      for (int i = 0; i < iv.length; i += 2) {
        b.putUvarint(Integer.toUnsignedLong(e.getKey()));
        b.putVarint(iv[i]);
        b.putVarint(iv[i + 1]);
      }
    }
    int crc = Crc32c.checksum(b.array(), HEADER_SIZE, b.length() - HEADER_SIZE);
    b.putInt(crc);
    return Arrays.copyOf(b.array(), b.length());
  }

  /** Writes the file and fsyncs it; the caller makes the name durable. */
  void write(FileSeam seam, Path path) throws IOException {
    byte[] data = encode();
    try (FileSeam.AppendFile f = seam.openAppend(path)) {
      f.write(data, 0, data.length);
      f.fsync();
    }
  }

  /**
   * Parses and validates a tombstones file.
   *
   * @throws CorruptionException naming the file and offset on a bad magic, version, CRC or entry
   */
  static Tombstones parse(byte[] data, String file) {
    if (data.length < HEADER_SIZE + 4) {
      throw new CorruptionException(file + ": tombstones file too short (" + data.length + " B)");
    }
    MemorySegment s = MemorySegment.ofArray(data);
    if (s.get(BlockFormat.INT_BE, 0) != BlockFormat.TOMBSTONES_MAGIC) {
      throw new CorruptionException(file + " at offset 0: bad tombstones magic");
    }
    if (data[4] != BlockFormat.TOMBSTONES_VERSION) {
      throw new CorruptionException(
          file + " at offset 4: unsupported tombstones version " + data[4]);
    }
    int end = data.length - 4;
    int crc = Crc32c.checksum(data, HEADER_SIZE, end - HEADER_SIZE);
    if (crc != s.get(BlockFormat.INT_BE, end)) {
      throw new CorruptionException(file + " at offset " + end + ": tombstones CRC mismatch");
    }
    Map<Integer, long[]> m = new HashMap<>();
    int pos = HEADER_SIZE;
    while (pos < end) {
      int entry = pos;
      try {
        long id = Varints.getUvarint(data, pos, end);
        pos += Varints.uvarintLength(data, pos, end);
        long min = Varints.getVarint(data, pos, end);
        pos += Varints.uvarintLength(data, pos, end);
        long max = Varints.getVarint(data, pos, end);
        pos += Varints.uvarintLength(data, pos, end);
        if (id < 0 || id > 0xFFFFFFFFL || max < min) {
          throw new CorruptionException(file + " at offset " + entry + ": invalid tombstone");
        }
        long[] old = m.get((int) id);
        long[] added = old == null ? new long[2] : Arrays.copyOf(old, old.length + 2);
        added[added.length - 2] = min;
        added[added.length - 1] = max;
        m.put((int) id, added);
      } catch (EncodingFormatException e) {
        throw new CorruptionException(file + " at offset " + entry + ": truncated tombstone entry");
      }
    }
    m.replaceAll((k, v) -> DeletedIntervals.merge(v));
    return m.isEmpty() ? EMPTY : new Tombstones(m);
  }
}
