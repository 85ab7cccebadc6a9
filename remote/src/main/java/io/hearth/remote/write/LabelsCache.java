package io.hearth.remote.write;

import io.hearth.model.Labels;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A set-associative cache from the wire bytes of a series' labels to its validated {@link Labels}.
 * Senders repeat the same series request after request, so most series skip string decoding, UTF-8
 * and name validation, sorting and the allocation of a new label set. The key is built in a
 * reusable buffer as length-prefixed name and value bytes in wire order, so it is the same for RW
 * 1.0 and 2.0 (where the bytes come from the symbols table). Equal keys always give equal label
 * sets, so a hit is exactly as good as decoding again; only valid label sets are stored.
 *
 * <p>Measured by {@code DecodeMeasureTest} (2000-series requests, 8 labels per series, one sample
 * each, a no-op appender, run with {@code -Dremote.measure=true}): without this cache about 1.8 us
 * and 740 B allocated per sample; with it about 0.6 us (0.1 us of which is snappy) and 32 B per
 * sample, for RW 1.0 and 2.0 alike. A direct-mapped variant with a weaker hash missed 21% of the
 * time; two-way associativity and murmur3's finalizer brought misses to a few percent. On the peer
 * benchmark (20,000 series) two ways still missed a few percent of lookups: each miss decoded,
 * validated and allocated the label set again (about 90 MB of allocation per replay in a JFR
 * profile) and replaced the cached set with a new, equal one that the head's series map no longer
 * matched by identity. Eight ways, whose 64-bit hashes sit side by side in one cache line, keep all
 * but about 0.05% of 20,000 series (LabelsCacheTest requires 99.8%) and let most lookups
 * dereference a single entry.
 *
 * <p>The table is shared by every scratch of the process (equal wire bytes mean equal labels
 * whoever sent them): the server pools scratches, so any scratch sees every series in turn, and a
 * per-scratch table smaller than the set of series missed most of the time (20,000 series at 8,192
 * slots). Entries are immutable records published by a plain array store, so a reader sees either a
 * whole entry or none; concurrent stores may overwrite each other, which only costs a miss. The key
 * buffer and the slot of the last lookup belong to one scratch: instances are not thread-safe.
 */
final class LabelsCache {
  /**
   * Number of slots, for the whole process: room for about 50,000 series with few misses, about 12
   * MB when every slot holds a typical 200-byte key.
   */
  private static final int SLOTS = 1 << 16;

  /** Slots per set; a key may live in any slot of its set. */
  private static final int WAYS = 8;

  /** Label sets with longer keys are not cached: rare, and they would pin much memory. */
  private static final int MAX_KEY_BYTES = 2048;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /**
   * One cached label set, the key bytes it was decoded from and their hash, and the series ref that
   * {@code owner} (an {@link io.hearth.storage.Appendable}) returned for it. The table is shared by
   * every storage of the process, so a ref is only handed to the storage that issued it. The two
   * hint fields are plain and written together by whichever request saw a new ref; two storages
   * writing the same label set at the same moment could pair one's owner with the other's ref, and
   * that costs nothing but a lookup because storages validate refs against the labels (a stale or
   * foreign ref is ignored, see {@link io.hearth.storage.Appender#append}). The hint lives in the
   * entry itself rather than in an object of its own: ingestion is bound by memory stalls, one per
   * object touched per series.
   */
  private static final class Entry {
    final long hash;
    final byte[] key;
    final Labels labels;
    Object owner;
    long ref;

    Entry(long hash, byte[] key, Labels labels) {
      this.hash = hash;
      this.key = key;
      this.labels = labels;
    }
  }

  private static final Entry[] TABLE = new Entry[SLOTS];

  /**
   * The hash of each slot's entry, so a lookup scans one cache line instead of eight entries. A
   * reader may see a hash and an entry from different stores; the entry's own hash and key are
   * checked, so that only costs a miss.
   */
  private static final long[] HASHES = new long[SLOTS];

  private byte[] key = new byte[512];
  private int keyLength;
  private int set;
  private long hash;

  /** The entry found or stored by the last {@link #get()} or {@link #put}, or null. */
  private Entry hit;

  /** Starts a new key. */
  void begin() {
    keyLength = 0;
    hit = null;
  }

  /** Appends one name or value to the key. */
  void add(byte[] b, int off, int len) {
    if (key.length - keyLength < len + 5) {
      key = Arrays.copyOf(key, Math.max(key.length * 2, keyLength + len + 5));
    }
    int n = len;
    while (n >= 0x80) {
      key[keyLength++] = (byte) (n | 0x80);
      n >>>= 7;
    }
    key[keyLength++] = (byte) n;
    System.arraycopy(b, off, key, keyLength, len);
    keyLength += len;
  }

  /** The cached label set for the current key, or null. */
  Labels get() {
    if (keyLength > MAX_KEY_BYTES) {
      set = -1;
      return null;
    }
    long h = keyLength * 0x9e3779b97f4a7c15L;
    int i = 0;
    for (; i + 8 <= keyLength; i += 8) {
      h =
          Long.rotateLeft(h ^ ((long) LONGS.get(key, i) * 0x87c37b91114253d5L), 31)
              * 0x4cf5ad432745937fL;
    }
    long tail = 0;
    for (; i < keyLength; i++) {
      tail = (tail << 8) | (key[i] & 0xff);
    }
    h = Long.rotateLeft(h ^ (tail * 0x87c37b91114253d5L), 31) * 0x4cf5ad432745937fL;
    // murmur3's fmix64: every key bit reaches the low bits that pick the slot.
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    set = (int) h & (SLOTS - WAYS);
    hash = h;
    long[] hashes = HASHES;
    for (int w = 0; w < WAYS; w++) {
      if (hashes[set + w] == h) {
        Entry e = TABLE[set + w];
        if (e != null && e.hash == h && Arrays.equals(e.key, 0, e.key.length, key, 0, keyLength)) {
          hit = e;
          return e.labels;
        }
      }
    }
    return null;
  }

  /** Stores a valid label set under the key of the last {@link #get()}. */
  void put(Labels labels) {
    if (set < 0) {
      return;
    }
    Entry[] table = TABLE;
    int s = -1;
    for (int w = 0; w < WAYS && s < 0; w++) {
      if (table[set + w] == null) {
        s = set + w;
      }
    }
    if (s < 0) {
      // A full set: hash bits not used for the set index pick the victim.
      s = set + ((int) (hash >>> 40) & (WAYS - 1));
    }
    Entry e = new Entry(hash, Arrays.copyOf(key, keyLength), labels);
    table[s] = e;
    HASHES[s] = hash;
    hit = e;
  }

  /**
   * The series ref that {@code owner} last returned for the label set of the current key, or 0 when
   * unknown (no entry, or a ref of another storage).
   */
  long ref(Object owner) {
    Entry e = hit;
    return e != null && e.owner == owner ? e.ref : 0;
  }

  /**
   * Remembers {@code ref} as {@code owner}'s series ref for the label set of the current key; does
   * nothing without a cached entry or for a ref that is not positive.
   */
  void storeRef(Object owner, long ref) {
    Entry e = hit;
    if (e == null || ref <= 0) {
      return;
    }
    e.ref = ref;
    e.owner = owner;
  }
}
