package io.hearth.tsdb.head;

import io.hearth.encoding.XorChunkReader;
import io.hearth.model.LabelMatcher;
import io.hearth.model.Utf8Order;
import io.hearth.storage.LabelQuerier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * The label queries and series selection shared by the head's sample and chunk queriers. A series
 * counts as in range when it has a sample in {@code [minT, maxT]}.
 */
abstract class HeadLabelQuerier implements LabelQuerier {
  final Head head;
  final long minT;
  final long maxT;

  /** Registration with the chunk arena: keeps chunk memory seen by this querier alive. */
  private final long readerToken;

  private boolean closed;

  HeadLabelQuerier(Head head, long minT, long maxT) {
    this.head = head;
    this.minT = minT;
    this.maxT = maxT;
    this.readerToken = head.arena().openReader();
  }

  /** The series matching every matcher, sorted by labels when asked. */
  MemSeries[] selectSeries(boolean sorted, LabelMatcher... matchers) {
    RoaringBitmap refs = head.postings().select(matchers);
    MemSeries[] out = new MemSeries[refs.getCardinality()];
    int n = 0;
    IntIterator it = refs.getIntIterator();
    while (it.hasNext()) {
      MemSeries s = head.byRef(it.next());
      if (s != null) {
        out[n++] = s;
      }
    }
    if (n != out.length) {
      out = Arrays.copyOf(out, n);
    }
    if (sorted) {
      head.sortOrder().sort(out);
    }
    return out;
  }

  private final XorChunkReader reader = new XorChunkReader();

  private boolean refInRange(int ref) {
    MemSeries s = head.byRef(ref);
    return s != null && inRange(s);
  }

  private boolean inRange(MemSeries s) {
    int state = s.rangeState(minT, maxT);
    if (state == MemSeries.OUTSIDE) {
      return false;
    }
    if (state == MemSeries.EDGE_INSIDE && head.tombstones().intervals(s.ref) == null) {
      return true;
    }
    SeriesSnapshot snap = head.tombstones().snapshot(s, minT, maxT, head.arena());
    return snap != null && snap.hasSampleIn(minT, maxT, reader);
  }

  /**
   * Whether {@code s} has a sample in the range without reading a chunk: its oldest or newest
   * sample lies inside, and no deletion can have removed it.
   */
  final boolean surelyInRange(MemSeries s) {
    return s.rangeState(minT, maxT) == MemSeries.EDGE_INSIDE
        && head.tombstones().intervals(s.ref) == null;
  }

  @Override
  public List<String> labelNames(LabelMatcher... matchers) {
    if (matchers.length == 0) {
      // Without matchers, ask the index: per name, stop at the first series in range.
      return head.postings().labelNames(this::refInRange);
    }
    TreeSet<String> names = new TreeSet<>(Utf8Order::compare);
    for (MemSeries s : selectSeries(false, matchers)) {
      if (inRange(s)) {
        for (int i = 0; i < s.labels.size(); i++) {
          names.add(s.labels.name(i));
        }
      }
    }
    return new ArrayList<>(names);
  }

  @Override
  public List<String> labelValues(String name, LabelMatcher... matchers) {
    if (matchers.length == 0) {
      return head.postings().labelValues(name, this::refInRange);
    }
    TreeSet<String> values = new TreeSet<>(Utf8Order::compare);
    for (MemSeries s : selectSeries(false, matchers)) {
      if (inRange(s)) {
        String v = s.labels.get(name);
        if (!v.isEmpty()) {
          values.add(v);
        }
      }
    }
    return new ArrayList<>(values);
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      head.arena().closeReader(readerToken);
    }
  }
}
