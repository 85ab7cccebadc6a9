package io.hearth.tsdb.head;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.model.LabelMatcher;
import io.hearth.model.Labels;
import io.hearth.model.MatchType;
import io.hearth.storage.Appender;
import io.hearth.storage.ChunkIterator;
import io.hearth.storage.ChunkQuerier;
import io.hearth.storage.ChunkSeriesSet;
import io.hearth.tsdb.TsdbObserver;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeadChunkQuerierRangeTest {
  private static Labels series(String job) {
    return Labels.of("__name__", "m", "job", job);
  }

  /** Selects over [minT, maxT]; per series its job and the number of chunks read lazily. */
  private static List<String> select(Head head, long minT, long maxT) {
    List<String> out = new ArrayList<>();
    try (ChunkQuerier q = head.chunkQuerier(minT, maxT)) {
      ChunkSeriesSet set = q.select(true, null, LabelMatcher.of(MatchType.EQUAL, "__name__", "m"));
      while (set.next()) {
        ChunkIterator it = set.at().iterator(null);
        int chunks = 0;
        while (it.next()) {
          assertThat(it.maxT()).isGreaterThanOrEqualTo(minT);
          assertThat(it.minT()).isLessThanOrEqualTo(maxT);
          chunks++;
        }
        out.add(set.at().labels().get("job") + ":" + chunks);
      }
    }
    return out;
  }

  @Test
  void listsSeriesBySampleInRangeWithAndWithoutReadingChunks() {
    try (Head head = new Head(HeadLog.NONE, TsdbObserver.NONE)) {
      Appender app = head.appender();
      // "a" has samples inside [1000, 2000]; "b" only around it; "c" only before it.
      for (long t = 0; t <= 3000; t += 500) {
        app.append(0, series("a"), t, 1);
      }
      app.append(0, series("b"), 0, 1);
      app.append(0, series("b"), 3000, 1);
      app.append(0, series("c"), 0, 1);
      app.commit();
      assertThat(select(head, 1000, 2000)).containsExactly("a:1");
      assertThat(select(head, 0, 3000)).containsExactly("a:1", "b:1", "c:1");
      assertThat(select(head, 2600, 2700)).isEmpty();
      assertThat(select(head, 2600, 3000)).containsExactly("a:1", "b:1");

      // A deletion of a's only samples in range hides it, though its first and last are outside.
      Appender more = head.appender();
      long refA = more.append(0, series("a"), 3500, 1);
      more.commit();
      head.tombstones().add(refA, 1000, 2000);
      assertThat(select(head, 1000, 2000)).isEmpty();
      head.tombstones().add(refA, 3500, 3500);
      assertThat(select(head, 3000, 4000)).containsExactly("a:1", "b:1");
    }
  }
}
