package io.hearth.tsdb.merge;

import io.hearth.model.Labels;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Walks several label-sorted series sets at once and groups, at each step, the sources positioned
 * on the smallest label set. Not thread-safe.
 *
 * @param <S> the series type
 */
final class SortedMerge<S> {
  private final BooleanSupplier[] nexts;
  private final Supplier<S>[] ats;
  private final Function<S, Labels> labelsOf;
  private final Object[] current;
  private final boolean[] consumed;
  private final int[] group;
  private int groupSize;

  SortedMerge(BooleanSupplier[] nexts, Supplier<S>[] ats, Function<S, Labels> labelsOf) {
    this.nexts = nexts;
    this.ats = ats;
    this.labelsOf = labelsOf;
    this.current = new Object[nexts.length];
    this.consumed = new boolean[nexts.length];
    this.group = new int[nexts.length];
    java.util.Arrays.fill(consumed, true);
  }

  /** Advances to the next label set; false at the end. */
  boolean next() {
    for (int i = 0; i < nexts.length; i++) {
      if (consumed[i]) {
        consumed[i] = false;
        current[i] = nexts[i].getAsBoolean() ? ats[i].get() : null;
      }
    }
    groupSize = 0;
    Labels min = null;
    for (int i = 0; i < current.length; i++) {
      if (current[i] == null) {
        continue;
      }
      Labels l = labelsOf.apply(series(i));
      // Equal label sets are the common case across sources; equals checks the hash first.
      int c = min == null ? -1 : l.equals(min) ? 0 : l.compareTo(min);
      if (c < 0) {
        min = l;
        groupSize = 0;
      }
      if (c <= 0) {
        group[groupSize++] = i;
      }
    }
    for (int g = 0; g < groupSize; g++) {
      consumed[group[g]] = true;
    }
    return groupSize > 0;
  }

  /** How many sources hold the current label set. */
  int size() {
    return groupSize;
  }

  /** The series of the {@code g}-th source holding the current label set, in source order. */
  @SuppressWarnings("unchecked")
  S series(int sourceIndex) {
    return (S) current[sourceIndex];
  }

  /** The labels of the current label set. */
  Labels labelsOfGroup() {
    return labelsOf.apply(member(0));
  }

  /** The g-th member of the current group, in source order. */
  S member(int g) {
    return series(group[g]);
  }
}
