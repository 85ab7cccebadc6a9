package io.hearth.tsdb.head;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.model.Labels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesMapTest {
  private static Labels series(int i) {
    return Labels.of("__name__", "m", "i", Integer.toString(i));
  }

  @Test
  void refsAreNeverReusedAndEmptiedPagesAreDropped() {
    SeriesMap map = new SeriesMap();
    List<MemSeries> created = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      created.add(map.getOrCreate(series(i), s -> {}));
    }
    assertThat(map.allocatedPages()).isEqualTo(3); // refs 1..10,000 in pages of 4,096
    for (MemSeries s : created) {
      assertThat(map.get(s.ref)).isSameAs(s);
    }
    // Remove the first 9,000: pages 0 and 1 empty out; page 2 keeps its live series.
    for (int i = 0; i < 9_000; i++) {
      assertThat(map.removeIfEmpty(created.get(i), true)).isTrue();
    }
    assertThat(map.allocatedPages()).isEqualTo(1);
    assertThat(map.size()).isEqualTo(1_000);
    assertThat(map.get(created.get(0).ref)).isNull();
    assertThat(map.get(created.get(9_000).ref)).isSameAs(created.get(9_000));
    // The same labels come back under a new ref; the old ref stays empty.
    MemSeries again = map.getOrCreate(series(0), s -> {});
    assertThat(again.ref).isEqualTo(10_001);
    assertThat(map.get(created.get(0).ref)).isNull();
    assertThat(map.get(again.ref)).isSameAs(again);
    // Refs outside the table find nothing.
    assertThat(map.get(0)).isNull();
    assertThat(map.get(-5)).isNull();
    assertThat(map.get(1L << 40)).isNull();
    assertThat(map.get(1_000_000)).isNull();
  }

  @Test
  void aPageWithRefsStillToBeIssuedIsKept() {
    SeriesMap map = new SeriesMap();
    MemSeries a = map.getOrCreate(series(1), s -> {});
    assertThat(map.removeIfEmpty(a, true)).isTrue();
    // Ref 1 was the page's only entry, but refs 2..4,095 may still land there.
    assertThat(map.allocatedPages()).isEqualTo(1);
    MemSeries b = map.getOrCreate(series(2), s -> {});
    assertThat(map.get(b.ref)).isSameAs(b);
  }

  @Test
  void replayedAliasesFindTheirSeries() {
    SeriesMap map = new SeriesMap();
    MemSeries s = map.putReplayed(7, series(1), x -> {});
    assertThat(map.putReplayed(9_000, series(1), x -> {})).isSameAs(s);
    assertThat(map.get(7)).isSameAs(s);
    assertThat(map.get(9_000)).isSameAs(s);
    assertThat(map.size()).isEqualTo(1);
    // New refs continue above the highest replayed one.
    assertThat(map.getOrCreate(series(2), x -> {}).ref).isEqualTo(9_001);
  }
}
