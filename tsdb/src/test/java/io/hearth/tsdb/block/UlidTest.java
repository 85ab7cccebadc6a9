package io.hearth.tsdb.block;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.testkit.Seed;
import io.hearth.testkit.SeededExtension;
import io.hearth.tsdb.io.FileSeam;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SeededExtension.class)
class UlidTest {
  private static final long T0 = 1_700_000_000_000L;

  @TempDir Path dir;

  @Test
  void creationTimesOfOneProcessStrictlyIncreaseWithinAMillisecond() {
    long now = System.currentTimeMillis() + 60_000;
    long a = Ulid.creationMillis(now);
    long b = Ulid.creationMillis(now);
    long c = Ulid.creationMillis(now - 5);
    assertThat(a).isGreaterThanOrEqualTo(now);
    assertThat(b).isEqualTo(a + 1);
    assertThat(c).isEqualTo(b + 1);
  }

  @Test
  void blocksWrittenBackToBackSortInTheOrderTheyWereCreated(Seed seed) throws Exception {
    // The compactor lets the later of two blocks with equal starts win equal timestamps, and
    // orders them by ULID: blocks written within one millisecond must still sort in order.
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      BlockMeta m =
          BlockWriter.create(FileSeam.real(), dir)
              .write(
                  TestData.asSet(TestData.randomSeries(seed.random(), 1, 3, T0)),
                  T0,
                  T0 + 3_600_000);
      created.add(m.ulid());
    }
    assertThat(created).isSorted().doesNotHaveDuplicates();
  }
}
