package io.hearth.tsdb.head;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.model.LabelMatcher;
import io.hearth.model.Labels;
import io.hearth.model.ValueKind;
import io.hearth.storage.Appender;
import io.hearth.storage.Querier;
import io.hearth.storage.SampleIterator;
import io.hearth.storage.SeriesSet;
import io.hearth.testkit.Seed;
import io.hearth.testkit.SeededExtension;
import io.hearth.tsdb.TsdbObserver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SeededExtension.class)
class HeadChunkFilesTest {
  private static final int SERIES = 20;
  private static final int SAMPLES = 2000;
  private static final long STEP = 15_000;

  @TempDir Path dir;

  private long fileCount() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.count();
    }
  }

  @Test
  void fullChunksLiveInChunksHeadFilesAndReadBackExactly(Seed seed) throws IOException {
    Random r = seed.random();
    double[][] values = new double[SERIES][SAMPLES];
    Files.write(dir.resolve("000003"), new byte[] {9}); // left by an earlier process
    try (Head head = new Head(HeadLog.NONE, TsdbObserver.NONE, dir)) {
      assertThat(fileCount()).isZero();
      for (int i = 0; i < SAMPLES; i++) {
        Appender app = head.appender();
        for (int s = 0; s < SERIES; s++) {
          values[s][i] = r.nextInt(4) == 0 ? r.nextDouble() : i * 0.5 + s;
          app.append(0, Labels.of("__name__", "m", "s", "" + s), i * STEP, values[s][i]);
        }
        app.commit();
      }
      assertThat(fileCount()).isEqualTo(1);
      assertThat(head.chunkBytes()).isPositive();
      assertThat(Files.readAllBytes(dir.resolve("000001"))).startsWith(0x01, 0x30, 0xBC, 0x91, 1);

      int seen = 0;
      try (Querier q = head.querier(0, Long.MAX_VALUE)) {
        SeriesSet set = q.select(false, null, LabelMatcher.equal("__name__", "m"));
        SampleIterator it = null;
        while (set.next()) {
          int s = Integer.parseInt(set.at().labels().get("s"));
          it = set.at().iterator(it);
          int i = 0;
          while (it.next() == ValueKind.FLOAT) {
            assertThat(it.t()).isEqualTo(i * STEP);
            assertThat(it.v()).isEqualTo(values[s][i]);
            i++;
          }
          assertThat(i).isEqualTo(SAMPLES);
          seen++;
        }
      }
      assertThat(seen).isEqualTo(SERIES);

      long cut = MemSeries.rangeEnd(SAMPLES * STEP / 2);
      head.raiseFloor(cut);
      Head.Truncation t = head.truncateBefore(cut);
      assertThat(t.chunksDropped()).isPositive();
      try (Querier q = head.querier(0, Long.MAX_VALUE)) {
        SeriesSet set = q.select(false, null, LabelMatcher.equal("__name__", "m"));
        assertThat(set.next()).isTrue();
        SampleIterator it = set.at().iterator(null);
        assertThat(it.next()).isEqualTo(ValueKind.FLOAT);
        assertThat(it.t()).isEqualTo(cut);
      }
    }
    assertThat(fileCount()).isZero();
  }
}
