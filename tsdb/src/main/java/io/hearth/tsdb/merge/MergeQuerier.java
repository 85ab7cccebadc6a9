package io.hearth.tsdb.merge;

import io.hearth.model.LabelMatcher;
import io.hearth.model.Labels;
import io.hearth.storage.Querier;
import io.hearth.storage.SampleIterator;
import io.hearth.storage.SelectHints;
import io.hearth.storage.Series;
import io.hearth.storage.SeriesSet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A querier over several sources (blocks oldest first, then the head). Series come sorted by labels
 * whatever {@code sorted} asks; a label set found in several sources becomes one series whose
 * samples are merged by time, the later source winning on equal timestamps. Series are decoded into
 * arrays in batches, partly on a helper thread (see {@link DecodingMergeSet}), unless the hints say
 * only labels are wanted ({@code series}). Closing waits for helpers, then closes every source. Not
 * thread-safe.
 */
public final class MergeQuerier extends MergeLabels<Querier> implements Querier {
  /**
   * Creates a merging querier that owns {@code sources}.
   *
   * @param sources the queriers to merge, in priority order (later wins); at least one
   */
  public MergeQuerier(Querier... sources) {
    super(sources);
  }

  /** Sets whose helpers may still be decoding ahead; they must stop before sources close. */
  private final List<DecodingMergeSet> decodingSets = new ArrayList<>();

  @Override
  public void close() {
    for (DecodingMergeSet set : decodingSets) {
      set.awaitHelpers();
    }
    decodingSets.clear();
    super.close();
  }

  @Override
  @SuppressWarnings("unchecked")
  public SeriesSet select(boolean sorted, SelectHints hints, LabelMatcher... matchers) {
    int n = sources.length;
    BooleanSupplier[] nexts = new BooleanSupplier[n];
    Supplier<Series>[] ats = new Supplier[n];
    for (int i = 0; i < n; i++) {
      SeriesSet set = sources[i].select(true, hints, matchers);
      nexts[i] = set::next;
      ats[i] = set::at;
    }
    SortedMerge<Series> merge = new SortedMerge<>(nexts, ats, Series::labels);
    if (hints == null || !"series".equals(hints.function())) {
      DecodingMergeSet set = new DecodingMergeSet(merge, n);
      decodingSets.add(set);
      return set;
    }
    // Only labels are wanted: merge lazily, decoding nothing.
    return new SeriesSet() {
      private Series current;

      @Override
      public boolean next() {
        if (!merge.next()) {
          current = null;
          return false;
        }
        if (merge.size() == 1) {
          current = merge.member(0);
        } else {
          Series[] members = new Series[merge.size()];
          for (int g = 0; g < members.length; g++) {
            members[g] = merge.member(g);
          }
          current = new Merged(members);
        }
        return true;
      }

      @Override
      public Series at() {
        return current;
      }
    };
  }

  /** One label set present in several sources. */
  private record Merged(Series[] members) implements Series {
    @Override
    public Labels labels() {
      return members[0].labels();
    }

    @Override
    public SampleIterator iterator(SampleIterator reuse) {
      SampleIterator[] its = new SampleIterator[members.length];
      for (int i = 0; i < its.length; i++) {
        its[i] = members[i].iterator(null);
      }
      return new MergeSampleIterator(its);
    }
  }
}
