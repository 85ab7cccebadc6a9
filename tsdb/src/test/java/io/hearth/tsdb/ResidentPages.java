package io.hearth.tsdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads this process' resident pages of mapped files from Linux' {@code /proc/self/smaps}. */
public final class ResidentPages {
  /** The file tests check for before measuring (absent off Linux). */
  public static final Path SMAPS = Path.of("/proc/self/smaps");

  private ResidentPages() {}

  /** The resident KiB of every mapping of a file under {@code dir}. */
  public static long kib(Path dir) throws IOException {
    String prefix = dir.toRealPath().toString() + "/";
    List<String> lines = Files.readAllLines(SMAPS);
    long kib = 0;
    boolean ours = false;
    for (String line : lines) {
      if (isHeader(line)) {
        int slash = line.indexOf('/');
        ours = slash >= 0 && line.substring(slash).startsWith(prefix);
      } else if (ours && line.startsWith("Rss:")) {
        kib += Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
      }
    }
    return kib;
  }

  /** Whether the line starts a mapping ({@code <hex>-<hex> perms ...}) rather than a field. */
  private static boolean isHeader(String line) {
    int dash = line.indexOf('-');
    int space = line.indexOf(' ');
    if (dash <= 0 || space <= dash) {
      return false;
    }
    for (int i = 0; i < space; i++) {
      char c = line.charAt(i);
      if (i != dash && Character.digit(c, 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
