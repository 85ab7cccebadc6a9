package io.hearth.remote.proto;

import io.hearth.encoding.EncodingFormatException;
import io.hearth.encoding.Varints;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The snappy <em>block</em> format (not the framed stream format), which Remote Write and Remote
 * Read use for request and SAMPLES response bodies. Written in plain Java from the format
 * description in the project's remote-write digest (section 9), so no native library is loaded.
 *
 * <p>A block is the uvarint of the uncompressed length followed by elements: literals and
 * back-references ("copies") into the already decoded output. Callers check {@link
 * #uncompressedLength} against their limit before allocating the output. All methods are static,
 * thread-safe, and allocate nothing except {@link #compress}'s small hash table.
 */
public final class Snappy {
  private static final int TAG_LITERAL = 0;
  private static final int TAG_COPY_1 = 1;
  private static final int TAG_COPY_2 = 2;
  private static final int TAG_COPY_4 = 3;

  /** Hash table size of the compressor, in entries; 16 Ki as in the reference implementation. */
  private static final int HASH_BITS = 14;

  /**
   * The most output one input byte can produce: a 3-byte copy element yields at most 64 bytes, so a
   * block can never decode to more than 22 times its own length.
   */
  private static final int MAX_EXPANSION = 22;

  /**
   * Input is compressed in fragments of this many bytes, as the reference implementation does:
   * copies never reach outside their fragment (so 1- and 2-byte offsets always suffice), so a
   * fragment can be compressed and sent while the next one is still being produced ({@link
   * SnappyBlockWriter}).
   */
  public static final int FRAGMENT_BYTES = 1 << 16;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INTS =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private Snappy() {}

  /**
   * Reads the uncompressed length a block declares, without decoding it.
   *
   * @param src the block
   * @param offset the first byte of the block
   * @param length the block's length in bytes
   * @return the declared length in bytes, 0 to {@link Integer#MAX_VALUE}
   * @throws EncodingFormatException if the header is truncated, declares more than 2 GiB, or
   *     declares more than a block of this length can decode to (so a tiny body cannot make the
   *     caller allocate a large output buffer)
   */
  public static int uncompressedLength(byte[] src, int offset, int length) {
    long n;
    try {
      n = Varints.getUvarint(src, offset, offset + length);
    } catch (EncodingFormatException e) {
      throw new EncodingFormatException("snappy: corrupt input: bad length header", 0);
    }
    if (n < 0 || n > Integer.MAX_VALUE) {
      throw new EncodingFormatException("snappy: declared length too large", 0);
    }
    if (n > (long) MAX_EXPANSION * length) {
      throw new EncodingFormatException(
          "snappy: corrupt input: " + length + " bytes cannot decode to the declared " + n, 0);
    }
    return (int) n;
  }

  /**
   * Decodes a block into {@code dst}, which must have room for {@link #uncompressedLength} bytes
   * from {@code dstOffset}.
   *
   * @param src the block
   * @param offset the first byte of the block
   * @param length the block's length in bytes
   * @param dst the output array
   * @param dstOffset where the first decoded byte goes
   * @return the number of decoded bytes (the declared length)
   * @throws EncodingFormatException if the block is corrupt: truncated elements, a copy reaching
   *     before the start of the output, or output that does not match the declared length; the
   *     offset is relative to {@code offset}
   * @throws IndexOutOfBoundsException if {@code dst} is too small for the declared length
   */
  public static int uncompress(byte[] src, int offset, int length, byte[] dst, int dstOffset) {
    int limit = offset + length;
    int n = uncompressedLength(src, offset, length);
    if (dstOffset < 0 || dst.length - dstOffset < n) {
      throw new IndexOutOfBoundsException("snappy: output array too small for " + n + " bytes");
    }
    int p = offset + Varints.uvarintLength(src, offset, limit);
    int d = dstOffset;
    int end = dstOffset + n;
    while (p < limit) {
      int elementStart = p;
      int tag = src[p++] & 0xff;
      long len;
      int copyOffset;
      switch (tag & 3) {
        case TAG_LITERAL -> {
          len = tag >>> 2;
          if (len >= 60) {
            int extra = (int) len - 59;
            if (limit - p < extra) {
              throw corrupt("truncated literal length", elementStart - offset);
            }
            len = 0;
            for (int i = 0; i < extra; i++) {
              len |= (long) (src[p++] & 0xff) << (8 * i);
            }
          }
          len++;
          if (len > limit - p || len > end - d) {
            throw corrupt(
                "literal runs past the end of the input or output", elementStart - offset);
          }
          if (len <= 16 && limit - p >= 16 && end - d >= 16) {
            // Short literals dominate; two 8-byte moves beat a call to arraycopy. The bytes
            // written past the literal lie inside the output and are overwritten next.
            LONGS.set(dst, d, (long) LONGS.get(src, p));
            LONGS.set(dst, d + 8, (long) LONGS.get(src, p + 8));
          } else {
            System.arraycopy(src, p, dst, d, (int) len);
          }
          p += (int) len;
          d += (int) len;
          continue;
        }
        case TAG_COPY_1 -> {
          if (limit - p < 1) {
            throw corrupt("truncated copy", elementStart - offset);
          }
          len = 4 + ((tag >>> 2) & 7);
          copyOffset = ((tag >>> 5) << 8) | (src[p++] & 0xff);
        }
        case TAG_COPY_2 -> {
          if (limit - p < 2) {
            throw corrupt("truncated copy", elementStart - offset);
          }
          len = 1 + (tag >>> 2);
          copyOffset = (src[p] & 0xff) | (src[p + 1] & 0xff) << 8;
          p += 2;
        }
        default -> {
          if (limit - p < 4) {
            throw corrupt("truncated copy", elementStart - offset);
          }
          len = 1 + (tag >>> 2);
          copyOffset =
              (src[p] & 0xff)
                  | (src[p + 1] & 0xff) << 8
                  | (src[p + 2] & 0xff) << 16
                  | (src[p + 3] & 0xff) << 24;
          p += 4;
        }
      }
      if (copyOffset <= 0 || copyOffset > d - dstOffset) {
        throw corrupt("copy offset outside the decoded data", elementStart - offset);
      }
      if (len > end - d) {
        throw corrupt("copy runs past the declared length", elementStart - offset);
      }
      int from = d - copyOffset;
      if (copyOffset >= 8 && end - d >= len + 8) {
        // 8 bytes at a time: with an offset of at least 8 every read lies in output already
        // written, even when source and target overlap; the overshoot stays inside the output.
        for (int i = 0; i < len; i += 8) {
          LONGS.set(dst, d + i, (long) LONGS.get(dst, from + i));
        }
        d += (int) len;
      } else if (copyOffset >= len) {
        System.arraycopy(dst, from, dst, d, (int) len);
        d += (int) len;
      } else {
        // Overlapping copy: the pattern repeats, so it must be copied byte by byte.
        for (int i = 0; i < len; i++) {
          dst[d++] = dst[from++];
        }
      }
    }
    if (d != end) {
      throw corrupt("decoded " + (d - dstOffset) + " bytes but the header declares " + n, length);
    }
    return n;
  }

  /**
   * The largest block {@link #compress} can produce for {@code length} input bytes.
   *
   * @param length input length in bytes
   * @return an upper bound in bytes
   */
  public static int maxCompressedLength(int length) {
    return 32 + length + length / 6;
  }

  /**
   * Compresses into the block format with a greedy hash-table matcher. The output is valid for
   * every snappy decoder; its ratio is close to, not equal to, the reference implementation's.
   *
   * @param src the input
   * @param offset the first input byte
   * @param length the number of input bytes
   * @param dst the output; needs {@link #maxCompressedLength(int)} bytes from {@code dstOffset}
   * @param dstOffset where the block starts
   * @return the block's length in bytes
   */
  public static int compress(byte[] src, int offset, int length, byte[] dst, int dstOffset) {
    int d = dstOffset + Varints.putUvarint(dst, dstOffset, length);
    int[] table = new int[1 << HASH_BITS];
    for (int p = offset, end = offset + length; p < end; p += FRAGMENT_BYTES) {
      d = compressFragment(src, p, Math.min(FRAGMENT_BYTES, end - p), dst, d, table);
    }
    return d - dstOffset;
  }

  /**
   * Compresses one fragment of at most {@link #FRAGMENT_BYTES} into elements only (no length
   * header): the body of a block is the concatenation of its fragments' elements.
   *
   * @param src the input
   * @param offset the first input byte
   * @param length the number of input bytes, at most {@link #FRAGMENT_BYTES}
   * @param dst the output; needs {@link #maxCompressedLength(int)} bytes from {@code d}
   * @param d where the elements start
   * @param table the matcher's hash table, {@code 1 << 14} entries; overwritten
   * @return the output position after the elements
   */
  static int compressFragment(byte[] src, int offset, int length, byte[] dst, int d, int[] table) {
    int end = offset + length;
    int literalStart = offset;
    if (length >= 4) {
      java.util.Arrays.fill(table, 0);
      int lastMatchStart = end - 4;
      int p = offset;
      // After 32 misses in a row the matcher looks at every second byte, then every third, ...:
      // incompressible stretches are skipped quickly, as the reference implementation does.
      int skip = 32;
      while (p <= lastMatchStart) {
        int word = (int) INTS.get(src, p);
        int h = (word * 0x1e35a7bd) >>> (32 - HASH_BITS);
        int candidate = table[h] - 1 + offset;
        table[h] = p - offset + 1;
        if (candidate >= offset && (int) INTS.get(src, candidate) == word) {
          d = emitLiteral(src, literalStart, p - literalStart, dst, d);
          int matchLength = 4 + matchLength(src, candidate + 4, p + 4, end);
          d = emitCopy(p - candidate, matchLength, dst, d);
          p += matchLength;
          literalStart = p;
          skip = 32;
        } else {
          p += skip >>> 5;
          skip++;
        }
      }
    }
    return emitLiteral(src, literalStart, end - literalStart, dst, d);
  }

  /** The number of equal bytes at {@code a} and {@code b < end}, compared 8 at a time. */
  private static int matchLength(byte[] src, int a, int b, int end) {
    int n = 0;
    while (b + n + 8 <= end) {
      long x = (long) LONGS.get(src, a + n) ^ (long) LONGS.get(src, b + n);
      if (x != 0) {
        return n + (Long.numberOfTrailingZeros(x) >>> 3);
      }
      n += 8;
    }
    while (b + n < end && src[a + n] == src[b + n]) {
      n++;
    }
    return n;
  }

  /**
   * Compresses into a new array of exactly the block's length.
   *
   * @param src the input
   * @param offset the first input byte
   * @param length the number of input bytes
   * @return the block, owned by the caller
   */
  public static byte[] compress(byte[] src, int offset, int length) {
    byte[] out = new byte[maxCompressedLength(length)];
    int n = compress(src, offset, length, out, 0);
    return java.util.Arrays.copyOf(out, n);
  }

  private static int emitLiteral(byte[] src, int from, int n, byte[] dst, int d) {
    if (n == 0) {
      return d;
    }
    int m = n - 1;
    if (m < 60) {
      dst[d++] = (byte) (m << 2);
    } else {
      int extra = m < 1 << 8 ? 1 : m < 1 << 16 ? 2 : m < 1 << 24 ? 3 : 4;
      dst[d++] = (byte) ((59 + extra) << 2);
      for (int i = 0; i < extra; i++) {
        dst[d++] = (byte) (m >>> (8 * i));
      }
    }
    System.arraycopy(src, from, dst, d, n);
    return d + n;
  }

  private static int emitCopy(int copyOffset, int n, byte[] dst, int d) {
    // A 2-byte-offset copy carries at most 64 bytes; long matches are cut so that the remainder
    // stays at least 4 bytes, the shortest copy the 1-byte-offset form can express.
    while (n >= 68) {
      d = emitCopy2(copyOffset, 64, dst, d);
      n -= 64;
    }
    if (n > 64) {
      d = emitCopy2(copyOffset, 60, dst, d);
      n -= 60;
    }
    if (n <= 11 && copyOffset < 2048) {
      dst[d++] = (byte) (TAG_COPY_1 | ((n - 4) << 2) | ((copyOffset >>> 8) << 5));
      dst[d++] = (byte) copyOffset;
      return d;
    }
    return emitCopy2(copyOffset, n, dst, d);
  }

  private static int emitCopy2(int copyOffset, int n, byte[] dst, int d) {
    dst[d++] = (byte) (TAG_COPY_2 | ((n - 1) << 2));
    dst[d++] = (byte) copyOffset;
    dst[d++] = (byte) (copyOffset >>> 8);
    return d;
  }

  private static EncodingFormatException corrupt(String what, long at) {
    return new EncodingFormatException("snappy: corrupt input: " + what, at);
  }
}
