package io.hearth.tsdb.block;

import io.hearth.storage.CorruptionException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The contents of a block's {@code meta.json} (meta format version 1), as Prometheus reads it.
 *
 * @param ulid the block's identity; equals its directory name
 * @param minT first millisecond covered, inclusive
 * @param maxT end of the covered range in milliseconds, exclusive
 * @param numSamples number of samples in the block's chunks
 * @param numSeries number of series in the index
 * @param numChunks number of chunks
 * @param numTombstones number of tombstone intervals
 * @param level compaction level, 1 for blocks cut from the head
 * @param sources ULIDs of the level-1 blocks this block was made from (itself at level 1)
 * @param parents the blocks this block was compacted from ({@code compaction.parents}); empty for a
 *     block cut from the head
 */
public record BlockMeta(
    String ulid,
    long minT,
    long maxT,
    long numSamples,
    long numSeries,
    long numChunks,
    long numTombstones,
    int level,
    List<String> sources,
    List<Parent> parents) {

  /**
   * One entry of {@code compaction.parents}: a block this block was compacted from.
   *
   * @param ulid the parent's ULID
   * @param minT the parent's first millisecond, inclusive
   * @param maxT the parent's end in milliseconds, exclusive
   */
  public record Parent(String ulid, long minT, long maxT) {
    /** Validates the ULID. */
    public Parent {
      if (!Ulid.isValid(ulid)) {
        throw new IllegalArgumentException("invalid parent ULID: " + ulid);
      }
    }
  }

  /** Upper bound on the size of a meta.json we agree to parse. */
  static final int MAX_META_BYTES = 1 << 20;

  /** Validates and copies the sources and parents. */
  public BlockMeta {
    sources = List.copyOf(sources);
    parents = List.copyOf(parents);
    if (!Ulid.isValid(ulid)) {
      throw new IllegalArgumentException("invalid block ULID: " + ulid);
    }
    if (maxT < minT) {
      throw new IllegalArgumentException("maxT " + maxT + " < minT " + minT);
    }
  }

  /** A meta without parents (a block cut from the head or imported). */
  public BlockMeta(
      String ulid,
      long minT,
      long maxT,
      long numSamples,
      long numSeries,
      long numChunks,
      long numTombstones,
      int level,
      List<String> sources) {
    this(
        ulid,
        minT,
        maxT,
        numSamples,
        numSeries,
        numChunks,
        numTombstones,
        level,
        sources,
        List.of());
  }

  /** This meta with another tombstone count; everything else, the parents included, is kept. */
  public BlockMeta withNumTombstones(long count) {
    return new BlockMeta(
        ulid, minT, maxT, numSamples, numSeries, numChunks, count, level, sources, parents);
  }

  /**
   * Serialises as Prometheus does (tab indentation, zero stats omitted).
   *
   * @return UTF-8 JSON with a trailing newline
   */
  public byte[] toJson() {
    StringBuilder b = new StringBuilder();
    b.append("{\n\t\"ulid\": \"").append(ulid).append("\",\n");
    b.append("\t\"minTime\": ").append(minT).append(",\n");
    b.append("\t\"maxTime\": ").append(maxT).append(",\n");
    b.append("\t\"stats\": {");
    String sep = "\n";
    sep = stat(b, sep, "numSamples", numSamples);
    sep = stat(b, sep, "numSeries", numSeries);
    sep = stat(b, sep, "numChunks", numChunks);
    sep = stat(b, sep, "numTombstones", numTombstones);
    b.append(sep.equals("\n") ? "},\n" : "\n\t},\n");
    b.append("\t\"compaction\": {\n\t\t\"level\": ").append(level).append(",\n");
    b.append("\t\t\"sources\": [");
    for (int i = 0; i < sources.size(); i++) {
      b.append(i == 0 ? "\n" : ",\n").append("\t\t\t\"").append(sources.get(i)).append('"');
    }
    b.append(sources.isEmpty() ? "]" : "\n\t\t]");
    if (!parents.isEmpty()) {
      b.append(",\n\t\t\"parents\": [");
      for (int i = 0; i < parents.size(); i++) {
        Parent p = parents.get(i);
        b.append(i == 0 ? "\n" : ",\n").append("\t\t\t{\n");
        b.append("\t\t\t\t\"ulid\": \"").append(p.ulid()).append("\",\n");
        b.append("\t\t\t\t\"minTime\": ").append(p.minT()).append(",\n");
        b.append("\t\t\t\t\"maxTime\": ").append(p.maxT()).append("\n\t\t\t}");
      }
      b.append("\n\t\t]");
    }
    b.append('\n');
    b.append("\t},\n\t\"version\": ").append(BlockFormat.META_VERSION).append("\n}\n");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String stat(StringBuilder b, String sep, String name, long v) {
    if (v == 0) {
      return sep;
    }
    b.append(sep).append("\t\t\"").append(name).append("\": ").append(v);
    return ",\n";
  }

  /**
   * Parses and validates a meta.json.
   *
   * @param json the file contents
   * @param file the file name used in error messages
   * @throws CorruptionException naming the file and the problem if the JSON is malformed, the
   *     version is not 1, or a required field is missing or invalid
   */
  public static BlockMeta parse(byte[] json, String file) {
    if (json.length > MAX_META_BYTES) {
      throw new CorruptionException(file + ": meta.json larger than " + MAX_META_BYTES + " bytes");
    }
    Object root;
    try {
      root = MiniJson.parse(new String(json, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new CorruptionException(file + ": invalid JSON: " + e.getMessage());
    }
    if (!(root instanceof Map<?, ?> m)) {
      throw new CorruptionException(file + ": not a JSON object");
    }
    long version = number(m, "version", file, true);
    if (version != BlockFormat.META_VERSION) {
      throw new CorruptionException(file + ": unsupported meta version " + version);
    }
    if (!(m.get("ulid") instanceof String ulid) || !Ulid.isValid(ulid)) {
      throw new CorruptionException(file + ": missing or invalid \"ulid\"");
    }
    long minT = number(m, "minTime", file, true);
    long maxT = number(m, "maxTime", file, true);
    if (maxT < minT) {
      throw new CorruptionException(file + ": maxTime " + maxT + " < minTime " + minT);
    }
    Map<?, ?> stats = object(m, "stats", file);
    Map<?, ?> compaction = object(m, "compaction", file);
    List<String> sources = new ArrayList<>();
    if (compaction.get("sources") instanceof List<?> l) {
      for (Object o : l) {
        if (!(o instanceof String s) || !Ulid.isValid(s)) {
          throw new CorruptionException(file + ": invalid ULID in compaction.sources");
        }
        sources.add(s);
      }
    } else if (compaction.containsKey("sources")) {
      throw new CorruptionException(file + ": compaction.sources is not an array");
    }
    // Parents only tell which leftover blocks may be deleted at open: entries we cannot read are
    // ignored rather than failing the block, so a doubtful parent is never deleted.
    List<Parent> parents = new ArrayList<>();
    if (compaction.get("parents") instanceof List<?> l) {
      for (Object o : l) {
        if (o instanceof Map<?, ?> pm
            && pm.get("ulid") instanceof String pu
            && Ulid.isValid(pu)
            && pm.get("minTime") instanceof Long pMin
            && pm.get("maxTime") instanceof Long pMax) {
          parents.add(new Parent(pu, pMin, pMax));
        }
      }
    }
    return new BlockMeta(
        ulid,
        minT,
        maxT,
        number(stats, "numSamples", file, false),
        number(stats, "numSeries", file, false),
        number(stats, "numChunks", file, false),
        number(stats, "numTombstones", file, false),
        (int) number(compaction, "level", file, false),
        sources,
        parents);
  }

  private static Map<?, ?> object(Map<?, ?> m, String key, String file) {
    Object o = m.get(key);
    if (o == null) {
      return Map.of();
    }
    if (!(o instanceof Map<?, ?> sub)) {
      throw new CorruptionException(file + ": \"" + key + "\" is not an object");
    }
    return sub;
  }

  private static long number(Map<?, ?> m, String key, String file, boolean required) {
    Object o = m.get(key);
    if (o == null) {
      if (required) {
        throw new CorruptionException(file + ": missing \"" + key + "\"");
      }
      return 0;
    }
    if (!(o instanceof Long l)) {
      throw new CorruptionException(file + ": \"" + key + "\" is not an integer");
    }
    return l;
  }
}
