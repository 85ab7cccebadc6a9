package io.hearth.bench.peers;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One peer server running as a child process on loopback with its own data directory and log file.
 * {@link #close()} kills it (gracefully first, then forcibly) and is safe to call twice. Not
 * thread-safe.
 */
public final class PeerProcess implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  /** The supported peers. */
  public enum Kind {
    /** Hearth's server jar, run with the current JVM. */
    HEARTH("Hearth", "/-/ready"),
    /** Prometheus 2.x with the remote-write receiver enabled. */
    PROMETHEUS("Prometheus", "/-/ready"),
    /** Single-node VictoriaMetrics. */
    VICTORIAMETRICS("VictoriaMetrics", "/health");

    private final String display;
    private final String readyPath;

    Kind(String display, String readyPath) {
      this.display = display;
      this.readyPath = readyPath;
    }

    /** Returns the name used in tables. */
    public String display() {
      return display;
    }
  }

  private final Kind kind;
  private final Process process;
  private final URI base;
  private final Path dataDir;
  private final Path log;

  private PeerProcess(Kind kind, Process process, URI base, Path dataDir, Path log) {
    this.kind = kind;
    this.process = process;
    this.base = base;
    this.dataDir = dataDir;
    this.log = log;
  }

  /**
   * Starts a peer under {@code workDir} and waits until its readiness endpoint answers 200.
   *
   * @param executable the binary (Prometheus, VictoriaMetrics) or the server jar (Hearth)
   * @throws IOException when it cannot be started, exits, or is not ready within 90 s; the process
   *     is killed before the exception is thrown
   */
  public static PeerProcess start(Kind kind, String executable, Path workDir, HttpClient client)
      throws IOException, InterruptedException {
    return start(kind, executable, workDir, client, null);
  }

  /**
   * Starts a Prometheus with an empty TSDB and no scrape jobs whose only data source is a {@code
   * remote_read} endpoint with {@code read_recent: true}, so every query is answered from there.
   *
   * @param readUrl the full Remote Read URL, e.g. {@code http://127.0.0.1:41234/api/v1/read}
   * @throws IOException as {@link #start(Kind, String, Path, HttpClient)}
   */
  public static PeerProcess startReadFrontend(
      String prometheus, Path workDir, URI readUrl, HttpClient client)
      throws IOException, InterruptedException {
    return start(Kind.PROMETHEUS, prometheus, workDir, client, readUrl);
  }

  /**
   * JVM flags for the Hearth child process, kept equal to those of the {@code hearth} launcher
   * script; the system property {@code hearth.bench.jvmFlags} (space-separated) replaces them.
   */
  static final String HEARTH_JVM_FLAGS =
      "--enable-native-access=ALL-UNNAMED -XX:+UseG1GC -XX:MaxNewSize=64m -XX:GCTimeRatio=4"
          + " -XX:+UseStringDeduplication";

  private static PeerProcess start(
      Kind kind, String executable, Path workDir, HttpClient client, URI readUrl)
      throws IOException, InterruptedException {
    String name = kind.name().toLowerCase();
    Path dataDir = Files.createDirectories(workDir.resolve(name + "-data"));
    Path log = workDir.resolve(name + ".log");
    int port = freePort();
    String listen = "127.0.0.1:" + port;
    List<String> command = new ArrayList<>();
    switch (kind) {
      case HEARTH -> {
        String java = ProcessHandle.current().info().command().orElse("java");
        // The child runs in workDir, so a jar path relative to ours must be made absolute.
        String jar = Path.of(executable).toAbsolutePath().toString();
        command.add(java);
        // The same JVM flags as the ./hearth launcher, unless the bench run overrides them.
        String flags = System.getProperty("hearth.bench.jvmFlags", HEARTH_JVM_FLAGS).strip();
        if (!flags.isEmpty()) {
          command.addAll(List.of(flags.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar, "serve"));
        command.addAll(List.of("--listen", listen, "--data-dir", dataDir.toString()));
      }
      case PROMETHEUS -> {
        Path config = workDir.resolve("prometheus.yml");
        String yaml = "global:\n  scrape_interval: 15s\nscrape_configs: []\n";
        if (readUrl != null) {
          yaml +=
              "remote_read:\n  - url: "
                  + readUrl
                  + "\n    read_recent: true\n    remote_timeout: 2m\n";
        }
        Files.writeString(config, yaml);
        command.add(executable);
        command.add("--config.file=" + config);
        command.add("--storage.tsdb.path=" + dataDir);
        command.add("--web.listen-address=" + listen);
        command.add("--web.enable-remote-write-receiver");
        command.add("--storage.tsdb.retention.time=30d");
        // The bench counts samples with count_over_time over the whole span.
        command.add("--query.max-samples=200000000");
      }
      case VICTORIAMETRICS -> {
        command.add(executable);
        command.add("-storageDataPath=" + dataDir);
        command.add("-httpListenAddr=" + listen);
        command.add("-retentionPeriod=100y");
        // Without these, repeated identical queries are answered from the rollup cache and the
        // freshest 30 s are hidden, which would make the comparison meaningless.
        command.add("-search.disableCache");
        command.add("-search.latencyOffset=0s");
        command.add("-search.maxQueryDuration=120s");
      }
      default -> throw new IllegalArgumentException(kind.toString());
    }
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .directory(workDir.toFile())
            .start();
    // Kills the child even when the benchmark itself is interrupted or terminated.
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    PeerProcess peer = new PeerProcess(kind, process, URI.create("http://" + listen), dataDir, log);
    boolean ready = false;
    try {
      peer.awaitReady(client);
      ready = true;
      return peer;
    } finally {
      if (!ready) {
        peer.close();
      }
    }
  }

  private void awaitReady(HttpClient client) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(
            kind.display() + " exited with " + process.exitValue() + "; log:\n" + logTail());
      }
      try {
        HttpResponse<String> r =
            client.send(
                HttpRequest.newBuilder(base.resolve(kind.readyPath))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
        last = "HTTP " + r.statusCode();
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(200);
    }
    throw new IOException(kind.display() + " not ready after " + READY_TIMEOUT + ": " + last);
  }

  /** Returns which peer this is. */
  public Kind kind() {
    return kind;
  }

  /** Returns the base URL, e.g. {@code http://127.0.0.1:41234}. */
  public URI base() {
    return base;
  }

  /** Returns the data directory, owned by this peer until it is closed. */
  public Path dataDir() {
    return dataDir;
  }

  /** Returns the OS process id. */
  public long pid() {
    return process.pid();
  }

  /**
   * Makes recently written samples queryable and persisted where the peer buffers them in memory:
   * VictoriaMetrics' {@code /internal/force_flush}; a no-op for the others.
   */
  public void flush(HttpClient client) throws IOException, InterruptedException {
    if (kind == Kind.VICTORIAMETRICS) {
      client.send(
          HttpRequest.newBuilder(base.resolve("/internal/force_flush"))
              .timeout(Duration.ofSeconds(60))
              .build(),
          HttpResponse.BodyHandlers.discarding());
    }
  }

  /** Returns the resident set size in bytes from {@code /proc}, or -1 where unavailable. */
  public long residentBytes() {
    Path status = Path.of("/proc", Long.toString(process.pid()), "status");
    try {
      for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
        if (line.startsWith("VmRSS:")) {
          String[] parts = line.substring(6).trim().split("\\s+");
          return Long.parseLong(parts[0]) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /** Returns the last lines of the peer's log, for error messages. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  /** Terminates the process: SIGTERM, up to 20 s grace, then SIGKILL. */
  @Override
  public void close() throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
