package io.hearth.tsdb;

import static io.hearth.tsdb.CompactionTest.H;
import static io.hearth.tsdb.CompactionTest.dump;
import static io.hearth.tsdb.CompactionTest.dumpChunks;
import static io.hearth.tsdb.CompactionTest.opts;
import static io.hearth.tsdb.CompactionTest.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.model.LabelMatcher;
import io.hearth.model.MatchType;
import io.hearth.storage.Querier;
import io.hearth.storage.SeriesSet;
import io.hearth.testkit.Seed;
import io.hearth.testkit.SeededExtension;
import io.hearth.testkit.memory.MemoryStorage;
import io.hearth.tsdb.block.BlockMeta;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential tests of {@link Tsdb#delete}: random data in blocks and head, random deletions, and
 * every read path compared with the naive expectation (all samples minus the deleted ones), also
 * after a restart and after the head holding deleted data is compacted.
 */
@ExtendWith(SeededExtension.class)
class TsdbDeleteTest {
  /** Above the head's parallel-decoding threshold (64), so that both head read paths run. */
  private static final int SERIES = 80;

  @TempDir java.nio.file.Path dir;

  /** One deletion: the series matching {@code matchers}, times in {@code [minT, maxT]}. */
  private record Deletion(long minT, long maxT, LabelMatcher[] matchers) {}

  private static LabelMatcher[] randomMatchers(Random rnd) {
    return switch (rnd.nextInt(4)) {
      case 0 -> new LabelMatcher[] {LabelMatcher.equal("__name__", "m" + rnd.nextInt(3))};
      case 1 -> new LabelMatcher[] {LabelMatcher.equal("i", "" + rnd.nextInt(30))};
      case 2 ->
          new LabelMatcher[] {
            LabelMatcher.equal("job", "j" + rnd.nextInt(5)),
            LabelMatcher.of(MatchType.NOT_EQUAL, "__name__", "m" + rnd.nextInt(3))
          };
      default -> new LabelMatcher[] {LabelMatcher.of(MatchType.REGEX, "i", "1.*")};
    };
  }

  /** The expected samples: every sample of {@code all} not hit by a deletion. */
  private static List<String> expected(
      MemoryStorage all, List<Deletion> deletions, long minT, long maxT) {
    List<Set<String>> matched = new ArrayList<>();
    for (Deletion d : deletions) {
      Set<String> names = new HashSet<>();
      try (Querier q = all.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
        SeriesSet set = q.select(false, null, d.matchers());
        while (set.next()) {
          names.add(set.at().labels().toString());
        }
      }
      matched.add(names);
    }
    List<String> out = new ArrayList<>();
    for (String line : dump(all, minT, maxT)) {
      int at = line.lastIndexOf('@');
      String labels = line.substring(0, at);
      long t = Long.parseLong(line.substring(at + 1, line.indexOf('=', at)));
      boolean deleted = false;
      for (int k = 0; k < deletions.size() && !deleted; k++) {
        Deletion d = deletions.get(k);
        deleted = t >= d.minT() && t <= d.maxT() && matched.get(k).contains(labels);
      }
      if (!deleted) {
        out.add(line);
      }
    }
    return out;
  }

  private static void assertMatches(
      Tsdb db, MemoryStorage all, List<Deletion> deletions, Random rnd) {
    List<String> want = expected(all, deletions, Long.MIN_VALUE, Long.MAX_VALUE);
    assertThat(dump(db, Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(want);
    assertThat(dumpChunks(db, Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(want);
    for (int i = 0; i < 4; i++) {
      long a = rnd.nextLong(8 * H);
      long b = a + rnd.nextLong(3 * H);
      assertThat(dump(db, a, b)).isEqualTo(expected(all, deletions, a, b));
    }
  }

  private static Deletion randomDeletion(Random rnd, long from, long to) {
    long a = from + rnd.nextLong(to - from);
    long b = Math.min(to - 1, a + rnd.nextLong(2 * H));
    return new Deletion(a, b, randomMatchers(rnd));
  }

  @Test
  void deletionsHideSamplesInBlocksAndHeadAcrossRestartAndCompaction(Seed seed) {
    Random rnd = seed.random();
    MemoryStorage all = MemoryStorage.create();
    List<Deletion> deletions = new ArrayList<>();
    try (Tsdb db = Tsdb.open(dir, opts())) {
      write(rnd, SERIES, 0, 5 * H + 120_000, 60_000, db, all);
      assertThat(db.compact()).hasSize(2); // [0, 2h) and [2h, 4h); the head keeps [4h, 5h)
      for (int i = 0; i < 6; i++) {
        Deletion d = randomDeletion(rnd, 0, 5 * H);
        deletions.add(d);
        db.delete(d.minT(), d.maxT(), d.matchers());
        assertMatches(db, all, deletions, rnd);
      }
      // A deletion of the head only, over every series.
      Deletion wide =
          new Deletion(4 * H + 600_000, 4 * H + 1_200_000, new LabelMatcher[] {CompactionTest.ALL});
      deletions.add(wide);
      db.delete(wide.minT(), wide.maxT(), wide.matchers());
      assertMatches(db, all, deletions, rnd);
      assertThat(dump(db, 4 * H + 600_000, 4 * H + 1_200_000)).isEmpty();
      // Cleaning rewrites the blocks without the deleted samples; the data stays the same.
      db.cleanTombstones();
      assertThat(db.blocks()).allSatisfy(b -> assertThat(b.numTombstones()).isZero());
      assertMatches(db, all, deletions, rnd);
    }
    // The head's deletions come back from the WAL, the blocks' from their tombstone files.
    try (Tsdb db = Tsdb.open(dir, opts())) {
      assertMatches(db, all, deletions, rnd);
      write(rnd, SERIES, 5 * H + 120_000, 7 * H + 120_000, 60_000, db, all);
      List<BlockMeta> written = db.compact();
      assertThat(written).hasSize(1);
      BlockMeta cut = written.getFirst();
      assertThat(cut.minT()).isEqualTo(4 * H);
      // The block cut from the head holds exactly the surviving samples and no tombstones.
      assertThat(cut.numTombstones()).isZero();
      assertThat(cut.numSamples()).isEqualTo(expected(all, deletions, 4 * H, 6 * H - 1).size());
      assertMatches(db, all, deletions, rnd);
    }
    try (Tsdb db = Tsdb.open(dir, opts())) {
      assertMatches(db, all, deletions, rnd);
    }
  }

  @Test
  void deletingNothingOrAnEmptyRangeChangesNothing(Seed seed) {
    Random rnd = seed.random();
    MemoryStorage all = MemoryStorage.create();
    try (Tsdb db = Tsdb.open(dir, opts())) {
      write(rnd, 10, 0, 3 * H, 60_000, db, all);
      db.delete(0, 10 * H, LabelMatcher.equal("__name__", "absent"));
      db.delete(5 * H, 4 * H, CompactionTest.ALL);
      assertThat(dump(db, Long.MIN_VALUE, Long.MAX_VALUE))
          .isEqualTo(dump(all, Long.MIN_VALUE, Long.MAX_VALUE));
    }
  }

  @Test
  void appendsGoOnWhileDeletionsRun(Seed seed) throws Exception {
    Random rnd = seed.random();
    MemoryStorage all = MemoryStorage.create();
    try (Tsdb db = Tsdb.open(dir, opts())) {
      write(rnd, 20, 0, H, 60_000, db, all);
      Thread deleter =
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int i = 0; i < 50; i++) {
                      db.delete(0, H / 2, LabelMatcher.equal("i", "" + (i % 20)));
                    }
                  });
      // Appends after the deleted range are unaffected by the deletions running meanwhile.
      write(new Random(rnd.nextLong()), 20, H, 2 * H, 60_000, db, all);
      deleter.join();
      List<Deletion> deletions =
          List.of(new Deletion(0, H / 2, new LabelMatcher[] {CompactionTest.ALL}));
      assertThat(dump(db, Long.MIN_VALUE, Long.MAX_VALUE))
          .isEqualTo(expected(all, deletions, Long.MIN_VALUE, Long.MAX_VALUE));
    }
  }
}
