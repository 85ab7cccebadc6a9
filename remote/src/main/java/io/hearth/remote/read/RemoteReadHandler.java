package io.hearth.remote.read;

import com.google.protobuf.InvalidProtocolBufferException;
import io.hearth.encoding.EncodingFormatException;
import io.hearth.model.LabelMatcher;
import io.hearth.model.Labels;
import io.hearth.model.LabelsBuilder;
import io.hearth.model.MatchType;
import io.hearth.remote.proto.RemoteProto;
import io.hearth.remote.proto.Snappy;
import io.hearth.storage.ChunkIterator;
import io.hearth.storage.ChunkQuerier;
import io.hearth.storage.ChunkQueryable;
import io.hearth.storage.ChunkSeries;
import io.hearth.storage.ChunkSeriesSet;
import io.hearth.storage.LabelQuerier;
import io.hearth.storage.Querier;
import io.hearth.storage.Queryable;
import io.hearth.storage.SampleIterator;
import io.hearth.storage.SeriesSet;
import io.hearth.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Answers Remote Read requests for one storage, without any HTTP types: the server passes the body
 * and a {@link ResponseStarter}, and sends the {@link RemoteReadResult}'s status and message itself
 * when the result is not 200.
 *
 * <p>The request is read up to {@link RemoteReadLimits#maxRequestBytes()}, its snappy header
 * checked against {@link RemoteReadLimits#maxDecodedBytes()} before decoding, and every query is
 * validated (span limit, matchers) before anything is sent. The response type is the first of the
 * client's {@code accepted_response_types} this handler implements (SAMPLES when the list is empty;
 * STREAMED_XOR_CHUNKS only when a {@link ChunkQueryable} was given).
 *
 * <p>SAMPLES responses are built in memory (bounded by the sample limit) and sent in one piece.
 * Streamed responses send one series per frame, series in label order, chunks inside the query
 * range byte for byte and edge chunks re-encoded to their in-range samples; a failure after the
 * first byte throws {@link RemoteReadAbortedException}.
 *
 * <p>Thread-safe: no per-request state is kept in the handler.
 */
public final class RemoteReadHandler {
  private final Queryable queryable;
  private final ChunkQueryable chunkQueryable;
  private final RemoteReadConfig config;
  private final RemoteReadListener listener;

  private RemoteReadHandler(
      Queryable queryable,
      ChunkQueryable chunkQueryable,
      RemoteReadConfig config,
      RemoteReadListener listener) {
    this.queryable = queryable;
    this.chunkQueryable = chunkQueryable;
    this.config = config;
    this.listener = listener;
  }

  /**
   * Creates a handler reading one storage (typically one tenant's).
   *
   * @param queryable the samples, for SAMPLES responses
   * @param chunkQueryable the same data as chunks for streamed responses, or null to offer only
   *     SAMPLES
   * @param config external labels, ignored matcher names and limits
   * @param listener observer for logs and metrics; {@link RemoteReadListener#NONE} for none
   * @return the handler
   */
  public static RemoteReadHandler create(
      Queryable queryable,
      ChunkQueryable chunkQueryable,
      RemoteReadConfig config,
      RemoteReadListener listener) {
    if (queryable == null || config == null || listener == null) {
      throw new NullPointerException("queryable, config and listener are required");
    }
    return new RemoteReadHandler(queryable, chunkQueryable, config, listener);
  }

  /**
   * Handles one request.
   *
   * @param body the request body; read up to the limit, not closed
   * @param contentLength the declared body length in bytes, or -1 when unknown
   * @param starter starts the 200 response when there is one
   * @return the result; when its status is not 200 nothing was sent
   * @throws RemoteReadAbortedException if the response failed after it was started
   */
  public RemoteReadResult handle(InputStream body, long contentLength, ResponseStarter starter) {
    RemoteReadLimits limits = config.limits();
    if (contentLength > limits.maxRequestBytes()) {
      return RemoteReadResult.error(413, tooLarge(contentLength), null);
    }
    byte[] compressed;
    try {
      compressed = readBody(body, contentLength, limits.maxRequestBytes());
    } catch (IOException e) {
      return RemoteReadResult.error(400, "cannot read the request body: " + e.getMessage(), null);
    }
    if (compressed == null) {
      return RemoteReadResult.error(413, tooLarge(-1), null);
    }
    RemoteProto.ReadRequest request;
    try {
      int n = Snappy.uncompressedLength(compressed, 0, compressed.length);
      if (n > limits.maxDecodedBytes()) {
        return RemoteReadResult.error(
            400,
            "snappy-decoded request of "
                + n
                + " bytes exceeds the limit of "
                + limits.maxDecodedBytes()
                + " bytes",
            null);
      }
      byte[] decoded = new byte[n];
      Snappy.uncompress(compressed, 0, compressed.length, decoded, 0);
      request = RemoteProto.ReadRequest.parseFrom(decoded);
    } catch (EncodingFormatException e) {
      return RemoteReadResult.error(400, e.getMessage(), null);
    } catch (InvalidProtocolBufferException e) {
      return RemoteReadResult.error(
          400, "cannot decode prometheus.ReadRequest: " + e.getMessage(), null);
    }
    ResponseType type = negotiate(request);
    if (type == null) {
      return RemoteReadResult.error(
          400,
          "server does not support any of the requested response types: "
              + request.getAcceptedResponseTypesValueList(),
          null);
    }
    List<ReadQuery> queries;
    try {
      queries = QueryPlanner.plan(request, config);
    } catch (QueryPlanner.InvalidQueryException e) {
      return RemoteReadResult.error(400, e.getMessage(), type);
    }
    return type == ResponseType.SAMPLES ? samples(queries, starter) : streamed(queries, starter);
  }

  private ResponseType negotiate(RemoteProto.ReadRequest request) {
    if (request.getAcceptedResponseTypesCount() == 0) {
      return ResponseType.SAMPLES;
    }
    for (int code : request.getAcceptedResponseTypesValueList()) {
      if (code == 0) {
        return ResponseType.SAMPLES;
      }
      if (code == 1 && chunkQueryable != null) {
        return ResponseType.STREAMED_XOR_CHUNKS;
      }
    }
    return null;
  }

  private RemoteReadResult samples(List<ReadQuery> queries, ResponseStarter starter) {
    SamplesWriter writer = new SamplesWriter(config.limits().maxSamplesPerRequest());
    try {
      SampleIterator it = null;
      for (ReadQuery q : queries) {
        writer.beginQuery();
        if (q.start() > q.end()) {
          // An empty range selects nothing; storage need not be asked.
          writer.endQuery();
          continue;
        }
        try (Querier querier = queryable.querier(q.start(), q.end())) {
          SeriesSet set = querier.select(false, q.hints(), q.matchers());
          boolean any = false;
          while (set.next()) {
            any = true;
            it = set.at().iterator(it);
            if (!writer.addSeries(withExternalLabels(set.at().labels()), it, q.start(), q.end())) {
              return RemoteReadResult.error(
                  400,
                  "exceeded sample limit (" + config.limits().maxSamplesPerRequest() + ")",
                  ResponseType.SAMPLES);
            }
          }
          if (!any) {
            reportUnknownLabels(querier, q);
          }
        }
        writer.endQuery();
      }
    } catch (StorageException | EncodingFormatException e) {
      return RemoteReadResult.error(500, "storage error: " + e.getMessage(), ResponseType.SAMPLES);
    }
    if (writer.uncompressedLength() > Integer.MAX_VALUE) {
      return RemoteReadResult.error(
          400,
          "the SAMPLES response would exceed 2 GiB before compression; ask for"
              + " STREAMED_XOR_CHUNKS or a smaller range",
          ResponseType.SAMPLES);
    }
    long bodyBytes;
    try {
      OutputStream out =
          starter.start(ResponseType.SAMPLES.contentType(), ResponseType.SAMPLES.contentEncoding());
      bodyBytes = writer.writeCompressed(out);
      out.flush();
    } catch (IOException e) {
      throw new RemoteReadAbortedException("cannot send the remote read response", e);
    }
    return new RemoteReadResult(
        200, "", ResponseType.SAMPLES, writer.series, writer.samples, 0, bodyBytes);
  }

  private RemoteReadResult streamed(List<ReadQuery> queries, ResponseStarter starter) {
    RemoteReadLimits limits = config.limits();
    FrameWriter frames =
        new FrameWriter(starter, limits.maxBytesInFrame(), limits.maxSeriesFrameBytes());
    ChunkBuffer buffer = new ChunkBuffer();
    try {
      ChunkIterator it = null;
      for (ReadQuery q : queries) {
        if (q.start() > q.end()) {
          continue;
        }
        try (ChunkQuerier querier = chunkQueryable.chunkQuerier(q.start(), q.end())) {
          ChunkSeriesSet set = querier.select(true, q.hints(), q.matchers());
          boolean any = false;
          if (config.externalLabels().isEmpty()) {
            while (set.next()) {
              ChunkSeries s = set.at();
              it = s.iterator(it);
              buffer.fill(it, q.start(), q.end());
              if (buffer.count > 0) {
                any = true;
                frames.writeSeries(q.index(), s.labels(), buffer.view());
              }
            }
          } else {
            // Added labels can change the order of label sets, and clients need the order of
            // the labels as sent: buffer the query's series and sort them.
            List<Labels> labels = new ArrayList<>();
            List<Chunks> chunks = new ArrayList<>();
            while (set.next()) {
              ChunkSeries s = set.at();
              it = s.iterator(it);
              buffer.fill(it, q.start(), q.end());
              if (buffer.count > 0) {
                labels.add(withExternalLabels(s.labels()));
                chunks.add(buffer.view().copy());
              }
            }
            Integer[] order = new Integer[labels.size()];
            Arrays.setAll(order, i -> i);
            Arrays.sort(order, Comparator.comparing(labels::get));
            for (int i : order) {
              frames.writeSeries(q.index(), labels.get(i), chunks.get(i));
            }
            any = order.length > 0;
          }
          if (!any) {
            reportUnknownLabels(querier, q);
          }
        }
      }
      frames.flush();
    } catch (IOException e) {
      throw new RemoteReadAbortedException("cannot send the remote read response", e);
    } catch (StorageException | EncodingFormatException e) {
      if (frames.started()) {
        throw new RemoteReadAbortedException("remote read failed while streaming", e);
      }
      return RemoteReadResult.error(
          500, "storage error: " + e.getMessage(), ResponseType.STREAMED_XOR_CHUNKS);
    } catch (RuntimeException e) {
      if (frames.started()) {
        throw new RemoteReadAbortedException("remote read failed while streaming", e);
      }
      throw e;
    }
    return new RemoteReadResult(
        200,
        "",
        ResponseType.STREAMED_XOR_CHUNKS,
        frames.series,
        0,
        frames.chunks,
        frames.bytesSent);
  }

  private Labels withExternalLabels(Labels labels) {
    Labels external = config.externalLabels();
    if (external.isEmpty()) {
      return labels;
    }
    LabelsBuilder b = null;
    for (int i = 0; i < external.size(); i++) {
      if (!labels.has(external.name(i))) {
        if (b == null) {
          b = new LabelsBuilder().reset(labels);
        }
        b.set(external.name(i), external.value(i));
      }
    }
    return b == null ? labels : b.build();
  }

  private void reportUnknownLabels(LabelQuerier querier, ReadQuery q) {
    List<String> names = null;
    for (LabelMatcher m : q.matchers()) {
      if (m.type() == MatchType.EQUAL && !m.value().isEmpty()) {
        if (names == null) {
          names = querier.labelNames();
        }
        if (!names.contains(m.name())) {
          listener.unknownLabelMatcher(m.name(), m.value());
        }
      }
    }
  }

  private String tooLarge(long declared) {
    return (declared >= 0 ? "request body of " + declared + " bytes" : "request body")
        + " exceeds the limit of "
        + config.limits().maxRequestBytes()
        + " bytes";
  }

  /** The body, or null when it is longer than {@code max}. */
  private static byte[] readBody(InputStream in, long declared, int max) throws IOException {
    // Trust the declared length only up to 1 MiB; beyond it the buffer grows with the data.
    long initial = declared >= 0 ? Math.min(declared + 1, 1 << 20) : 8192;
    byte[] buf = new byte[(int) Math.min(initial, (long) max + 1)];
    int n = 0;
    while (true) {
      if (n == buf.length) {
        if (n > max) {
          return null;
        }
        buf = Arrays.copyOf(buf, (int) Math.min((long) max + 1, Math.max(1024L, n * 2L)));
      }
      int r = in.read(buf, n, buf.length - n);
      if (r < 0) {
        return n > max ? null : Arrays.copyOf(buf, n);
      }
      n += r;
    }
  }
}
