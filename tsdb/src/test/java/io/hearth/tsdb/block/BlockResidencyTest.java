package io.hearth.tsdb.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.hearth.model.LabelMatcher;
import io.hearth.model.MatchType;
import io.hearth.model.ValueKind;
import io.hearth.storage.Querier;
import io.hearth.storage.SampleIterator;
import io.hearth.storage.SeriesSet;
import io.hearth.testkit.Seed;
import io.hearth.testkit.SeededExtension;
import io.hearth.tsdb.io.FileSeam;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks through Linux' {@code /proc/self/smaps} that an idle block keeps none of its mapped pages
 * in the process' resident set (skipped where that file does not exist).
 */
@ExtendWith(SeededExtension.class)
class BlockResidencyTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final Path SMAPS = Path.of("/proc/self/smaps");

  @TempDir Path dir;

  @Test
  void pagesReadByQueriesLeaveTheResidentSetWhenTheLastReaderCloses(Seed seed) throws Exception {
    assumeThat(Files.isReadable(SMAPS)).isTrue();
    BlockMeta meta =
        BlockWriter.create(FileSeam.real(), dir)
            .write(
                TestData.asSet(TestData.randomSeries(seed.random(), 300, 3000, T0)),
                T0,
                T0 + 86_400_000);
    Path blockDir = dir.resolve(meta.ulid());
    try (Block block = Block.open(blockDir)) {
      // Opening validated the whole index; those pages are dropped already.
      assertThat(residentKiB(blockDir)).isZero();

      Querier first = block.querier(Long.MIN_VALUE, Long.MAX_VALUE);
      Querier second = block.querier(Long.MIN_VALUE, Long.MAX_VALUE);
      long samples = readAll(first);
      assertThat(samples).isPositive();
      long whileReading = residentKiB(blockDir);
      assertThat(whileReading).isPositive();

      // Another reader still holds the block: nothing is dropped under it.
      first.close();
      assertThat(residentKiB(blockDir)).isEqualTo(whileReading);

      assertThat(readAll(second)).isEqualTo(samples);
      second.close();
      assertThat(residentKiB(blockDir)).isZero();

      // The next query faults the same bytes back in.
      try (Querier again = block.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
        assertThat(readAll(again)).isEqualTo(samples);
      }
      assertThat(residentKiB(blockDir)).isZero();
    }
  }

  private static long readAll(Querier q) {
    long n = 0;
    SeriesSet set = q.select(false, null, LabelMatcher.of(MatchType.REGEX, "__name__", ".+"));
    while (set.next()) {
      SampleIterator it = set.at().iterator(null);
      while (it.next() != ValueKind.NONE) {
        n++;
      }
    }
    return n;
  }

  /** The resident KiB of every mapping of a file under {@code blockDir}. */
  private static long residentKiB(Path blockDir) throws IOException {
    String prefix = blockDir.toRealPath().toString() + "/";
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
