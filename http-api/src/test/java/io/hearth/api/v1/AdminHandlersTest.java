package io.hearth.api.v1;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.model.LabelMatcher;
import io.hearth.testkit.memory.MemoryStorage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The admin endpoints' parameters, statuses and bodies, against a recording {@link TsdbAdmin}. */
class AdminHandlersTest {
  private final List<String> calls = new ArrayList<>();
  private RuntimeException failWith;

  private final TsdbAdmin admin =
      new TsdbAdmin() {
        @Override
        public void deleteSeries(long minT, long maxT, LabelMatcher[] matchers) {
          calls.add("delete " + minT + " " + maxT + " " + Arrays.toString(matchers));
          if (failWith != null) {
            throw failWith;
          }
        }

        @Override
        public void cleanTombstones() {
          calls.add("clean");
        }

        @Override
        public String snapshot(boolean skipHead) {
          calls.add("snapshot skipHead=" + skipHead);
          if (failWith != null) {
            throw failWith;
          }
          return "20171210T211224Z-2be650b6d019eb54";
        }
      };

  private ApiV1 api() {
    return ApiV1.builder()
        .storage(MemoryStorage.create())
        .engine(new FakeEngine(c -> null))
        .admin(admin)
        .build();
  }

  private static Exchange put(ApiV1 api, String path, String form) {
    return Exchange.run(
        api,
        new ApiRequest(
            "PUT",
            path,
            null,
            java.util.Map.of("Content-Type", List.of("application/x-www-form-urlencoded")),
            new ByteArrayInputStream(form.getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void deleteSeriesDeletesEachSelectorAndAnswers204() {
    Exchange e =
        Exchange.post(
            api(),
            "/api/v1/admin/tsdb/delete_series",
            "match[]=up%7Bjob%3D%22a%22%7D&match[]=down&start=10&end=20.5");
    assertThat(e.status()).isEqualTo(204);
    assertThat(e.body()).isEmpty();
    assertThat(calls)
        .containsExactly(
            "delete 10000 20500 [job=\"a\", __name__=\"up\"]",
            "delete 10000 20500 [__name__=\"down\"]");
  }

  @Test
  void deleteSeriesDefaultsToAllTimeAndAcceptsPut() {
    Exchange e = put(api(), "/api/v1/admin/tsdb/delete_series", "match[]=up");
    assertThat(e.status()).isEqualTo(204);
    assertThat(calls)
        .containsExactly(
            "delete " + ApiParams.MIN_TIME_MS + " " + ApiParams.MAX_TIME_MS + " [__name__=\"up\"]");
  }

  @Test
  void deleteSeriesWithoutMatchIsBadData() {
    Exchange e = Exchange.post(api(), "/api/v1/admin/tsdb/delete_series", "start=1");
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.body())
        .isEqualTo(
            "{\"status\":\"error\",\"errorType\":\"bad_data\","
                + "\"error\":\"no match[] parameter provided\"}");
    assertThat(calls).isEmpty();
  }

  @Test
  void aBadSelectorDeletesNothing() {
    Exchange e = Exchange.post(api(), "/api/v1/admin/tsdb/delete_series", "match[]=up&match[]=%7B");
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.body()).contains("\"errorType\":\"bad_data\"");
    assertThat(calls).isEmpty();
  }

  @Test
  void aStorageFailureIsInternal() {
    failWith = new IllegalStateException("disk on fire");
    Exchange e = Exchange.post(api(), "/api/v1/admin/tsdb/delete_series", "match[]=up");
    assertThat(e.status()).isEqualTo(500);
    assertThat(e.body())
        .isEqualTo("{\"status\":\"error\",\"errorType\":\"internal\",\"error\":\"disk on fire\"}");
    Exchange s = Exchange.post(api(), "/api/v1/admin/tsdb/snapshot", "");
    assertThat(s.status()).isEqualTo(500);
    assertThat(s.body()).contains("\"error\":\"create snapshot: disk on fire\"");
  }

  @Test
  void cleanTombstonesAnswers204() {
    Exchange e = Exchange.post(api(), "/api/v1/admin/tsdb/clean_tombstones", "");
    assertThat(e.status()).isEqualTo(204);
    assertThat(e.body()).isEmpty();
    assertThat(calls).containsExactly("clean");
  }

  @Test
  void snapshotAnswersItsNameAndParsesSkipHeadAsGo() {
    Exchange e = Exchange.post(api(), "/api/v1/admin/tsdb/snapshot", "skip_head=T");
    assertThat(e.status()).isEqualTo(200);
    assertThat(e.body())
        .isEqualTo(
            "{\"status\":\"success\",\"data\":{\"name\":\"20171210T211224Z-2be650b6d019eb54\"}}");
    Exchange.post(api(), "/api/v1/admin/tsdb/snapshot", "");
    put(api(), "/api/v1/admin/tsdb/snapshot", "skip_head=0");
    assertThat(calls)
        .containsExactly(
            "snapshot skipHead=true", "snapshot skipHead=false", "snapshot skipHead=false");
    Exchange bad = Exchange.post(api(), "/api/v1/admin/tsdb/snapshot", "skip_head=yes");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body())
        .isEqualTo(
            "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"unable to parse boolean"
                + " 'skip_head' argument: strconv.ParseBool: parsing \\\"yes\\\": invalid"
                + " syntax\"}");
  }

  @Test
  void getIsNotAllowed() {
    Exchange e = Exchange.get(api(), "/api/v1/admin/tsdb/snapshot", "");
    assertThat(e.status()).isEqualTo(405);
    assertThat(calls).isEmpty();
  }
}
