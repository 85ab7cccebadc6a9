package io.hearth.remote.write;

import io.hearth.model.Labels;
import io.hearth.remote.proto.WireReader;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Streams a decoded {@code prometheus.WriteRequest} (Remote Write 1.0) into a {@link WriteBatch}
 * without building message objects: each TimeSeries is read twice, first for its labels, then for
 * its samples, which go straight to the appender. Field numbers: remote-write digest section 2.
 */
final class WriteV1Decoder {
  private static final int TIMESERIES = 1;
  private static final int METADATA = 3;
  private static final int SERIES_LABELS = 1;
  private static final int SERIES_SAMPLES = 2;
  private static final int SERIES_EXEMPLARS = 3;
  private static final int SERIES_HISTOGRAMS = 4;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private WriteV1Decoder() {}

  static void decode(
      byte[] b, int off, int end, RemoteWriteScratch s, WriteBatch batch, MetadataSink sink) {
    WireReader r = s.reader.reset(b, off);
    while (r.position() < end) {
      int tag = r.readTag(end);
      switch (tag >>> 3) {
        case TIMESERIES -> {
          r.expect(tag, WireReader.LENGTH_DELIMITED);
          int e = r.readLengthDelimited(end);
          series(b, r, r.position(), e, s, batch);
          r.position(e);
        }
        case METADATA -> {
          r.expect(tag, WireReader.LENGTH_DELIMITED);
          int e = r.readLengthDelimited(end);
          metadata(b, r, e, s, sink);
          r.position(e);
        }
        default -> r.skip(tag, end);
      }
    }
  }

  private static void series(
      byte[] buf, WireReader r, int start, int end, RemoteWriteScratch s, WriteBatch b) {
    int n = 0;
    while (r.position() < end) {
      int tag = r.readTag(end);
      int field = tag >>> 3;
      if (field == SERIES_LABELS) {
        r.expect(tag, WireReader.LENGTH_DELIMITED);
        int e = r.readLengthDelimited(end);
        s.ensureRanges(2 * n + 4);
        labelRanges(r, e, s.ranges, 2 * n);
        n += 2;
        r.position(e);
      } else if (field >= SERIES_SAMPLES && field <= SERIES_HISTOGRAMS) {
        r.expect(tag, WireReader.LENGTH_DELIMITED);
        r.skip(tag, end);
      } else {
        r.skip(tag, end);
      }
    }
    Labels labels = labels(buf, n, s, b);
    r.position(start);
    long ref = labels == null ? 0 : b.cachedRef();
    long firstRef = ref;
    while (r.position() < end) {
      int p = r.position();
      int next = usualSampleEnd(buf, p, end);
      if (next > 0) {
        // The usual Sample encoding, parsed in place (see usualSampleEnd).
        long bits = (long) LONGS.get(buf, p + 3);
        long t = 0;
        for (int q = p + 12, shift = 0; q < next; q++, shift += 7) {
          t |= (long) (buf[q] & 0x7f) << shift;
        }
        r.position(next);
        if (labels == null) {
          b.sampleOfInvalidSeries();
        } else {
          ref = b.append(ref, labels, t, Double.longBitsToDouble(bits));
        }
        continue;
      }
      int tag = r.readTag(end);
      switch (tag >>> 3) {
        case SERIES_SAMPLES -> {
          int e = r.readLengthDelimited(end);
          long bits = 0;
          long t = 0;
          while (r.position() < e) {
            int st = r.readTag(e);
            switch (st >>> 3) {
              case 1 -> {
                r.expect(st, WireReader.FIXED64);
                bits = r.readFixed64(e);
              }
              case 2 -> {
                r.expect(st, WireReader.VARINT);
                t = r.readVarint(e);
              }
              default -> r.skip(st, e);
            }
          }
          if (labels == null) {
            b.sampleOfInvalidSeries();
          } else {
            ref = b.append(ref, labels, t, Double.longBitsToDouble(bits));
          }
        }
        case SERIES_EXEMPLARS -> {
          r.skip(tag, end);
          b.exemplarsReceived++;
        }
        case SERIES_HISTOGRAMS -> {
          r.skip(tag, end);
          b.histogram(labels, 1);
        }
        default -> r.skip(tag, end);
      }
    }
    if (ref != firstRef) {
      b.cacheRef(ref);
    }
  }

