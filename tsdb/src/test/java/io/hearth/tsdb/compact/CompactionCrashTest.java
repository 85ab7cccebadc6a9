package io.hearth.tsdb.compact;

import static io.hearth.tsdb.compact.BlockData.H;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.testkit.Seed;
import io.hearth.testkit.SeededExtension;
import io.hearth.tsdb.block.Block;
import io.hearth.tsdb.compact.BlockData.Model;
import io.hearth.tsdb.io.FileSeam;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILLs a real process while it compacts blocks (vertical merges, then a leveled one), at random
 * moments: after every kill the directory opens without leftovers and holds exactly the original
 * samples, and finishing the compaction still gives exactly them.
 */
@ExtendWith(SeededExtension.class)
class CompactionCrashTest {
  private static final int ROUNDS = 8;

  @TempDir Path root;

  private final FileSeam seam = FileSeam.real();

  @Test
  void killingACompactionAtAnyMomentLosesAndDuplicatesNothing(Seed seed) throws Exception {
    Random r = seed.random();
    int killedMidway = 0;
    for (int round = 0; round < ROUNDS; round++) {
      Path dir = Files.createDirectory(root.resolve("r" + round));
      // Eight 2 h blocks overlapping in pairs (half of the samples in common).
      Model want = new Model();
      for (int i = 0; i < 4; i++) {
        long lo = i * 2 * H;
        Model a = BlockData.random(r, 60, lo, lo + 2 * H, 10_000);
        Model b = BlockData.random(r, 60, lo, lo + 2 * H, 10_000);
        for (var e : a.series.entrySet()) {
          for (var s : e.getValue().entrySet()) {
            if (r.nextBoolean()) {
              b.put(e.getKey(), s.getKey(), s.getValue());
            }
          }
        }
        BlockData.write(seam, dir, a, lo, lo + 2 * H);
        BlockData.write(seam, dir, b, lo, lo + 2 * H);
        // The later-written block wins on equal timestamps.
        Model pair = new Model();
        pair.putAll(a);
        pair.putAll(b);
        want.putAll(pair);
      }
      boolean done = runAndKill(dir, r.nextInt(300));
      if (!done) {
        killedMidway++;
      }
      List<Block> blocks = BlockDirs.load(seam, dir);
      try (Compactor c = BlockData.compactor(seam, dir, blocks, Duration.ZERO)) {
        assertThat(names(dir)).noneMatch(n -> n.contains(".tmp"));
        assertThat(BlockData.dump(c.blocks())).isEqualTo(want.dump());
        c.compactBlocks();
        assertThat(c.blocks()).hasSize(2);
        assertThat(BlockData.dump(c.blocks())).isEqualTo(want.dump());
      }
      assertThat(names(dir)).hasSize(2);
    }
    System.out.printf(
        "compaction crash test: %d of %d children killed midway%n", killedMidway, ROUNDS);
  }

  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).toList();
    }
  }

  /**
   * Runs the child and SIGKILLs it {@code delayMs} after it is ready.
   *
   * @return whether it finished first
   */
  private static boolean runAndKill(Path dir, int delayMs) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                CrashCompactorMain.class.getName(),
                dir.toString()));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && !line.equals("READY")) {
        // Log lines before the child is ready.
      }
      assertThat(line).isEqualTo("READY");
      boolean exited = p.waitFor(delayMs, TimeUnit.MILLISECONDS);
      boolean done = false;
      if (exited) {
        while ((line = out.readLine()) != null) {
          done |= line.equals("DONE");
        }
      }
      p.destroyForcibly();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      return done;
    } finally {
      p.destroyForcibly();
    }
  }
}
