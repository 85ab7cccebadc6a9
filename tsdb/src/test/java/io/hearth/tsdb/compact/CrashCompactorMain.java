package io.hearth.tsdb.compact;

import io.hearth.tsdb.io.FileSeam;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The child process of {@link CompactionCrashTest}: opens the blocks of a directory, prints {@code
 * READY}, compacts them until nothing is left to plan and prints {@code DONE}. The parent kills it
 * at a random moment in between.
 *
 * <p>Arguments: the data directory.
 */
public final class CrashCompactorMain {
  private CrashCompactorMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    FileSeam seam = FileSeam.real();
    try (Compactor c = BlockData.compactor(seam, dir, BlockDirs.load(seam, dir), Duration.ZERO)) {
      System.out.println("READY");
      System.out.flush();
      c.compactBlocks();
      System.out.println("DONE");
      System.out.flush();
    }
  }
}
