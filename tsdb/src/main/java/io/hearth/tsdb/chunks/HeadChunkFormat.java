package io.hearth.tsdb.chunks;

import io.hearth.storage.StorageException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The layout of a head chunks file ({@code chunks_head/000001}, ...), as Prometheus writes it: an
 * 8-byte file header (magic {@code 0x0130BC91}, version 1, 3 bytes of padding), then records of
 * series ref (8 bytes), min time (8), max time (8), encoding (1), data length (uvarint), data, and
 * a CRC32 (Castagnoli) of everything in the record before it. Integers are big-endian.
 *
 * <p>A chunk is addressed by the offset of its record in its file. Stateless and thread-safe; the
 * {@link CRC32C} passed in is the caller's and not thread-safe.
 */
public final class HeadChunkFormat {
  /** The file magic number. */
  public static final int MAGIC = 0x0130BC91;

  /** The file format version. */
  public static final byte VERSION = 1;

  /** Bytes before the first record. */
  public static final int HEADER_BYTES = 8;

  /** The encoding byte of an XOR chunk. */
  public static final byte ENCODING_XOR = 1;

  /** Series ref, min time, max time and encoding: the fixed part before the length. */
  public static final int FIXED_BYTES = 8 + 8 + 8 + 1;

  private static final int CRC_BYTES = 4;

  private static final ValueLayout.OfInt INT_BE =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

  private static final VarHandle INT_BE_ARRAY =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  private HeadChunkFormat() {}

  /** The bytes a record with {@code dataLen} data bytes takes in the file. */
  public static int recordBytes(int dataLen) {
    return FIXED_BYTES + uvarintBytes(dataLen) + dataLen + CRC_BYTES;
  }

  /** Writes the 8-byte file header at the position of {@code out} (big-endian). */
  public static void writeHeader(ByteBuffer out) {
    out.putInt(MAGIC).put(VERSION).put((byte) 0).put((byte) 0).put((byte) 0);
  }

  /** Whether {@code file} starts with a valid header. */
  public static boolean hasValidHeader(MemorySegment file) {
    return file.byteSize() >= HEADER_BYTES
        && file.get(INT_BE, 0) == MAGIC
        && file.get(ValueLayout.JAVA_BYTE, 4) == VERSION;
  }

  /**
   * Writes one record at the position of {@code out}, which must have {@link #recordBytes} bytes
   * left and be big-endian.
   */
  public static void writeRecord(
      ByteBuffer out,
      long seriesRef,
      long minT,
      long maxT,
      byte encoding,
      byte[] data,
      int len,
      CRC32C crc) {
    int start = out.position();
    out.putLong(seriesRef).putLong(minT).putLong(maxT).put(encoding);
    for (int v = len; ; v >>>= 7) {
      if ((v & ~0x7F) == 0) {
        out.put((byte) v);
        break;
      }
      out.put((byte) ((v & 0x7F) | 0x80));
    }
    out.put(data, 0, len);
    crc.reset();
    crc.update(out.duplicate().position(start).limit(out.position()));
    out.putInt((int) crc.getValue());
  }

  /**
   * The data of the record at {@code offset} in {@code file}, after checking its CRC. The result is
   * a read-only view of a heap copy, valid independently of {@code file}'s lifetime.
   *
   * @throws StorageException if the record is cut off or its CRC does not match
   */
  public static MemorySegment readData(MemorySegment file, long offset, CRC32C crc) {
    long span = dataSpan(file, offset);
    long p = span >>> 32;
    int len = (int) span;
    // One bulk copy to the heap: a CRC over a ByteBuffer view of a shared mapping acquires the
    // mapping's session with a CAS on every call, which query threads reading in parallel contend
    // on; the copy only checks that the session is alive, and the checksum then runs on an array.
    int head = (int) (p - offset);
    byte[] record = new byte[head + len + CRC_BYTES];
    MemorySegment.copy(file, ValueLayout.JAVA_BYTE, offset, record, 0, record.length);
    crc.reset();
    crc.update(record, 0, head + len);
    if ((int) crc.getValue() != (int) INT_BE_ARRAY.get(record, head + len)) {
      throw corrupt(offset, "CRC mismatch");
    }
    return MemorySegment.ofArray(record).asSlice(head, len).asReadOnly();
  }

  /**
   * The data of the record at {@code offset} in {@code file} as a read-only view of the file,
   * without checking its CRC: for a record that passed {@link #readData} before. Valid while {@code
   * file} is mapped.
   *
   * @throws StorageException if the record is cut off
   */
  public static MemorySegment dataView(MemorySegment file, long offset) {
    long span = dataSpan(file, offset);
    return file.asSlice(span >>> 32, (int) span).asReadOnly();
  }

  /** Where the record's data starts (high 32 bits) and its length (low 32 bits), bounds-checked. */
  private static long dataSpan(MemorySegment file, long offset) {
    long p = offset + FIXED_BYTES;
    int len = 0;
    for (int shift = 0; ; shift += 7) {
      if (p >= file.byteSize() || shift > 28) {
        throw corrupt(offset, "bad length");
      }
      byte b = file.get(ValueLayout.JAVA_BYTE, p++);
      len |= (b & 0x7F) << shift;
      if (b >= 0) {
        break;
      }
    }
    if (len < 0 || p + len + CRC_BYTES > file.byteSize()) {
      throw corrupt(offset, "length " + len + " past the end of the file");
    }
    return (p << 32) | len;
  }

  /** The series ref stored in the record at {@code offset} (not checked). */
  public static long seriesRef(MemorySegment file, long offset) {
    return file.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), offset);
  }

  private static StorageException corrupt(long offset, String why) {
    return new StorageException("corrupt head chunk at offset " + offset + ": " + why);
  }

  private static int uvarintBytes(int v) {
    int n = 1;
    while ((v & ~0x7F) != 0) {
      v >>>= 7;
      n++;
    }
    return n;
  }
}
