package io.hearth.tsdb.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.hearth.storage.StorageException;
import io.hearth.testkit.Seed;
import io.hearth.testkit.SeededExtension;
import io.hearth.tsdb.ResidentPages;
import io.hearth.tsdb.chunks.HeadChunkFormat;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SeededExtension.class)
class ChunkArenaFilesTest {
  private static final int FILE = 64 << 10;

  @TempDir Path dir;

  private static byte[] bytes(Random r, int len) {
    byte[] b = new byte[len];
    r.nextBytes(b);
    return b;
  }

  private static byte[] read(MemorySegment s) {
    return s.toArray(ValueLayout.JAVA_BYTE);
  }

  private String[] names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
    }
  }

  @Test
  void chunksRoundTripAcrossFilesInPrometheusLayout(Seed seed) throws IOException {
    Random r = seed.random();
    int n = 1500;
    byte[][] chunks = new byte[n][];
    long[] refs = new long[n];
    try (ChunkArena arena = ChunkArena.inFiles(dir, FILE)) {
      for (int i = 0; i < n; i++) {
        chunks[i] = bytes(r, 1 + r.nextInt(i % 100 == 0 ? 2000 : 300));
        byte[] padded = java.util.Arrays.copyOf(chunks[i], chunks[i].length + 7);
        refs[i] = arena.add(1000 + i, 10L * i, 10L * i + 9, padded, chunks[i].length);
      }
      for (int i = 0; i < n; i++) {
        assertThat(read(arena.get(refs[i]))).as("chunk %d", i).isEqualTo(chunks[i]);
      }
      assertThat(arena.chunkCount()).isEqualTo(n);
      assertThat(names()).hasSizeGreaterThan(1).startsWith("000001", "000002");

      // The first file as Prometheus would read it: header, then records in order.
      ByteBuffer f = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("000001")));
      assertThat(f.getInt()).isEqualTo(0x0130BC91);
      assertThat(f.get()).isEqualTo((byte) 1);
      f.position(HeadChunkFormat.HEADER_BYTES);
      assertThat(f.getLong()).isEqualTo(1000);
      assertThat(f.getLong()).isEqualTo(0);
      assertThat(f.getLong()).isEqualTo(9);
      assertThat(f.get()).isEqualTo(HeadChunkFormat.ENCODING_XOR);
      int len = 0;
      for (int shift = 0; ; shift += 7) {
        byte b = f.get();
        len |= (b & 0x7F) << shift;
        if (b >= 0) {
          break;
        }
      }
      assertThat(len).isEqualTo(chunks[0].length);
      byte[] data = new byte[len];
      f.get(data);
      assertThat(data).isEqualTo(chunks[0]);
      assertThat(refs[1] & 0xFFFFFFFFL)
          .isEqualTo((long) HeadChunkFormat.HEADER_BYTES + HeadChunkFormat.recordBytes(len));
    }
    assertThat(names()).isEmpty();
  }

  @Test
  void readPagesStayResidentUntilNoReaderCameForTheGracePeriod(Seed seed) throws IOException {
    assumeThat(Files.isReadable(ResidentPages.SMAPS)).isTrue();
    Random r = seed.random();
    try (ChunkArena arena = ChunkArena.inFiles(dir, FILE)) {
      long[] refs = new long[100];
      for (int i = 0; i < refs.length; i++) {
        byte[] c = bytes(r, 300);
        refs[i] = arena.add(i, i, i + 1, c, c.length);
      }
      assertThat(arena.dropPagesIfIdle(System.nanoTime(), 0)).isFalse(); // no reader yet
      long reader = arena.openReader();
      for (long ref : refs) {
        read(arena.get(ref));
      }
      long whileReading = ResidentPages.kib(dir);
      assertThat(whileReading).isPositive();
      assertThat(arena.dropPagesIfIdle(Long.MAX_VALUE, 0)).isFalse(); // a reader is open
      arena.closeReader(reader);
      long left = System.nanoTime();
      assertThat(ResidentPages.kib(dir)).isEqualTo(whileReading);
      assertThat(arena.dropPagesIfIdle(left, 60_000_000_000L)).isFalse();
      assertThat(arena.dropPagesIfIdle(left + 60_000_000_000L, 60_000_000_000L)).isTrue();
      assertThat(ResidentPages.kib(dir)).isZero();
      assertThat(read(arena.get(refs[7]))).hasSize(300); // faulted back in from the file
    }
  }

  @Test
  void aCorruptedChunkFailsItsCrcCheck(Seed seed) throws IOException {
    Random r = seed.random();
    try (ChunkArena arena = ChunkArena.inFiles(dir, FILE)) {
      byte[] a = bytes(r, 200);
      byte[] b = bytes(r, 200);
      long ra = arena.add(1, 0, 1, a, a.length);
      long rb = arena.add(2, 2, 3, b, b.length);
      int flip = (int) rb + HeadChunkFormat.FIXED_BYTES + 2 + r.nextInt(200);
      try (FileChannel ch =
          FileChannel.open(
              dir.resolve("000001"), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        ByteBuffer one = ByteBuffer.allocate(1);
        ch.read(one, flip);
        one.put(0, (byte) ~one.get(0)).rewind();
        ch.write(one, flip);
      }
      assertThat(read(arena.get(ra))).isEqualTo(a);
      assertThatThrownBy(() -> arena.get(rb))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("CRC");
    }
  }

  @Test
  void eachChunkIsCheckedOnItsOwnFirstReadWhateverItsNeighboursDid(Seed seed) throws IOException {
    Random r = seed.random();
    try (ChunkArena arena = ChunkArena.inFiles(dir, FILE)) {
      int n = 400;
      long[] refs = new long[n];
      byte[][] data = new byte[n][];
      for (int i = 0; i < n; i++) {
        data[i] = bytes(r, 2 + r.nextInt(r.nextBoolean() ? 8 : 600)); // records of 32+ bytes
        refs[i] = arena.add(i, i, i + 1, data[i], data[i].length);
      }
      int victim = r.nextInt(n);
      for (int i = 0; i < n; i++) {
        if (i != victim) {
          assertThat(read(arena.get(refs[i]))).isEqualTo(data[i]);
        }
      }
      String file = String.format("%06d", (int) (refs[victim] >>> 32) + 1);
      int len = data[victim].length;
      long at =
          (refs[victim] & 0xFFFFFFFFL)
              + HeadChunkFormat.FIXED_BYTES
              + (len < 128 ? 1 : 2)
              + r.nextInt(len); // a data byte

      try (FileChannel ch =
          FileChannel.open(dir.resolve(file), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        ByteBuffer one = ByteBuffer.allocate(1);
        ch.read(one, at);
        one.put(0, (byte) ~one.get(0)).rewind();
        ch.write(one, at);
      }
      assertThatThrownBy(() -> arena.get(refs[victim]))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("CRC");
      for (int i = 0; i < n; i++) {
        if (i != victim) {
          assertThat(read(arena.get(refs[i]))).isEqualTo(data[i]); // checked once, then views
        }
      }
    }
  }

  @Test
  void aFileIsDeletedWhenItsChunksAreReleasedAndItsReadersGone() throws IOException {
    byte[] c = new byte[1000];
    try (ChunkArena arena = ChunkArena.inFiles(dir, FILE)) {
      int perFile = (FILE - HeadChunkFormat.HEADER_BYTES) / HeadChunkFormat.recordBytes(c.length);
      long[] first = new long[perFile];
      for (int i = 0; i < perFile; i++) {
        first[i] = arena.add(i, i, i, c, c.length);
      }
      arena.add(0, 0, 0, c, c.length); // second file, the one being filled
      assertThat(names()).containsExactly("000001", "000002");
      long reader = arena.openReader();
      for (long ref : first) {
        arena.release(ref);
      }
      assertThat(arena.retireEmptySlabs()).isZero();
      assertThat(names()).containsExactly("000001", "000002");
      arena.closeReader(reader);
      assertThat(names()).containsExactly("000002");
      assertThat(arena.bytesUsed()).isEqualTo(HeadChunkFormat.recordBytes(c.length));
    }
  }

  @Test
  void leftoverFilesAreDeletedAtStart() throws IOException {
    Files.write(dir.resolve("000007"), new byte[] {1, 2, 3});
    Files.write(dir.resolve("keep.txt"), new byte[] {1});
    try (ChunkArena arena = ChunkArena.inFiles(dir, FILE)) {
      assertThat(names()).containsExactly("keep.txt");
      arena.add(new byte[] {0, 0}, 2);
      assertThat(names()).containsExactly("000001", "keep.txt");
    }
  }

  @Test
  void temporaryFilesLeaveNothingBehind(Seed seed) {
    Random r = seed.random();
    try (ChunkArena arena = ChunkArena.inTemporaryFiles(FILE)) {
      byte[] c = bytes(r, 300);
      long ref = arena.add(5, 1, 2, c, c.length);
      assertThat(arena.inFiles()).isTrue();
      long reader = arena.openReader();
      assertThat(read(arena.get(ref))).isEqualTo(c);
      arena.closeReader(reader);
      assertThat(read(arena.get(ref))).isEqualTo(c);
    }
  }
}
