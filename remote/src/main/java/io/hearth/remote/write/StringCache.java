package io.hearth.remote.write;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A direct-mapped cache from UTF-8 bytes to decoded strings. Remote Write 1.0 repeats every label
 * name and value of every series in every request; looking the bytes up here turns most of those
 * decodes into one hash and one array comparison and lets equal label values share one String. A
 * slot holds the most recent string that hashed to it. Not thread-safe: owned by one scratch.
 */
final class StringCache {
  /** Number of slots; with labels of about 20 bytes the cache holds roughly 200 KiB. */
  private static final int SLOTS = 4096;

  /** Longer strings are decoded every time: they are rarely repeated label values. */
  private static final int MAX_CACHED_BYTES = 128;

  private final byte[][] keys = new byte[SLOTS][];
  private final String[] values = new String[SLOTS];

  /** The string for {@code len} UTF-8 bytes at {@code off}. */
  String get(byte[] b, int off, int len) {
    if (len == 0) {
      return "";
    }
    if (len > MAX_CACHED_BYTES) {
      return new String(b, off, len, StandardCharsets.UTF_8);
    }
    int h = 0x811c9dc5;
    for (int i = off; i < off + len; i++) {
      h = (h ^ b[i]) * 0x01000193;
    }
    int slot = (h ^ (h >>> 15)) & (SLOTS - 1);
    byte[] k = keys[slot];
    if (k != null && Arrays.equals(k, 0, k.length, b, off, off + len)) {
      return values[slot];
    }
    // Interned: every scratch, and every block's symbol table, then hands out the same String for
    // the same label, so label sets of one series compare by reference wherever they came from.
    String s = new String(b, off, len, StandardCharsets.UTF_8).intern();
    keys[slot] = Arrays.copyOfRange(b, off, off + len);
    values[slot] = s;
    return s;
  }

  /**
   * Whether the bytes are well-formed UTF-8: no stray continuation bytes, no overlong forms, no
   * surrogates (U+D800..U+DFFF), nothing above U+10FFFF. Protobuf {@code string} fields must be
   * valid UTF-8; decoding into a Java String would hide bad bytes behind U+FFFD.
   */
  static boolean isValidUtf8(byte[] b, int off, int len) {
    int end = off + len;
    int i = off;
    while (i < end) {
      int c = b[i];
      if (c >= 0) {
        i++;
        continue;
      }
      c &= 0xff;
      int need;
      int min;
      if (c >= 0xc2 && c <= 0xdf) {
        need = 1;
        min = 0x80;
      } else if (c >= 0xe0 && c <= 0xef) {
        need = 2;
        min = 0x800;
      } else if (c >= 0xf0 && c <= 0xf4) {
        need = 3;
        min = 0x10000;
      } else {
        return false;
      }
      if (end - i <= need) {
        return false;
      }
      int cp = c & (0x3f >>> need);
      for (int k = 1; k <= need; k++) {
        int cc = b[i + k] & 0xff;
        if ((cc & 0xc0) != 0x80) {
          return false;
        }
        cp = (cp << 6) | (cc & 0x3f);
      }
      if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        return false;
      }
      i += need + 1;
    }
    return true;
  }
}
