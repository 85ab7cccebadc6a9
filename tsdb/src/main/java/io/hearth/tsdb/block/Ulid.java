package io.hearth.tsdb.block;

import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Universally unique lexicographically sortable identifiers, the names of Prometheus block
 * directories: 48 bits of milliseconds since the epoch followed by 80 random bits, written as 26
 * Crockford base-32 characters (most significant first, so the first character is at most '7'). All
 * methods are static and thread-safe.
 */
public final class Ulid {
  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

  /** Length of the textual form. */
  public static final int LENGTH = 26;

  /** The time part of the last ULID {@link #creationMillis} handed out in this process. */
  private static final AtomicLong LAST_MILLIS = new AtomicLong();

  private Ulid() {}

  /**
   * The time part for a new block's ULID: {@code nowMs}, or one millisecond after the previous one
   * handed out in this process when that is not earlier. ULIDs of blocks written by one process
   * then sort in the order they were created even within a millisecond (the random part would order
   * those at random), which the compactor's rule "the later block wins equal timestamps" relies on.
   */
  public static long creationMillis(long nowMs) {
    return LAST_MILLIS.accumulateAndGet(nowMs, (last, now) -> Math.max(last + 1, now));
  }

  /**
   * Creates a ULID.
   *
   * @param timeMs milliseconds since the epoch, 0 to 2^48-1
   * @param random the source of the 80 random bits
   * @return the 26-character upper-case form
   */
  public static String generate(long timeMs, Random random) {
    if (timeMs < 0 || timeMs >= 1L << 48) {
      throw new IllegalArgumentException("ULID time out of range: " + timeMs);
    }
    // 128 bits = hi (time 48 | random 16) and lo (random 64); 26 chars carry 130 bits.
    long hi = (timeMs << 16) | (random.nextInt() & 0xFFFFL);
    long lo = random.nextLong();
    char[] out = new char[LENGTH];
    for (int i = LENGTH - 1; i >= 0; i--) {
      out[i] = ALPHABET[(int) (lo & 31)];
      lo = (lo >>> 5) | (hi << 59);
      hi >>>= 5;
    }
    return new String(out);
  }

  /**
   * Whether {@code s} is a strictly valid ULID as Prometheus recognises block directories: 26
   * upper- or lower-case Crockford base-32 characters, the first at most '7'.
   */
  public static boolean isValid(String s) {
    if (s == null || s.length() != LENGTH || s.charAt(0) > '7') {
      return false;
    }
    for (int i = 0; i < LENGTH; i++) {
      if (decode(s.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * The time part of a valid ULID.
   *
   * @return milliseconds since the epoch
   * @throws IllegalArgumentException if {@code s} is not a valid ULID
   */
  public static long timestamp(String s) {
    if (!isValid(s)) {
      throw new IllegalArgumentException("not a ULID: " + s);
    }
    long v = 0;
    // The first 10 characters carry 50 bits: 2 zero bits and the 48-bit time.
    for (int i = 0; i < 10; i++) {
      v = (v << 5) | decode(s.charAt(i));
    }
    return v;
  }

  private static int decode(char c) {
    char u = Character.toUpperCase(c);
    for (int i = 0; i < ALPHABET.length; i++) {
      if (ALPHABET[i] == u) {
        return i;
      }
    }
    return -1;
  }
}
