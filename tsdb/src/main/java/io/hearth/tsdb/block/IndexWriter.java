package io.hearth.tsdb.block;

import io.hearth.model.Labels;
import io.hearth.model.Utf8Order;
import io.hearth.tsdb.io.FileSeam;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes a Prometheus index file, format version 2: header, symbol table, 16-byte aligned series
 * entries, postings lists (the all-series list first), postings offset table and TOC, each section
 * with its CRC32C. Legacy label indices are not written (as Prometheus 3.x; v2 readers never read
 * them). See {@code docs/format/block.md}. Single use, not thread-safe.
 */
final class IndexWriter {
  private final FileSeam seam;
  private final Path path;

  IndexWriter(FileSeam seam, Path path) {
    this.seam = seam;
    this.path = path;
  }

  /**
   * Writes the index and fsyncs it.
   *
   * @param table the series in strictly increasing label order with their chunk metas; refs
   *     increase through the table
   */
  void write(SeriesTable table) throws IOException {
    List<Labels> labels = new ArrayList<>(table.seriesCount());
    for (int i = 0; i < table.seriesCount(); i++) {
      labels.add(table.labels(i));
    }
    String[] symbols = symbols(labels);
    Map<String, Integer> symbolIds = new HashMap<>(symbols.length * 2);
    for (int i = 0; i < symbols.length; i++) {
      symbolIds.put(symbols[i], i);
    }
    long[] toc = new long[6];
    GrowableBytes b = new GrowableBytes();
    try (FileOut out = new FileOut(seam, path)) {
      out.writeInt(BlockFormat.INDEX_MAGIC);
      out.writeByte(BlockFormat.INDEX_VERSION);

      toc[0] = out.position();
      b.putInt(symbols.length);
      for (String s : symbols) {
        b.putString(s);
      }
      section(out, b);

      toc[1] = out.position();
      int[] ids = writeSeries(out, b, table, labels, symbolIds);

      // No label indices: both legacy offsets point where they would be, as Prometheus 3.x does.
      toc[2] = out.position();
      toc[4] = out.position();
      List<String> names = new ArrayList<>();
      List<String> values = new ArrayList<>();
      List<Long> offsets = new ArrayList<>();
      writePostings(out, b, labels, ids, names, values, offsets);

      toc[5] = out.position();
      toc[3] = toc[5];
      b.clear();
      b.putInt(names.size());
      for (int i = 0; i < names.size(); i++) {
        b.putUvarint(2);
        b.putString(names.get(i));
        b.putString(values.get(i));
        b.putUvarint(offsets.get(i));
      }
      section(out, b);

      out.beginCrc();
      for (long o : toc) {
        out.writeLong(o);
      }
      out.writeInt(out.endCrc());
      out.sync();
    }
  }

  /**
   * Writes the series section, each entry 16-byte aligned, and returns every series' ID. Its own
   * method, like {@link #writePostings}: the JIT compiles a long loop while it runs (on-stack
   * replacement), and with the loop inside one large method it compiled the whole method: 0.8 s of
   * compiler CPU in one peer-bench replay, more than writing the index took.
   */
  private int[] writeSeries(
      FileOut out,
      GrowableBytes b,
      SeriesTable table,
      List<Labels> labels,
      Map<String, Integer> symbolIds)
      throws IOException {
    int[] ids = new int[labels.size()];
    for (int i = 0; i < labels.size(); i++) {
      out.align(BlockFormat.SERIES_ALIGNMENT);
      long id = out.position() / BlockFormat.SERIES_ALIGNMENT;
      if (id > 0xFFFFFFFFL) {
        throw new IOException("index too large: series ID beyond 32 bits in " + path);
      }
      ids[i] = (int) id;
      b.clear();
      Labels l = labels.get(i);
      b.putUvarint(l.size());
      for (int j = 0; j < l.size(); j++) {
        b.putUvarint(symbolIds.get(l.name(j)));
        b.putUvarint(symbolIds.get(l.value(j)));
      }
      b.putUvarint(table.chunks(i));
      table.appendMetas(i, b);
      out.writeUvarint(b.length());
      out.beginCrc();
      out.write(b.array(), 0, b.length());
      out.writeInt(out.endCrc());
    }
    return ids;
  }

  /**
   * Writes the all-series postings list, then one list per label pair in name and value order,
   * adding each list's name, value and offset for the postings offset table.
   */
  private static void writePostings(
      FileOut out,
      GrowableBytes b,
      List<Labels> labels,
      int[] ids,
      List<String> names,
      List<String> values,
      List<Long> offsets)
      throws IOException {
    names.add("");
    values.add("");
    offsets.add(postings(out, b, ids, ids.length));
    for (Map.Entry<String, Map<String, IntList>> e : postingsByPair(labels, ids).entrySet()) {
      for (Map.Entry<String, IntList> v : e.getValue().entrySet()) {
        names.add(e.getKey());
        values.add(v.getKey());
        offsets.add(postings(out, b, v.getValue().ids, v.getValue().size));
      }
    }
  }

  /** Writes {@code len:BE32} then the buffered content under a CRC32C. */
  private static void section(FileOut out, GrowableBytes b) throws IOException {
    out.writeInt(b.length());
    out.beginCrc();
    out.write(b.array(), 0, b.length());
    out.writeInt(out.endCrc());
    b.clear();
  }

  /** Writes one 4-byte aligned postings list and returns its offset. */
  private static long postings(FileOut out, GrowableBytes b, int[] ids, int n) throws IOException {
    out.align(BlockFormat.POSTINGS_ALIGNMENT);
    long offset = out.position();
    b.clear();
    b.putInt(n);
    for (int i = 0; i < n; i++) {
      b.putInt(ids[i]);
    }
    section(out, b);
    return offset;
  }

  /**
   * Series IDs per (name, value), sorted by name then value in UTF-8 byte order. IDs ascend because
   * series are visited in order.
   */
  private static Map<String, Map<String, IntList>> postingsByPair(List<Labels> labels, int[] ids) {
    Map<String, Map<String, IntList>> byName = new TreeMap<>(Utf8Order::compare);
    for (int i = 0; i < labels.size(); i++) {
      Labels l = labels.get(i);
      for (int j = 0; j < l.size(); j++) {
        byName
            .computeIfAbsent(l.name(j), k -> new TreeMap<>(Utf8Order::compare))
            .computeIfAbsent(l.value(j), k -> new IntList())
            .add(ids[i]);
      }
    }
    return byName;
  }

  /** A growable list of series IDs. */
  private static final class IntList {
    int[] ids = new int[4];
    int size;

    void add(int id) {
      if (size == ids.length) {
        ids = Arrays.copyOf(ids, size * 2);
      }
      ids[size++] = id;
    }
  }

  /** All distinct names and values, sorted by UTF-8 bytes. */
  private static String[] symbols(List<Labels> labels) {
    TreeSet<String> set = new TreeSet<>(Utf8Order::compare);
    for (Labels l : labels) {
      for (int j = 0; j < l.size(); j++) {
        set.add(l.name(j));
        set.add(l.value(j));
      }
    }
    return set.toArray(new String[0]);
  }
}
