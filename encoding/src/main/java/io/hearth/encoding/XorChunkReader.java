package io.hearth.encoding;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * A reusable primitive cursor over one XOR (Gorilla) chunk, decoding samples bit-exactly as
 * Prometheus 2.x and 3.x encode them (see {@code docs/format/xor-chunks.md}).
 *
 * <p>Usage: {@link #reset(MemorySegment)}, then {@code while (next()) { t(); v(); }}. The sample
 * count comes from the 2-byte header and decoding stops after that many samples; trailing bytes are
 * ignored, so both the 12-byte (3.x) and 13-byte (2.x) one-sample forms decode. The chunk (heap or
 * memory-mapped segment) is copied into a reused array by {@code reset}, so it may change or be
 * unmapped afterwards. No allocation happens per sample.
 *
 * <p>Malformed input (data ending before the declared sample count, impossible value windows)
 * throws {@link ChunkFormatException} naming the byte offset relative to the chunk's first byte;
 * after that the cursor must be reset before further use. Decoding is bounded by the header's
 * sample count (at most 65535), so no input can make it loop forever.
 *
 * <p>Decoding reads the stream through a 64-bit window at the current bit position instead of a
 * bit-at-a-time reader: a sample's control bits are classified from one window, and bits past the
 * chunk's end read as zero (padding after the copy), with truncation detected once per sample by
 * comparing the position with the chunk length. The decoded samples are identical either way.
 *
 * <p>Not thread-safe: use one cursor per thread.
 */
public final class XorChunkReader {
  private static final VarHandle LONG_BE_ARRAY =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  /**
   * Zero bytes kept after the chunk's copy: more than one sample can overrun the end by (a 64-bit
   * delta-of-delta, a new value window and a 64-bit value, or a 10-byte varint and a 64-bit value),
   * plus the 9 bytes a window reads.
   */
  private static final int PADDING = 40;

  /**
   * A private copy of the chunk followed by {@link #PADDING} zero bytes. Copying (a few hundred
   * bytes per chunk) lets every read be a plain array access with no end-of-data branch, which is
   * cheaper than reading a heap or mapped segment in place.
   */
  private byte[] buf = new byte[PADDING];

  /** Chunk length in bytes. */
  private long length;

  /** Bits consumed since the chunk's first byte, header included; may pass the end by padding. */
  private long pos;

  private int numSamples;
  private int numRead;
  private boolean exhausted;
  private long t;
  private long tDelta;
  private long vBits;
  private int leading;
  private int trailing;
  private boolean hasWindow;

  /** Creates a cursor positioned on an empty chunk; call a {@code reset} method before use. */
  public XorChunkReader() {}

  /**
   * Positions the cursor before the first sample of a chunk that fills a whole segment.
   *
   * @param chunk the chunk bytes, header included
   * @return this cursor
   * @throws ChunkFormatException if the chunk is shorter than its 2-byte header
   */
  public XorChunkReader reset(MemorySegment chunk) {
    return reset(chunk, 0, chunk.byteSize());
  }

  /**
   * Positions the cursor before the first sample of a chunk held in an array.
   *
   * @param chunk the chunk bytes, header included; not copied
   * @return this cursor
   * @throws ChunkFormatException if the chunk is shorter than its 2-byte header
   */
  public XorChunkReader reset(byte[] chunk) {
    return reset(MemorySegment.ofArray(chunk), 0, chunk.length);
  }

  /**
   * Positions the cursor before the first sample of a chunk inside a larger segment, such as a
   * mapped chunk file.
   *
   * @param segment the segment holding the chunk
   * @param offset offset of the chunk's header in {@code segment}
   * @param length length of the chunk in bytes (the data part of a chunk file entry)
   * @return this cursor
   * @throws IndexOutOfBoundsException if the range is outside the segment
   * @throws ChunkFormatException if {@code length} is shorter than the 2-byte header
   */
  public XorChunkReader reset(MemorySegment segment, long offset, long length) {
    Objects.checkFromIndexSize(offset, length, segment.byteSize());
    if (length > Integer.MAX_VALUE - 2 * PADDING) {
      throw new ChunkFormatException("XOR chunk of " + length + " bytes is too long", length);
    }
    int len = (int) length;
    if (buf.length < len + PADDING) {
      buf = new byte[Math.max(len + PADDING, buf.length * 2)];
    }
    MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, offset, buf, 0, len);
    Arrays.fill(buf, len, len + PADDING, (byte) 0);
    this.length = length;
    pos = 0;
    numSamples = 0;
    numRead = 0;
    exhausted = false;
    t = 0;
    tDelta = 0;
    vBits = 0;
    leading = 0;
    trailing = 0;
    hasWindow = false;
    if (length < 2) {
      throw new ChunkFormatException(
          "XOR chunk is " + length + " byte(s) long, shorter than its 2-byte header", length);
    }
    numSamples = (int) (window() >>> 48);
    pos = 16;
    return this;
  }

  /**
   * Returns the number of samples declared by the chunk header.
   *
   * @return 0 to 65535
   */
  public int numSamples() {
    return numSamples;
  }

  /**
   * Advances to the next sample.
   *
   * @return {@code true} if a sample was decoded; {@code false} once all declared samples have been
   *     read (and on every later call)
   * @throws ChunkFormatException if the data is truncated or malformed
   */
  public boolean next() {
    int read = numRead;
    if (read >= numSamples) {
      exhausted = true;
      return false;
    }
    if (read >= 2) {
      tDelta += readDeltaOfDelta();
      t += tDelta;
      readValue();
    } else if (read == 0) {
      t = Varints.zigzagDecode(readUvarint());
      vBits = window();
      pos += 64;
    } else {
      tDelta = readUvarint();
      t += tDelta;
      readValue();
    }
    if (pos > (length << 3)) {
      throw truncated();
    }
    numRead = read + 1;
    return true;
  }

  /**
   * Decodes the following samples into {@code ts[off..]} and {@code vs[off..]}: at most {@code
   * max}, and none after {@code maxT}. Stops early when the chunk runs out, or when the sample just
   * decoded lies after {@code maxT} (it is not stored, and stays current: {@link #t()} tells the
   * two cases apart). The cursor is left on the last sample decoded, as {@link #next()} would.
   *
   * @param ts destination of the timestamps, milliseconds
   * @param vs destination of the values, bit for bit as stored
   * @param off the first index written
   * @param max the most samples to store; the arrays must have room for them
   * @param maxT the last timestamp to store, inclusive
   * @return the number stored
   * @throws ChunkFormatException if the data is truncated or malformed
   */
  public int readInto(long[] ts, double[] vs, int off, int max, long maxT) {
    int n = 0;
    while (n < max && next()) {
      long at = t;
      if (at > maxT) {
        break;
      }
      ts[off + n] = at;
      vs[off + n] = Double.longBitsToDouble(vBits);
      n++;
    }
    return n;
  }

  /**
   * Advances to the first sample whose timestamp is at or after {@code target}; never moves
   * backwards. If the current sample already qualifies the cursor stays on it.
   *
   * @param target timestamp in milliseconds since the epoch
   * @return {@code true} if positioned on such a sample; {@code false} if the chunk has none left
   *     (the cursor is then exhausted)
   * @throws ChunkFormatException if the data is truncated or malformed
   */
  public boolean seek(long target) {
    if (exhausted) {
      return false;
    }
    while (numRead == 0 || t < target) {
      if (!next()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the current sample's timestamp; valid after {@link #next()} or {@link #seek(long)}
   * returned {@code true}.
   *
   * @return milliseconds since the epoch
   */
  public long t() {
    return t;
  }

  /**
   * Returns the current sample's value with its exact bit pattern (NaN payloads such as the stale
   * marker are preserved).
   *
   * @return the value
   */
  public double v() {
    return Double.longBitsToDouble(vBits);
  }

  /**
   * Returns the raw IEEE-754 bits of the current sample's value.
   *
   * @return the bits, as {@link Double#doubleToRawLongBits(double)} would give them
   */
  public long vBits() {
    return vBits;
  }

  /**
   * Returns how many samples have been decoded since the last reset.
   *
   * @return 0 to {@link #numSamples()}
   */
  public int numRead() {
    return numRead;
  }

  long tDelta() {
    return tDelta;
  }

  int leading() {
    return leading;
  }

  int trailing() {
    return trailing;
  }

  boolean hasWindow() {
    return hasWindow;
  }

  /** Returns the bits consumed so far, header included. */
  long bitPosition() {
    return pos;
  }

  /**
   * The 64 bits starting at the current position, first bit highest; bits past the chunk's end read
   * as zero (the padding). Per sample the position passes the end by less than the padding before
   * {@link #next()} notices, so the array reads stay in bounds.
   */
  private long window() {
    int byteOff = (int) (pos >>> 3);
    int shift = (int) pos & 7;
    long w = (long) LONG_BE_ARRAY.get(buf, byteOff);
    long extra = buf[byteOff + 8] & 0xFFL;
    // For shift 0 the extra byte shifts out entirely (it is below 256).
    return (w << shift) | (extra >>> (8 - shift));
  }

  private ChunkFormatException truncated() {
    return new ChunkFormatException(
        "Chunk data is truncated: sample "
            + numRead
            + " needs "
            + (pos - (length << 3))
            + " more bit(s) but the "
            + length
            + "-byte stream ends",
        length);
  }

  /** An unsigned varint (Go semantics, see {@link Varints}) stored as 8-bit fields. */
  private long readUvarint() {
    long startOffset = pos >>> 3;
    long result = 0;
    int shift = 0;
    for (int i = 0; i < Varints.MAX_LENGTH; i++) {
      long b = window() >>> 56;
      pos += 8;
      if (b < 0x80) {
        if (i == Varints.MAX_LENGTH - 1 && b > 1) {
          break;
        }
        return result | (b << shift);
      }
      result |= (b & 0x7F) << shift;
      shift += 7;
    }
    if (pos > (length << 3)) {
      throw truncated();
    }
    throw new ChunkFormatException("Varint overflows 64 bits.", startOffset);
  }

  /**
   * The prefix '0', '10', '110', '1110' or '1111' is the count of leading ones (at most four);
   * payloads of 14, 17 and 20 bits are two's complement with asymmetric ranges (spec section 4).
   */
  private long readDeltaOfDelta() {
    long w = window();
    int ones = Long.numberOfLeadingZeros(~w);
    switch (ones) {
      case 0 -> {
        pos += 1;
        return 0;
      }
      case 1 -> {
        pos += 16;
        return signed((w << 2) >>> 50, 14);
      }
      case 2 -> {
        pos += 20;
        return signed((w << 3) >>> 47, 17);
      }
      case 3 -> {
        pos += 24;
        return signed((w << 4) >>> 44, 20);
      }
      default -> {
        pos += 4;
        long d = window();
        pos += 64;
        return d;
      }
    }
  }

  /** Payloads above 2^(w-1) are negative; the ranges are asymmetric (spec section 4). */
  private static long signed(long u, int width) {
    return u > (1L << (width - 1)) ? u - (1L << width) : u;
  }

  private void readValue() {
    long w = window();
    if (w >= 0) {
      pos += 1; // '0': the value repeats
      return;
    }
    if ((w << 1) < 0) {
      // '11': a new window, 5 bits of leading zeros and 6 bits of significant bits.
      int newLeading = (int) ((w << 2) >>> 59);
      int sig = (int) ((w << 7) >>> 58);
      pos += 13;
      if (sig == 0) {
        sig = 64;
      }
      if (newLeading + sig > 64) {
        if (pos > (length << 3)) {
          throw truncated();
        }
        throw new ChunkFormatException(
            "XOR value window has "
                + newLeading
                + " leading zeros and "
                + sig
                + " significant bits, more than 64",
            (pos - 1) >>> 3);
      }
      leading = newLeading;
      trailing = 64 - newLeading - sig;
      hasWindow = true;
    } else {
      pos += 2; // '10': the previous window
    }
    int sig = 64 - leading - trailing;
    if (sig == 0) {
      return;
    }
    long bits = window() >>> (64 - sig);
    pos += sig;
    vBits ^= bits << trailing;
  }
}
