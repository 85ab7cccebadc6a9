package io.hearth.server.remote;

import io.hearth.remote.write.RemoteWriteHandler;
import io.hearth.remote.write.RemoteWriteRequest;
import io.hearth.remote.write.RemoteWriteResult;
import io.hearth.remote.write.RemoteWriteScratch;
import io.hearth.server.Instance;
import io.hearth.server.http.Endpoint;
import io.hearth.server.http.PlainText;
import io.hearth.server.metrics.HearthMetrics;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/write}: adapts Jetty to the Remote Write handler of the instance. Answers 503
 * while the database is still replaying its WAL, so senders retry. Storage failures (5xx, 507 for a
 * full disk) are logged at ERROR, at most once per {@value #FAILURE_LOG_INTERVAL_SECONDS} s with
 * the number of failed requests in between, and the first success afterwards is logged too.
 */
public final class RemoteWriteEndpoint implements Endpoint {
  /** Scratch buffers are pooled so steady ingestion reuses them; bounded to keep memory flat. */
  private static final int MAX_POOLED_SCRATCH = 32;

  /** A sender retrying against a full disk must not flood the log. */
  static final long FAILURE_LOG_INTERVAL_SECONDS = 10;

  private static final Logger LOG = LoggerFactory.getLogger(RemoteWriteEndpoint.class);

  private final AtomicLong failedSinceSuccess = new AtomicLong();
  private final AtomicLong lastFailureLog = new AtomicLong(Long.MIN_VALUE);

  private final Supplier<Instance> instance;
  private final HearthMetrics metrics;
  private final ConcurrentLinkedQueue<RemoteWriteScratch> scratch = new ConcurrentLinkedQueue<>();

  /** Creates the endpoint for the instance the supplier returns (null while opening). */
  public RemoteWriteEndpoint(Supplier<Instance> instance, HearthMetrics metrics) {
    this.instance = instance;
    this.metrics = metrics;
  }

  @Override
  public void handle(Request request, Response response, Callback callback) throws Exception {
    Instance inst = instance.get();
    if (inst == null) {
      PlainText.write(response, callback, 503, "Hearth is starting: the WAL is being replayed\n");
      return;
    }
    RemoteWriteHandler handler = inst.remoteWrite();
    RemoteWriteScratch s = scratch.poll();
    if (s == null) {
      s = new RemoteWriteScratch();
    }
    RemoteWriteResult result;
    try (InputStream body = Content.Source.asInputStream(request)) {
      result =
          handler.handle(
              new RemoteWriteRequest(
                  request.getHeaders().get(HttpHeader.CONTENT_TYPE),
                  request.getHeaders().get(HttpHeader.CONTENT_ENCODING),
                  request.getLength(),
                  body),
              s);
    } finally {
      if (scratch.size() < MAX_POOLED_SCRATCH) {
        scratch.offer(s);
      }
    }
    metrics.remoteWrite(result);
    logOutcome(result);
    for (Map.Entry<String, String> h : result.headers().entrySet()) {
      response.getHeaders().put(h.getKey(), h.getValue());
    }
    if (result.status() == 204) {
      response.setStatus(204);
      callback.succeeded();
    } else {
      PlainText.write(response, callback, result.status(), result.body());
    }
  }

  private void logOutcome(RemoteWriteResult result) {
    if (result.status() >= 500) {
      long failed = failedSinceSuccess.incrementAndGet();
      long now = System.nanoTime();
      long last = lastFailureLog.get();
      if ((failed == 1
              || last == Long.MIN_VALUE
              || now - last >= FAILURE_LOG_INTERVAL_SECONDS * 1_000_000_000L)
          && lastFailureLog.compareAndSet(last, now)) {
        LOG.error(
            "remote write failed with {} ({} failed requests since the last success; senders"
                + " retry): {}",
            result.status(),
            failed,
            result.body().strip());
      }
    } else if (failedSinceSuccess.get() > 0) {
      long failed = failedSinceSuccess.getAndSet(0);
      if (failed > 0) {
        LOG.warn("remote write succeeds again after {} failed requests", failed);
      }
    }
  }
}
