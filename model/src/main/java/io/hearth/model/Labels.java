package io.hearth.model;

import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * An immutable set of labels: unique names, sorted by UTF-8 byte order of the name, each with a
 * non-empty value.
 *
 * <p>Label sets are ordered as Prometheus orders them: pairwise by name, then by value, and a set
 * that is a prefix of another sorts first. The 64-bit {@link #hash()} is computed on first use and
 * cached; it is stable across runs and JVMs (it is stored nowhere on disk yet, but may be).
 *
 * <p>Instances are created with {@link #of(String...)}, {@link #empty()} or a reusable {@link
 * LabelsBuilder}. Thread-safe: immutable.
 */
public final class Labels implements Comparable<Labels> {
  /** The name of the label holding the metric name. */
  public static final String METRIC_NAME = "__name__";

  private static final Labels EMPTY = new Labels(new String[0]);

  /** Names and values interleaved: name0, value0, name1, value1, ... in name order. */
  private final String[] pairs;

  /**
   * The cached {@link #hash()}, 0 until first asked for: most label sets a query decodes from a
   * block are only compared and written out, never hashed, and hashing every character cost a fifth
   * of a series lookup. A racy cache of an immutable value: at worst two threads compute it twice
   * (long fields are written atomically by the 64-bit JVMs Hearth runs on).
   */
  private long hash;

  Labels(String[] pairs) {
    this.pairs = pairs;
  }

  /** The empty label set. */
  public static Labels empty() {
    return EMPTY;
  }

  /**
   * Creates a label set from alternating names and values, in any order. Pairs with an empty value
   * are dropped (Prometheus treats an empty value as an absent label).
   *
   * @throws IllegalArgumentException if the count is odd or a name occurs twice
   */
  public static Labels of(String... namesAndValues) {
    if ((namesAndValues.length & 1) != 0) {
      throw new IllegalArgumentException("labels need name/value pairs, got an odd count");
    }
    LabelsBuilder b = new LabelsBuilder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      // Checked against all earlier names, not only the kept ones, so that a duplicate is an error
      // even when one of the two values is empty.
      for (int j = 0; j < i; j += 2) {
        if (namesAndValues[j].equals(namesAndValues[i])) {
          throw new IllegalArgumentException("duplicate label name: " + namesAndValues[i]);
        }
      }
      b.set(namesAndValues[i], namesAndValues[i + 1]);
    }
    return b.build();
  }

  /**
   * Wraps already sorted, unique, non-empty pairs without copying. For decoders that have checked
   * the order themselves; the array must not be modified afterwards.
   *
   * @throws IllegalArgumentException if the count is odd, a name or value is null, a value is
   *     empty, or the pairs are not strictly sorted by name
   */
  public static Labels ofSortedPairs(String[] pairs) {
    if ((pairs.length & 1) != 0) {
      throw new IllegalArgumentException("labels need name/value pairs, got an odd count");
    }
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i] == null || pairs[i + 1] == null) {
        throw new IllegalArgumentException("null label name or value at pair " + (i >> 1));
      }
      if (pairs[i + 1].isEmpty()) {
        throw new IllegalArgumentException("empty value for label " + pairs[i]);
      }
      if (i > 0 && Utf8Order.compare(pairs[i - 2], pairs[i]) >= 0) {
        throw new IllegalArgumentException(
            "label names not sorted or not unique: " + pairs[i - 2] + ", " + pairs[i]);
      }
    }
    return pairs.length == 0 ? EMPTY : new Labels(pairs);
  }

  /** A new reusable builder. */
  public static LabelsBuilder builder() {
    return new LabelsBuilder();
  }

  /**
   * This label set with every name and value replaced by its {@link String#intern() interned}
   * instance, so that equal sets from different decoders share their strings and compare by
   * reference; {@code this} when they all were interned already.
   */
  public Labels interned() {
    String[] out = null;
    for (int i = 0; i < pairs.length; i++) {
      String s = pairs[i].intern();
      if (s != pairs[i]) {
        if (out == null) {
          out = pairs.clone();
        }
        out[i] = s;
      }
    }
    return out == null ? this : new Labels(out);
  }

  /** The number of labels. */
  public int size() {
    return pairs.length >> 1;
  }

  /** Whether this set has no labels. */
  public boolean isEmpty() {
    return pairs.length == 0;
  }

  /** The name of the i-th label in name order. */
  public String name(int i) {
    return pairs[i << 1];
  }

  /** The value of the i-th label in name order. */
  public String value(int i) {
    return pairs[(i << 1) + 1];
  }

  /** The value of the named label, or the empty string when absent (as in Prometheus). */
  public String get(String name) {
    int i = indexOf(name);
    return i < 0 ? "" : pairs[(i << 1) + 1];
  }

  /** Whether the named label is present. */
  public boolean has(String name) {
    return indexOf(name) >= 0;
  }

  /** The metric name, or the empty string when there is none. */
  public String metricName() {
    return get(METRIC_NAME);
  }

  /** Index of the label with this name, or a negative number when absent. */
  public int indexOf(String name) {
    int lo = 0;
    int hi = size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = Utf8Order.compare(pairs[mid << 1], name);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -(lo + 1);
  }

  /** Calls the consumer for every label in name order. */
  public void forEach(BiConsumer<String, String> consumer) {
    for (int i = 0; i < pairs.length; i += 2) {
      consumer.accept(pairs[i], pairs[i + 1]);
    }
  }

  /** The stable 64-bit hash of this label set. */
  public long hash() {
    long h = hash;
    if (h == 0) {
      h = computeHash(pairs);
      hash = h;
    }
    return h;
  }

  /** A copy of the interleaved name/value pairs. */
  public String[] toPairs() {
    return pairs.clone();
  }

  @Override
  public int compareTo(Labels o) {
    int n = Math.min(pairs.length, o.pairs.length);
    for (int i = 0; i < n; i += 2) {
      int c = Utf8Order.compare(pairs[i], o.pairs[i]);
      if (c != 0) {
        return c;
      }
      c = Utf8Order.compare(pairs[i + 1], o.pairs[i + 1]);
      if (c != 0) {
        return c;
      }
    }
    return pairs.length - o.pairs.length;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    // Hashes only reject when both are known: computing them here would cost more than comparing.
    return o instanceof Labels l
        && (hash == 0 || l.hash == 0 || l.hash == hash)
        && Arrays.equals(l.pairs, pairs);
  }

  @Override
  public int hashCode() {
    long h = hash();
    return (int) (h ^ (h >>> 32));
  }

  /**
   * Renders as Prometheus 3.x does: {@code {__name__="up", job="node"}}. Values are quoted like
   * Go's {@code strconv.Quote}; a name that is not a legacy label name is quoted too ({@code
   * {"foo.bar"="1"}}).
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(pairs.length * 8 + 2).append('{');
    for (int i = 0; i < pairs.length; i += 2) {
      if (i > 0) {
        sb.append(", ");
      }
      appendLabel(sb, pairs[i], pairs[i + 1]);
    }
    return sb.append('}').toString();
  }

  /** Appends {@code name="value"} quoted as in {@link #toString()}. */
  static void appendLabel(StringBuilder sb, String name, String value) {
    if (LabelNames.isValidLegacyLabelName(name)) {
      sb.append(name);
    } else {
      GoQuote.appendQuoted(sb, name);
    }
    sb.append('=');
    GoQuote.appendQuoted(sb, value);
  }

  /**
   * A 64-bit FNV-1a variant over UTF-16 code units with a separator after every name and value,
   * finished with a murmur3 fmix64 so that close label sets spread over all bits (the head's lock
   * stripes and hash maps use the low bits).
   */
  private static long computeHash(String[] pairs) {
    long h = 0xcbf29ce484222325L;
    for (String s : pairs) {
      for (int i = 0; i < s.length(); i++) {
        h ^= s.charAt(i);
        h *= 0x100000001b3L;
      }
      h ^= 0xffff;
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
