package io.hearth.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin API through a real server process: a series written by Remote Write and deleted with
 * {@code delete_series} is gone from queries and from {@code /api/v1/series}, also after a restart
 * (the deletion is in the WAL), an orderly one or a SIGKILL right after the answer; a snapshot
 * lands in the instance's {@code snapshots/} directory.
 */
class AdminE2ETest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void aDeletionAnsweredIsKeptWhenTheProcessIsKilledRightAfter() throws Exception {
    Path data = dir.resolve("data");
    int port = HearthProcess.freePort();
    String base = "http://127.0.0.1:" + port;
    try (HearthProcess hearth = serve(data, port)) {
      new RemoteWriteClient().send(base + "/api/v1/write", keepAndDrop(), List.of());
      HttpResponse<String> del =
          post(
              base + "/api/v1/admin/tsdb/delete_series",
              "match[]=" + URLEncoder.encode("it_admin{x=\"drop\"}", StandardCharsets.UTF_8));
      assertThat(del.statusCode()).as(del.body()).isEqualTo(204);
      hearth.process().destroyForcibly(); // SIGKILL: no shutdown hook, no final flush
      hearth.awaitExit(Duration.ofSeconds(30));
    }
    try (HearthProcess hearth = serve(data, port)) {
      assertGone(base);
    }
  }

  /** Two series of 20 samples up to now, {@code x="keep"} and {@code x="drop"}. */
  private static List<RemoteWriteClient.Series> keepAndDrop() {
    long now = System.currentTimeMillis() / 1000 * 1000;
    List<RemoteWriteClient.Series> series = new ArrayList<>();
    for (String x : List.of("keep", "drop")) {
      long[] t = new long[20];
      double[] v = new double[20];
      for (int i = 0; i < t.length; i++) {
        t[i] = now - (19 - i) * 15_000L;
        v[i] = i;
      }
      series.add(new RemoteWriteClient.Series(Map.of("__name__", "it_admin", "x", x), t, v));
    }
    return series;
  }

  @Test
  void deletedSeriesAreGoneFromQueriesAndSeriesAcrossRestart() throws Exception {
    Path data = dir.resolve("data");
    int port = HearthProcess.freePort();
    String base = "http://127.0.0.1:" + port;
    try (HearthProcess hearth = serve(data, port)) {
      new RemoteWriteClient().send(base + "/api/v1/write", keepAndDrop(), List.of());
      assertThat(seriesValues(base, "x")).containsExactly("drop", "keep");

      HttpResponse<String> missing = post(base + "/api/v1/admin/tsdb/delete_series", "");
      assertThat(missing.statusCode()).isEqualTo(400);
      assertThat(missing.body()).contains("no match[] parameter provided");

      HttpResponse<String> del =
          post(
              base + "/api/v1/admin/tsdb/delete_series",
              "match[]=" + URLEncoder.encode("it_admin{x=\"drop\"}", StandardCharsets.UTF_8));
      assertThat(del.statusCode()).as(del.body()).isEqualTo(204);
      assertThat(del.body()).isEmpty();
      assertGone(base);

      HttpResponse<String> snap = post(base + "/api/v1/admin/tsdb/snapshot", "");
      assertThat(snap.statusCode()).as(snap.body()).isEqualTo(200);
      String name = JSON.readTree(snap.body()).path("data").path("name").asText();
      assertThat(name).matches("\\d{8}T\\d{6}Z-[0-9a-f]{16}");
      Path snapDir = data.resolve("instances/default/snapshots").resolve(name);
      assertThat(snapDir).isDirectory();
      // The head went into the snapshot as a block.
      try (var files = Files.list(snapDir)) {
        assertThat(files.toList()).hasSize(1);
      }

      HttpResponse<String> clean = post(base + "/api/v1/admin/tsdb/clean_tombstones", "");
      assertThat(clean.statusCode()).isEqualTo(204);
      hearth.process().destroy(); // SIGTERM: an orderly shutdown
      assertThat(hearth.awaitExit(Duration.ofSeconds(30))).isZero();
    }
    try (HearthProcess hearth = serve(data, port)) {
      assertGone(base);
    }
  }

  private HearthProcess serve(Path data, int port) throws Exception {
    return HearthProcess.serve(
        dir.resolve("hearth-" + System.nanoTime() + ".log"), data, port, client);
  }

  private void assertGone(String base) throws Exception {
    JsonNode q = get(base + "/api/v1/query?query=" + enc("it_admin"));
    List<String> xs = new ArrayList<>();
    for (JsonNode r : q.path("data").path("result")) {
      xs.add(r.path("metric").path("x").asText());
    }
    assertThat(xs).containsExactly("keep");
    assertThat(seriesValues(base, "x")).containsExactly("keep");
  }

  private List<String> seriesValues(String base, String label) throws Exception {
    JsonNode s = get(base + "/api/v1/series?match[]=" + enc("it_admin"));
    TreeMap<String, String> out = new TreeMap<>();
    for (JsonNode m : s.path("data")) {
      out.put(m.path(label).asText(), "");
    }
    return new ArrayList<>(out.keySet());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private JsonNode get(String url) throws Exception {
    return HttpJson.get(client, url);
  }

  private HttpResponse<String> post(String url, String form) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
