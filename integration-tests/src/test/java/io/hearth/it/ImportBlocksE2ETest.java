package io.hearth.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backfilling end to end: {@code promtool tsdb create-blocks-from openmetrics} writes blocks,
 * {@code hearth import blocks} copies them into a stopped Hearth's data directory, and the started
 * server answers {@code query_range} with exactly the imported samples.
 */
class ImportBlocksE2ETest {
  /** 2024-01-01T00:00:00Z, aligned to the 2 h block range, in seconds. */
  private static final long START = 1_704_067_200L;

  private static final int SAMPLES = 120;
  private static final int STEP_S = 60;

  @TempDir Path dir;

  private final HttpClient client = HttpClient.newHttpClient();

  static Optional<Path> promtool() {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path p = Path.of(d, "promtool");
      if (!d.isEmpty() && Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private static double value(int series, int i) {
    return series * 1000 + i * 0.25;
  }

  /** Writes the OpenMetrics input and turns it into blocks with promtool. */
  private Path promtoolBlocks() throws Exception {
    Optional<Path> promtool = promtool();
    Assumptions.assumeTrue(promtool.isPresent(), "promtool is not installed: test skipped");
    StringBuilder om = new StringBuilder();
    om.append("# HELP it_backfill A backfilled gauge.\n# TYPE it_backfill gauge\n");
    for (int s = 0; s < 3; s++) {
      for (int i = 0; i < SAMPLES; i++) {
        om.append("it_backfill{s=\"")
            .append(s)
            .append("\"} ")
            .append(value(s, i))
            .append(' ')
            .append(START + (long) i * STEP_S)
            .append('\n');
      }
    }
    om.append("# EOF\n");
    Path input = dir.resolve("input.om");
    Files.writeString(input, om);
    Path blocks = dir.resolve("blocks");
    run(
        List.of(
            promtool.get().toString(),
            "tsdb",
            "create-blocks-from",
            "openmetrics",
            input.toString(),
            blocks.toString()));
    return blocks;
  }

  private void importBlocks(Path blocks, Path data) throws Exception {
    run(
        List.of(
            HearthProcess.javaExecutable(),
            "--enable-native-access=ALL-UNNAMED",
            "-jar",
            HearthProcess.jar().toString(),
            "import",
            "blocks",
            blocks.toString(),
            "--data-dir",
            data.toString()));
  }

  private HearthProcess serve(Path data, int port) throws Exception {
    return HearthProcess.serve(dir.resolve("hearth.log"), data, port, client);
  }

  /** What query_range answers for it_backfill over the imported range: series to "t=v" points. */
  private TreeMap<String, List<String>> queryRange(int port) throws Exception {
    String q =
        "/api/v1/query_range?query="
            + URLEncoder.encode("it_backfill", StandardCharsets.UTF_8)
            + "&start="
            + START
            + "&end="
            + (START + (SAMPLES - 1) * STEP_S)
            + "&step="
            + STEP_S;
    JsonNode r = get("http://127.0.0.1:" + port + q);
    TreeMap<String, List<String>> got = new TreeMap<>();
    for (JsonNode series : r.path("data").path("result")) {
      List<String> points = new ArrayList<>();
      for (JsonNode p : series.path("values")) {
        points.add(p.get(0).asLong() + "=" + p.get(1).asText());
      }
      got.put(series.path("metric").path("s").asText(), points);
    }
    return got;
  }

  /** Exactly the samples of the OpenMetrics input, as {@link #queryRange} shows them. */
  private static TreeMap<String, List<String>> expected() {
    TreeMap<String, List<String>> want = new TreeMap<>();
    for (int s = 0; s < 3; s++) {
      List<String> points = new ArrayList<>();
      for (int i = 0; i < SAMPLES; i++) {
        double v = value(s, i);
        String text = v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        points.add((START + (long) i * STEP_S) + "=" + text);
      }
      want.put("" + s, points);
    }
    return want;
  }

  @Test
  void promtoolBlocksImportedIntoAStoppedHearthAreServed() throws Exception {
    Path blocks = promtoolBlocks();
    Path data = dir.resolve("data");
    importBlocks(blocks, data);
    int port = HearthProcess.freePort();
    try (HearthProcess hearth = serve(data, port)) {
      assertThat(queryRange(port)).isEqualTo(expected());
    }
  }

  @Test
  void blocksImportedIntoARunningHearthAreServedAfterItsNextReload() throws Exception {
    Path blocks = promtoolBlocks();
    Path data = dir.resolve("data");
    int port = HearthProcess.freePort();
    try (HearthProcess hearth = serve(data, port)) {
      assertThat(queryRange(port)).isEmpty();
      importBlocks(blocks, data);
      // The compactor reloads block directories once a minute.
      long deadline = System.nanoTime() + 90_000_000_000L;
      TreeMap<String, List<String>> got = queryRange(port);
      while (got.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(500);
        got = queryRange(port);
      }
      assertThat(got).as(hearth.output()).isEqualTo(expected());
    }
  }

  /** Runs a command to completion and fails with its output unless it exits 0. */
  private void run(List<String> command) throws Exception {
    Path log = Files.createTempFile(dir, "cmd", ".log");
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(command + " timed out:\n" + Files.readString(log));
    }
    assertThat(p.exitValue()).as("%s failed:%n%s", command, Files.readString(log)).isZero();
  }

  private JsonNode get(String url) throws Exception {
    return HttpJson.get(client, url);
  }
}
