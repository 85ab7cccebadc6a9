package io.hearth.api.v1;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.model.LabelMatcher;
import io.hearth.model.Labels;
import io.hearth.storage.Appender;
import io.hearth.storage.ChunkIterator;
import io.hearth.storage.ChunkQuerier;
import io.hearth.storage.ChunkQueryable;
import io.hearth.storage.ChunkSeries;
import io.hearth.storage.ChunkSeriesSet;
import io.hearth.storage.Querier;
import io.hearth.storage.Queryable;
import io.hearth.storage.SelectHints;
import io.hearth.storage.SeriesSet;
import io.hearth.testkit.memory.MemoryStorage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code series} reads labels through a chunk querier when storage has one: no samples decode. */
class SeriesChunkPathTest {
  @Test
  void seriesUsesTheChunkQuerierAndMatchesTheSampleQuerier() {
    MemoryStorage mem = MemoryStorage.create();
    Appender a = mem.appender();
    a.append(0, Labels.of("__name__", "up", "job", "db"), 1000, 1);
    a.append(0, Labels.of("__name__", "up", "job", "api"), 1000, 1);
    a.append(0, Labels.of("__name__", "down", "job", "api"), 1000, 1);
    a.commit();
    ChunkOnly storage = new ChunkOnly(mem);
    ApiV1 api =
        ApiV1.builder()
            .storage(storage)
            .engine(new FakeEngine(c -> QueryOutcome.failed(ApiError.internal("unused"))))
            .build();
    assertThat(Exchange.get(api, "/series", "match[]=up&match[]=%7Bjob%3D%22api%22%7D").body())
        .isEqualTo(
            "{\"status\":\"success\",\"data\":["
                + "{\"__name__\":\"down\",\"job\":\"api\"},"
                + "{\"__name__\":\"up\",\"job\":\"api\"},"
                + "{\"__name__\":\"up\",\"job\":\"db\"}]}");
    assertThat(storage.chunkQueriers).isEqualTo(1);
    assertThat(storage.lastHints.function()).isEqualTo("series");
  }

  /** Serves selects only through chunk queriers, adapted from a memory storage's labels. */
  private static final class ChunkOnly implements Queryable, ChunkQueryable {
    private final MemoryStorage mem;
    int chunkQueriers;
    SelectHints lastHints;

    ChunkOnly(MemoryStorage mem) {
      this.mem = mem;
    }

    @Override
    public Querier querier(long minT, long maxT) {
      throw new AssertionError("series must not open a sample querier");
    }

    @Override
    public ChunkQuerier chunkQuerier(long minT, long maxT) {
      chunkQueriers++;
      Querier q = mem.querier(minT, maxT);
      return new ChunkQuerier() {
        @Override
        public ChunkSeriesSet select(boolean sorted, SelectHints hints, LabelMatcher... m) {
          lastHints = hints;
          SeriesSet s = q.select(sorted, hints, m);
          return new ChunkSeriesSet() {
            @Override
            public boolean next() {
              return s.next();
            }

            @Override
            public ChunkSeries at() {
              Labels l = s.at().labels();
              return new ChunkSeries() {
                @Override
                public Labels labels() {
                  return l;
                }

                @Override
                public ChunkIterator iterator(ChunkIterator reuse) {
                  throw new AssertionError("series must not read chunks");
                }
              };
            }
          };
        }

        @Override
        public List<String> labelNames(LabelMatcher... matchers) {
          return q.labelNames(matchers);
        }

        @Override
        public List<String> labelValues(String name, LabelMatcher... matchers) {
          return q.labelValues(name, matchers);
        }

        @Override
        public void close() {
          q.close();
        }
      };
    }
  }
}
