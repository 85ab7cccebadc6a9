package io.hearth.remote.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.model.Labels;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LabelsCacheTest {
  private static void key(LabelsCache cache, String... parts) {
    cache.begin();
    for (String p : parts) {
      byte[] b = p.getBytes(StandardCharsets.UTF_8);
      cache.add(b, 0, b.length);
    }
  }

  @Test
  void aLabelSetStoredThroughOneScratchIsFoundThroughAnother() {
    LabelsCache first = new LabelsCache();
    LabelsCache second = new LabelsCache();
    Labels labels = Labels.of("__name__", "shared_cache_test", "job", "a");
    key(first, "__name__", "shared_cache_test", "job", "a");
    assertThat(first.get()).isNull();
    first.put(labels);

    key(second, "__name__", "shared_cache_test", "job", "a");
    assertThat(second.get()).isSameAs(labels);
  }

  @Test
  void keysThatDifferOnlyInWhereANameEndsDoNotCollide() {
    LabelsCache cache = new LabelsCache();
    Labels labels = Labels.of("ab", "c");
    key(cache, "ab", "c");
    cache.get();
    cache.put(labels);
    key(cache, "a", "bc");
    assertThat(cache.get()).isNull();
    key(cache, "ab", "c");
    assertThat(cache.get()).isSameAs(labels);
  }

  @Test
  void twentyThousandSeriesKeepTheirCachedLabelSets() {
    // A miss would replace a series' cached label set with a new, equal one, which the head's
    // series map no longer matches by identity; at the peer benchmark's size (20,000 series) the
    // cache must keep nearly all of them.
    int n = 20_000;
    Labels[] stored = new Labels[n];
    LabelsCache cache = new LabelsCache();
    for (int i = 0; i < n; i++) {
      key(cache, "__name__", "keep_test_metric", "instance", "host-" + i, "cpu", "" + (i % 7));
      assertThat(cache.get()).isNull();
      stored[i] = Labels.of("__name__", "keep_test_metric", "instance", "host-" + i);
      cache.put(stored[i]);
    }
    int same = 0;
    for (int i = 0; i < n; i++) {
      key(cache, "__name__", "keep_test_metric", "instance", "host-" + i, "cpu", "" + (i % 7));
      if (cache.get() == stored[i]) {
        same++;
      }
    }
    assertThat(same).isGreaterThanOrEqualTo(n - n / 500);
  }
}
