package io.hearth.tsdb.compact;

import static io.hearth.tsdb.compact.BlockData.H;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.model.LabelMatcher;
import io.hearth.storage.ChunkIterator;
import io.hearth.storage.ChunkQuerier;
import io.hearth.storage.ChunkSeriesSet;
import io.hearth.testkit.Seed;
import io.hearth.testkit.SeededExtension;
import io.hearth.tsdb.block.Block;
import io.hearth.tsdb.block.BlockMeta;
import io.hearth.tsdb.compact.BlockData.Model;
import io.hearth.tsdb.io.FaultInjectingFileSeam;
import io.hearth.tsdb.io.FileSeam;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Block-to-block compaction: leveled and vertical merges, tombstones, reloads, crashes, faults. */
@ExtendWith(SeededExtension.class)
class BlockCompactionTest {
  @TempDir Path root;

  private Path dir;
  private final FileSeam seam = FileSeam.real();

  @BeforeEach
  void setUp() throws IOException {
    dir = Files.createDirectory(root.resolve("data"));
  }

  /** Writes level-1 blocks of 2 h each over {@code [0, count * 2 h)}; returns their model. */
  private Model writeLevelOne(Random r, int count) throws IOException {
    Model all = new Model();
    for (Model m : writeLevelOneBlocks(r, count)) {
      all.putAll(m);
    }
    return all;
  }

