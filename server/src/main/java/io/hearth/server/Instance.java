package io.hearth.server;

import io.hearth.api.v1.ApiV1;
import io.hearth.api.v1.QueryEngine;
import io.hearth.api.v1.StatusSource;
import io.hearth.api.v1.TsdbStats;
import io.hearth.remote.read.RemoteReadConfig;
import io.hearth.remote.read.RemoteReadHandler;
import io.hearth.remote.read.RemoteReadLimits;
import io.hearth.remote.read.RemoteReadListener;
import io.hearth.remote.write.RemoteWriteHandler;
import io.hearth.remote.write.RemoteWriteLimits;
import io.hearth.server.api.MetadataStore;
import io.hearth.server.api.TsdbAdministration;
import io.hearth.server.config.InstanceConfig;
import io.hearth.server.config.RemoteConfig;
import io.hearth.server.metrics.HearthMetrics;
import io.hearth.tsdb.Tsdb;
import io.hearth.tsdb.index.PostingsStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open instance: its database and the protocol handlers bound to it. The server hands handlers
 * a tenant-scoped storage; nothing below this class knows about instances.
 */
public final class Instance {
  private static final Logger LOG = LoggerFactory.getLogger(Instance.class);

  private final String id;
  private final Tsdb tsdb;
  private final RemoteWriteHandler remoteWrite;
  private final RemoteReadHandler remoteRead;
  private final ApiV1 api;

  private Instance(String id, Tsdb tsdb, RemoteWriteHandler w, RemoteReadHandler r, ApiV1 api) {
    this.id = id;
    this.tsdb = tsdb;
    this.remoteWrite = w;
    this.remoteRead = r;
    this.api = api;
  }

  /** Binds handlers to an open database under the instance's settings. */
  public static Instance create(
      String id,
      Tsdb tsdb,
      InstanceConfig settings,
      RemoteConfig remote,
      HearthMetrics metrics,
      QueryEngine engine,
      StatusSource status) {
    MetadataStore metadata = MetadataStore.withDefaults();
    RemoteWriteHandler w =
        RemoteWriteHandler.create(
            tsdb,
            new RemoteWriteLimits(remote.writeMaxBodyBytes(), remote.writeMaxBodyBytes()),
            metadata);
    RemoteReadLimits d = RemoteReadLimits.defaults();
    RemoteReadLimits limits =
        new RemoteReadLimits(
            d.maxRequestBytes(),
            d.maxDecodedBytes(),
            remote.readMaxSamplesPerRequest(),
            remote.readMaxBytesInFrame(),
            Math.max(d.maxSeriesFrameBytes(), remote.readMaxBytesInFrame()),
            remote.readMaxQuerySpan().toMillis());
    Set<String> warned = ConcurrentHashMap.newKeySet();
    RemoteReadListener listener =
        new RemoteReadListener() {
          @Override
          public void unknownLabelMatcher(String name, String value) {
            metrics.remoteReadUnknownLabel(name);
            if (warned.add(name)) {
              LOG.info(
                  "instance {}: a remote read asked for {}=\"{}\" but no series has the label {};"
                      + " if it is the reader's external label, declare it in"
                      + " instances.{}.external_labels or set filter_external_labels: false"
                      + " (logged once per label)",
                  id,
                  name,
                  value,
                  name,
                  id);
            }
          }
        };
    RemoteReadHandler r =
        RemoteReadHandler.create(
            tsdb,
            tsdb,
            new RemoteReadConfig(settings.externalLabels(), settings.ignoreMatchersFor(), limits),
            listener);
    ApiV1 api =
        ApiV1.builder()
            .storage(tsdb)
            .engine(engine)
            .status(status)
            .metadata(metadata)
            .tsdbStats(limit -> headStats(tsdb, limit))
            // Always on: see ServeCommand's --web.enable-admin-api.
            .admin(new TsdbAdministration(tsdb))
            .build();
    return new Instance(id, tsdb, w, r, api);
  }

  private static TsdbStats headStats(Tsdb tsdb, int limit) {
    long series = tsdb.headSeries();
    long min = series == 0 ? 0 : tsdb.minTime();
    long max = series == 0 ? 0 : tsdb.maxTime();
    PostingsStats p = tsdb.headPostingsStats(limit);
    return new TsdbStats(
        new TsdbStats.Head(series, p.numLabelPairs(), tsdb.headChunks(), min, max),
        stats(p.seriesCountByMetricName()),
        stats(p.labelValueCountByLabelName()),
        stats(p.memoryInBytesByLabelName()),
        stats(p.seriesCountByLabelValuePair()));
  }

  private static List<TsdbStats.Stat> stats(List<PostingsStats.Stat> in) {
    List<TsdbStats.Stat> out = new ArrayList<>(in.size());
    for (PostingsStats.Stat s : in) {
      out.add(new TsdbStats.Stat(s.name(), s.value()));
    }
    return out;
  }

  /** The instance id. */
  public String id() {
    return id;
  }

  /** The instance's database. */
  public Tsdb tsdb() {
    return tsdb;
  }

  /** The Remote Write handler bound to this instance. */
  public RemoteWriteHandler remoteWrite() {
    return remoteWrite;
  }

  /** The Prometheus HTTP API bound to this instance. */
  public ApiV1 api() {
    return api;
  }

  /** The Remote Read handler bound to this instance. */
  public RemoteReadHandler remoteRead() {
    return remoteRead;
  }
}
