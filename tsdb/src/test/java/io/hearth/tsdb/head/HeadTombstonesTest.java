package io.hearth.tsdb.head;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.encoding.XorChunkReader;
import io.hearth.encoding.XorChunkWriter;
import io.hearth.model.Labels;
import io.hearth.tsdb.util.DeletedIntervals;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeadTombstonesTest {
  @Test
  void intervalsMergeWhenTheyOverlapOrTouch() {
    assertThat(DeletedIntervals.merge(new long[] {10, 20, 1, 5, 21, 30, 6, 7, 40, 50}))
        .containsExactly(1, 7, 10, 30, 40, 50);
    assertThat(DeletedIntervals.merge(new long[] {Long.MIN_VALUE, 0, 5, Long.MAX_VALUE}))
        .containsExactly(Long.MIN_VALUE, 0, 5, Long.MAX_VALUE);
    HeadTombstones t = new HeadTombstones();
    assertThat(t.intervals(7)).isNull();
    t.add(7, 100, 200);
    t.add(7, 150, 300);
    t.add(8, 1, 1);
    assertThat(t.intervals(7)).containsExactly(100, 300);
    assertThat(t.intervals(8)).containsExactly(1, 1);
    assertThat(t.seriesCount()).isEqualTo(2);
  }

  private static MemorySegment chunk(long from, long to, long step) {
    XorChunkWriter w = XorChunkWriter.create();
    for (long t = from; t <= to; t += step) {
      w.append(t, t * 0.5);
    }
    return MemorySegment.ofArray(w.toByteArray());
  }

  private static List<Long> times(SeriesSnapshot s) {
    List<Long> out = new ArrayList<>();
    XorChunkReader r = new XorChunkReader();
    for (int i = 0; i < s.chunks().length; i++) {
      r.reset(s.chunks()[i]);
      long first = Long.MIN_VALUE;
      long last = Long.MIN_VALUE;
      while (r.next()) {
        if (first == Long.MIN_VALUE) {
          first = r.t();
        }
        last = r.t();
        assertThat(r.v()).isEqualTo(r.t() * 0.5);
        out.add(r.t());
      }
      // The recorded chunk bounds follow the re-encoded chunk.
      assertThat(s.minT()[i]).isEqualTo(first);
      assertThat(s.maxT()[i]).isEqualTo(last);
    }
    return out;
  }

  @Test
  void applyDropsCoveredChunksAndReencodesPartlyDeletedOnes() {
    SeriesSnapshot snap =
        new SeriesSnapshot(
            Labels.of("__name__", "m"),
            new MemorySegment[] {chunk(0, 90, 10), chunk(100, 190, 10), chunk(200, 290, 10)},
            new long[] {0, 100, 200},
            new long[] {90, 190, 290});
    SeriesSnapshot out = HeadTombstones.apply(snap, new long[] {50, 70, 95, 195, 280, 1000});
    assertThat(out.chunks()).hasSize(2);
    assertThat(times(out))
        .containsExactly(
            0L, 10L, 20L, 30L, 40L, 80L, 90L, 200L, 210L, 220L, 230L, 240L, 250L, 260L, 270L);
    assertThat(HeadTombstones.apply(snap, new long[] {Long.MIN_VALUE, Long.MAX_VALUE})).isNull();
    // Untouched chunks are passed through as they are, without a copy.
    SeriesSnapshot same = HeadTombstones.apply(snap, new long[] {1000, 2000});
    assertThat(same.chunks()[1]).isSameAs(snap.chunks()[1]);
  }
}
