package io.hearth.tsdb.block;

import io.hearth.encoding.Crc32c;
import io.hearth.encoding.EncodingFormatException;
import io.hearth.encoding.Varints;
import io.hearth.model.LabelMatcher;
import io.hearth.model.Labels;
import io.hearth.model.MatchType;
import io.hearth.model.Utf8Order;
import io.hearth.storage.CorruptionException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.roaringbitmap.RoaringBitmap;

/**
 * Reads a memory-mapped Prometheus index file (versions 2 and 3, see {@code docs/format/block.md}).
 * Opening validates the whole file: the TOC and its CRC, the symbol table, every series entry and
 * every postings list with their CRCs, and the postings offset table. The symbol table and the
 * postings offset table are decoded onto the heap; series and postings are read in place.
 *
 * <p>Thread-safe. Valid only while its block is acquired: the mapping disappears when the block's
 * last reference is released.
 */
public final class IndexReader {
  private final MemorySegment seg;
  private final String file;
  private final String[] symbols;
  private final TreeMap<String, ValueTable> postingsTable = new TreeMap<>(Utf8Order::compare);
  private final long allPostingsOffset;
  private final int seriesCount;

  /** The string decoded last by {@link #string}; only used while opening. */
  private String lastString;

  /** The values of one label name in byte order and the offsets of their postings lists. */
  private record ValueTable(String[] values, long[] offsets) {}

  /**
   * Validates and indexes the file.
   *
   * @throws CorruptionException naming {@code file} and the offset of the first damage found
   */
  IndexReader(MemorySegment seg, String file) {
    this.seg = seg;
    this.file = file;
    long size = seg.byteSize();
    if (size < BlockFormat.INDEX_HEADER_SIZE + BlockFormat.TOC_SIZE) {
      throw corrupt(0, "index file too short (" + size + " bytes)");
    }
    if (seg.get(BlockFormat.INT_BE, 0) != BlockFormat.INDEX_MAGIC) {
      throw corrupt(0, "bad index magic");
    }
    int version = seg.get(ValueLayout.JAVA_BYTE, 4);
    if (version != 2 && version != 3) {
      throw corrupt(4, "unsupported index version " + version);
    }
    long tocAt = size - BlockFormat.TOC_SIZE;
    if (Crc32c.checksum(seg, tocAt, 48) != seg.get(BlockFormat.INT_BE, tocAt + 48)) {
      throw corrupt(tocAt, "TOC CRC mismatch");
    }
    long[] toc = new long[6];
    for (int i = 0; i < 6; i++) {
      toc[i] = seg.get(BlockFormat.LONG_BE, tocAt + 8L * i);
      if (toc[i] < 0 || toc[i] > tocAt) {
        throw corrupt(tocAt + 8L * i, "TOC offset " + toc[i] + " outside the file");
      }
    }
    this.symbols = readSymbols(toc[0], tocAt);
    long seriesEnd = tocAt;
    for (int i = 2; i < 6; i++) {
      if (toc[i] > toc[1] && toc[i] < seriesEnd) {
        seriesEnd = toc[i];
      }
    }
    this.seriesCount = validateSeries(toc[1], seriesEnd);
    this.allPostingsOffset = readPostingsTable(toc[5], tocAt);
  }

  private String[] readSymbols(long at, long end) {
    if (at == 0) {
      return new String[0];
    }
    long contentEnd = section(at, end, "symbol table");
    long count = Integer.toUnsignedLong(seg.get(BlockFormat.INT_BE, at + 4));
    if (count > contentEnd - at) {
      throw corrupt(at + 4, "symbol count " + count + " exceeds the table");
    }
    String[] out = new String[(int) count];
    long pos = at + 8;
    for (int i = 0; i < count; i++) {
      pos = string(pos, contentEnd);
      // Interned, like the label strings Remote Write decodes: the label sets of one series in
      // blocks and head then hold the same String objects, so merging them compares references.
      out[i] = lastString.intern();
      if (i > 0 && Utf8Order.compare(out[i - 1], out[i]) >= 0) {
        throw corrupt(pos, "symbols out of order");
      }
    }
    return out;
  }

