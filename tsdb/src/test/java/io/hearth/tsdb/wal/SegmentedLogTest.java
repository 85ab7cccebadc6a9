package io.hearth.tsdb.wal;

import static io.hearth.tsdb.wal.WalFormat.PAGE_SIZE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.testkit.Seed;
import io.hearth.testkit.SeededExtension;
import io.hearth.tsdb.FsyncPolicy;
import io.hearth.tsdb.TsdbObserver;
import io.hearth.tsdb.io.FaultInjectingFileSeam;
import io.hearth.tsdb.io.FileSeam;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SeededExtension.class)
class SegmentedLogTest {
  private static final int SEGMENT = 4 * PAGE_SIZE;

  @TempDir Path dir;

  private SegmentedLog open(FileSeam seam, FsyncPolicy policy) throws IOException {
    return SegmentedLog.open(seam, dir, SEGMENT, policy, Duration.ofMillis(5), TsdbObserver.NONE);
  }

  @Test
  void firstRecordIsAFullFragmentWithBigEndianLengthAndCrc() throws IOException {
    try (SegmentedLog log = open(FileSeam.real(), FsyncPolicy.NEVER)) {
      long pos = log.log(new byte[] {2, 9, 9}, 0, 3);
      assertThat(pos).isEqualTo(10);
    }
    byte[] seg = Files.readAllBytes(dir.resolve("00000000"));
    // Closing pads the last page with zeros, as Prometheus does.
    assertThat(seg).hasSize(PAGE_SIZE);
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(new byte[] {2, 9, 9});
    long c = crc.getValue();
    assertThat(java.util.Arrays.copyOf(seg, 10))
        .containsExactly(
            1, 0, 3, (byte) (c >>> 24), (byte) (c >>> 16), (byte) (c >>> 8), (byte) c, 2, 9, 9);
    for (int i = 10; i < seg.length; i++) {
      assertThat(seg[i]).isZero();
    }
  }

  @Test
  void recordsSpanningPagesAndSegmentsRoundTrip(Seed seed) throws IOException {
    Random rnd = seed.random();
    List<byte[]> written = new ArrayList<>();
    long last = -1;
    try (SegmentedLog log = open(FileSeam.real(), FsyncPolicy.NEVER)) {
      for (int i = 0; i < 300; i++) {
        int len =
            switch (rnd.nextInt(10)) {
              case 0 -> PAGE_SIZE - 7 + rnd.nextInt(20) - 10; // around one page
              case 1 -> PAGE_SIZE * (1 + rnd.nextInt(3)) + rnd.nextInt(100); // several pages
              case 2 -> SEGMENT + rnd.nextInt(PAGE_SIZE); // larger than a segment
              default -> 4 + rnd.nextInt(2000);
            };
        byte[] r = WalTesting.record(rnd, i, len);
        long pos = log.log(r, 0, r.length);
        assertThat(pos).isGreaterThan(last);
        last = pos;
        written.add(r);
      }
    }
    int[] segments = WalFormat.listSegments(FileSeam.real(), dir);
    assertThat(segments.length).isGreaterThan(10);
    for (int i = 0; i < segments.length; i++) {
      assertThat(segments[i]).isEqualTo(i);
      long size = Files.size(dir.resolve(WalFormat.segmentName(i)));
      assertThat(size % PAGE_SIZE).as("closed segments are whole pages").isZero();
    }
    WalTesting.Replayed got = WalTesting.replay(FileSeam.real(), dir);
    assertThat(got.result().corruptions()).isZero();
    assertThat(got.records()).hasSameSizeAs(written);
    for (int i = 0; i < written.size(); i++) {
      assertThat(got.records().get(i)).as("record %d", i).isEqualTo(written.get(i));
    }
  }

  @Test
  void openStartsANewSegmentAfterTheHighestOne() throws IOException {
    try (SegmentedLog log = open(FileSeam.real(), FsyncPolicy.NEVER)) {
      log.log(new byte[] {1}, 0, 1);
      assertThat(log.cutSegment()).isEqualTo(1);
      log.log(new byte[] {2}, 0, 1);
    }
    try (SegmentedLog log = open(FileSeam.real(), FsyncPolicy.NEVER)) {
      assertThat(log.currentSegment()).isEqualTo(2);
      long pos = log.log(new byte[] {3}, 0, 1);
      assertThat(SegmentedLog.segmentOf(pos)).isEqualTo(2);
      assertThat(log.segments()).containsExactly(0, 1, 2);
      assertThat(log.truncateBefore(5)).isEqualTo(2);
      assertThat(log.segments()).containsExactly(2);
    }
    assertThat(WalTesting.replay(FileSeam.real(), dir).records()).hasSize(1);
  }

