package io.hearth.bench.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Apparent size of a peer's data directory and whether it already holds Prometheus-format blocks
 * (directories named by a ULID), so bytes per sample can be labelled "head/WAL only" when no block
 * has been cut yet.
 *
 * @param bytes sum of regular file sizes below the directory
 * @param blocks number of ULID-named block directories found anywhere below it
 * @param blockBytes sum of regular file sizes inside those block directories
 * @param blockSamples sum of {@code stats.numSamples} of their meta.json files, so {@code
 *     blockBytes / blockSamples} compares Prometheus-format blocks across peers regardless of how
 *     much data each still keeps in its head and WAL
 */
public record DiskUsage(long bytes, int blocks, long blockBytes, long blockSamples) {
  private static final Pattern ULID = Pattern.compile("[0-9A-HJKMNP-TV-Z]{26}");
  private static final Pattern NUM_SAMPLES = Pattern.compile("\"numSamples\"\\s*:\\s*(\\d+)");

  /** Measures {@code dir}; files that vanish while walking (compaction) are skipped. */
  public static DiskUsage of(Path dir) throws IOException {
    long bytes = 0;
    int blocks = 0;
    long blockBytes = 0;
    long blockSamples = 0;
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        if (Files.isDirectory(p)) {
          if (ULID.matcher(p.getFileName().toString()).matches()) {
            blocks++;
            blockSamples += numSamples(p.resolve("meta.json"));
          }
        } else if (Files.isRegularFile(p)) {
          long size = sizeOrZero(p);
          bytes += size;
          if (insideBlock(dir, p)) {
            blockBytes += size;
          }
        }
      }
    }
    return new DiskUsage(bytes, blocks, blockBytes, blockSamples);
  }

  /** Bytes per sample of the blocks alone, NaN when there is no block. */
  public double blockBytesPerSample() {
    return blockSamples == 0 ? Double.NaN : (double) blockBytes / blockSamples;
  }

  private static boolean insideBlock(Path root, Path file) {
    for (Path p = file.getParent(); p != null && p.startsWith(root); p = p.getParent()) {
      if (ULID.matcher(p.getFileName().toString()).matches()) {
        return true;
      }
    }
    return false;
  }

  private static long numSamples(Path meta) {
    try {
      Matcher m = NUM_SAMPLES.matcher(Files.readString(meta));
      return m.find() ? Long.parseLong(m.group(1)) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private static long sizeOrZero(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }
}