  /** Writes {@code count} adjacent 2 h blocks from 0 on; returns each one's samples, in order. */
  private List<Model> writeLevelOneBlocks(Random r, int count) throws IOException {
    List<Model> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Model m = BlockData.random(r, 20 + r.nextInt(30), i * 2 * H, (i + 1) * 2 * H, 15_000);
      BlockData.write(seam, dir, m, i * 2 * H, (i + 1) * 2 * H);
      out.add(m);
    }
    return out;
  }

  private List<String> blockDirs() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void threeTwoHourBlocksBecomeOneSixHourBlockWithTheSameSamples(Seed seed) throws Exception {
    Random r = seed.random();
    Model model = writeLevelOne(r, 4);
    List<BlockMeta> parents;
    BlockMeta out;
    try (Compactor c =
        BlockData.compactor(seam, dir, BlockDirs.load(seam, dir), Duration.ofDays(15))) {
      parents = c.blocks().stream().map(Block::meta).toList();
      assertThat(BlockData.dump(c.blocks())).isEqualTo(model.dump());
      List<BlockMeta> written = c.compactBlocks();
      assertThat(written).hasSize(1);
      out = written.get(0);
      assertThat(out.minT()).isEqualTo(0);
      assertThat(out.maxT()).isEqualTo(6 * H);
      assertThat(out.level()).isEqualTo(2);
      assertThat(out.sources())
          .containsExactlyElementsOf(parents.subList(0, 3).stream().map(BlockMeta::ulid).toList());
      assertThat(out.parents())
          .containsExactlyElementsOf(
              parents.subList(0, 3).stream()
                  .map(m -> new BlockMeta.Parent(m.ulid(), m.minT(), m.maxT()))
                  .toList());
      // The newest block is never planned; it stays as it was.
      assertThat(c.blocks()).extracting(Block::meta).containsExactly(out, parents.get(3));
      assertThat(BlockData.dump(c.blocks())).isEqualTo(model.dump());
      assertThat(c.compactBlocks()).isEmpty();
    }
    assertThat(blockDirs()).containsExactlyInAnyOrder(out.ulid(), parents.get(3).ulid());
    List<Block> reopened = BlockDirs.load(seam, dir);
    try {
      // meta.json round-trips, parents included.
      assertThat(reopened.get(0).meta()).isEqualTo(out);
      assertThat(BlockData.dump(reopened)).isEqualTo(model.dump());
      assertNoOverlappingChunks(reopened.get(0));
    } finally {
      reopened.forEach(Block::close);
    }
  }

  @Test
  void overlappingBlocksAreMergedWithDuplicatesDroppedAndTheLaterBlockWinning(Seed seed)
      throws Exception {
    Random r = seed.random();
    Model a = BlockData.random(r, 40, 0, 2 * H, 15_000);
    Model b = BlockData.random(r, 40, H, 3 * H, 15_000);
    // Copy part of a into b: some identical samples, some equal timestamps with other values.
    for (var e : a.series.entrySet()) {
      for (var s : e.getValue().tailMap(H).entrySet()) {
        long bits = r.nextBoolean() ? s.getValue() : Double.doubleToRawLongBits(r.nextDouble());
        b.put(e.getKey(), s.getKey(), bits);
      }
    }
    BlockMeta ma = BlockData.write(seam, dir, a, 0, 2 * H);
    BlockMeta mb = BlockData.write(seam, dir, b, H, 3 * H);
    Model want = new Model();
    want.putAll(a);
    want.putAll(b);
    try (Compactor c = BlockData.compactor(seam, dir, BlockDirs.load(seam, dir), Duration.ZERO)) {
      List<String> before = BlockData.dump(c.blocks());
      assertThat(before).isEqualTo(want.dump());
      List<BlockMeta> written = c.compactBlocks();
      assertThat(written).hasSize(1);
      BlockMeta out = written.get(0);
      assertThat(out.minT()).isZero();
      assertThat(out.maxT()).isEqualTo(3 * H);
      assertThat(out.parents()).extracting(BlockMeta.Parent::ulid).contains(ma.ulid(), mb.ulid());
      assertThat(out.numSamples()).isEqualTo(want.samples());
      assertThat(c.blocks()).hasSize(1);
      assertThat(BlockData.dump(c.blocks())).isEqualTo(before);
      assertNoOverlappingChunks(c.blocks().get(0));
    }
    assertThat(blockDirs()).hasSize(1);
  }

  @Test
  void cleanTombstonesRewritesBlocksWithoutTheDeletedSamples(Seed seed) throws Exception {
    Random r = seed.random();
    Model model = writeLevelOne(r, 2);
    try (Compactor c = BlockData.compactor(seam, dir, BlockDirs.load(seam, dir), Duration.ZERO)) {
      Block victim = c.blocks().get(r.nextInt(2));
      BlockMeta old = victim.meta();
      LabelMatcher m = LabelMatcher.equal("__name__", "m" + r.nextInt(4));
      long lo = old.minT() + r.nextInt((int) H);
      long hi = lo + r.nextInt((int) H);
      assertThat(c.deleteSeries(lo, hi, m)).isPositive();
      model.series.forEach(
          (l, s) -> {
            if (m.matches(l.get("__name__"))) {
              s.subMap(lo, true, hi, true).clear();
            }
          });
      model.series.values().removeIf(s -> s.isEmpty());
      assertThat(BlockData.dump(c.blocks())).isEqualTo(model.dump());
      List<BlockMeta> written = c.cleanTombstones();
      assertThat(written).hasSize(1);
      BlockMeta out = written.get(0);
      assertThat(out.numTombstones()).isZero();
      assertThat(out.minT()).isEqualTo(old.minT());
      assertThat(out.maxT()).isEqualTo(old.maxT());
      assertThat(out.level()).isEqualTo(old.level());
      assertThat(out.sources()).isEqualTo(old.sources());
      assertThat(out.numSamples()).isLessThan(old.numSamples());
      assertThat(c.blocks()).extracting(b -> b.meta().ulid()).doesNotContain(old.ulid());
      assertThat(BlockData.dump(c.blocks())).isEqualTo(model.dump());
      assertThat(c.cleanTombstones()).isEmpty();
    }
    List<Block> reopened = BlockDirs.load(seam, dir);
    try {
      assertThat(reopened).hasSize(2);
      assertThat(BlockData.dump(reopened)).isEqualTo(model.dump());
    } finally {
      reopened.forEach(Block::close);
    }
  }

  @Test
  void aBlockWhoseDataIsAllDeletedIsRemovedByCompaction(Seed seed) throws Exception {
    Random r = seed.random();
    Model model = writeLevelOne(r, 3);
    BlockMeta victim;
    try (Compactor c = BlockData.compactor(seam, dir, BlockDirs.load(seam, dir), Duration.ZERO)) {
      // The second newest: the planner looks at small blocks from the newest back, the newest
      // excluded, and rewrites one only when everything in it is deleted.
      victim = c.blocks().get(1).meta();
      assertThat(c.deleteSeries(victim.minT(), victim.maxT() - 1, BlockData.ALL))
          .isEqualTo((int) victim.numSeries());
      assertThat(c.blocks().get(1).meta().numTombstones()).isEqualTo(victim.numSeries());
      model.series.values().forEach(s -> s.subMap(victim.minT(), victim.maxT()).clear());
      model.series.values().removeIf(s -> s.isEmpty());
      assertThat(c.compactBlocks()).isEmpty();
      assertThat(c.blocks()).hasSize(2).noneMatch(b -> b.meta().ulid().equals(victim.ulid()));
      assertThat(BlockData.dump(c.blocks())).isEqualTo(model.dump());
    }
    assertThat(blockDirs()).hasSize(2).doesNotContain(victim.ulid());
  }

  @Test
  void parentsLeftByACrashAfterTheRenameAreDeletedAtOpen(Seed seed) throws Exception {
    Random r = seed.random();
    Model model = writeLevelOne(r, 4);
    Path saved = Files.createDirectory(root.resolve("saved"));
    List<String> parents;
    try (Compactor c = BlockData.compactor(seam, dir, BlockDirs.load(seam, dir), Duration.ZERO)) {
      parents = c.blocks().subList(0, 3).stream().map(b -> b.meta().ulid()).toList();
      for (String p : parents) {
        copyTree(dir.resolve(p), saved.resolve(p));
      }
      assertThat(c.compactBlocks()).hasSize(1);
    }
    // The crash: the parents' deletion never happened.
    for (String p : parents) {
      copyTree(saved.resolve(p), dir.resolve(p));
    }
    assertThat(blockDirs()).hasSize(5);
    List<Block> reopened = BlockDirs.load(seam, dir);
    try {
      assertThat(reopened).hasSize(2);
      assertThat(reopened.get(0).meta().level()).isEqualTo(2);
      assertThat(BlockData.dump(reopened)).isEqualTo(model.dump());
    } finally {
      reopened.forEach(Block::close);
    }
    assertThat(blockDirs()).hasSize(2).doesNotContainAnyElementsOf(parents);
  }

  @Test
  void aFailureWhileWritingTheMergedBlockLeavesTheParentsInPlace(Seed seed) throws Exception {
    Random r = seed.random();
    Model model = writeLevelOne(r, 4);
    FaultInjectingFileSeam faulty = new FaultInjectingFileSeam();
    List<String> before = blockDirs();
    try (Compactor c =
        BlockData.compactor(faulty, dir, BlockDirs.load(faulty, dir), Duration.ZERO)) {
      List<Block> parents = c.blocks();
      if (r.nextBoolean()) {
        faulty.failNextFsync();
      } else {
        faulty.tearNextWrite(r.nextInt(100));
      }
      assertThatThrownBy(c::compactBlocks).isInstanceOf(IOException.class);
      assertThat(c.blocks()).isEqualTo(parents);
      assertThat(BlockData.dump(c.blocks())).isEqualTo(model.dump());
      assertThat(blockDirs()).isEqualTo(before);
      // The next attempt succeeds.
      assertThat(c.compactBlocks()).hasSize(1);
      assertThat(BlockData.dump(c.blocks())).isEqualTo(model.dump());
    }
    List<Block> reopened = BlockDirs.load(seam, dir);
    try {
      assertThat(reopened).hasSize(2);
      assertThat(BlockData.dump(reopened)).isEqualTo(model.dump());
    } finally {
      reopened.forEach(Block::close);
    }
    assertThat(blockDirs()).noneMatch(n -> n.contains(".tmp"));
  }

  @Test
  void reloadPublishesImportedBlocksAndCompactionMergesThemWithOverlappingOnes(Seed seed)
      throws Exception {
    Random r = seed.random();
    List<Model> levelOne = writeLevelOneBlocks(r, 2);
    try (Compactor c = BlockData.compactor(seam, dir, BlockDirs.load(seam, dir), Duration.ZERO)) {
      assertThat(c.reloadBlocks()).isZero();
      Model imported = BlockData.random(r, 30, H, 3 * H, 30_000);
      BlockMeta im = BlockData.write(seam, dir, imported, H, 3 * H);
      Files.createDirectories(
          dir.resolve("01ARZ3NDEKTSV4RRFFQ69G5FAV" + BlockDirs.CREATION_SUFFIX));
      Files.createDirectories(dir.resolve("01ARZ3NDEKTSV4RRFFQ69G5FAW"));
      assertThat(c.reloadBlocks()).isEqualTo(1);
      assertThat(c.blocks()).extracting(b -> b.meta().ulid()).contains(im.ulid());
      assertThat(c.reloadBlocks()).isZero();
      // The empty directory was damaged: moved aside. The unfinished one is left alone.
      assertThat(dir.resolve(BlockDirs.CORRUPTED_DIR).resolve("01ARZ3NDEKTSV4RRFFQ69G5FAW"))
          .isDirectory();
      assertThat(dir.resolve("01ARZ3NDEKTSV4RRFFQ69G5FAV" + BlockDirs.CREATION_SUFFIX))
          .isDirectory();
      // Merging orders the parents by start time; on equal timestamps the later parent wins, so
      // the imported block [1h, 3h) beats the first 2 h block and loses to the second.
      Model model = new Model();
      model.putAll(levelOne.get(0));
      model.putAll(imported);
      model.putAll(levelOne.get(1));
      List<BlockMeta> written = c.compactBlocks();
      assertThat(written).hasSize(1);
      assertThat(c.blocks()).hasSize(1);
      assertThat(BlockData.dump(c.blocks())).isEqualTo(model.dump());
    }
  }

  @Test
  void blockQueriersSeeEachSampleOnceWhileBlocksAreCompacted(Seed seed) throws Exception {
    Random r = seed.random();
    Model model = writeLevelOne(r, 7);
    try (Compactor c = BlockData.compactor(seam, dir, BlockDirs.load(seam, dir), Duration.ZERO)) {
      List<String> want = model.dump();
      Thread t =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      c.compactBlocks();
                    } catch (IOException e) {
                      throw new RuntimeException(e);
                    }
                  });
      int reads = 0;
      while (t.isAlive() || reads == 0) {
        assertThat(BlockData.dumpQueriers(c.blockQueriers(Long.MIN_VALUE, Long.MAX_VALUE)))
            .isEqualTo(want);
        reads++;
      }
      t.join();
      assertThat(c.blocks()).extracting(b -> b.meta().level()).contains(2);
    }
  }

  static void assertNoOverlappingChunks(Block b) {
    try (ChunkQuerier q = b.chunkQuerier(Long.MIN_VALUE, Long.MAX_VALUE)) {
      ChunkSeriesSet set = q.select(true, null, BlockData.ALL);
      while (set.next()) {
        ChunkIterator it = set.at().iterator(null);
        long prev = Long.MIN_VALUE;
        while (it.next()) {
          assertThat(it.minT()).isGreaterThan(prev);
          assertThat(it.maxT()).isGreaterThanOrEqualTo(it.minT());
          prev = it.maxT();
        }
      }
    }
  }

  static void copyTree(Path from, Path to) throws IOException {
    List<Path> all;
    try (Stream<Path> s = Files.walk(from)) {
      all = new ArrayList<>(s.toList());
    }
    for (Path p : all) {
      Path target = to.resolve(from.relativize(p).toString());
      if (Files.isDirectory(p)) {
        Files.createDirectories(target);
      } else {
        Files.copy(p, target);
      }
    }
  }
}
