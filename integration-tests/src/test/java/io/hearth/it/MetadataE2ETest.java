package io.hearth.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metric metadata end to end: a real Prometheus scrapes itself and sends its metadata to Hearth by
 * Remote Write ({@code metadata_config}, every second here instead of every minute); Hearth's
 * {@code /api/v1/metadata} then lists it as Prometheus lists its own.
 */
class MetadataE2ETest {
  @TempDir Path dir;

  @Test
  void metadataSentByPrometheusIsServed() throws Exception {
    Assumptions.assumeTrue(
        PrometheusProcess.binary().isPresent(), "prometheus is not installed: test skipped");
    HttpClient client = HttpClient.newHttpClient();
    int hearthPort = HearthProcess.freePort();
    try (HearthProcess hearth =
        HearthProcess.serve(
            dir.resolve("hearth.log"), dir.resolve("hearth-data"), hearthPort, client)) {
      String hearthUrl = "http://127.0.0.1:" + hearthPort;
      int promPort = HearthProcess.freePort();
      String config =
          """
          global:
            scrape_interval: 1s
          scrape_configs:
            - job_name: self
              static_configs:
                - targets: ['127.0.0.1:%PORT%']
          remote_write:
            - url: %HEARTH%/api/v1/write
              queue_config:
                batch_send_deadline: 500ms
              metadata_config:
                send_interval: 1s
          """
              .replace("%PORT%", "" + promPort)
              .replace("%HEARTH%", hearthUrl);
      try (PrometheusProcess prom =
          PrometheusProcess.startOnPort(dir.resolve("prometheus"), promPort, config)) {
        String metric = "prometheus_http_requests_total";
        JsonNode hearthMeta = null;
        long deadline = System.nanoTime() + 25_000_000_000L;
        while (System.nanoTime() < deadline) {
          hearthMeta = get(client, hearthUrl + "/api/v1/metadata?metric=" + metric);
          if (hearthMeta.path("data").has(metric)) {
            break;
          }
          Thread.sleep(250);
        }
        assertThat(hearthMeta.path("data").has(metric))
            .as("Hearth never received metadata of %s; Prometheus log:%n%s", metric, prom.output())
            .isTrue();
        JsonNode promMeta =
            get(client, "http://127.0.0.1:" + promPort + "/api/v1/metadata?metric=" + metric);
        assertThat(hearthMeta.path("data")).isEqualTo(promMeta.path("data"));
        assertThat(hearthMeta.path("data").path(metric).get(0).path("type").asText())
            .isEqualTo("counter");

        // Every family Prometheus knows arrives, with the same entries.
        JsonNode all = get(client, hearthUrl + "/api/v1/metadata");
        JsonNode promAll = get(client, "http://127.0.0.1:" + promPort + "/api/v1/metadata");
        assertThat(all.path("data").size()).isGreaterThan(50);
        promAll
            .path("data")
            .fieldNames()
            .forEachRemaining(
                name -> {
                  if (all.path("data").has(name)) {
                    assertThat(all.path("data").path(name))
                        .as(name)
                        .isEqualTo(promAll.path("data").path(name));
                  }
                });
        assertThat(get(client, hearthUrl + "/api/v1/metadata?limit=2").path("data").size())
            .isEqualTo(2);
      }
    }
  }

  private static JsonNode get(HttpClient client, String url) throws Exception {
    return HttpJson.get(client, url);
  }
}
