package io.hearth.api.v1;

import io.hearth.storage.Queryable;
import io.hearth.storage.StorageException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The single entry point of Prometheus' {@code /api/v1} JSON API: routes a request by method and
 * path to its handler and writes the answer. The server registers {@link #handle} for {@code
 * /api/v1/*}; the non-JSON endpoints ({@code read}, {@code write}, {@code otlp/v1/metrics}) and
 * compression stay with the server. Immutable and thread-safe; create with {@link #builder()}.
 */
public final class ApiV1 {
  private static final String PREFIX = "/api/v1";
  private static final String JSON = "application/json";
  private static final Set<String> GET_POST = Set.of("GET", "POST");
  private static final Set<String> GET = Set.of("GET");
  private static final Set<String> ADMIN = Set.of("POST", "PUT");

  @FunctionalInterface
  private interface Handler {
    ApiResult handle(FormParams p, String pathParam);
  }

  private record Route(Set<String> methods, Handler handler) {}

  private final Map<String, Route> routes = new HashMap<>();
  private final Route labelValues;
  private final long maxFormBytes;

  private ApiV1(Builder b) {
    Queryable storage = Objects.requireNonNull(b.storage, "storage");
    QueryEngine engine = Objects.requireNonNull(b.engine, "engine");
    QueryHandlers q = new QueryHandlers(storage, engine, b.nowMs);
    MetadataHandlers m = new MetadataHandlers(storage, b.metadata);
    StatusHandlers s = new StatusHandlers(b.status, b.tsdbStats, b.nowMs);
    maxFormBytes = b.maxFormBytes;
    add("/query", GET_POST, (p, x) -> q.query(p));
    add("/query_range", GET_POST, (p, x) -> q.queryRange(p));
    add("/query_exemplars", GET_POST, (p, x) -> q.queryExemplars(p));
    add("/format_query", GET_POST, (p, x) -> q.formatQuery(p));
    add("/parse_query", GET_POST, (p, x) -> q.parseQuery(p));
    add("/series", GET_POST, (p, x) -> m.series(p));
    add("/labels", GET_POST, (p, x) -> m.labels(p));
    labelValues = new Route(GET, (p, name) -> m.labelValues(p, name));
    add("/metadata", GET, (p, x) -> m.metadata(p));
    add("/targets/metadata", GET, (p, x) -> m.targetMetadata(p));
    add("/status/buildinfo", GET, (p, x) -> s.buildInfo(p));
    add("/status/runtimeinfo", GET, (p, x) -> s.runtimeInfo(p));
    add("/status/flags", GET, (p, x) -> s.flags(p));
    add("/status/config", GET, (p, x) -> s.config(p));
    add("/status/tsdb", GET, (p, x) -> s.tsdb(p));
    add(
        "/status/tsdb/blocks",
        GET,
        (p, x) -> StatusHandlers.emptyLists(List.of("blocks"), List.of()));
    add("/status/walreplay", GET, (p, x) -> StatusHandlers.walReplayDone());
    add("/rules", GET, (p, x) -> StatusHandlers.emptyLists(List.of("groups"), List.of()));
    add("/alerts", GET, (p, x) -> StatusHandlers.emptyLists(List.of("alerts"), List.of()));
    add(
        "/targets",
        GET,
        (p, x) ->
            StatusHandlers.emptyLists(
                List.of("activeTargets", "droppedTargets"), List.of("droppedTargetCounts")));
    add(
        "/alertmanagers",
        GET,
        (p, x) ->
            StatusHandlers.emptyLists(
                List.of("activeAlertmanagers", "droppedAlertmanagers"), List.of()));
    add(
        "/scrape_pools",
        GET,
        (p, x) -> StatusHandlers.emptyLists(List.of("scrapePools"), List.of()));
    AdminHandlers a = new AdminHandlers(b.admin);
    add("/admin/tsdb/delete_series", ADMIN, (p, x) -> a.deleteSeries(p));
    add("/admin/tsdb/clean_tombstones", ADMIN, (p, x) -> a.cleanTombstones(p));
    add("/admin/tsdb/snapshot", ADMIN, (p, x) -> a.snapshot(p));
  }

  private void add(String path, Set<String> methods, Handler h) {
    routes.put(path, new Route(methods, h));
  }

  /** Starts building an API over {@code storage} and {@code engine}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Answers one request. Never throws for bad input: every failure becomes an error envelope with
   * Prometheus' status; only I/O errors of the sink's stream propagate.
   *
   * <p>{@code OPTIONS} on any path answers 204 (CORS headers are the server's job); an unknown path
   * answers 404 with a {@code not_found} JSON error; a known path with a method it does not accept
   * answers 405 {@code Method Not Allowed} as plain text, as Prometheus does.
   */
  public void handle(ApiRequest req, ResponseSink sink) throws IOException {
    String path = req.path();
    if (path.startsWith(PREFIX + "/")) {
      path = path.substring(PREFIX.length());
    }
    if (req.method().equals("OPTIONS")) {
      sink.start(204, null);
      return;
    }
    Route route = routes.get(path);
    String param = null;
    if (route == null && path.startsWith("/label/") && path.endsWith("/values")) {
      String name = path.substring("/label/".length(), path.length() - "/values".length());
      if (!name.isEmpty() && name.indexOf('/') < 0) {
        route = labelValues;
        param = name;
      }
    }
    if (route == null) {
      write(
          sink,
          ApiResult.error(
              ApiError.of(ErrorType.NOT_FOUND, "unknown API endpoint " + PREFIX + path)));
      return;
    }
    if (!route.methods().contains(req.method())) {
      OutputStream out = sink.start(405, "text/plain; charset=utf-8");
      out.write("Method Not Allowed\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      return;
    }
    write(sink, run(route, req, param));
  }

  private ApiResult run(Route route, ApiRequest req, String param) {
    try {
      FormParams p = FormParams.parse(req, maxFormBytes);
      return route.handler().handle(p, param);
    } catch (ApiException e) {
      return ApiResult.error(e.error());
    } catch (StorageException e) {
      return ApiResult.error(ApiError.execution(String.valueOf(e.getMessage())));
    } catch (RuntimeException e) {
      return ApiResult.error(ApiError.internal(String.valueOf(e)));
    }
  }

  private static void write(ResponseSink sink, ApiResult result) throws IOException {
    switch (result) {
      case ApiResult.NoContent n -> sink.start(204, null);
      case ApiResult.Failure f -> {
        OutputStream out = sink.start(f.error().status(), JSON);
        try (PromJsonWriter w = PromJsonWriter.create(out)) {
          w.error(f.error(), f.warnings(), List.of());
        }
        out.flush();
      }
      case ApiResult.Data d -> {
        OutputStream out = sink.start(200, JSON);
        try (PromJsonWriter w = PromJsonWriter.create(out)) {
          w.beginSuccess();
          d.data().write(w);
          w.endEnvelope(d.warnings(), d.infos());
        }
        out.flush();
      }
    }
  }

  /** Builds an {@link ApiV1}. Not thread-safe. */
  public static final class Builder {
    private Queryable storage;
    private QueryEngine engine;
    private MetadataSource metadata = MetadataSource.empty();
    private TsdbStatsSource tsdbStats = TsdbStatsSource.empty();
    private StatusSource status = defaultStatus();
    private TsdbAdmin admin;
    private LongSupplier nowMs = System::currentTimeMillis;
    private long maxFormBytes = FormParams.DEFAULT_MAX_BODY_BYTES;

    private Builder() {}

    /** The storage queried by all endpoints (required). */
    public Builder storage(Queryable storage) {
      this.storage = storage;
      return this;
    }

    /** The PromQL engine for {@code query} and {@code query_range} (required). */
    public Builder engine(QueryEngine engine) {
      this.engine = engine;
      return this;
    }

    /** The metric metadata source; defaults to an empty one. */
    public Builder metadata(MetadataSource metadata) {
      this.metadata = Objects.requireNonNull(metadata);
      return this;
    }

    /** The source of {@code status/tsdb}; defaults to an empty database. */
    public Builder tsdbStats(TsdbStatsSource tsdbStats) {
      this.tsdbStats = Objects.requireNonNull(tsdbStats);
      return this;
    }

    /** The source of build, runtime, flags and config status; defaults to placeholders. */
    public Builder status(StatusSource status) {
      this.status = Objects.requireNonNull(status);
      return this;
    }

    /**
     * The database administration behind {@code /admin/tsdb/*}; null (the default) disables those
     * endpoints, which then answer Prometheus' {@code admin APIs disabled} error.
     */
    public Builder admin(TsdbAdmin admin) {
      this.admin = admin;
      return this;
    }

    /** The clock for the default {@code time} of instant queries, in milliseconds. */
    public Builder clock(LongSupplier nowMs) {
      this.nowMs = Objects.requireNonNull(nowMs);
      return this;
    }

    /** The largest accepted form body in bytes (default 10 MB, as Go); larger answers 413. */
    public Builder maxFormBytes(long maxFormBytes) {
      this.maxFormBytes = maxFormBytes;
      return this;
    }

    /** Builds the API. */
    public ApiV1 build() {
      return new ApiV1(this);
    }

    private static StatusSource defaultStatus() {
      Instant start = Instant.now();
      return new StatusSource() {
        @Override
        public BuildInfo buildInfo() {
          return new BuildInfo(
              "0.1.0", "unknown", "unknown", "unknown", "unknown", "java" + Runtime.version());
        }

        @Override
        public RuntimeInfo runtimeInfo() {
          Runtime rt = Runtime.getRuntime();
          return new RuntimeInfo(
              start,
              "",
              "",
              true,
              start,
              0,
              Thread.activeCount(),
              rt.availableProcessors(),
              rt.maxMemory(),
              "",
              "",
              "");
        }

        @Override
        public Map<String, String> flags() {
          return Map.of();
        }

        @Override
        public String configYaml() {
          return "";
        }
      };
    }
  }
}