  /**
   * Recognises the encoding every common sender uses for a {@code Sample} field: tag {@code 0x12},
   * a one-byte length, the value as field 1 (fixed64), then the timestamp as field 2 (a varint that
   * ends exactly where the message does). Anything else (fields omitted or reordered, unknown
   * fields, malformed bytes) returns 0 and goes through the general parser, which also reports
   * errors. This path was about a fifth of the ingest CPU profile through {@link WireReader}.
   *
   * @return the offset after the Sample field, or 0 when it is not in the usual form
   */
  private static int usualSampleEnd(byte[] b, int p, int end) {
    if (end - p < 13 || b[p] != 0x12) {
      return 0;
    }
    int len = b[p + 1];
    // 9 bytes of value field, 1 tag byte and a varint of 1 to 10 bytes.
    if (len < 11 || len > 20 || len > end - p - 2 || b[p + 2] != 0x09 || b[p + 11] != 0x10) {
      return 0;
    }
    int next = p + 2 + len;
    for (int q = p + 12; q < next - 1; q++) {
      if (b[q] >= 0) {
        return 0;
      }
    }
    // A tenth varint byte may only carry the top bit of 64; otherwise let the parser decide.
    int last = b[next - 1];
    return last >= 0 && (len < 20 || last <= 1) ? next : 0;
  }

  /** Records the byte ranges of a {@code Label} message's name and value at ranges[at..at+3]. */
  private static void labelRanges(WireReader r, int end, int[] ranges, int at) {
    ranges[at] = 0;
    ranges[at + 1] = 0;
    ranges[at + 2] = 0;
    ranges[at + 3] = 0;
    while (r.position() < end) {
      int tag = r.readTag(end);
      int field = tag >>> 3;
      if (field == 1 || field == 2) {
        r.expect(tag, WireReader.LENGTH_DELIMITED);
        int e = r.readLengthDelimited(end);
        int k = at + (field - 1) * 2;
        ranges[k] = r.position();
        ranges[k + 1] = e - r.position();
        r.position(e);
      } else {
        r.skip(tag, end);
      }
    }
  }

  /**
   * The label set of the {@code n / 2} labels whose byte ranges are in {@code s.ranges}: from the
   * cache when these exact bytes were seen before, otherwise decoded and validated (null when
   * invalid).
   */
  private static Labels labels(byte[] b, int n, RemoteWriteScratch s, WriteBatch batch) {
    int[] ranges = s.ranges;
    LabelsCache cache = s.labelsCache;
    cache.begin();
    for (int i = 0; i < 2 * n; i += 2) {
      cache.add(b, ranges[i], ranges[i + 1]);
    }
    Labels labels = cache.get();
    if (labels != null) {
      return labels;
    }
    s.ensurePairs(n);
    boolean utf8Ok = true;
    for (int i = 0; i < n; i++) {
      int off = ranges[2 * i];
      int len = ranges[2 * i + 1];
      utf8Ok &= StringCache.isValidUtf8(b, off, len);
      s.pairs[i] = s.strings.get(b, off, len);
    }
    labels = batch.labels(n, utf8Ok);
    if (labels != null) {
      cache.put(labels);
    }
    return labels;
  }

  private static void metadata(
      byte[] b, WireReader r, int end, RemoteWriteScratch s, MetadataSink sink) {
    long type = 0;
    String name = "";
    String help = "";
    String unit = "";
    while (r.position() < end) {
      int tag = r.readTag(end);
      int field = tag >>> 3;
      if (field == 1) {
        r.expect(tag, WireReader.VARINT);
        type = r.readVarint(end);
      } else if (field == 2 || field == 4 || field == 5) {
        r.expect(tag, WireReader.LENGTH_DELIMITED);
        int e = r.readLengthDelimited(end);
        int p = r.position();
        String v = StringCache.isValidUtf8(b, p, e - p) ? s.strings.get(b, p, e - p) : "";
        if (field == 2) {
          name = v;
        } else if (field == 4) {
          help = v;
        } else {
          unit = v;
        }
        r.position(e);
      } else {
        r.skip(tag, end);
      }
    }
    if (!name.isEmpty()) {
      sink.accept(name, MetricType.fromCode(type), help, unit);
    }
  }
}
