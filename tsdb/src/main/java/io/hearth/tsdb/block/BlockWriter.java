package io.hearth.tsdb.block;

import io.hearth.encoding.XorChunkReader;
import io.hearth.encoding.XorChunkWriter;
import io.hearth.model.Labels;
import io.hearth.storage.ChunkIterator;
import io.hearth.storage.ChunkSeries;
import io.hearth.storage.ChunkSeriesSet;
import io.hearth.tsdb.io.FileSeam;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;

/**
 * Writes immutable blocks in Prometheus' on-disk format (see {@code docs/format/block.md}): a
 * directory named by a new ULID holding {@code meta.json}, {@code chunks/000001…}, {@code index}
 * and an empty {@code tombstones} file. The block is built in {@code <ULID>.tmp-for-creation},
 * every file and directory is fsynced, and the directory is then renamed atomically, so a crash
 * leaves either no block or a complete one (plus a temporary directory that readers ignore).
 *
 * <p>The input is a {@link ChunkSeriesSet}, for example a head chunk querier's sorted selection:
 * series in strictly increasing {@link Labels} order, each with chunks in time order whose
 * intervals do not overlap. Chunks wholly inside the block's range are copied byte for byte; XOR
 * chunks that straddle a boundary are re-encoded with only the samples inside; chunks outside the
 * range and series left without chunks are dropped.
 *
 * <p>Memory: the labels of every series and their chunk metadata, encoded as the index holds it
 * (about 4 to 8 bytes a chunk), are kept until the index is written; chunk bytes are streamed. Not
 * thread-safe; one writer may write many blocks one after the other.
 */
public final class BlockWriter {
  private final FileSeam seam;
  private final Path parent;
  private final Random random;
  private final long segmentMaxBytes;
  private final XorChunkReader reader = new XorChunkReader();
  private final XorChunkWriter clipper = XorChunkWriter.create();
  private byte[] copy = new byte[256];

  private BlockWriter(FileSeam seam, Path parent, Random random, long segmentMaxBytes) {
    this.seam = seam;
    this.parent = parent;
    this.random = random;
    this.segmentMaxBytes = segmentMaxBytes;
  }

  /**
   * Creates a writer that puts blocks into {@code parent} (the data directory), with Prometheus'
   * default 512 MiB chunk segments.
   *
   * @param seam the file system seam all writes go through
   * @param parent the directory that receives the block directories; must exist
   */
  public static BlockWriter create(FileSeam seam, Path parent) {
    return new BlockWriter(seam, parent, new SecureRandom(), BlockFormat.DEFAULT_SEGMENT_MAX_BYTES);
  }

  /**
   * Creates a writer with an explicit ULID randomness source and chunk segment limit (tests).
   *
   * @param segmentMaxBytes a segment is cut before a chunk would make it larger than this; a single
   *     larger chunk still gets a segment of its own
   */
  public static BlockWriter create(
      FileSeam seam, Path parent, Random random, long segmentMaxBytes) {
    if (segmentMaxBytes <= BlockFormat.CHUNKS_HEADER_SIZE || segmentMaxBytes > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("segmentMaxBytes out of range: " + segmentMaxBytes);
    }
    return new BlockWriter(seam, parent, random, segmentMaxBytes);
  }

  /**
   * Writes one block covering {@code [minT, maxT)} from the given series and returns its meta.
   *
   * @param series series in strictly increasing label order; consumed
   * @param minT first millisecond of the block, inclusive
   * @param maxT end of the block in milliseconds, exclusive (as Prometheus)
   * @return the meta written; {@code meta.ulid()} names the new directory under the parent
   * @throws IllegalArgumentException if the series are out of order, labels are empty or
   *     duplicated, or chunks of a series overlap or go backwards; nothing is left on disk
   * @throws IOException if writing fails; the temporary directory, or the block if the failure came
   *     after its rename, is removed (best effort)
   */
  public BlockMeta write(ChunkSeriesSet series, long minT, long maxT) throws IOException {
    return write(series, minT, maxT, 1, List.of(), List.of());
  }