  /** Decodes a uvarint-length-prefixed string into {@link #lastString}; returns the end. */
  private long string(long pos, long limit) {
    try {
      long n = Varints.getUvarint(seg, pos, limit);
      long start = pos + Varints.uvarintLength(seg, pos, limit);
      if (n < 0 || n > limit - start) {
        throw corrupt(pos, "string runs past its section");
      }
      byte[] b = new byte[(int) n];
      MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, start, b, 0, b.length);
      lastString = new String(b, StandardCharsets.UTF_8);
      return start + n;
    } catch (EncodingFormatException e) {
      throw corrupt(pos, "bad varint");
    }
  }

  /** Checks a {@code len:BE32 · content · CRC32} section and returns the end of its content. */
  private long section(long at, long end, String what) {
    if (at + 8 > end) {
      throw corrupt(at, what + " header runs past the end");
    }
    long len = Integer.toUnsignedLong(seg.get(BlockFormat.INT_BE, at));
    if (len > end - at - 8) {
      throw corrupt(at, what + " of " + len + " bytes runs past the end");
    }
    if (Crc32c.checksum(seg, at + 4, len) != seg.get(BlockFormat.INT_BE, at + 4 + len)) {
      throw corrupt(at, what + " CRC mismatch");
    }
    return at + 4 + len;
  }

  private int validateSeries(long at, long end) {
    int n = 0;
    long pos = at;
    while (true) {
      pos = (pos + BlockFormat.SERIES_ALIGNMENT - 1) & -BlockFormat.SERIES_ALIGNMENT;
      if (pos >= end) {
        return n;
      }
      long len;
      long start;
      try {
        len = Varints.getUvarint(seg, pos, end);
        start = pos + Varints.uvarintLength(seg, pos, end);
      } catch (EncodingFormatException e) {
        throw corrupt(pos, "bad series entry length");
      }
      if (len == 0) {
        return n;
      }
      if (len < 0 || len > end - start - 4) {
        throw corrupt(pos, "series entry runs past the series section");
      }
      if (Crc32c.checksum(seg, start, len) != seg.get(BlockFormat.INT_BE, start + len)) {
        throw corrupt(pos, "series entry CRC mismatch");
      }
      n++;
      pos = start + len + 4;
    }
  }

  private long readPostingsTable(long at, long end) {
    if (at == 0) {
      throw corrupt(0, "no postings offset table");
    }
    long contentEnd = section(at, end, "postings offset table");
    long count = Integer.toUnsignedLong(seg.get(BlockFormat.INT_BE, at + 4));
    long pos = at + 8;
    String prevName = null;
    List<String> values = new ArrayList<>();
    List<Long> offsets = new ArrayList<>();
    long all = -1;
    try {
      for (long i = 0; i < count; i++) {
        long entryAt = pos;
        if (Varints.getUvarint(seg, pos, contentEnd) != 2) {
          throw corrupt(pos, "postings offset entry without 2 strings");
        }
        pos += Varints.uvarintLength(seg, pos, contentEnd);
        pos = string(pos, contentEnd);
        String name = lastString;
        pos = string(pos, contentEnd);
        String value = lastString;
        long off = Varints.getUvarint(seg, pos, contentEnd);
        pos += Varints.uvarintLength(seg, pos, contentEnd);
        validatePostings(off, entryAt);
        if (name.isEmpty() && value.isEmpty()) {
          all = off;
          continue;
        }
        if (prevName != null && !prevName.equals(name)) {
          flush(prevName, values, offsets, entryAt);
        }
        if (!values.isEmpty() && Utf8Order.compare(values.getLast(), value) >= 0) {
          throw corrupt(entryAt, "postings offset table out of order");
        }
        prevName = name;
        values.add(value);
        offsets.add(off);
      }
    } catch (EncodingFormatException e) {
      throw corrupt(pos, "bad varint in postings offset table");
    }
    if (prevName != null) {
      flush(prevName, values, offsets, pos);
    }
    if (all < 0) {
      throw corrupt(at, "postings offset table has no all-series list");
    }
    return all;
  }

  private void flush(String name, List<String> values, List<Long> offsets, long at) {
    if (!postingsTable.isEmpty() && Utf8Order.compare(postingsTable.lastKey(), name) >= 0) {
      throw corrupt(at, "postings offset table out of order");
    }
    long[] offs = new long[offsets.size()];
    for (int i = 0; i < offs.length; i++) {
      offs[i] = offsets.get(i);
    }
    postingsTable.put(name, new ValueTable(values.toArray(new String[0]), offs));
    values.clear();
    offsets.clear();
  }

  private void validatePostings(long off, long referencedFrom) {
    if (off <= 0 || off >= seg.byteSize() - BlockFormat.TOC_SIZE) {
      throw corrupt(referencedFrom, "postings offset " + off + " outside the file");
    }
    long end = section(off, seg.byteSize() - BlockFormat.TOC_SIZE, "postings list");
    long count = Integer.toUnsignedLong(seg.get(BlockFormat.INT_BE, off + 4));
    if (8 + 4 * count != end - off) {
      throw corrupt(off, "postings list length does not match its count");
    }
  }

  private CorruptionException corrupt(long offset, String what) {
    return new CorruptionException(file + " at offset " + offset + ": " + what);
  }

  /** The size of the index file in bytes. */
  public long sizeBytes() {
    return seg.byteSize();
  }

  /** The index file's path, for messages. */
  public String file() {
    return file;
  }

  /** The number of symbols. */
  public int symbolCount() {
    return symbols.length;
  }

  /**
   * The symbol with sequential number {@code id} (v2 references).
   *
   * @throws CorruptionException if {@code id} is out of range
   */
  public String symbol(long id) {
    if (id < 0 || id >= symbols.length) {
      throw new CorruptionException(file + ": symbol reference " + id + " out of range");
    }
    return symbols[(int) id];
  }

  /** The number of series entries. */
  public int seriesCount() {
    return seriesCount;
  }

  /** Sorted label names of all series (a new list). */
  public List<String> labelNames() {
    return new ArrayList<>(postingsTable.keySet());
  }

  /** Sorted values of {@code name} over all series (a new list; empty if the name is unknown). */
  public List<String> labelValues(String name) {
    ValueTable t = postingsTable.get(name);
    return t == null ? new ArrayList<>() : new ArrayList<>(Arrays.asList(t.values));
  }

  /** The IDs of all series; a new bitmap owned by the caller. */
  public RoaringBitmap allPostings() {
    return postingsAt(allPostingsOffset);
  }

  /** The IDs of the series with label {@code name="value"}; a new bitmap owned by the caller. */
  public RoaringBitmap postings(String name, String value) {
    ValueTable t = postingsTable.get(name);
    if (t == null) {
      return new RoaringBitmap();
    }
    int i = Arrays.binarySearch(t.values, value, Utf8Order::compare);
    return i < 0 ? new RoaringBitmap() : postingsAt(t.offsets[i]);
  }

  /**
   * The IDs of the series matching every matcher, with the head's semantics: matchers that do not
   * match the empty string intersect the series having a matching value; matchers that match the
   * empty string remove the series whose value fails them. No matchers select every series.
   *
   * @return a new bitmap owned by the caller, iterated in label order
   */
  public RoaringBitmap select(LabelMatcher... matchers) {
    RoaringBitmap result = null;
    for (LabelMatcher m : matchers) {
      if (!m.matchesEmpty()) {
        RoaringBitmap bm = union(m, true);
        if (result == null) {
          result = bm;
        } else {
          result.and(bm);
        }
        if (result.isEmpty()) {
          return result;
        }
      }
    }
    for (LabelMatcher m : matchers) {
      if (m.matchesEmpty()) {
        if (result == null) {
          result = allPostings();
        }
        result.andNot(union(m, false));
      }
    }
    return result == null ? allPostings() : result;
  }

  /** Union of the postings of the values of {@code m}'s label that match it (or fail it). */
  private RoaringBitmap union(LabelMatcher m, boolean matching) {
    ValueTable t = postingsTable.get(m.name());
    RoaringBitmap out = new RoaringBitmap();
    if (t == null) {
      return out;
    }
    boolean exact = matching ? m.type() == MatchType.EQUAL : m.type() == MatchType.NOT_EQUAL;
    if (exact) {
      int i = Arrays.binarySearch(t.values, m.value(), Utf8Order::compare);
      if (i >= 0) {
        addPostings(t.offsets[i], out);
      }
      return out;
    }
    List<String> set = m.type() == MatchType.REGEX && matching ? m.setMatches() : null;
    if (set != null) {
      for (String v : set) {
        int i = Arrays.binarySearch(t.values, v, Utf8Order::compare);
        if (i >= 0) {
          addPostings(t.offsets[i], out);
        }
      }
      return out;
    }
    for (int i = 0; i < t.values.length; i++) {
      if (m.matches(t.values[i]) == matching) {
        addPostings(t.offsets[i], out);
      }
    }
    return out;
  }

  private RoaringBitmap postingsAt(long off) {
    RoaringBitmap bm = new RoaringBitmap();
    addPostings(off, bm);
    return bm;
  }

  /** Adds a postings list validated at open; IDs ascend so Roaring appends cheaply. */
  private void addPostings(long off, RoaringBitmap into) {
    int count = seg.get(BlockFormat.INT_BE, off + 4);
    long p = off + 8;
    for (int i = 0; i < count; i++, p += 4) {
      into.add(seg.get(BlockFormat.INT_BE, p));
    }
  }

  /**
   * Decodes the series with ID {@code id} into {@code out}.
   *
   * @throws CorruptionException if the ID does not point at a valid entry
   */
  public void series(int id, SeriesEntry out) {
    long pos = Integer.toUnsignedLong(id) * BlockFormat.SERIES_ALIGNMENT;
    long limit = seg.byteSize() - BlockFormat.TOC_SIZE;
    try {
      long len = Varints.getUvarint(seg, pos, limit);
      long p = pos + Varints.uvarintLength(seg, pos, limit);
      if (len <= 0 || p + len > limit) {
        throw corrupt(pos, "series entry runs past the end");
      }
      // One bulk copy, then varints decoded from the array in one pass each: byte reads from the
      // mapping check bounds and liveness per byte, and were most of a series lookup's time.
      out.load(seg, p, (int) len);
      int n = (int) out.uvarint();
      if (n < 0 || n > len) {
        throw corrupt(pos, "bad label count");
      }
      String[] pairs = new String[2 * n];
      for (int i = 0; i < 2 * n; i++) {
        pairs[i] = symbol(out.uvarint());
      }
      out.labels = Labels.ofSortedPairs(pairs);
      int chunks = (int) out.uvarint();
      if (chunks < 0 || chunks > len) {
        throw corrupt(pos, "bad chunk count");
      }
      out.ensure(chunks);
      long maxT = 0;
      long ref = 0;
      for (int c = 0; c < chunks; c++) {
        long minT = c == 0 ? out.varint() : maxT + out.uvarint();
        maxT = minT + out.uvarint();
        ref = c == 0 ? out.uvarint() : ref + out.varint();
        out.minT[c] = minT;
        out.maxT[c] = maxT;
        out.refs[c] = ref;
      }
      out.chunks = chunks;
    } catch (EncodingFormatException e) {
      throw corrupt(pos, "bad varint in series entry");
    } catch (IllegalArgumentException e) {
      throw corrupt(pos, "invalid labels in series entry: " + e.getMessage());
    }
  }

  /** A reusable decoded series entry: labels and chunk metas. Not thread-safe. */
  public static final class SeriesEntry {
    Labels labels;
    int chunks;
    long[] minT = new long[8];
    long[] maxT = new long[8];
    long[] refs = new long[8];

    /** The raw entry being decoded and the read position in it. */
    private byte[] raw = new byte[256];

    private int at;
    private int rawLength;

    /** Creates an empty entry to pass to {@link IndexReader#series}. */
    public SeriesEntry() {}

    void load(MemorySegment seg, long offset, int len) {
      if (raw.length < len) {
        raw = new byte[Math.max(len, raw.length * 2)];
      }
      MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, offset, raw, 0, len);
      at = 0;
      rawLength = len;
    }

    /** The next unsigned varint of the loaded entry. */
    long uvarint() {
      long v = Varints.getUvarint(raw, at, rawLength);
      at += Varints.uvarintLength(raw, at, rawLength);
      return v;
    }

    /** The next signed (zigzag) varint of the loaded entry. */
    long varint() {
      return Varints.zigzagDecode(uvarint());
    }

    void ensure(int n) {
      if (minT.length < n) {
        minT = new long[n];
        maxT = new long[n];
        refs = new long[n];
      }
    }

    /** The series labels. */
    public Labels labels() {
      return labels;
    }

    /** The number of chunks. */
    public int chunkCount() {
      return chunks;
    }

    /** First sample time of chunk {@code i}, in milliseconds. */
    public long minT(int i) {
      return minT[i];
    }

    /** Last sample time of chunk {@code i}, in milliseconds. */
    public long maxT(int i) {
      return maxT[i];
    }

    /** Chunk reference of chunk {@code i} ({@code segmentIndex << 32 | offset}). */
    public long ref(int i) {
      return refs[i];
    }
  }
}
