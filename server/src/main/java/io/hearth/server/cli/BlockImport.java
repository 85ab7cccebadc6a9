package io.hearth.server.cli;

import io.hearth.encoding.XorChunkReader;
import io.hearth.model.LabelMatcher;
import io.hearth.model.MatchType;
import io.hearth.storage.ChunkIterator;
import io.hearth.storage.ChunkQuerier;
import io.hearth.storage.ChunkSeriesSet;
import io.hearth.tsdb.block.Block;
import io.hearth.tsdb.block.BlockMeta;
import io.hearth.tsdb.block.Ulid;
import io.hearth.tsdb.compact.BlockDirs;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Validates Prometheus-format block directories and copies them into a database directory so that
 * the database loads them: at its next start, or, while it runs, at the compactor's next reload of
 * the block directories. A block is copied under {@code <ULID>.tmp-for-creation} (which a database
 * ignores and removes at open), fsynced, and renamed to {@code <ULID>} atomically, so a database
 * never sees half a block. Stateless.
 */
final class BlockImport {
  private static final LabelMatcher ALL = LabelMatcher.of(MatchType.REGEX, "__name__", ".*");

  /** The only chunk encoding Hearth reads: Prometheus' XOR float chunks. */
  private static final int ENCODING_XOR = 1;

  private BlockImport() {}

  /** Why an import was refused: a message for the user, naming the file at fault. */
  static final class Refused extends Exception {
    Refused(String message) {
      super(message);
    }
  }

  /**
   * The block directories in {@code dir}: its subdirectories named by a ULID, or {@code dir} itself
   * when it is a block (holds a {@code meta.json}).
   *
   * @throws Refused if there is none
   */
  static List<Path> find(Path dir) throws IOException, Refused {
    if (!Files.isDirectory(dir)) {
      throw new Refused(dir + ": not a directory");
    }
    if (Files.isRegularFile(dir.resolve("meta.json"))) {
      return List.of(dir);
    }
    List<Path> out = new ArrayList<>();
    try (Stream<Path> list = Files.list(dir)) {
      for (Path p : list.sorted().toList()) {
        if (Ulid.isValid(p.getFileName().toString()) && Files.isDirectory(p)) {
          out.add(p);
        }
      }
    }
    if (out.isEmpty()) {
      throw new Refused(dir + ": no block directories (named by a ULID) found");
    }
    return out;
  }

  /**
   * Opens a block (which checks meta.json, every index CRC, the chunk segment headers and the
   * tombstones), then reads every chunk (checking its CRC) and decodes it, and checks the sample
   * count against meta.json.
   *
   * @return the block's meta
   * @throws Refused naming the file and offset of any damage
   */
  static BlockMeta validate(Path dir) throws Refused {
    String name = dir.getFileName().toString();
    if (!Ulid.isValid(name)) {
      throw new Refused(dir + ": the directory name is not a ULID");
    }
    try (Block b = Block.open(dir)) {
      BlockMeta meta = b.meta();
      if (!meta.ulid().equals(name)) {
        throw new Refused(
            dir.resolve("meta.json")
                + ": ulid "
                + meta.ulid()
                + " differs from the directory name");
      }
      long samples = 0;
      XorChunkReader reader = new XorChunkReader();
      try (ChunkQuerier q = b.chunkQuerier(meta.minT(), meta.maxT())) {
        ChunkSeriesSet set = q.select(false, null, ALL);
        ChunkIterator it = null;
        while (set.next()) {
          it = set.at().iterator(it);
          while (it.next()) {
            if (it.encoding() != ENCODING_XOR) {
              throw new Refused(
                  dir
                      + ": series "
                      + set.at().labels()
                      + " has a chunk of encoding "
                      + it.encoding()
                      + " (native histograms?); Hearth reads only float (XOR) chunks");
            }
            reader.reset(it.bytes());
            while (reader.next()) {
              samples++;
            }
          }
        }
      }
      if (meta.numTombstones() == 0 && samples != meta.numSamples()) {
        throw new Refused(
            dir
                + ": the chunks hold "
                + samples
                + " samples where meta.json says "
                + meta.numSamples());
      }
      return meta;
    } catch (IOException | RuntimeException e) {
      throw new Refused(dir + ": invalid block: " + e.getMessage());
    }
  }

  /**
   * Copies a validated block into {@code dbDir} as {@code dbDir/<ULID>}.
   *
   * @throws Refused if the database already has a block of that ULID
   */
  static Path install(Path block, Path dbDir) throws IOException, Refused {
    String ulid = block.getFileName().toString();
    Path target = dbDir.resolve(ulid);
    if (Files.exists(target)) {
      throw new Refused(target + ": the database already holds block " + ulid);
    }
    Files.createDirectories(dbDir);
    Path tmp = dbDir.resolve(ulid + BlockDirs.CREATION_SUFFIX);
    deleteTree(tmp);
    List<Path> dirs = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(block)) {
      for (Path p : walk.toList()) {
        Path to = tmp.resolve(block.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
          dirs.add(to);
        } else if (!p.getFileName().toString().endsWith(".tmp")) {
          Files.copy(p, to, StandardCopyOption.COPY_ATTRIBUTES);
          try (FileChannel ch = FileChannel.open(to, StandardOpenOption.WRITE)) {
            ch.force(true);
          }
        }
      }
    }
    for (Path d : dirs.reversed()) {
      fsyncDir(d);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    fsyncDir(dbDir);
    return target;
  }

  /** The largest end time (ms, exclusive) of the blocks already in {@code dbDir}, or MIN_VALUE. */
  static long newestBlockEnd(Path dbDir) throws IOException {
    long end = Long.MIN_VALUE;
    if (!Files.isDirectory(dbDir)) {
      return end;
    }
    try (Stream<Path> list = Files.list(dbDir)) {
      for (Path p : list.toList()) {
        Path meta = p.resolve("meta.json");
        if (Ulid.isValid(p.getFileName().toString()) && Files.isRegularFile(meta)) {
          try {
            end = Math.max(end, BlockMeta.parse(Files.readAllBytes(meta), meta.toString()).maxT());
          } catch (RuntimeException damaged) {
            // The database sets damaged blocks aside at open; they do not count.
          }
        }
      }
    }
    return end;
  }

  private static void fsyncDir(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path x : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
  }
}