  @Test
  void alwaysMakesEverySyncedPositionSurviveACrash(Seed seed) throws IOException {
    Random rnd = seed.random();
    FaultInjectingFileSeam seam = new FaultInjectingFileSeam();
    AtomicLong fsyncNanos = new AtomicLong();
    SegmentedLog log =
        SegmentedLog.open(
            seam,
            dir,
            SEGMENT,
            FsyncPolicy.ALWAYS,
            Duration.ofSeconds(1),
            new TsdbObserver() {
              @Override
              public void walFsync(long nanos) {
                fsyncNanos.addAndGet(nanos);
              }
            });
    List<Integer> acked = new ArrayList<>();
    List<Integer> written = new ArrayList<>();
    int n = 200 + rnd.nextInt(200);
    for (int i = 0; i < n; i++) {
      byte[] r = WalTesting.record(rnd, i, 4 + rnd.nextInt(rnd.nextBoolean() ? 100 : 9000));
      long pos = log.log(r, 0, r.length);
      written.add(i);
      // The last few records are written but never synced: they may be lost.
      if (i < n - 5) {
        log.sync(pos);
        acked.add(i);
      }
    }
    assertThat(fsyncNanos.get()).isPositive();
    seam.crash();
    closeQuietly(log);
    WalTesting.Replayed got = WalTesting.replay(seam, dir);
    assertThat(got.ids()).startsWith(acked.toArray(Integer[]::new));
    assertPrefix(got.ids(), written);
  }

  @Test
  void batchLeavesAPrefixThatReplaysCleanly(Seed seed) throws Exception {
    Random rnd = seed.random();
    for (int round = 0; round < 4; round++) {
      FaultInjectingFileSeam seam = new FaultInjectingFileSeam();
      Path d = dir.resolve("r" + round);
      SegmentedLog log =
          SegmentedLog.open(
              seam, d, SEGMENT, FsyncPolicy.BATCH, Duration.ofMillis(2), TsdbObserver.NONE);
      List<Integer> written = new ArrayList<>();
      int n = 100 + rnd.nextInt(300);
      for (int i = 0; i < n; i++) {
        byte[] r = WalTesting.record(rnd, i, 4 + rnd.nextInt(3000));
        log.sync(log.log(r, 0, r.length));
        written.add(i);
        if (rnd.nextInt(50) == 0) {
          Thread.sleep(3);
        }
      }
      if (round % 2 == 0) {
        seam.crash();
      } else {
        seam.crash(rnd);
      }
      closeQuietly(log);
      WalTesting.Replayed got = WalTesting.replay(seam, d);
      assertPrefix(got.ids(), written);
      // Whatever the crash left, the repaired WAL replays without damage the second time.
      WalTesting.Replayed again = WalTesting.replay(seam, d);
      assertThat(again.result().corruptions()).isZero();
      assertThat(again.ids()).isEqualTo(got.ids());
    }
  }

