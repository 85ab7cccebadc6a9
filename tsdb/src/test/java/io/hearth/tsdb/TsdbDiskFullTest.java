package io.hearth.tsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.model.Labels;
import io.hearth.storage.Appender;
import io.hearth.storage.StorageException;
import io.hearth.testkit.Seed;
import io.hearth.testkit.SeededExtension;
import io.hearth.tsdb.io.FaultInjectingFileSeam;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk (issue 6): commits fail with a {@link StorageException} naming the cause and store
 * nothing, nothing acknowledged is lost, and once space returns commits succeed again without a
 * restart; after a crash the WAL replays exactly the acknowledged samples.
 */
@ExtendWith(SeededExtension.class)
class TsdbDiskFullTest {
  @TempDir Path dir;

  private static TsdbOptions opts() {
    return TsdbOptions.defaults()
        .withFsync(FsyncPolicy.ALWAYS, Duration.ofMillis(20))
        .withWalSegmentBytes(64 * 1024)
        .withCompactionInterval(Duration.ZERO);
  }

  /** Commits one sample for each of {@code series} series at {@code t}; adds them to expected. */
  private static void commit(
      Tsdb db, int firstSeries, int series, long t, Random rnd, TreeMap<String, Long> expected) {
    Appender app = db.appender();
    TreeMap<String, Long> batch = new TreeMap<>();
    for (int i = firstSeries; i < firstSeries + series; i++) {
      Labels labels = Labels.of("__name__", "m", "i", "" + i);
      double v = rnd.nextInt(1000);
      app.append(0, labels, t, v);
      batch.put(labels + "@" + t, Double.doubleToRawLongBits(v));
    }
    app.commit();
    expected.putAll(batch);
  }

  private static long segmentFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir.resolve("wal"))) {
      return s.filter(p -> p.getFileName().toString().matches("\\d{8}")).count();
    }
  }

  @Test
  void commitsFailWhileTheDiskIsFullAndSucceedOnceSpaceReturns(Seed seed) throws IOException {
    Random rnd = seed.random();
    FaultInjectingFileSeam seam = new FaultInjectingFileSeam();
    TreeMap<String, Long> acked = new TreeMap<>();
    Tsdb db = Tsdb.open(seam, dir, opts());
    long t = 0;
    for (int b = 0; b < 20; b++, t += 15_000) {
      commit(db, 0, 50, t, rnd, acked);
    }
    assertThat(TsdbTest.dump(db, "m")).isEqualTo(acked);
    long filesBefore = segmentFiles(dir);

    seam.setDiskFull(true);
    long failedAt = t;
    for (int attempt = 0; attempt < 100; attempt++) {
      // Known series and, every few attempts, series the WAL has never seen.
      int first = attempt % 4 == 0 ? 50 + attempt : 0;
      assertThatThrownBy(() -> commit(db, first, 50, failedAt, rnd, new TreeMap<>()))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("No space left on device");
    }
    // Nothing of the failed commits is visible, and retrying did not leave a file per attempt.
    assertThat(TsdbTest.dump(db, "m")).isEqualTo(acked);
    assertThat(segmentFiles(dir)).isLessThanOrEqualTo(filesBefore + 1);

    seam.setDiskFull(false);
    for (int b = 0; b < 20; b++, t += 15_000) {
      // The same batches the sender retried, new series included, now go through.
      commit(db, b % 4 == 0 ? 50 + b * 4 : 0, 50, t, rnd, acked);
    }
    assertThat(TsdbTest.dump(db, "m")).isEqualTo(acked);

    seam.crash();
    try {
      db.close();
    } catch (RuntimeException expectedAfterCrash) {
      // The handles died with the simulated crash.
    }
    try (Tsdb reopened = Tsdb.open(seam, dir, opts())) {
      assertThat(TsdbTest.dump(reopened, "m")).isEqualTo(acked);
      assertThat(reopened.replayResult().corruptions()).isZero();
    }
  }
}
