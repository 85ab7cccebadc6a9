package io.hearth.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** GETs of the HTTP API as the end-to-end tests make them: 200 required, body parsed as JSON. */
final class HttpJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpJson() {}

  /** GETs {@code url} (10 s timeout), asserts status 200 naming the body if not, parses it. */
  static JsonNode get(HttpClient client, String url) throws Exception {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("%s: %s", url, r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }
}