  @Test
  void groupCommitMakesConcurrentCommitsDurableWithSharedFsyncs(Seed seed) throws Exception {
    FaultInjectingFileSeam seam = new FaultInjectingFileSeam();
    seam.setFsyncDelayMillis(2);
    SegmentedLog log = open(seam, FsyncPolicy.ALWAYS);
    int threads = 8;
    int perThread = 40;
    List<Integer> acked = Collections.synchronizedList(new ArrayList<>());
    List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
    List<Thread> ts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int base = t * 1000;
      Random rnd = new Random(seed.value() + t);
      ts.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      for (int i = 0; i < perThread; i++) {
                        byte[] r = WalTesting.record(rnd, base + i, 4 + rnd.nextInt(5000));
                        log.sync(log.log(r, 0, r.length));
                        acked.add(base + i);
                      }
                    } catch (Throwable e) {
                      errors.add(e);
                    }
                  }));
    }
    for (Thread t : ts) {
      t.join();
    }
    assertThat(errors).isEmpty();
    int fsyncs = seam.fsyncCount();
    seam.crash();
    closeQuietly(log);
    WalTesting.Replayed got = WalTesting.replay(seam, dir);
    assertThat(got.ids()).containsExactlyInAnyOrderElementsOf(acked);
    assertThat(acked).hasSize(threads * perThread);
    assertThat(fsyncs).as("commits share fsyncs").isLessThan(threads * perThread);
    // Records of one thread keep their order.
    ConcurrentHashMap<Integer, Integer> lastSeen = new ConcurrentHashMap<>();
    for (int id : got.ids()) {
      Integer prev = lastSeen.put(id / 1000, id);
      if (prev != null) {
        assertThat(id).isGreaterThan(prev);
      }
    }
  }

  @Test
  void diskFullFailsTheRecordWithoutHarmingSyncedData(Seed seed) throws IOException {
    Random rnd = seed.random();
    FaultInjectingFileSeam seam = new FaultInjectingFileSeam();
    SegmentedLog log = open(seam, FsyncPolicy.ALWAYS);
    List<Integer> acked = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      byte[] r = WalTesting.record(rnd, i, 10 + rnd.nextInt(5000));
      log.sync(log.log(r, 0, r.length));
      acked.add(i);
    }
    seam.setDiskFull(true);
    byte[] failed = WalTesting.record(rnd, 999, 40_000);
    assertThatThrownBy(() -> log.log(failed, 0, failed.length))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("No space left on device");
    seam.setDiskFull(false);
    for (int i = 20; i < 30; i++) {
      byte[] r = WalTesting.record(rnd, i, 10 + rnd.nextInt(5000));
      log.sync(log.log(r, 0, r.length));
      acked.add(i);
    }
    seam.crash();
    closeQuietly(log);
    WalTesting.Replayed got = WalTesting.replay(seam, dir);
    assertThat(got.ids()).isEqualTo(acked);
    assertThat(got.result().corruptions()).isZero();
  }

  @Test
  void retriesAgainstAFullDiskReuseOneEmptySegmentAndRecoverWhenSpaceReturns(Seed seed)
      throws IOException {
    Random rnd = seed.random();
    FaultInjectingFileSeam seam = new FaultInjectingFileSeam();
    SegmentedLog log = open(seam, FsyncPolicy.BATCH);
    List<Integer> acked = new ArrayList<>();
    int id = 0;
    for (; id < 15; id++) {
      byte[] r = WalTesting.record(rnd, id, 10 + rnd.nextInt(3000));
      log.log(r, 0, r.length);
      acked.add(id);
    }
    int segmentsBefore = log.segments().length;
    seam.setDiskFull(true);
    // A sender retrying for a while: every attempt fails, and none may leave a file behind.
    for (int attempt = 0; attempt < 200; attempt++) {
      byte[] r = WalTesting.record(rnd, 1000 + attempt, 10 + rnd.nextInt(50_000));
      assertThatThrownBy(() -> log.log(r, 0, r.length))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("No space left on device");
    }
    assertThat(log.segments().length).isLessThanOrEqualTo(segmentsBefore + 1);
    assertThat(seam.openHandles()).isLessThanOrEqualTo(3);
    seam.setDiskFull(false);
    for (; id < 40; id++) {
      byte[] r = WalTesting.record(rnd, id, 10 + rnd.nextInt(20_000));
      log.log(r, 0, r.length);
      acked.add(id);
    }
    log.syncAll();
    seam.crash();
    closeQuietly(log);
    WalTesting.Replayed got = WalTesting.replay(seam, dir);
    assertThat(got.ids()).isEqualTo(acked);
    assertThat(got.result().corruptions()).isZero();
  }

  @Test
  void tornWriteLosesOnlyTheFailedRecord(Seed seed) throws IOException {
    Random rnd = seed.random();
    FaultInjectingFileSeam seam = new FaultInjectingFileSeam();
    List<Integer> ok = new ArrayList<>();
    try (SegmentedLog log = open(seam, FsyncPolicy.NEVER)) {
      for (int i = 0; i < 60; i++) {
        byte[] r = WalTesting.record(rnd, i, 10 + rnd.nextInt(20_000));
        if (i % 10 == 5) {
          seam.tearNextWrite(rnd.nextInt(r.length));
          assertThatThrownBy(() -> log.log(r, 0, r.length)).isInstanceOf(IOException.class);
        } else {
          log.log(r, 0, r.length);
          ok.add(i);
        }
      }
    }
    WalTesting.Replayed got = WalTesting.replay(seam, dir);
    assertThat(got.ids()).isEqualTo(ok);
    assertThat(got.result().corruptions()).isZero();
  }

  @Test
  void fsyncFailureIsSticky() throws IOException {
    FaultInjectingFileSeam seam = new FaultInjectingFileSeam();
    SegmentedLog log = open(seam, FsyncPolicy.ALWAYS);
    long p = log.log(new byte[] {1, 2, 3, 4}, 0, 4);
    seam.failNextFsync();
    assertThatThrownBy(() -> log.sync(p)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> log.log(new byte[] {1}, 0, 1))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("injected fsync failure");
    assertThatThrownBy(log::close).isInstanceOf(IOException.class);
  }

  @Test
  void anInterruptedCommitterDoesNotBreakTheLog() throws IOException {
    try (SegmentedLog log = open(FileSeam.real(), FsyncPolicy.ALWAYS)) {
      Thread.currentThread().interrupt();
      try {
        log.sync(log.log(new byte[] {0, 0, 0, 1}, 0, 4));
      } finally {
        assertThat(Thread.interrupted()).isTrue();
      }
      log.sync(log.log(new byte[] {0, 0, 0, 2}, 0, 4));
    }
    assertThat(WalTesting.replay(FileSeam.real(), dir).ids()).containsExactly(1, 2);
  }

  @Test
  void finishedSegmentsDoNotKeepFilesOpen() throws IOException {
    for (FsyncPolicy policy : FsyncPolicy.values()) {
      FaultInjectingFileSeam seam = new FaultInjectingFileSeam();
      Path d = dir.resolve(policy.name());
      try (SegmentedLog log =
          SegmentedLog.open(seam, d, PAGE_SIZE, policy, Duration.ofHours(1), TsdbObserver.NONE)) {
        for (int i = 0; i < 20; i++) {
          long pos = log.log(new byte[20_000], 0, 20_000);
          if (policy == FsyncPolicy.ALWAYS) {
            log.sync(pos);
          }
        }
        assertThat(log.segments()).hasSizeGreaterThan(10);
        assertThat(seam.openHandles())
            .as("%s", policy)
            .isLessThanOrEqualTo(policy == FsyncPolicy.BATCH ? 21 : 2);
      }
      assertThat(seam.openHandles()).isZero();
    }
  }

  @Test
  void neverPolicyStillFsyncsOnClose() throws IOException {
    FaultInjectingFileSeam seam = new FaultInjectingFileSeam();
    SegmentedLog log = open(seam, FsyncPolicy.NEVER);
    for (int i = 0; i < 10; i++) {
      log.sync(log.log(new byte[] {0, 0, 0, (byte) i}, 0, 4));
    }
    assertThat(seam.fsyncCount()).isZero();
    log.close();
    seam.crash();
    assertThat(WalTesting.replay(seam, dir).ids()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertThatThrownBy(() -> log.log(new byte[1], 0, 1)).hasMessageContaining("closed");
  }

  @Test
  void batchSyncsInTheBackground() throws Exception {
    FaultInjectingFileSeam seam = new FaultInjectingFileSeam();
    AtomicInteger fsyncs = new AtomicInteger();
    SegmentedLog log =
        SegmentedLog.open(
            seam,
            dir,
            SEGMENT,
            FsyncPolicy.BATCH,
            Duration.ofMillis(5),
            new TsdbObserver() {
              @Override
              public void walFsync(long nanos) {
                fsyncs.incrementAndGet();
              }
            });
    log.sync(log.log(new byte[] {0, 0, 0, 7}, 0, 4));
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (fsyncs.get() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertThat(fsyncs.get()).isPositive();
    seam.crash();
    closeQuietly(log);
    assertThat(WalTesting.replay(seam, dir).ids()).containsExactly(7);
  }

  /** An empty list is a prefix too (AssertJ's startsWith refuses an empty sequence). */
  private static void assertPrefix(List<Integer> prefix, List<Integer> of) {
    assertThat(prefix.size()).isLessThanOrEqualTo(of.size());
    assertThat(prefix).isEqualTo(of.subList(0, prefix.size()));
  }

  private static void closeQuietly(SegmentedLog log) {
    try {
      log.close();
    } catch (IOException expectedAfterCrash) {
      // The handles died with the simulated crash.
    }
  }
}
