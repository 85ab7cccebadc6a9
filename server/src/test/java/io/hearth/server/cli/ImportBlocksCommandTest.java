package io.hearth.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.model.LabelMatcher;
import io.hearth.model.Labels;
import io.hearth.model.MatchType;
import io.hearth.model.ValueKind;
import io.hearth.server.Main;
import io.hearth.storage.Appender;
import io.hearth.storage.Querier;
import io.hearth.storage.SampleIterator;
import io.hearth.storage.SeriesSet;
import io.hearth.tsdb.Tsdb;
import io.hearth.tsdb.TsdbOptions;
import io.hearth.tsdb.block.BlockMeta;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ImportBlocksCommandTest {
  private static final long H = 3_600_000L;

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int execute(String... args) {
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd.execute(args);
  }

  private static TsdbOptions opts() {
    return TsdbOptions.defaults().withCompactionInterval(Duration.ZERO);
  }

  /** A database in {@code db} with blocks of the samples from {@code from} on, every minute. */
  private static List<BlockMeta> makeBlocks(Path db, long from, long to) {
    try (Tsdb t = Tsdb.open(db, opts())) {
      for (long ts = from; ts < to; ts += 60_000) {
        Appender a = t.appender();
        for (int s = 0; s < 5; s++) {
          a.append(0, Labels.of("__name__", "m", "s", "" + s), ts, ts / 1000.0 + s);
        }
        a.commit();
      }
      t.compact();
      return t.blocks();
    }
  }

  private static List<String> dump(Path db) {
    List<String> lines = new ArrayList<>();
    try (Tsdb t = Tsdb.open(db, opts());
        Querier q = t.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
      SeriesSet set = q.select(true, null, LabelMatcher.of(MatchType.REGEX, "__name__", ".+"));
      SampleIterator it = null;
      while (set.next()) {
        it = set.at().iterator(it);
        while (it.next() == ValueKind.FLOAT) {
          lines.add(set.at().labels() + "@" + it.t() + "=" + it.v());
        }
      }
    }
    return lines;
  }

  @Test
  void importsBlocksThatTheDatabaseThenLoads() {
    Path src = dir.resolve("src");
    List<BlockMeta> made = makeBlocks(src, 0, 5 * H + 120_000);
    assertThat(made).hasSize(2);
    List<String> inBlocks = dump(src).stream().filter(l -> l.contains("@")).toList();
    Path data = dir.resolve("data");
    int code = execute("import", "blocks", src.toString(), "--data-dir", data.toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("imported block " + made.get(0).ulid());
    Path db = data.resolve("instances").resolve("default");
    for (BlockMeta m : made) {
      assertThat(db.resolve(m.ulid()).resolve("meta.json")).exists();
    }
    List<String> imported = dump(db);
    // Only the blocks' range comes over: the source's head stays behind.
    assertThat(imported).hasSize(5 * 2 * 120).isSubsetOf(inBlocks);

    // The same blocks again are refused, naming the block.
    int again = execute("import", "blocks", src.toString(), "--data-dir", data.toString());
    assertThat(again).isEqualTo(2);
    assertThat(err.toString()).contains("already holds block " + made.get(0).ulid());
  }

  @Test
  void aDirectoryWithoutBlocksIsRefused() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    int code = execute("import", "blocks", empty.toString(), "--data-dir", dir.resolve("d") + "");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("no block directories");
    assertThat(dir.resolve("d")).doesNotExist();
  }

  @Test
  void aDamagedBlockIsRefusedAndNothingIsImported() throws IOException {
    Path src = dir.resolve("src");
    List<BlockMeta> made = makeBlocks(src, 0, 5 * H + 120_000);
    Path chunk;
    try (Stream<Path> s = Files.list(src.resolve(made.get(1).ulid()).resolve("chunks"))) {
      chunk = s.findFirst().orElseThrow();
    }
    // Flip a byte inside the first chunk's data: only a full read of the chunks finds it.
    try (FileChannel ch =
        FileChannel.open(chunk, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
      ch.read(b, 20);
      b.flip();
      b.put(0, (byte) (b.get(0) ^ 0x5a));
      ch.write(b, 20);
    }
    Path data = dir.resolve("data");
    int code = execute("import", "blocks", src.toString(), "--data-dir", data.toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains(made.get(1).ulid()).contains("nothing was imported");
    assertThat(data.resolve("instances/default/" + made.get(0).ulid())).doesNotExist();
  }

  @Test
  void recentBlocksAreRefusedUnlessAllowed() {
    long now = System.currentTimeMillis();
    long aligned = (now / (2 * H)) * 2 * H;
    Path src = dir.resolve("src");
    // Blocks [aligned - 2h, aligned) and [aligned, aligned + 2h): both end after now - 3h.
    List<BlockMeta> made = makeBlocks(src, aligned - 2 * H, aligned + 3 * H + 120_000);
    assertThat(made).hasSize(2);
    Path data = dir.resolve("data");
    BlockMeta last = made.getLast();
    assertThat(execute("import", "blocks", src.toString(), "--data-dir", data.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("within the last 3 h").contains("--allow-recent");
    assertThat(
            execute(
                "import",
                "blocks",
                src.toString(),
                "--data-dir",
                data.toString(),
                "--instance",
                "other",
                "--allow-recent"))
        .as(err.toString())
        .isZero();
    assertThat(data.resolve("instances/other/" + last.ulid())).exists();
  }
}
