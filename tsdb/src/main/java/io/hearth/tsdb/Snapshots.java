package io.hearth.tsdb;

import io.hearth.model.LabelMatcher;
import io.hearth.model.MatchType;
import io.hearth.storage.ChunkQuerier;
import io.hearth.tsdb.block.Block;
import io.hearth.tsdb.block.BlockMeta;
import io.hearth.tsdb.block.BlockWriter;
import io.hearth.tsdb.head.Head;
import io.hearth.tsdb.io.FileSeam;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Writes database snapshots as Prometheus does ({@code /api/v1/admin/tsdb/snapshot}): a directory
 * named {@code YYYYMMDDTHHMMSSZ-<16 hex digits>} holding hard links to every block's files, plus
 * optionally the head's data written as one more block. The result is itself a database directory
 * that {@link Tsdb#open} (or Prometheus) can open. Stateless.
 */
final class Snapshots {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private static final LabelMatcher ALL = LabelMatcher.of(MatchType.REGEX, "__name__", ".*");

  private Snapshots() {}

  /** A fresh snapshot name: the UTC time to the second, a dash and 64 random bits in hex. */
  static String newName(Instant now, Random random) {
    return STAMP.format(now) + "-" + String.format("%016x", random.nextLong());
  }

  /**
   * Hard-links the files of {@code block} into {@code target/<ULID>/}; the caller holds a reference
   * to the block so that retention cannot delete its files meanwhile. Temporary files of a deletion
   * in progress are skipped: the linked tombstones are whichever version was current.
   */
  static void linkBlock(FileSeam seam, Block block, Path target) throws IOException {
    Path src = block.dir();
    Path dst = target.resolve(src.getFileName().toString());
    List<Path> files;
    try (Stream<Path> walk = Files.walk(src)) {
      files = walk.toList();
    }
    for (Path p : files) {
      Path to = dst.resolve(src.relativize(p).toString());
      if (Files.isDirectory(p)) {
        Files.createDirectories(to);
      } else if (!p.getFileName().toString().endsWith(".tmp")) {
        Files.createLink(to, p);
      }
    }
    seam.fsyncDir(dst);
  }

  /**
   * Writes the head's data (deletions applied) as a block under {@code target}.
   *
   * @return the block's meta, or null when the head holds no sample
   */
  static BlockMeta writeHead(FileSeam seam, Head head, Path target) throws IOException {
    long min = head.minTime();
    long max = head.maxTime();
    if (min == Long.MAX_VALUE || max == Long.MIN_VALUE) {
      return null;
    }
    try (ChunkQuerier q = head.chunkQuerier(min, max)) {
      return BlockWriter.create(seam, target).write(q.select(true, null, ALL), min, max + 1);
    }
  }
}
