package io.hearth.tsdb.block;

import io.hearth.encoding.Varints;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A reusable growable byte array for building one index entry or section. Not thread-safe. */
final class GrowableBytes {
  private byte[] buf = new byte[256];
  private int len;

  void clear() {
    len = 0;
  }

  int length() {
    return len;
  }

  byte[] array() {
    return buf;
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }
  }

  void putUvarint(long v) {
    ensure(Varints.MAX_LENGTH);
    len += Varints.putUvarint(buf, len, v);
  }

  void putVarint(long v) {
    ensure(Varints.MAX_LENGTH);
    len += Varints.putVarint(buf, len, v);
  }

  void putInt(int v) {
    ensure(4);
    buf[len++] = (byte) (v >>> 24);
    buf[len++] = (byte) (v >>> 16);
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) v;
  }

  /** Appends {@code n} bytes of {@code src} from {@code off}. */
  void put(byte[] src, int off, int n) {
    ensure(n);
    System.arraycopy(src, off, buf, len, n);
    len += n;
  }

  /** Writes a uvarint byte length followed by the UTF-8 bytes. */
  void putString(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    putUvarint(b.length);
    ensure(b.length);
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
  }
}
