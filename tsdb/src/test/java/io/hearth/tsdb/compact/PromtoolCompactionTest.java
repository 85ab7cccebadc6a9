package io.hearth.tsdb.compact;

import static io.hearth.tsdb.compact.BlockData.H;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hearth.testkit.Seed;
import io.hearth.testkit.SeededExtension;
import io.hearth.tsdb.block.BlockMeta;
import io.hearth.tsdb.compact.BlockData.Model;
import io.hearth.tsdb.io.FileSeam;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compacted blocks checked with Prometheus' promtool: a level-2 block passes {@code tsdb analyze}
 * and {@code tsdb dump} shows exactly the samples promtool reads from its parents. Skipped visibly
 * when promtool is not on the PATH.
 */
@ExtendWith(SeededExtension.class)
class PromtoolCompactionTest {
  /** A 6 h-aligned epoch time, so that three 2 h blocks fill one 6 h range. */
  private static final long T0 = 98_000L * 6 * H;

  @TempDir Path root;

  private final FileSeam seam = FileSeam.real();

  @Test
  void aSixHourLevelTwoBlockPassesAnalyzeAndDumpsLikeItsParents(Seed seed) throws Exception {
    Path promtool = findPromtool();
    assumeTrue(promtool != null, "promtool not installed: compaction interop test skipped");
    Random r = seed.random();
    Path data = Files.createDirectory(root.resolve("data"));
    Path parents = Files.createDirectory(root.resolve("parents"));
    List<BlockMeta> written = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      long lo = T0 + i * 2 * H;
      Model m = BlockData.random(r, 30 + r.nextInt(20), lo, lo + 2 * H, 15_000);
      BlockMeta meta = BlockData.write(seam, data, m, lo, lo + 2 * H);
      if (i < 3) {
        BlockCompactionTest.copyTree(data.resolve(meta.ulid()), parents.resolve(meta.ulid()));
      }
      written.add(meta);
    }
    BlockMeta out;
    try (Compactor c = BlockData.compactor(seam, data, BlockDirs.load(seam, data), Duration.ZERO)) {
      List<BlockMeta> compacted = c.compactBlocks();
      assertThat(compacted).hasSize(1);
      out = compacted.get(0);
    }
    assertThat(out.level()).isEqualTo(2);
    assertThat(out.maxT() - out.minT()).isEqualTo(6 * H);
    Path only = Files.createDirectory(root.resolve("only"));
    BlockCompactionTest.copyTree(data.resolve(out.ulid()), only.resolve(out.ulid()));

    List<String> list = run(promtool, "tsdb", "list", only.toString());
    assertThat(list).hasSize(2);
    assertThat(list.get(1).trim().split("\\s+"))
        .startsWith(out.ulid(), Long.toString(out.minT()), Long.toString(out.maxT()), "6h0m0s");
    List<String> analyze = run(promtool, "tsdb", "analyze", "--extended", only.toString());
    assertThat(analyze).contains("Block ID: " + out.ulid());
    assertThat(analyze).contains("Series: " + out.numSeries());
    assertThat(analyze).anyMatch(l -> l.startsWith("Compaction analysis:"));

    assertThat(dump(promtool, only)).isEqualTo(dump(promtool, parents)).hasSizeGreaterThan(1000);
  }

  @Test
  void overlappingBlocksMergeIntoOneThatDumpsLikeThem(Seed seed) throws Exception {
    Path promtool = findPromtool();
    assumeTrue(promtool != null, "promtool not installed: compaction interop test skipped");
    Random r = seed.random();
    Path data = Files.createDirectory(root.resolve("data"));
    Path parents = Files.createDirectory(root.resolve("parents"));
    Model a = BlockData.random(r, 40, T0, T0 + 2 * H, 15_000);
    Model b = BlockData.random(r, 40, T0 + H, T0 + 3 * H, 15_000);
    // Duplicates with equal values only: Prometheus picks either sample on a conflict.
    for (var e : a.series.entrySet()) {
      for (var s : e.getValue().tailMap(T0 + H).entrySet()) {
        if (r.nextBoolean()) {
          b.put(e.getKey(), s.getKey(), s.getValue());
        }
      }
    }
    // b's own random samples can share a timestamp with a's: give those a's value as well (seed
    // 5C81AED98CA48053 drew one with another value, which either side may keep).
    for (var e : b.series.entrySet()) {
      var inA = a.series.get(e.getKey());
      if (inA != null) {
        for (var s : e.getValue().entrySet()) {
          Long same = inA.get(s.getKey());
          if (same != null) {
            s.setValue(same);
          }
        }
      }
    }
    for (BlockMeta m :
        List.of(
            BlockData.write(seam, data, a, T0, T0 + 2 * H),
            BlockData.write(seam, data, b, T0 + H, T0 + 3 * H))) {
      BlockCompactionTest.copyTree(data.resolve(m.ulid()), parents.resolve(m.ulid()));
    }
    try (Compactor c = BlockData.compactor(seam, data, BlockDirs.load(seam, data), Duration.ZERO)) {
      assertThat(c.compactBlocks()).hasSize(1);
      assertThat(c.blocks()).hasSize(1);
    }
    run(promtool, "tsdb", "analyze", data.toString());
    assertThat(dump(promtool, data)).isEqualTo(dump(promtool, parents)).hasSizeGreaterThan(1000);
  }

  private List<String> dump(Path promtool, Path blocks) throws Exception {
    Files.createDirectories(blocks.resolve("wal"));
    return run(promtool, "tsdb", "dump", blocks.toString());
  }

  private List<String> run(Path promtool, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(promtool.toString());
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(root, "promtool", ".out");
    Path err = Files.createTempFile(root, "promtool", ".err");
    Process p =
        new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue())
        .as("%s failed: %s", cmd, Files.readString(err, StandardCharsets.UTF_8))
        .isZero();
    return Files.readAllLines(out, StandardCharsets.UTF_8);
  }

  private static Path findPromtool() {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String d : path.split(File.pathSeparator)) {
      Path p = Path.of(d, "promtool");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }
}
