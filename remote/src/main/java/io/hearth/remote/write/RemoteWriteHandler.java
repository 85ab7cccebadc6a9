package io.hearth.remote.write;

import io.hearth.encoding.EncodingFormatException;
import io.hearth.remote.proto.Snappy;
import io.hearth.storage.Appendable;
import io.hearth.storage.Appender;
import io.hearth.storage.CommitResult;
import io.hearth.storage.Rejection;
import io.hearth.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Receives Remote Write 1.0 and 2.0 requests for one storage, without any HTTP types: the server
 * passes the two headers and the body, and turns the {@link RemoteWriteResult} into a response.
 *
 * <p>Steps: check {@code Content-Encoding} and {@code Content-Type} (415), read the body up to
 * {@link RemoteWriteLimits#maxBodyBytes()} (413), check the snappy header's decoded length against
 * {@link RemoteWriteLimits#maxDecodedBytes()} before decoding (400), then stream the protobuf
 * message into one {@link Appender}, sample by sample, and commit.
 *
 * <p>Outcomes: everything stored is 204. Samples the storage rejects, series with invalid labels
 * and native histograms (not stored yet) do not stop the batch: the rest is committed and the
 * answer is 400 with a body that counts what was not stored, by reason, and names an example.
 * Malformed snappy or protobuf is 400 and nothing is stored. A {@link StorageException} is 500 (507
 * when the disk is full), nothing is stored, and the sender retries. Exemplars are counted, not
 * stored. Metadata goes to the {@link MetadataSink}.
 *
 * <p>Thread-safe: the handler holds no per-request state; each concurrent request needs its own
 * {@link RemoteWriteScratch}.
 */
public final class RemoteWriteHandler {
  /** Prometheus' senders log at most this much of an error body; longer bodies are cut. */
  private static final int MAX_MESSAGE_CHARS = 1024;

  /**
   * HTTP 507, for a full disk: a 5xx, so Prometheus' and other senders retry it as they retry 500,
   * while telling the operator what is wrong.
   */
  public static final int INSUFFICIENT_STORAGE = 507;

  private final Appendable storage;
  private final RemoteWriteLimits limits;
  private final MetadataSink metadata;

  private RemoteWriteHandler(Appendable storage, RemoteWriteLimits limits, MetadataSink metadata) {
    this.storage = storage;
    this.limits = limits;
    this.metadata = metadata;
  }

  /**
   * Creates a handler writing to one storage (typically one tenant's).
   *
   * @param storage where samples go
   * @param limits body size limits
   * @param metadata where metric metadata goes; {@link MetadataSink#NONE} to drop it
   * @return the handler
   */
  public static RemoteWriteHandler create(
      Appendable storage, RemoteWriteLimits limits, MetadataSink metadata) {
    if (storage == null || limits == null || metadata == null) {
      throw new NullPointerException("storage, limits and metadata are required");
    }
    return new RemoteWriteHandler(storage, limits, metadata);
  }

  /**
   * Handles one request with a fresh scratch; see {@link #handle(RemoteWriteRequest,
   * RemoteWriteScratch)}.
   *
   * @param request the request
   * @return the result
   */
  public RemoteWriteResult handle(RemoteWriteRequest request) {
    return handle(request, new RemoteWriteScratch());
  }

  /**
   * Handles one request. Never throws for bad input or storage failures (those are results); only
   * programming errors escape.
   *
   * @param request the request; its body is read up to the limit and not closed
   * @param scratch buffers owned by the calling thread for the duration of the call
   * @return the result to send
   */
  public RemoteWriteResult handle(RemoteWriteRequest request, RemoteWriteScratch scratch) {
    return handle(request, limits, scratch);
  }

  /**
   * Handles one request under limits other than the handler's own (for example a tenant's).
   *
   * @param request the request; its body is read up to the limit and not closed
   * @param limits the size limits for this request
   * @param scratch buffers owned by the calling thread for the duration of the call
   * @return the result to send
   */
  public RemoteWriteResult handle(
      RemoteWriteRequest request, RemoteWriteLimits limits, RemoteWriteScratch scratch) {
    String encodingError = ContentNegotiation.checkEncoding(request.contentEncoding());
    if (encodingError != null) {
      return RemoteWriteResult.refused(415, encodingError, null);
    }
    String[] typeError = new String[1];
    WriteProtocol protocol = ContentNegotiation.protocol(request.contentType(), typeError);
    if (protocol == null) {
      return RemoteWriteResult.refused(415, typeError[0], null);
    }
    long declared = request.contentLength();
    if (declared > limits.maxBodyBytes()) {
      return RemoteWriteResult.refused(413, tooLarge(declared, limits), protocol);
    }
    int bodyLength;
    try {
      bodyLength = readBody(request.body(), declared, limits.maxBodyBytes(), scratch);
    } catch (IOException e) {
      return RemoteWriteResult.refused(
          400, "cannot read the request body: " + e.getMessage(), protocol);
    }
    if (bodyLength < 0) {
      return RemoteWriteResult.refused(413, tooLarge(-1, limits), protocol);
    }
    byte[] body = scratch.body;
    int decodedLength;
    byte[] decoded;
    try {
      decodedLength = Snappy.uncompressedLength(body, 0, bodyLength);
      if (decodedLength > limits.maxDecodedBytes()) {
        return RemoteWriteResult.refused(
            400,
            "snappy-decoded body of "
                + decodedLength
                + " bytes exceeds the limit of "
                + limits.maxDecodedBytes()
                + " bytes",
            protocol);
      }
      decoded = scratch.decoded(decodedLength);
      Snappy.uncompress(body, 0, bodyLength, decoded, 0);
    } catch (EncodingFormatException e) {
      return RemoteWriteResult.refused(400, e.getMessage(), protocol);
    }
    return write(protocol, decoded, decodedLength, scratch);
  }

  private RemoteWriteResult write(
      WriteProtocol protocol, byte[] decoded, int length, RemoteWriteScratch scratch) {
    Appender appender = null;
    WriteBatch batch;
    CommitResult committed;
    try {
      appender = storage.appender();
      batch = new WriteBatch(appender, storage, scratch);
      if (protocol == WriteProtocol.V1) {
        WriteV1Decoder.decode(decoded, 0, length, scratch, batch, metadata);
      } else {
        WriteV2Decoder.decode(decoded, 0, length, scratch, batch, metadata);
      }
      committed = appender.commit();
    } catch (EncodingFormatException e) {
      rollback(appender);
      return RemoteWriteResult.refused(
          400, "cannot decode " + protocol.messageName() + ": " + e.getMessage(), protocol);
    } catch (StorageException e) {
      rollback(appender);
      if (diskFull(e)) {
        return RemoteWriteResult.refused(
            INSUFFICIENT_STORAGE,
            "storage error: "
                + e.getMessage()
                + "; the disk is full, nothing of this request was stored: retry later",
            protocol);
      }
      return RemoteWriteResult.refused(500, "storage error: " + e.getMessage(), protocol);
    }
    long[] rejected = batch.rejected.clone();
    long commitRejected = 0;
    for (Rejection r : Rejection.values()) {
      long n = committed.rejected(r);
      rejected[r.ordinal()] += n;
      commitRejected += n;
    }
    long written = Math.max(0, batch.samplesAccepted - commitRejected);
    long rejectedTotal = 0;
    for (long n : rejected) {
      rejectedTotal += n;
    }
    boolean clean =
        rejectedTotal == 0
            && batch.invalidSeries == 0
            && batch.histogramsReceived == 0
            && batch.invalidMetadata == 0;
    String body = clean ? "" : message(batch, rejected, rejectedTotal, commitRejected);
    return new RemoteWriteResult(
        clean ? 204 : 400,
        body,
        protocol,
        batch.samplesReceived,
        written,
        batch.histogramsReceived,
        batch.exemplarsReceived,
        batch.invalidSeries,
        rejected);
  }

  private static String message(
      WriteBatch batch, long[] rejected, long rejectedTotal, long commitRejected) {
    StringBuilder sb = new StringBuilder();
    if (rejectedTotal > 0) {
      sb.append(rejectedTotal)
          .append(" of ")
          .append(batch.samplesReceived)
          .append(" samples rejected (");
      String sep = "";
      for (Rejection r : Rejection.values()) {
        if (rejected[r.ordinal()] > 0) {
          sb.append(sep).append(r.reason()).append(": ").append(rejected[r.ordinal()]);
          sep = ", ";
        }
      }
      sb.append(')');
      if (batch.firstRejectedSample != null) {
        sb.append("; e.g. ").append(batch.firstRejectedSample);
      } else if (commitRejected > 0) {
        sb.append("; rejected at commit by concurrent writes to the same series");
      }
    }
    if (batch.invalidSeries > 0) {
      separate(sb).append(batch.invalidSeries).append(" series refused: ");
      sb.append(batch.firstInvalidSeries);
    }
    if (batch.histogramsReceived > 0) {
      separate(sb)
          .append(batch.histogramsReceived)
          .append(" native histogram samples rejected: native histograms are not supported");
      if (batch.firstHistogramSeries != null) {
        sb.append(" (series ").append(batch.firstHistogramSeries).append(')');
      }
    }
    if (batch.invalidMetadata > 0) {
      separate(sb).append(batch.firstInvalidMetadata);
    }
    if (sb.length() > MAX_MESSAGE_CHARS - 1) {
      sb.setLength(MAX_MESSAGE_CHARS - 4);
      sb.append("...");
    }
    return sb.append('\n').toString();
  }

  private static StringBuilder separate(StringBuilder sb) {
    return sb.isEmpty() ? sb : sb.append("; ");
  }

  /**
   * Whether a storage failure comes from a full disk or an exhausted quota. Java reports ENOSPC and
   * EDQUOT only through the message of a plain {@link IOException}, so the cause chain's messages
   * are matched against the C library's texts.
   */
  static boolean diskFull(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String m = t.getMessage();
      if (m != null && (m.contains("No space left on device") || m.contains("quota exceeded"))) {
        return true;
      }
    }
    return false;
  }

  private static void rollback(Appender appender) {
    if (appender == null) {
      return;
    }
    try {
      appender.rollback();
    } catch (RuntimeException ignored) {
      // The appender may already be closed by the failure being reported; nothing to undo then.
    }
  }

  private static String tooLarge(long declared, RemoteWriteLimits limits) {
    return (declared >= 0 ? "request body of " + declared + " bytes" : "request body")
        + " exceeds the limit of "
        + limits.maxBodyBytes()
        + " bytes";
  }

  /**
   * Reads the body into {@code scratch.body}.
   *
   * @return the body length, or -1 when it exceeds the limit
   */
  private static int readBody(InputStream in, long declared, int max, RemoteWriteScratch scratch)
      throws IOException {
    // The declared length sizes the buffer only up to 1 MiB: beyond that the buffer grows as bytes
    // really arrive, so a false Content-Length cannot make the scratch hold a large array.
    long initial = declared >= 0 ? Math.min(declared + 1, 1 << 20) : 64 << 10;
    byte[] buf = scratch.body((int) Math.min(initial, (long) max + 1));
    int n = 0;
    while (true) {
      if (n == buf.length) {
        if (n > max) {
          return -1;
        }
        byte[] bigger = new byte[(int) Math.min((long) max + 1, Math.max(1024, (long) n * 2))];
        System.arraycopy(buf, 0, bigger, 0, n);
        buf = bigger;
        scratch.body = bigger;
      }
      int r = in.read(buf, n, buf.length - n);
      if (r < 0) {
        return n > max ? -1 : n;
      }
      n += r;
    }
  }
}
