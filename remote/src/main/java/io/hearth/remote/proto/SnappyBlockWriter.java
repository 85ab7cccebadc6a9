package io.hearth.remote.proto;

import io.hearth.encoding.Varints;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes one snappy block (the format of {@link Snappy}) to a stream while its input is still being
 * produced: the uncompressed length is declared up front, then every {@link Snappy#FRAGMENT_BYTES}
 * of input is compressed and written as soon as it is complete. A large response thus never exists
 * compressed in one array, and the buffers stay at about 140 KiB.
 *
 * <p>Not thread-safe. The caller owns the stream; {@link #finish()} flushes the last fragment but
 * does not close it.
 */
public final class SnappyBlockWriter {
  private final OutputStream out;
  private final long declared;
  private final byte[] input = new byte[Snappy.FRAGMENT_BYTES];
  private final byte[] output = new byte[Snappy.maxCompressedLength(Snappy.FRAGMENT_BYTES)];
  private final int[] table = new int[1 << 14];
  private int buffered;
  private long written;
  private long compressedBytes;

  /**
   * Starts a block and writes its length header.
   *
   * @param out where the compressed block goes
   * @param uncompressedLength the exact number of bytes that will be written, at most {@link
   *     Integer#MAX_VALUE}
   * @throws IOException if the stream fails
   */
  public SnappyBlockWriter(OutputStream out, long uncompressedLength) throws IOException {
    if (uncompressedLength < 0 || uncompressedLength > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("snappy block length out of range: " + uncompressedLength);
    }
    this.out = out;
    this.declared = uncompressedLength;
    int n = Varints.putUvarint(output, 0, uncompressedLength);
    out.write(output, 0, n);
    compressedBytes = n;
  }

  /**
   * Adds input bytes.
   *
   * @throws IOException if the stream fails
   * @throws IllegalStateException if more than the declared length is written
   */
  public void write(byte[] b, int off, int len) throws IOException {
    if (written + len > declared) {
      throw new IllegalStateException(
          "snappy block declared " + declared + " bytes; " + (written + len) + " written");
    }
    written += len;
    while (len > 0) {
      int n = Math.min(len, input.length - buffered);
      System.arraycopy(b, off, input, buffered, n);
      buffered += n;
      off += n;
      len -= n;
      if (buffered == input.length) {
        flushFragment();
      }
    }
  }

  /**
   * Compresses and writes the last fragment; the block is complete afterwards.
   *
   * @throws IOException if the stream fails
   * @throws IllegalStateException if fewer than the declared bytes were written
   */
  public void finish() throws IOException {
    if (written != declared) {
      throw new IllegalStateException(
          "snappy block declared " + declared + " bytes; only " + written + " written");
    }
    if (buffered > 0) {
      flushFragment();
    }
  }

  /** The compressed bytes written so far, header included. */
  public long compressedBytes() {
    return compressedBytes;
  }

  private void flushFragment() throws IOException {
    int n = Snappy.compressFragment(input, 0, buffered, output, 0, table);
    out.write(output, 0, n);
    compressedBytes += n;
    buffered = 0;
  }
}
