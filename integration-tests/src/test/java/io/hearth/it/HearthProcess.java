package io.hearth.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Hearth server jar run as a separate process with the test JVM's own {@code java}. Output
 * (stdout and stderr merged) goes to a log file so that a chatty process never blocks on a full
 * pipe. {@link #close()} kills the process if it is still alive; always use try-with-resources.
 */
final class HearthProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private HearthProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code java -jar <hearth.jar> args...}.
   *
   * @param log where the process output goes
   */
  static HearthProcess start(Path log, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new HearthProcess(p, log);
  }

  /**
   * Starts {@code serve} on {@code 127.0.0.1:port} with its data in {@code data} (then {@code
   * extraArgs}) and waits until it answers ready (60 s at most).
   */
  static HearthProcess serve(Path log, Path data, int port, HttpClient client, String... extraArgs)
      throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of("serve", "--listen", "127.0.0.1:" + port, "--data-dir", data.toString()));
    args.addAll(List.of(extraArgs));
    HearthProcess p = start(log, args.toArray(new String[0]));
    try {
      p.awaitReady(client, port, Duration.ofSeconds(60));
    } catch (Exception | AssertionError e) {
      p.close();
      throw e;
    }
    return p;
  }

  /** The server jar, from the system property {@code hearth.jar} set in the module's pom. */
  static Path jar() {
    String path = System.getProperty("hearth.jar");
    if (path == null || path.isBlank()) {
      throw new IllegalStateException("system property hearth.jar is not set");
    }
    Path jar = Path.of(path);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "server jar " + jar + " is missing: build it with ./mvnw -pl server install -DskipTests");
    }
    return jar;
  }

  /** The {@code java} launcher of the running test JVM, so the server runs on the same JDK. */
  static String javaExecutable() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /** A loopback port that was free a moment ago. */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  Process process() {
    return process;
  }

  /** The output so far. */
  String output() throws IOException {
    return Files.readString(log);
  }

  /**
   * Waits until {@code GET /-/ready} answers 200.
   *
   * @throws AssertionError with the process output if the process dies or the timeout passes
   */
  void awaitReady(HttpClient client, int port, Duration timeout) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + port + "/-/ready");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "Hearth exited with " + process.exitValue() + " before ready:\n" + output());
      }
      try {
        HttpResponse<String> r =
            client.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      Thread.sleep(100);
    }
    throw new AssertionError("Hearth not ready within " + timeout + ":\n" + output());
  }

  /**
   * Waits for the process to exit.
   *
   * @return the exit status
   * @throws AssertionError with the process output if it is still running after the timeout
   */
  int awaitExit(Duration timeout) throws Exception {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("Hearth still running after " + timeout + ":\n" + output());
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
