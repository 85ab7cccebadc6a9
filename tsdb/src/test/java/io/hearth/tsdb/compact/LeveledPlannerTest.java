package io.hearth.tsdb.compact;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.tsdb.block.BlockMeta;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Prometheus' leveled planning rules, on metas only. */
class LeveledPlannerTest {
  static final long H = 3_600_000L;
  static final LeveledPlanner P = new LeveledPlanner(new long[] {2 * H, 6 * H, 18 * H, 54 * H});
  private int next;

  private BlockMeta b(long minH, long maxH) {
    return b(minH, maxH, 100, 0);
  }

  private BlockMeta b(long minH, long maxH, long series, long tombstones) {
    String ulid = String.format("01ARZ3NDEKTSV4RRFFQ69G%04d", next++);
    return new BlockMeta(ulid, minH * H, maxH * H, 1000, series, 10, tombstones, 1, List.of(ulid));
  }

  @Test
  void rangesGrowByThreeAndStopAtATenthOfTheRetention() {
    assertThat(LeveledPlanner.ranges(Duration.ofDays(15))).containsExactly(2 * H, 6 * H, 18 * H);
    assertThat(LeveledPlanner.ranges(Duration.ofHours(60))).containsExactly(2 * H, 6 * H);
    assertThat(LeveledPlanner.ranges(Duration.ofHours(10))).containsExactly(2 * H);
    // No time retention: capped at 31 days (2 h * 3^5 = 486 h = 20.25 d; the next is 60.75 d).
    assertThat(LeveledPlanner.ranges(Duration.ZERO))
        .containsExactly(2 * H, 6 * H, 18 * H, 54 * H, 162 * H, 486 * H);
  }

  @Test
  void nothingToDoForFewBlocks() {
    assertThat(P.plan(List.of())).isEmpty();
    assertThat(P.plan(List.of(b(0, 2)))).isEmpty();
    assertThat(P.plan(List.of(b(0, 2), b(2, 4)))).isEmpty();
  }

  @Test
  void aFullRangeIsCompactedButNeverTheNewestBlock() {
    BlockMeta a = b(0, 2);
    BlockMeta c = b(2, 4);
    BlockMeta d = b(4, 6);
    BlockMeta e = b(6, 8);
    // Three blocks filling [0, 6h): the newest is still excluded, so no plan yet.
    assertThat(P.plan(List.of(a, c, d))).isEmpty();
    assertThat(P.plan(List.of(e, d, c, a))).containsExactly(a, c, d);
  }

  @Test
  void anIncompleteRangeIsCompactedOnceANewerBlockStartsAfterIt() {
    BlockMeta a = b(0, 2);
    BlockMeta c = b(2, 4);
    BlockMeta e = b(6, 8);
    BlockMeta f = b(8, 10);
    // [0, 4h) does not fill 6 h but ends before the second newest block's start (6 h).
    assertThat(P.plan(List.of(a, c, e, f))).containsExactly(a, c);
    // Only the newest after it: not yet.
    assertThat(P.plan(List.of(a, c, e))).isEmpty();
  }

  @Test
  void groupsWithGapsAndLargerLevelsAreFound() {
    BlockMeta l2a = b(0, 6);
    BlockMeta l2b = b(6, 12);
    BlockMeta l2c = b(12, 18);
    BlockMeta newer = b(18, 20);
    assertThat(P.plan(List.of(l2a, l2b, l2c, newer))).containsExactly(l2a, l2b, l2c);
    // A block larger than the range is skipped, not grouped.
    BlockMeta big = b(0, 18);
    assertThat(P.plan(List.of(big, b(18, 20), b(20, 22), b(22, 24), b(24, 26))))
        .extracting(BlockMeta::minT)
        .containsExactly(18 * H, 20 * H, 22 * H);
  }

  @Test
  void overlappingBlocksComeFirstIncludingTheNewest() {
    BlockMeta a = b(0, 2);
    BlockMeta c = b(2, 4);
    BlockMeta d = b(4, 6);
    BlockMeta late = b(5, 7);
    BlockMeta x = b(1, 3);
    assertThat(P.plan(List.of(a, c, d, late))).containsExactly(d, late);
    // Transitive runs: [0,2) [1,3) [2,4) overlap as one run; the later run waits.
    assertThat(P.plan(List.of(a, x, c, d, late))).containsExactly(a, x, c);
    assertThat(LeveledPlanner.overlapping(List.of(a, c, d))).isEmpty();
  }

  @Test
  void blocksWithManyTombstonesAreRewritten() {
    List<BlockMeta> bs = new ArrayList<>();
    BlockMeta big = b(0, 18, 100, 6);
    bs.add(big);
    bs.add(b(18, 20));
    assertThat(P.plan(bs)).containsExactly(big);
    BlockMeta fine = b(0, 18, 100, 5);
    assertThat(P.plan(List.of(fine, b(18, 20)))).isEmpty();
    // A small block only when everything is deleted.
    BlockMeta small = b(0, 2, 10, 3);
    assertThat(P.plan(List.of(small, b(2, 4)))).isEmpty();
    BlockMeta gone = b(0, 2, 10, 10);
    assertThat(P.plan(List.of(gone, b(2, 4)))).containsExactly(gone);
  }

  @Test
  void splitByRangeAlignsToTheEpoch() {
    List<List<BlockMeta>> g =
        LeveledPlanner.splitByRange(List.of(b(-2, 0), b(0, 2), b(4, 6), b(6, 8)), 6 * H);
    assertThat(g).hasSize(3);
    assertThat(g.get(0)).extracting(BlockMeta::minT).containsExactly(-2 * H);
    assertThat(g.get(1)).extracting(BlockMeta::minT).containsExactly(0L, 4 * H);
    assertThat(g.get(2)).extracting(BlockMeta::minT).containsExactly(6 * H);
  }
}
