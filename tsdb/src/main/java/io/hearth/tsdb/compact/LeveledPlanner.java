package io.hearth.tsdb.compact;

import io.hearth.tsdb.block.BlockMeta;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses which blocks to compact together, with Prometheus' leveled rules. Pure and immutable;
 * thread-safe.
 *
 * <p>In order of priority, a plan is:
 *
 * <ol>
 *   <li>the first run of blocks whose time ranges overlap (vertical compaction);
 *   <li>otherwise, leaving out the block that starts last (it may still grow, as Prometheus assumes
 *       of the newest block), for each range after the first (6 h, 18 h, ...): the blocks are split
 *       into groups that fit in the same epoch-aligned range, blocks larger than the range being
 *       skipped; the first group of at least two blocks that spans the whole range or ends no later
 *       than the start of the newest block is the plan;
 *   <li>otherwise, scanning from the newest of those blocks back, the first block of at least the
 *       middle range whose tombstones exceed 5% of its series, or a smaller one whose tombstones
 *       are at least as many as its series; the scan stops at the first smaller block.
 * </ol>
 */
public final class LeveledPlanner {
  /** The first block range: the head's 2 h. */
  public static final long MIN_RANGE_MS = 2 * 60 * 60 * 1000L;

  /** The largest block range whatever the retention, as Prometheus: 31 days. */
  public static final long MAX_RANGE_MS = 31L * 24 * 60 * 60 * 1000;

  private final long[] ranges;

  /**
   * Creates a planner.
   *
   * @param ranges block ranges in milliseconds, increasing; the first is the head's block range
   */
  public LeveledPlanner(long[] ranges) {
    if (ranges.length == 0) {
      throw new IllegalArgumentException("no block ranges");
    }
    for (int i = 1; i < ranges.length; i++) {
      if (ranges[i] <= ranges[i - 1]) {
        throw new IllegalArgumentException("block ranges must increase");
      }
    }
    this.ranges = ranges.clone();
  }

  /**
   * The ranges Prometheus uses: 2 h times powers of 3 (ten steps), keeping those not above the
   * largest block duration, min(31 d, retention / 10); the first range is always kept.
   *
   * @param retention the time retention; zero or negative means none (the 31 d cap applies)
   * @return the ranges in milliseconds, increasing
   */
  public static long[] ranges(Duration retention) {
    long max = MAX_RANGE_MS;
    if (retention.isPositive()) {
      max = Math.min(max, retention.toMillis() / 10);
    }
    List<Long> out = new ArrayList<>();
    long r = MIN_RANGE_MS;
    for (int i = 0; i < 10; i++, r *= 3) {
      if (i > 0 && r > max) {
        break;
      }
      out.add(r);
    }
    long[] a = new long[out.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = out.get(i);
    }
    return a;
  }

  /** The ranges in use, in milliseconds. */
  public long[] ranges() {
    return ranges.clone();
  }

  /**
   * Plans one compaction.
   *
   * @param blocks the metas of the open blocks, in any order
   * @return the metas to compact into one block, sorted by minT; empty if there is nothing to do. A
   *     single meta means the block is to be rewritten without its deleted data.
   */
  public List<BlockMeta> plan(List<BlockMeta> blocks) {
    List<BlockMeta> sorted = new ArrayList<>(blocks);
    sorted.sort(Comparator.comparingLong(BlockMeta::minT).thenComparing(BlockMeta::ulid));
    List<BlockMeta> overlapping = overlapping(sorted);
    if (!overlapping.isEmpty()) {
      return overlapping;
    }
    if (sorted.isEmpty()) {
      return List.of();
    }
    List<BlockMeta> older = sorted.subList(0, sorted.size() - 1);
    List<BlockMeta> leveled = leveled(older);
    if (!leveled.isEmpty()) {
      return leveled;
    }
    for (int i = older.size() - 1; i >= 0; i--) {
      BlockMeta m = older.get(i);
      if (m.maxT() - m.minT() < ranges[ranges.length / 2]) {
        // A small block is still rewritten if everything in it is deleted.
        if (m.numTombstones() > 0 && m.numTombstones() >= m.numSeries()) {
          return List.of(m);
        }
        break;
      }
      if ((double) m.numTombstones() / (m.numSeries() + 1) > 0.05) {
        return List.of(m);
      }
    }
    return List.of();
  }

  /** The first run of blocks (sorted by minT) whose ranges overlap, or empty. */
  static List<BlockMeta> overlapping(List<BlockMeta> sorted) {
    List<BlockMeta> run = new ArrayList<>();
    if (sorted.size() < 2) {
      return run;
    }
    long maxT = sorted.get(0).maxT();
    for (int i = 1; i < sorted.size(); i++) {
      BlockMeta m = sorted.get(i);
      if (m.minT() < maxT) {
        if (run.isEmpty()) {
          run.add(sorted.get(i - 1));
        }
        run.add(m);
      } else if (!run.isEmpty()) {
        break;
      }
      maxT = Math.max(maxT, m.maxT());
    }
    return run;
  }

  private List<BlockMeta> leveled(List<BlockMeta> older) {
    if (ranges.length < 2 || older.isEmpty()) {
      return List.of();
    }
    long newestStart = older.get(older.size() - 1).minT();
    for (int r = 1; r < ranges.length; r++) {
      long range = ranges[r];
      for (List<BlockMeta> group : splitByRange(older, range)) {
        long lo = group.get(0).minT();
        long hi = group.get(group.size() - 1).maxT();
        if (group.size() > 1 && (hi - lo == range || hi <= newestStart)) {
          return group;
        }
      }
    }
    return List.of();
  }

  /**
   * Groups consecutive blocks (sorted by minT) that lie in the same epoch-aligned range of {@code
   * range} ms; a block that does not fit in the range that contains its start is left out.
   */
  static List<List<BlockMeta>> splitByRange(List<BlockMeta> sorted, long range) {
    List<List<BlockMeta>> groups = new ArrayList<>();
    int i = 0;
    while (i < sorted.size()) {
      long t0 = Math.floorDiv(sorted.get(i).minT(), range) * range;
      if (sorted.get(i).maxT() > t0 + range) {
        i++;
        continue;
      }
      List<BlockMeta> group = new ArrayList<>();
      while (i < sorted.size() && sorted.get(i).maxT() <= t0 + range) {
        group.add(sorted.get(i));
        i++;
      }
      groups.add(group);
    }
    return groups;
  }
}
