package io.hearth.tsdb.block;

import io.hearth.encoding.Crc32c;
import io.hearth.encoding.EncodingFormatException;
import io.hearth.encoding.Varints;
import io.hearth.storage.CorruptionException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The memory-mapped chunk segment files of a block. Segment headers are checked when mapping; every
 * chunk's CRC32C is checked each time it is read. Thread-safe once constructed; the segments live
 * as long as the block's arena.
 */
final class ChunkSegments {
  private final Path[] files;
  private final MemorySegment[] segments;

  private ChunkSegments(Path[] files, MemorySegment[] segments) {
    this.files = files;
    this.segments = segments;
  }

  /**
   * Maps every segment of {@code chunksDir} (names sorted, as Prometheus reads them) into {@code
   * arena}.
   *
   * @throws CorruptionException if a segment has a bad header
   */
  static ChunkSegments map(Path chunksDir, Arena arena) throws IOException {
    List<Path> list = new ArrayList<>();
    try (Stream<Path> s = Files.list(chunksDir)) {
      s.filter(Files::isRegularFile).sorted().forEach(list::add);
    } catch (NoSuchFileException e) {
      throw new CorruptionException(chunksDir + ": missing");
    }
    Path[] files = list.toArray(new Path[0]);
    MemorySegment[] segments = new MemorySegment[files.length];
    for (int i = 0; i < files.length; i++) {
      try (FileChannel ch = FileChannel.open(files[i], StandardOpenOption.READ)) {
        segments[i] = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
      }
      MemorySegment seg = segments[i];
      if (seg.byteSize() < BlockFormat.CHUNKS_HEADER_SIZE) {
        throw new CorruptionException(files[i] + ": chunk segment shorter than its header");
      }
      if (seg.get(BlockFormat.INT_BE, 0) != BlockFormat.CHUNKS_MAGIC) {
        throw new CorruptionException(files[i] + " at offset 0: bad chunk segment magic");
      }
      byte version = seg.get(ValueLayout.JAVA_BYTE, 4);
      if (version != BlockFormat.CHUNKS_VERSION) {
        throw new CorruptionException(
            files[i] + " at offset 4: unsupported chunk segment version " + version);
      }
    }
    return new ChunkSegments(files, segments);
  }

  /** Total bytes of all segment files. */
  long sizeBytes() {
    long n = 0;
    for (MemorySegment s : segments) {
      n += s.byteSize();
    }
    return n;
  }

  /**
   * Drops this process' resident pages of every segment ({@code madvise(MADV_DONTNEED)} through
   * {@link MemorySegment#unload()}). The mappings are read-only views of files that never change,
   * so a later read faults the same bytes back in from the page cache: calling this while another
   * thread reads costs that thread page faults, never wrong data. The caller must keep the arena
   * open for the duration of the call (hold a block reference).
   */
  void unload() {
    for (MemorySegment s : segments) {
      s.unload();
    }
  }

  /**
   * Returns the chunk at {@code ref} as a slice starting at its encoding byte and ending after its
   * data, after checking its CRC.
   *
   * @throws CorruptionException naming the segment file and offset if the reference is out of
   *     range, the record is truncated or its CRC does not match
   */
  MemorySegment chunk(long ref) {
    int seq = (int) (ref >>> 32);
    long off = ref & 0xFFFFFFFFL;
    if (seq >= segments.length) {
      throw new CorruptionException(
          "chunk reference "
              + Long.toHexString(ref)
              + " names segment "
              + seq
              + " of only "
              + segments.length);
    }
    MemorySegment seg = segments[seq];
    long size = seg.byteSize();
    if (off < BlockFormat.CHUNKS_HEADER_SIZE || off >= size) {
      throw new CorruptionException(
          files[seq] + " at offset " + off + ": chunk offset out of range");
    }
    long len;
    int lenSize;
    try {
      len = Varints.getUvarint(seg, off, size);
      lenSize = Varints.uvarintLength(seg, off, size);
    } catch (EncodingFormatException e) {
      throw new CorruptionException(files[seq] + " at offset " + off + ": bad chunk length");
    }
    long start = off + lenSize;
    if (len < 0 || len > size - start - 5) {
      throw new CorruptionException(
          files[seq] + " at offset " + off + ": chunk of " + len + " bytes runs past the end");
    }
    long crcAt = start + 1 + len;
    int crc = Crc32c.checksum(seg, start, 1 + len);
    if (crc != seg.get(BlockFormat.INT_BE, crcAt)) {
      throw new CorruptionException(files[seq] + " at offset " + off + ": chunk CRC mismatch");
    }
    return seg.asSlice(start, 1 + len);
  }
}
