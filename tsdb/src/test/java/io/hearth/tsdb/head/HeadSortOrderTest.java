package io.hearth.tsdb.head;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.model.LabelMatcher;
import io.hearth.model.Labels;
import io.hearth.model.MatchType;
import io.hearth.storage.Appender;
import io.hearth.storage.Querier;
import io.hearth.storage.SeriesSet;
import io.hearth.testkit.Seed;
import io.hearth.testkit.SeededExtension;
import io.hearth.tsdb.TsdbObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SeededExtension.class)
class HeadSortOrderTest {
  private static List<Labels> select(Head head, boolean sorted, LabelMatcher m) {
    List<Labels> out = new ArrayList<>();
    try (Querier q = head.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
      SeriesSet set = q.select(sorted, null, m);
      while (set.next()) {
        out.add(set.at().labels());
      }
    }
    return out;
  }

  @Test
  void sortedSelectsStayInLabelOrderWhileSeriesComeAndGo(Seed seed) {
    Random r = seed.random();
    try (Head head = new Head(HeadLog.NONE, TsdbObserver.NONE)) {
      long t = 0;
      for (int round = 0; round < 40; round++) {
        t += 3_600_000L;
        Appender app = head.appender();
        int added = 1 + r.nextInt(30);
        for (int i = 0; i < added; i++) {
          // Random values place new series anywhere in the existing order, not only at its end.
          Labels l =
              Labels.of(
                  "__name__",
                  "m" + r.nextInt(3),
                  "job",
                  "j" + r.nextInt(50),
                  "instance",
                  Integer.toString(r.nextInt(1000)));
          app.append(0, l, t, i);
        }
        app.commit();
        if (r.nextInt(4) == 0) {
          long cut = t - r.nextInt(3) * 3_600_000L;
          head.raiseFloor(cut);
          head.truncateBefore(cut);
        }
        LabelMatcher m =
            r.nextBoolean()
                ? LabelMatcher.of(MatchType.REGEX, "__name__", ".+")
                : LabelMatcher.of(MatchType.EQUAL, "__name__", "m" + r.nextInt(3));
        List<Labels> sorted = select(head, true, m);
        List<Labels> expected = new ArrayList<>(select(head, false, m));
        expected.sort(Labels::compareTo);
        assertThat(sorted).isEqualTo(expected);
      }
    }
  }
}
