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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays the calls Grafana's Prometheus data source makes (see the Grafana section of the HTTP API
 * spec) against a real Hearth process holding a known workload and metadata, exactly as Grafana
 * sends them: form POSTs for queries, GET for label values, metadata and status, the POST-then-GET
 * retry of the resource proxy on 400/405. Asserts status codes and JSON shapes. Needs no
 * Prometheus.
 */
class GrafanaReplayTest {
  @TempDir Path dir;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GRAFANA_UA = "Grafana/12.0.0";
  private final HttpClient client = HttpClient.newHttpClient();

  private HearthProcess hearth;
  private String base;
  private Workload workload;

  @BeforeEach
  void start() throws Exception {
    int port = HearthProcess.freePort();
    hearth = HearthProcess.serve(dir.resolve("hearth.log"), dir.resolve("data"), port, client);
    base = "http://127.0.0.1:" + port;
    workload = Workload.generate(7L, (System.currentTimeMillis() / 60_000) * 60_000 - 60_000);
    RemoteWriteClient rw = new RemoteWriteClient();
    for (List<RemoteWriteClient.Series> b : workload.batches(40)) {
      rw.send(base + "/api/v1/write", b, List.of());
    }
    // Prometheus sends metadata in separate requests without series.
    rw.send(
        base + "/api/v1/write",
        List.of(),
        List.of(
            new RemoteWriteClient.Metadata("hearth_it_requests_total", 1, "Requests served.", ""),
            new RemoteWriteClient.Metadata("hearth_it_temperature", 2, "Temperature.", "celsius"),
            new RemoteWriteClient.Metadata(
                "hearth_it_latency_seconds", 3, "Latency <of> requests & more.", "seconds")));
  }

  @org.junit.jupiter.api.AfterEach
  void stop() throws Exception {
    hearth.close();
  }

  @Test
  void healthCheckAsGrafanaSendsIt() throws Exception {
    // "Save & test": 1+1 at time=4 (1970) through a form POST, then buildinfo.
    HttpResponse<String> r = post("/api/v1/query", "query=" + enc("1+1") + "&time=4");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    assertThat(r.body())
        .isEqualTo(
            "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[4,\"2\"]}}");

    JsonNode b = json(get("/api/v1/status/buildinfo"), 200);
    for (String f :
        new String[] {"version", "revision", "branch", "buildUser", "buildDate", "goVersion"}) {
      assertThat(b.path("data").path(f).isTextual()).as(f).isTrue();
    }
    // A non-empty features map would make Grafana treat Hearth as Mimir and call a ruler API.
    assertThat(
            b.path("data").path("features").isMissingNode()
                || b.path("data").path("features").isEmpty())
        .isTrue();
  }

