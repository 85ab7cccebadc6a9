package io.hearth.tsdb.compact;

import io.hearth.storage.CorruptionException;
import io.hearth.tsdb.block.Block;
import io.hearth.tsdb.block.BlockMeta;
import io.hearth.tsdb.block.Ulid;
import io.hearth.tsdb.io.FileSeam;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finding, opening and removing the block directories of a database directory. Stateless. */
public final class BlockDirs {
  private static final Logger LOG = LoggerFactory.getLogger(BlockDirs.class);

  /** Suffix of a block being written (see BlockWriter); such leftovers are removed at open. */
  public static final String CREATION_SUFFIX = ".tmp-for-creation";

  /** Suffix of a block being deleted; such leftovers are removed at open. */
  public static final String DELETION_SUFFIX = ".tmp-for-deletion";

  /** Where damaged blocks are moved, under the database directory. */
  public static final String CORRUPTED_DIR = "corrupted";

  private BlockDirs() {}

  /**
   * Opens every block in {@code dir}, sorted by minT. Leftovers of an interrupted block creation or
   * deletion are deleted; a damaged block is moved to {@code corrupted/<ULID>} with a warning and
   * the others still open. A block listed among the {@code compaction.parents} of another loaded
   * block is deleted: a crash after a compaction's rename left it behind, and its data is in the
   * compacted block (Prometheus does the same).
   *
   * @return the open blocks, each holding the opener's reference
   * @throws IOException if the directory cannot be listed or a leftover cannot be removed
   */
  public static List<Block> load(FileSeam seam, Path dir) throws IOException {
    List<Block> blocks = new ArrayList<>();
    try {
      for (String name : seam.list(dir)) {
        Path p = dir.resolve(name);
        if (name.endsWith(CREATION_SUFFIX) || name.endsWith(DELETION_SUFFIX)) {
          LOG.info("Removing the unfinished block directory {}", p);
          seam.deleteRecursively(p);
          continue;
        }
        Block b = openOrQuarantine(seam, dir, name);
        if (b != null) {
          blocks.add(b);
        }
      }
      Set<String> compacted = parentsOf(blocks);
      for (int i = blocks.size() - 1; i >= 0; i--) {
        Block b = blocks.get(i);
        if (compacted.contains(b.meta().ulid())) {
          LOG.info("Deleting block {}: it was compacted into another block", b.meta().ulid());
          blocks.remove(i);
          b.close();
          delete(seam, b.dir());
        }
      }
    } catch (IOException | RuntimeException e) {
      for (Block b : blocks) {
        b.close();
      }
      throw e;
    }
    blocks.sort(Comparator.comparingLong((Block b) -> b.meta().minT()));
    return blocks;
  }

  /** The ULIDs listed as compaction parents by the given blocks. */
  static Set<String> parentsOf(List<Block> blocks) {
    Set<String> out = new HashSet<>();
    for (Block b : blocks) {
      for (BlockMeta.Parent p : b.meta().parents()) {
        out.add(p.ulid());
      }
    }
    return out;
  }

  /**
   * Opens the block directory {@code dir/name}, or moves it to {@code corrupted/} if it is damaged.
   *
   * @return the block, or null if {@code name} is not a block directory or the block was damaged
   * @throws IOException if the block cannot be read or moved aside
   */
  static Block openOrQuarantine(FileSeam seam, Path dir, String name) throws IOException {
    Path p = dir.resolve(name);
    if (!Ulid.isValid(name) || !seam.isDirectory(p)) {
      return null;
    }
    try {
      return Block.open(p);
    } catch (CorruptionException e) {
      Path aside = dir.resolve(CORRUPTED_DIR).resolve(name);
      LOG.warn("Block {} is damaged and is moved to {}: {}", name, aside, e.getMessage());
      seam.createDirectories(aside.getParent());
      seam.deleteRecursively(aside);
      seam.rename(p, aside);
      seam.fsyncDir(dir);
      return null;
    }
  }

  /**
   * Deletes a block directory: renamed first so that a crash midway leaves a leftover that the next
   * open removes, never a half-deleted block that would look damaged.
   */
  public static void delete(FileSeam seam, Path blockDir) throws IOException {
    Path doomed = blockDir.resolveSibling(blockDir.getFileName() + DELETION_SUFFIX);
    seam.deleteRecursively(doomed);
    seam.rename(blockDir, doomed);
    seam.fsyncDir(blockDir.getParent());
    seam.deleteRecursively(doomed);
  }
}
