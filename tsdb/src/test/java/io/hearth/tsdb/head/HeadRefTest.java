package io.hearth.tsdb.head;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.model.LabelMatcher;
import io.hearth.model.Labels;
import io.hearth.model.ValueKind;
import io.hearth.storage.Appender;
import io.hearth.storage.CommitResult;
import io.hearth.storage.Querier;
import io.hearth.storage.Rejection;
import io.hearth.storage.SampleIterator;
import io.hearth.storage.SeriesSet;
import io.hearth.testkit.Seed;
import io.hearth.testkit.SeededExtension;
import io.hearth.tsdb.TsdbObserver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Series refs handed out by the head's appenders: direct lookups by ref, refs that outlive their
 * series (truncation), and runs of samples of one series within a batch.
 */
@ExtendWith(SeededExtension.class)
class HeadRefTest {
  private static final long RANGE = MemSeries.CHUNK_RANGE_MS;

  private final Head head = new Head(HeadLog.NONE, TsdbObserver.NONE);

  @AfterEach
  void close() {
    head.close();
  }

  private static Labels series(int i) {
    return Labels.of("__name__", "m", "i", Integer.toString(i));
  }

  /** Every sample of the series with exactly these labels, as time to value. */
  private TreeMap<Long, Double> samples(Labels labels) {
    TreeMap<Long, Double> out = new TreeMap<>();
    try (Querier q = head.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
      SeriesSet set = q.select(true, null, LabelMatcher.equal("i", labels.get("i")));
      while (set.next()) {
        assertThat(set.at().labels()).isEqualTo(labels);
        SampleIterator it = set.at().iterator(null);
        while (it.next() == ValueKind.FLOAT) {
          out.put(it.t(), it.v());
        }
      }
    }
    return out;
  }

  /** Raises the floor to the start of range {@code k} and truncates before it. */
  private Head.Truncation truncateTo(int k) {
    head.raiseFloor(k * RANGE);
    return head.truncateBefore(k * RANGE);
  }

  @Test
  void aStaleRefAfterTruncationNeverAppendsToAnotherSeries() {
    Labels a = series(1);
    Labels b = series(2);
    Appender app = head.appender();
    long refA = app.append(0, a, 10, 1);
    long refB = app.append(0, b, 10, 1);
    app.commit();
    // b goes on into the next range, a does not: truncation removes a only.
    app = head.appender();
    assertThat(app.append(refB, b, RANGE + 10, 2)).isEqualTo(refB);
    app.commit();
    assertThat(truncateTo(1).seriesRemoved()).isEqualTo(1);
    assertThat(head.byRef(refA)).isNull();
    assertThat(head.byRef(refB)).isNotNull();

    // A new series never gets a's old ref, and a's old ref with other labels finds them.
    Labels c = series(3);
    app = head.appender();
    long refC = app.append(refA, c, RANGE + 20, 3);
    assertThat(refC).isPositive().isNotEqualTo(refA).isNotEqualTo(refB);
    // a comes back as a new series with a new ref, even when its old ref is passed.
    long refA2 = app.append(refA, a, RANGE + 20, 4);
    assertThat(refA2).isPositive().isNotIn(refA, refB, refC);
    // b's ref with a's labels is foreign: a's samples must not land in b.
    assertThat(app.append(refB, a, RANGE + 30, 5)).isEqualTo(refA2);
    assertThat(app.commit().samplesWritten()).isEqualTo(3);

    assertThat(samples(a)).containsExactly(Map.entry(RANGE + 20, 4.0), Map.entry(RANGE + 30, 5.0));
    assertThat(samples(b)).containsExactly(Map.entry(RANGE + 10, 2.0));
    assertThat(samples(c)).containsExactly(Map.entry(RANGE + 20, 3.0));
  }

