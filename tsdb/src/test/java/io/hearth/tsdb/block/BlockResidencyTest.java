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
import io.hearth.tsdb.ResidentPages;
import io.hearth.tsdb.io.FileSeam;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

  @TempDir Path dir;

  @Test
  void pagesReadByQueriesLeaveTheResidentSetOnceNoReaderCameForTheGracePeriod(Seed seed)
      throws Exception {
    assumeThat(Files.isReadable(ResidentPages.SMAPS)).isTrue();
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
      // The last reader left: the pages stay for the grace period, for the next query.
      assertThat(residentKiB(blockDir)).isEqualTo(whileReading);
      long left = System.nanoTime();
      assertThat(block.dropPagesIfIdle(left, 60_000_000_000L)).isFalse();
      assertThat(residentKiB(blockDir)).isEqualTo(whileReading);
      assertThat(block.dropPagesIfIdle(left + 60_000_000_000L, 60_000_000_000L)).isTrue();
      assertThat(residentKiB(blockDir)).isZero();
      assertThat(block.dropPagesIfIdle(left + 120_000_000_000L, 0)).isFalse();

      // The next query faults the same bytes back in; a reader holding the block keeps them.
      try (Querier again = block.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
        assertThat(readAll(again)).isEqualTo(samples);
        assertThat(block.dropPagesIfIdle(Long.MAX_VALUE, 0)).isFalse();
        assertThat(residentKiB(blockDir)).isPositive();
      }
      assertThat(block.dropPagesIfIdle(System.nanoTime(), 0)).isTrue();
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

  private static long residentKiB(Path blockDir) throws IOException {
    return ResidentPages.kib(blockDir);
  }
}
