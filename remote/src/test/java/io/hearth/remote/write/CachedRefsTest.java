package io.hearth.remote.write;

import static io.hearth.remote.write.TestData.V2_TYPE;
import static io.hearth.remote.write.TestData.request;
import static io.hearth.remote.write.TestData.snappy;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.model.Labels;
import io.hearth.storage.Appendable;
import io.hearth.storage.Appender;
import io.hearth.storage.CommitResult;
import io.hearth.storage.Rejection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The labels cache carries the storage's series refs from one request to the next, and only back to
 * the storage that issued them.
 */
class CachedRefsTest {
  /** Hands out refs from {@code base} per label set and records every ref it is passed. */
  private static final class RefStorage implements Appendable {
    final Map<Labels, Long> refs = new HashMap<>();
    final List<Long> passed = new ArrayList<>();
    long next;

    RefStorage(long base) {
      next = base;
    }

    long refOf(Labels labels) {
      return refs.computeIfAbsent(labels, l -> next++);
    }

    @Override
    public Appender appender() {
      return new Appender() {
        @Override
        public long append(long ref, Labels labels, long t, double v) {
          passed.add(ref);
          return refOf(labels);
        }

        @Override
        public CommitResult commit() {
          return new CommitResult(0, 0, new long[Rejection.values().length]);
        }

        @Override
        public void rollback() {}
      };
    }
  }

  /** Two series, unique to this test (the cache is process-wide), with two samples each. */
  private static List<TestData.Series> twoSeries(String metric, long t0) {
    List<TestData.Series> out = new ArrayList<>();
    for (String id : new String[] {"a", "b"}) {
      out.add(
          new TestData.Series(
              new String[] {"__name__", metric, "id", id},
              new long[] {t0, t0 + 1},
              new long[] {Double.doubleToRawLongBits(1), Double.doubleToRawLongBits(2)}));
    }
    return out;
  }

  private static void send(
      RemoteWriteHandler handler,
      Function<List<TestData.Series>, byte[]> enc,
      String type,
      String metric,
      long t0) {
    RemoteWriteResult r =
        handler.handle(
            request(type, snappy(enc.apply(twoSeries(metric, t0)))), new RemoteWriteScratch());
    assertThat(r.status()).as(r.body()).isEqualTo(204);
  }

  private void refsTravelWithTheCache(
      Function<List<TestData.Series>, byte[]> enc, String type, String metric) {
    RefStorage a = new RefStorage(1_000);
    RefStorage b = new RefStorage(5_000);
    RemoteWriteHandler toA =
        RemoteWriteHandler.create(a, RemoteWriteLimits.defaults(), MetadataSink.NONE);
    RemoteWriteHandler toB =
        RemoteWriteHandler.create(b, RemoteWriteLimits.defaults(), MetadataSink.NONE);
    long refA = a.refOf(Labels.of("__name__", metric, "id", "a"));
    long refB = a.refOf(Labels.of("__name__", metric, "id", "b"));

    send(toA, enc, type, metric, 1000);
    // First sight: no ref for the first sample; the returned one for the second.
    assertThat(a.passed).containsExactly(0L, refA, 0L, refB);

    a.passed.clear();
    send(toA, enc, type, metric, 2000);
    // The next request starts every series with the ref the storage gave.
    assertThat(a.passed).containsExactly(refA, refA, refB, refB);

    // Another storage never sees a's refs, and a never sees b's.
    send(toB, enc, type, metric, 3000);
    assertThat(b.passed).containsOnly(0L, 5_000L, 5_001L).startsWith(0L);
    a.passed.clear();
    send(toA, enc, type, metric, 4000);
    assertThat(a.passed).containsOnly(0L, refA, refB);

    // A storage that renumbers a series (e.g. recreated after truncation) gets the new ref next.
    a.refs.put(Labels.of("__name__", metric, "id", "a"), 9_999L);
    send(toA, enc, type, metric, 5000);
    a.passed.clear();
    send(toA, enc, type, metric, 6000);
    assertThat(a.passed).containsExactly(9_999L, 9_999L, refB, refB);
  }

  @Test
  void v1RequestsPassCachedRefsBackToTheirOwnStorageOnly() {
    refsTravelWithTheCache(Encoders::v1, null, "cached_refs_v1");
  }

  @Test
  void v2RequestsPassCachedRefsBackToTheirOwnStorageOnly() {
    refsTravelWithTheCache(Encoders::v2, V2_TYPE, "cached_refs_v2");
  }
}