  @Test
  void answersGzipToGoClients() throws Exception {
    // Grafana's Go HTTP client asks for gzip and decompresses transparently.
    HttpResponse<byte[]> r =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/label/job/values"))
                .header("User-Agent", GRAFANA_UA)
                .header("Accept-Encoding", "gzip")
                .timeout(Duration.ofSeconds(20))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
    try (java.util.zip.GZIPInputStream in =
        new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(r.body()))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("{\"status\":\"success\",\"data\":[\"api\",\"db\",\"edge\"]}");
    }
  }

  @Test
  void panelQueriesAsGrafanaSendsThem() throws Exception {
    long end = workload.endMs / 1000;
    // Range query: fractional step, start and end aligned to it, a timeout as a duration string.
    String form =
        "query="
            + enc("sum by (job) (rate(hearth_it_requests_total[1m]))")
            + "&start="
            + (end - 60)
            + "&end="
            + end
            + "&step=0.5&timeout=30s";
    JsonNode range = json(post("/api/v1/query_range", form), 200);
    assertThat(range.path("data").path("resultType").asText()).isEqualTo("matrix");
    JsonNode series = range.path("data").path("result");
    assertThat(series).hasSize(1);
    assertThat(series.get(0).path("metric").toString()).isEqualTo("{\"job\":\"api\"}");
    JsonNode values = series.get(0).path("values");
    assertThat(values).hasSize(121);
    assertThat(values.get(1).get(0).asDouble()).isEqualTo(end - 60 + 0.5);
    assertThat(values.get(1).get(1).isTextual()).isTrue();

    // Instant query.
    JsonNode instant =
        json(post("/api/v1/query", "query=" + enc("hearth_it_info") + "&time=" + end), 200);
    assertThat(instant.path("data").path("resultType").asText()).isEqualTo("vector");
    assertThat(instant.path("data").path("result")).hasSize(3);
    assertThat(instant.path("data").path("result").get(0).path("value").get(1).asText())
        .isEqualTo("1");

    // Exemplars: none stored, still a well-formed empty list.
    JsonNode ex =
        json(
            post(
                "/api/v1/query_exemplars",
                "query="
                    + enc("hearth_it_requests_total")
                    + "&start="
                    + (end - 3600)
                    + "&end="
                    + end),
            200);
    assertThat(ex.path("data").isArray()).isTrue();

    // A query error is shown in the panel from errorType and error.
    JsonNode bad = json(post("/api/v1/query", "query=" + enc("sum(") + "&time=" + end), 400);
    assertThat(bad.path("status").asText()).isEqualTo("error");
    assertThat(bad.path("errorType").asText()).isEqualTo("bad_data");
    assertThat(bad.path("error").asText()).contains("parse error");
  }

  @Test
  void metricBrowserCallsAsGrafanaSendsThem() throws Exception {
    long end = workload.endMs / 1000;
    String window = "start=" + (end - 3600) + "&end=" + end;

    JsonNode names = json(get("/api/v1/label/__name__/values?" + window + "&limit=40000"), 200);
    assertThat(strings(names.path("data")))
        .containsExactly(
            "edge_aligned",
            "edge_counter",
            "hearth_it_info",
            "hearth_it_latency_seconds_bucket",
            "hearth_it_latency_seconds_count",
            "hearth_it_latency_seconds_sum",
            "hearth_it_queue_depth",
            "hearth_it_requests_total",
            "hearth_it_temperature");

    // The resource proxy tries POST first and retries as GET on 400 or 405.
    String labelsQuery =
        window + "&limit=40000&match[]=" + enc("{__name__=\"hearth_it_requests_total\"}");
    HttpResponse<String> labels = withGetRetry("/api/v1/labels", labelsQuery);
    assertThat(strings(json(labels, 200).path("data")))
        .containsExactly("__name__", "code", "instance", "job", "method");

    String valuesQuery = window + "&match[]=" + enc("hearth_it_queue_depth");
    HttpResponse<String> postValues = post("/api/v1/label/instance/values", valuesQuery);
    assertThat(postValues.statusCode()).as("label values are GET only").isEqualTo(405);
    JsonNode values = json(withGetRetry("/api/v1/label/instance/values", valuesQuery), 200);
    assertThat(strings(values.path("data"))).containsExactly("i0", "i1", "i2", "i3", "i4", "i5");

    JsonNode limited = json(get("/api/v1/label/job/values?limit=1"), 200);
    assertThat(strings(limited.path("data"))).containsExactly("api");
    assertThat(limited.path("warnings").get(0).asText())
        .isEqualTo("results truncated due to limit");

    String seriesQuery = "match[]=" + enc("{__name__!=\"\"}") + "&" + window + "&limit=40000";
    JsonNode series = json(withGetRetry("/api/v1/series", seriesQuery), 200);
    assertThat(series.path("data")).hasSize(workload.series.size());
    assertThat(series.path("data").get(0).path("__name__").asText()).isEqualTo("edge_aligned");

    JsonNode noMatch = json(get("/api/v1/series?" + window), 400);
    assertThat(noMatch.path("error").asText()).isEqualTo("no match[] parameter provided");
  }

  @Test
  void metadataAndStatusAsGrafanaReadsThem() throws Exception {
    JsonNode all = json(get("/api/v1/metadata"), 200);
    assertThat(all.path("data").toString())
        .isEqualTo(
            "{\"hearth_it_latency_seconds\":[{\"type\":\"histogram\","
                + "\"help\":\"Latency <of> requests & more.\",\"unit\":\"seconds\"}],"
                + "\"hearth_it_requests_total\":[{\"type\":\"counter\","
                + "\"help\":\"Requests served.\",\"unit\":\"\"}],"
                + "\"hearth_it_temperature\":[{\"type\":\"gauge\","
                + "\"help\":\"Temperature.\",\"unit\":\"celsius\"}]}");
    assertThat(json(get("/api/v1/metadata?limit=1"), 200).path("data").size()).isEqualTo(1);
    JsonNode one = json(get("/api/v1/metadata?metric=hearth_it_temperature"), 200);
    assertThat(one.path("data").fieldNames()).toIterable().containsExactly("hearth_it_temperature");
    assertThat(json(get("/api/v1/metadata?metric=nope"), 200).path("data").toString())
        .isEqualTo("{}");

    assertThat(json(get("/api/v1/rules"), 200).path("data").path("groups").isArray()).isTrue();
    assertThat(json(get("/api/v1/alerts"), 200).path("data").path("alerts").isArray()).isTrue();

    JsonNode tsdb = json(get("/api/v1/status/tsdb"), 200).path("data");
    JsonNode head = tsdb.path("headStats");
    assertThat(head.path("numSeries").asLong()).isEqualTo(workload.series.size());
    assertThat(head.path("chunkCount").asLong()).isGreaterThanOrEqualTo(workload.series.size());
    assertThat(head.path("minTime").asLong()).isEqualTo(workload.startMs);
    // Ties are ranked by name.
    assertThat(tsdb.path("seriesCountByMetricName").get(0).toString())
        .isEqualTo("{\"name\":\"hearth_it_latency_seconds_bucket\",\"value\":12}");
    assertThat(tsdb.path("seriesCountByMetricName").get(1).toString())
        .isEqualTo("{\"name\":\"hearth_it_requests_total\",\"value\":12}");
    assertThat(tsdb.path("seriesCountByMetricName")).hasSize(9);
    assertThat(tsdb.path("seriesCountByLabelValuePair").get(0).toString())
        .isEqualTo("{\"name\":\"job=api\",\"value\":36}");
    assertThat(
            json(get("/api/v1/status/tsdb?limit=2"), 200)
                .path("data")
                .path("labelValueCountByLabelName"))
        .hasSize(2);
  }

  private HttpResponse<String> withGetRetry(String path, String form) throws Exception {
    HttpResponse<String> r = post(path, form);
    if (r.statusCode() == 400 || r.statusCode() == 405) {
      r = get(path + "?" + form);
    }
    return r;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static JsonNode json(HttpResponse<String> r, int status) throws Exception {
    assertThat(r.statusCode()).as("%s: %s", r.uri(), r.body()).isEqualTo(status);
    JsonNode n = JSON.readTree(r.body());
    if (status == 200) {
      assertThat(n.path("status").asText()).isEqualTo("success");
    }
    return n;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private HttpResponse<String> get(String pathAndQuery) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(base + pathAndQuery))
            .header("User-Agent", GRAFANA_UA)
            .header("Accept", "application/json, text/plain, */*")
            .timeout(Duration.ofSeconds(20))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String form) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("User-Agent", GRAFANA_UA)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .timeout(Duration.ofSeconds(20))
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
