package io.hearth.tsdb;

import static io.hearth.tsdb.CompactionTest.H;
import static io.hearth.tsdb.CompactionTest.dump;
import static io.hearth.tsdb.CompactionTest.opts;
import static io.hearth.tsdb.CompactionTest.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.model.LabelMatcher;
import io.hearth.testkit.Seed;
import io.hearth.testkit.SeededExtension;
import io.hearth.testkit.memory.MemoryStorage;
import io.hearth.tsdb.block.BlockMeta;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Tests of {@link Tsdb#snapshot}: hard-linked blocks, the head as a block, and reopening. */
@ExtendWith(SeededExtension.class)
class TsdbSnapshotTest {
  @TempDir Path dir;

  @Test
  void aSnapshotWithTheHeadOpensAsTheSameData(Seed seed) throws IOException {
    Random rnd = seed.random();
    MemoryStorage all = MemoryStorage.create();
    Path db1 = dir.resolve("db");
    String name;
    List<String> before;
    List<BlockMeta> blocks;
    try (Tsdb db = Tsdb.open(db1, opts())) {
      write(rnd, 20, 0, 5 * H + 120_000, 60_000, db, all);
      assertThat(db.compact()).hasSize(2);
      db.delete(H, H + 600_000, LabelMatcher.equal("i", "3"));
      db.delete(4 * H, 4 * H + 600_000, LabelMatcher.equal("i", "4"));
      before = dump(db, Long.MIN_VALUE, Long.MAX_VALUE);
      blocks = db.blocks();
      name = db.snapshot(true);
    }
    assertThat(name).matches("\\d{8}T\\d{6}Z-[0-9a-f]{16}");
    Path snap = db1.resolve(Tsdb.SNAPSHOTS_DIR).resolve(name);
    // Every block file is a hard link: the same inode as the database's file.
    for (BlockMeta b : blocks) {
      try (Stream<Path> files = Files.walk(db1.resolve(b.ulid()))) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          Path linked = snap.resolve(db1.relativize(f).toString());
          assertThat(Files.getAttribute(linked, "unix:ino"))
              .as(linked.toString())
              .isEqualTo(Files.getAttribute(f, "unix:ino"));
        }
      }
    }
    try (Tsdb copy = Tsdb.open(snap, opts())) {
      assertThat(copy.blocks()).hasSize(3); // two linked blocks and the head's
      assertThat(dump(copy, Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(before);
    }
  }

  @Test
  void skipHeadLinksOnlyTheBlocks(Seed seed) {
    Random rnd = seed.random();
    MemoryStorage all = MemoryStorage.create();
    Path db1 = dir.resolve("db");
    Path parent = dir.resolve("elsewhere");
    String name;
    try (Tsdb db = Tsdb.open(db1, opts())) {
      write(rnd, 10, 0, 4 * H, 60_000, db, all);
      assertThat(db.compact()).hasSize(1); // [0, 2h); the head keeps [2h, 4h)
      name = db.snapshot(parent, false);
    }
    try (Tsdb copy = Tsdb.open(parent.resolve(name), opts())) {
      assertThat(copy.blocks()).hasSize(1);
      assertThat(dump(copy, Long.MIN_VALUE, Long.MAX_VALUE))
          .isEqualTo(dump(all, Long.MIN_VALUE, 2 * H - 1));
    }
  }

  @Test
  void anEmptyDatabaseSnapshotsToAnEmptyDirectory() throws IOException {
    try (Tsdb db = Tsdb.open(dir.resolve("db"), opts())) {
      String name = db.snapshot(true);
      Path snap = dir.resolve("db").resolve(Tsdb.SNAPSHOTS_DIR).resolve(name);
      try (Stream<Path> files = Files.list(snap)) {
        assertThat(files.toList()).isEmpty();
      }
    }
  }
}