  /**
   * Writes one block covering {@code [minT, maxT)} with the given compaction fields, as {@link
   * #write(ChunkSeriesSet, long, long)} does otherwise; used by block compaction.
   *
   * @param level the compaction level recorded in meta.json, at least 1
   * @param sources the ULIDs of the level-1 blocks the data comes from; empty to list only the new
   *     block itself (a block cut from the head)
   * @param parents the blocks the data was compacted from; empty for none
   */
  public BlockMeta write(
      ChunkSeriesSet series,
      long minT,
      long maxT,
      int level,
      List<String> sources,
      List<BlockMeta.Parent> parents)
      throws IOException {
    if (level < 1) {
      throw new IllegalArgumentException("compaction level " + level + " < 1");
    }
    if (maxT <= minT) {
      throw new IllegalArgumentException("empty block range [" + minT + ", " + maxT + ")");
    }
    String ulid = Ulid.generate(Ulid.creationMillis(System.currentTimeMillis()), random);
    Path tmp = parent.resolve(ulid + BlockFormat.TMP_SUFFIX);
    Path chunksDir = tmp.resolve(BlockFormat.CHUNKS_DIR);
    Path target = parent.resolve(ulid);
    boolean renamed = false;
    boolean done = false;
    try {
      seam.deleteRecursively(tmp);
      seam.createDirectories(chunksDir);
      SeriesTable table = new SeriesTable();
      long numSamples = 0;
      try (ChunkSegmentWriter chunks = new ChunkSegmentWriter(seam, chunksDir, segmentMaxBytes)) {
        Labels prev = null;
        ChunkIterator it = null;
        while (series.next()) {
          ChunkSeries s = series.at();
          Labels l = s.labels();
          if (l.isEmpty()) {
            throw new IllegalArgumentException("series with no labels");
          }
          if (prev != null && prev.compareTo(l) >= 0) {
            throw new IllegalArgumentException("series out of order: " + l + " after " + prev);
          }
          prev = l;
          it = s.iterator(it);
          numSamples += writeChunks(l, it, minT, maxT, chunks, table);
          table.endSeries(l);
        }
      }
      new IndexWriter(seam, tmp.resolve(BlockFormat.INDEX_FILE)).write(table);
      Tombstones.EMPTY.write(seam, tmp.resolve(BlockFormat.TOMBSTONES_FILE));
      BlockMeta meta =
          new BlockMeta(
              ulid,
              minT,
              maxT,
              numSamples,
              table.seriesCount(),
              table.chunkCount(),
              0,
              level,
              sources.isEmpty() ? List.of(ulid) : sources,
              parents);
      writeFile(tmp.resolve(BlockFormat.META_FILE), meta.toJson());
      seam.fsyncDir(chunksDir);
      seam.fsyncDir(tmp);
      seam.rename(tmp, target);
      renamed = true;
      seam.fsyncDir(parent);
      done = true;
      return meta;
    } finally {
      if (!done) {
        try {
          // A failed write leaves no block, even if only the final directory fsync failed.
          seam.deleteRecursively(renamed ? target : tmp);
        } catch (IOException suppressed) {
          // The original failure matters more; a leftover .tmp-for-creation is ignored by readers
          // and a leftover renamed block is complete.
        }
      }
    }
  }

  /**
   * Writes the chunks of one series that fall in {@code [minT, maxT)} and records them in the
   * table.
   *
   * @return the number of samples written
   */
  private long writeChunks(
      Labels l, ChunkIterator it, long minT, long maxT, ChunkSegmentWriter out, SeriesTable table)
      throws IOException {
    long samples = 0;
    long lastMaxT = Long.MIN_VALUE;
    boolean first = true;
    while (it.next()) {
      if (it.minT() > it.maxT() || (!first && it.minT() <= lastMaxT)) {
        throw new IllegalArgumentException("chunks of " + l + " overlap or go backwards");
      }
      first = false;
      lastMaxT = it.maxT();
      if (it.maxT() < minT || it.minT() >= maxT) {
        continue;
      }
      long cMinT = it.minT();
      long cMaxT = it.maxT();
      byte[] data;
      int len;
      if (cMinT >= minT && cMaxT < maxT) {
        MemorySegment bytes = it.bytes();
        len = Math.toIntExact(bytes.byteSize());
        data = scratch(len);
        MemorySegment.copy(bytes, ValueLayout.JAVA_BYTE, 0, data, 0, len);
        // Every Prometheus chunk encoding starts with a BE16 sample count.
        samples += len >= 2 ? ((data[0] & 0xFF) << 8) | (data[1] & 0xFF) : 0;
      } else if (it.encoding() == BlockFormat.ENCODING_XOR) {
        clip(it.bytes(), minT, maxT);
        if (clipper.numSamples() == 0) {
          continue;
        }
        samples += clipper.numSamples();
        cMinT = clipper.minT();
        cMaxT = clipper.maxT();
        data = clipper.array();
        len = clipper.length();
      } else {
        throw new IllegalArgumentException(
            "cannot clip a chunk of encoding " + it.encoding() + " to the block range");
      }
      table.addChunk(cMinT, cMaxT, out.write(it.encoding(), data, 0, len));
    }
    return samples;
  }

  private void writeFile(Path path, byte[] content) throws IOException {
    try (FileSeam.AppendFile f = seam.openAppend(path)) {
      f.write(content, 0, content.length);
      f.fsync();
    }
  }

  /** Re-encodes the samples of an XOR chunk that fall in {@code [minT, maxT)} into the clipper. */
  private void clip(MemorySegment chunk, long minT, long maxT) {
    clipper.reset();
    reader.reset(chunk);
    if (!reader.seek(minT)) {
      return;
    }
    do {
      if (reader.t() >= maxT) {
        break;
      }
      clipper.appendBits(reader.t(), reader.vBits());
    } while (reader.next());
  }

  private byte[] scratch(int len) {
    if (copy.length < len) {
      copy = new byte[Math.max(len, copy.length * 2)];
    }
    return copy;
  }
}