  @Test
  void refsStayCorrectUnderChurnWithRandomStaleAndForeignRefs(Seed seed) {
    Random rnd = seed.random();
    int ids = 3 * 4096 + 100; // several pages of the by-ref table
    long[] knownRef = new long[ids];
    List<Long> issued = new ArrayList<>();
    Map<Integer, TreeMap<Long, Double>> model = new HashMap<>();
    for (int k = 0; k < 6; k++) {
      Appender app = head.appender();
      // Each range writes a random half of the ids, so truncation removes the other half.
      for (int id = 0; id < ids; id++) {
        if (rnd.nextBoolean()) {
          continue;
        }
        Labels labels = series(id);
        long ref =
            switch (rnd.nextInt(4)) {
              case 0 -> 0;
              case 1 -> knownRef[id];
              case 2 -> issued.isEmpty() ? 0 : issued.get(rnd.nextInt(issued.size()));
              default -> 1 + rnd.nextInt(ids * 8);
            };
        int steps = 1 + rnd.nextInt(4);
        for (int j = 0; j < steps; j++) {
          long t = k * RANGE + 1000L * (j + 1);
          double v = rnd.nextInt(1000);
          long r = app.append(ref, labels, t, v);
          assertThat(r).isPositive();
          assertThat(head.byRef(r).labels).isEqualTo(labels);
          ref = r;
          model.computeIfAbsent(id, x -> new TreeMap<>()).put(t, v);
        }
        knownRef[id] = ref;
        issued.add(ref);
      }
      app.commit();
      truncateTo(k);
      for (TreeMap<Long, Double> m : model.values()) {
        m.headMap(k * RANGE).clear();
      }
    }
    for (int id = 0; id < ids; id++) {
      TreeMap<Long, Double> want = model.getOrDefault(id, new TreeMap<>());
      assertThat(samples(series(id))).as("series %d", id).isEqualTo(want);
    }
    assertThat(head.numSeries())
        .isEqualTo(model.values().stream().filter(m -> !m.isEmpty()).count());
  }

  @Test
  void runsOfOneSeriesKeepTheBatchInOrderAndReleaseTheSeries() {
    Labels a = series(1);
    Labels b = series(2);
    Appender app = head.appender();
    long refA = app.append(0, a, 1000, 1);
    assertThat(app.append(refA, a, 2000, 2)).isEqualTo(refA);
    assertThat(app.append(refA, a, 3000, 3)).isEqualTo(refA);
    // Within the run: out of order, duplicates with the same and another value.
    assertThat(Rejection.of(app.append(refA, a, 2500, 9))).isEqualTo(Rejection.OUT_OF_ORDER);
    assertThat(app.append(refA, a, 3000, 3)).isEqualTo(refA);
    assertThat(Rejection.of(app.append(refA, a, 3000, 4))).isEqualTo(Rejection.DUPLICATE_TIMESTAMP);
    long refB = app.append(0, b, 1000, 1);
    // Back to a after b: checked against the end of a's run, not its first sample.
    assertThat(Rejection.of(app.append(refA, a, 2500, 9))).isEqualTo(Rejection.OUT_OF_ORDER);
    assertThat(app.append(refA, a, 4000, 4)).isEqualTo(refA);
    assertThat(app.append(refB, b, 2000, 2)).isEqualTo(refB);
    CommitResult r = app.commit();
    assertThat(r.samplesWritten()).isEqualTo(6);
    assertThat(samples(a))
        .containsExactly(
            Map.entry(1000L, 1.0),
            Map.entry(2000L, 2.0),
            Map.entry(3000L, 3.0),
            Map.entry(4000L, 4.0));
    assertThat(samples(b)).containsExactly(Map.entry(1000L, 1.0), Map.entry(2000L, 2.0));
    // Every pending hold was released: truncation can remove both series.
    assertThat(truncateTo(1).seriesRemoved()).isEqualTo(2);
    assertThat(head.numSeries()).isZero();
  }

  @Test
  void aRolledBackRunReleasesTheSeries() {
    Labels a = series(1);
    Appender app = head.appender();
    app.append(0, a, 1000, 1);
    app.commit();
    app = head.appender();
    long ref = app.append(0, a, 2000, 2);
    app.append(ref, a, 3000, 3);
    app.append(ref, a, 4000, 4);
    app.rollback();
    assertThat(truncateTo(1).seriesRemoved()).isEqualTo(1);
  }

  @Test
  void aConcurrentCommitOfNewerSamplesRejectsTheRestOfARunAtCommit() {
    Labels a = series(1);
    Appender slow = head.appender();
    long ref = slow.append(0, a, 1000, 1);
    slow.append(ref, a, 2000, 2);
    Appender fast = head.appender();
    fast.append(0, a, 5000, 5);
    fast.commit();
    CommitResult r = slow.commit();
    assertThat(r.samplesWritten()).isZero();
    assertThat(r.rejected(Rejection.OUT_OF_ORDER)).isEqualTo(2);
    assertThat(samples(a)).containsExactly(Map.entry(5000L, 5.0));
  }
}
