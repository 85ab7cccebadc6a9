package io.hearth.api.v1;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.hearth.model.Labels;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes Prometheus API JSON straight to a stream, byte for byte as Prometheus does: the envelope
 * in Prometheus' key order, sample values as strings in Go's float shapes, vector/matrix times with
 * three decimals, scalar times in shortest form, labels in name order, Go's HTML-safe escaping.
 *
 * <p>Not thread-safe: one writer per response. {@link #close()} flushes but does not close the
 * underlying stream, which stays owned by the caller.
 */
public final class PromJsonWriter implements Closeable {
  /** At most this many warnings and infos are listed; the rest are summarised (Prometheus). */
  static final int MAX_ANNOTATIONS = 10;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
          .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
          .build();

  private final JsonGenerator g;
  private final StringBuilder scratch = new StringBuilder(32);
  private char[] charBuf = new char[32];

  private PromJsonWriter(JsonGenerator g) {
    this.g = g;
  }

  /** Creates a writer of UTF-8 JSON to {@code out}. */
  public static PromJsonWriter create(OutputStream out) throws IOException {
    JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8);
    g.setCharacterEscapes(GoJsonEscapes.INSTANCE);
    return new PromJsonWriter(g);
  }

  /** The underlying generator, for writing arbitrary data values. */
  public JsonGenerator generator() {
    return g;
  }

  /** Starts a success envelope up to the value of {@code data}. */
  public void beginSuccess() throws IOException {
    g.writeStartObject();
    g.writeStringField("status", "success");
    g.writeFieldName("data");
  }

  /**
   * Starts a success envelope without {@code data} (Prometheus omits null data); finish it with
   * {@link #endEnvelope}.
   */
  public void beginSuccessWithoutData() throws IOException {
    g.writeStartObject();
    g.writeStringField("status", "success");
  }

  /** Writes the optional {@code warnings} and {@code infos} and closes the envelope. */
  public void endEnvelope(List<String> warnings, List<String> infos) throws IOException {
    annotations("warnings", "warning", warnings);
    annotations("infos", "info", infos);
    g.writeEndObject();
  }

  /** Writes a complete error envelope. */
  public void error(ApiError error, List<String> warnings, List<String> infos) throws IOException {
    g.writeStartObject();
    g.writeStringField("status", "error");
    g.writeStringField("errorType", error.type().apiName());
    g.writeStringField("error", error.message());
    endEnvelope(warnings, infos);
  }

  private void annotations(String field, String word, List<String> list) throws IOException {
    if (list == null || list.isEmpty()) {
      return;
    }
    g.writeArrayFieldStart(field);
    int n = Math.min(list.size(), MAX_ANNOTATIONS);
    for (int i = 0; i < n; i++) {
      g.writeString(list.get(i));
    }
    if (list.size() > MAX_ANNOTATIONS) {
      g.writeString((list.size() - MAX_ANNOTATIONS) + " more " + word + " annotations omitted");
    }
    g.writeEndArray();
  }

  /** Writes a label set as a JSON object in label-name order ({@code {}} when empty). */
  public void labels(Labels labels) throws IOException {
    g.writeStartObject();
    for (int i = 0, n = labels.size(); i < n; i++) {
      g.writeStringField(labels.name(i), labels.value(i));
    }
    g.writeEndObject();
  }

  /** Writes {@code [<ts with 3 decimals>,"<value>"]} as used in vectors and matrices. */
  public void samplePair(long t, double v) throws IOException {
    // One raw value per pair instead of four generator calls: matrices have many thousands of
    // pairs, and neither part needs escaping (digits, sign, '.', 'e', NaN, Inf).
    scratch.setLength(0);
    scratch.append('[');
    PromFloat.appendSampleTime(scratch, t);
    scratch.append(",\"");
    PromFloat.appendSample(scratch, v);
    scratch.append("\"]");
    g.writeRawValue(chars(), 0, scratch.length());
  }

  /** Copies {@code scratch} into the reusable char buffer, to write it without a String. */
  private char[] chars() {
    int n = scratch.length();
    if (charBuf.length < n) {
      charBuf = new char[Math.max(n, charBuf.length * 2)];
    }
    scratch.getChars(0, n, charBuf, 0);
    return charBuf;
  }

  /** Writes one vector element {@code {"metric":{...},"value":[t,"v"]}}. */
  public void vectorSample(Labels labels, long t, double v) throws IOException {
    g.writeStartObject();
    g.writeFieldName("metric");
    labels(labels);
    g.writeFieldName("value");
    samplePair(t, v);
    g.writeEndObject();
  }

  /**
   * Writes one matrix element {@code {"metric":{...},"values":[[t,"v"],...]}}; the key {@code
   * values} is omitted when {@code n} is 0, as Prometheus does.
   *
   * @param n the number of points to write from the start of {@code t} and {@code v}
   */
  public void matrixSeries(Labels labels, long[] t, double[] v, int n) throws IOException {
    g.writeStartObject();
    g.writeFieldName("metric");
    labels(labels);
    if (n > 0) {
      // The whole array as one raw value: one generator call per series instead of per point.
      g.writeFieldName("values");
      scratch.setLength(0);
      scratch.append('[');
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          scratch.append(',');
        }
        scratch.append('[');
        PromFloat.appendSampleTime(scratch, t[i]);
        scratch.append(",\"");
        PromFloat.appendSample(scratch, v[i]);
        scratch.append("\"]");
      }
      scratch.append(']');
      g.writeRawValue(chars(), 0, scratch.length());
    }
    g.writeEndObject();
  }

  /** Writes a scalar result {@code [<shortest seconds>,"<plain value>"]}. */
  public void scalar(long t, double v) throws IOException {
    g.writeStartArray();
    g.writeNumber(PromFloat.scalarTime(t));
    g.writeString(PromFloat.plain(v));
    g.writeEndArray();
  }

  /** Writes a string result {@code [<shortest seconds>,"<text>"]}. */
  public void stringValue(long t, String s) throws IOException {
    g.writeStartArray();
    g.writeNumber(PromFloat.scalarTime(t));
    g.writeString(s);
    g.writeEndArray();
  }

  /** Writes a JSON array of strings. */
  public void stringArray(List<String> values) throws IOException {
    g.writeStartArray();
    for (int i = 0, n = values.size(); i < n; i++) {
      g.writeString(values.get(i));
    }
    g.writeEndArray();
  }

  /** Writes a raw JSON number given as text (e.g. a Go-formatted float). */
  public void rawNumber(String number) throws IOException {
    g.writeNumber(number);
  }

  /** Flushes buffered output to the stream. */
  public void flush() throws IOException {
    g.flush();
  }

  /** Flushes and releases the generator; the underlying stream stays open. */
  @Override
  public void close() throws IOException {
    g.close();
  }
}
