package io.hearth.remote.write;

import io.hearth.model.Labels;
import io.hearth.remote.proto.WireReader;

/**
 * Streams a decoded {@code io.prometheus.write.v2.Request} (Remote Write 2.0) into a {@link
 * WriteBatch}. A first pass records where every symbol is; symbols become Strings only when a
 * series refers to them. Each TimeSeries is then read twice, for its label references and for its
 * samples. Field numbers: remote-write digest section 3.
 */
final class WriteV2Decoder {
  private static final int SYMBOLS = 4;
  private static final int TIMESERIES = 5;
  private static final int LABELS_REFS = 1;
  private static final int SAMPLES = 2;
  private static final int HISTOGRAMS = 3;
  private static final int EXEMPLARS = 4;
  private static final int METADATA = 5;
  private static final byte UTF8_UNKNOWN = 0;
  private static final byte UTF8_VALID = 1;
  private static final byte UTF8_INVALID = 2;

  private WriteV2Decoder() {}

  static void decode(
      byte[] b, int off, int end, RemoteWriteScratch s, WriteBatch batch, MetadataSink sink) {
    WireReader r = s.reader.reset(b, off);
    s.clearSymbols();
    while (r.position() < end) {
      int tag = r.readTag(end);
      if (tag >>> 3 == SYMBOLS) {
        r.expect(tag, WireReader.LENGTH_DELIMITED);
        int e = r.readLengthDelimited(end);
        s.addSymbol(r.position(), e - r.position());
        r.position(e);
      } else if (tag >>> 3 == TIMESERIES) {
        r.expect(tag, WireReader.LENGTH_DELIMITED);
        r.skip(tag, end);
      } else {
        r.skip(tag, end);
      }
    }
    r.position(off);
    while (r.position() < end) {
      int tag = r.readTag(end);
      if (tag >>> 3 == TIMESERIES) {
        int e = r.readLengthDelimited(end);
        series(b, r, r.position(), e, s, batch, sink);
        r.position(e);
      } else {
        r.skip(tag, end);
      }
    }
  }

  private static void series(
      byte[] b,
      WireReader r,
      int start,
      int end,
      RemoteWriteScratch s,
      WriteBatch batch,
      MetadataSink sink) {
    int nRefs = 0;
    int metadataStart = -1;
    int metadataEnd = -1;
    int samples = 0;
    int histograms = 0;
    while (r.position() < end) {
      int tag = r.readTag(end);
      int field = tag >>> 3;
      if (field == LABELS_REFS) {
        if ((tag & 7) == WireReader.LENGTH_DELIMITED) {
          int e = r.readLengthDelimited(end);
          while (r.position() < e) {
            s.ensureRefs(nRefs + 1);
            s.refs[nRefs++] = (int) Math.min(r.readVarint(e), Integer.MAX_VALUE);
          }
        } else {
          r.expect(tag, WireReader.VARINT);
          s.ensureRefs(nRefs + 1);
          s.refs[nRefs++] = (int) Math.min(r.readVarint(end), Integer.MAX_VALUE);
        }
      } else if (field >= SAMPLES && field <= METADATA) {
        r.expect(tag, WireReader.LENGTH_DELIMITED);
        if (field == METADATA) {
          metadataEnd = r.readLengthDelimited(end);
          metadataStart = r.position();
          r.position(metadataEnd);
        } else {
          r.skip(tag, end);
          samples += field == SAMPLES ? 1 : 0;
          histograms += field == HISTOGRAMS ? 1 : 0;
        }
      } else {
        r.skip(tag, end);
      }
    }
    Labels labels = labels(b, s, nRefs, batch);
    if (labels != null && samples == 0 && histograms == 0) {
      batch.invalidSeries("series " + labels + " has no samples and no histograms");
      labels = null;
    }
    r.position(start);
    long ref = labels == null ? 0 : batch.cachedRef();
    long firstRef = ref;
    while (r.position() < end) {
      int tag = r.readTag(end);
      switch (tag >>> 3) {
        case SAMPLES -> {
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
              case 2, 3 -> {
                // Field 3 is the start (created) timestamp, accepted and not stored.
                r.expect(st, WireReader.VARINT);
                long v = r.readVarint(e);
                if (st >>> 3 == 2) {
                  t = v;
                }
              }
              default -> r.skip(st, e);
            }
          }
          if (labels == null) {
            batch.sampleOfInvalidSeries();
          } else {
            ref = batch.append(ref, labels, t, Double.longBitsToDouble(bits));
          }
        }
        case HISTOGRAMS -> {
          r.skip(tag, end);
          batch.histogram(labels, 1);
        }
        case EXEMPLARS -> {
          r.skip(tag, end);
          batch.exemplarsReceived++;
        }
        default -> r.skip(tag, end);
      }
    }
    if (ref != firstRef) {
      batch.cacheRef(ref);
    }
    if (labels != null && metadataStart >= 0) {
      metadata(b, r, metadataStart, metadataEnd, s, batch, labels, sink);
    }
  }

  private static Labels labels(byte[] b, RemoteWriteScratch s, int nRefs, WriteBatch batch) {
    if ((nRefs & 1) != 0) {
      batch.invalidSeries("labels_refs has an odd number (" + nRefs + ") of references");
      return null;
    }
    LabelsCache cache = s.labelsCache;
    cache.begin();
    for (int i = 0; i < nRefs; i++) {
      int ref = s.refs[i];
      if (ref < 0 || ref >= s.symbolCount) {
        batch.invalidSeries(
            "label reference " + ref + " is outside the symbols table of " + s.symbolCount);
        return null;
      }
      cache.add(b, s.symbolStart[ref], s.symbolLength[ref]);
    }
    Labels labels = cache.get();
    if (labels != null) {
      return labels;
    }
    s.ensurePairs(nRefs);
    boolean utf8Ok = true;
    for (int i = 0; i < nRefs; i++) {
      int ref = s.refs[i];
      utf8Ok &= symbolUtf8(b, s, ref);
      s.pairs[i] = symbol(b, s, ref);
    }
    labels = batch.labels(nRefs, utf8Ok);
    if (labels != null) {
      cache.put(labels);
    }
    return labels;
  }

  private static boolean symbolUtf8(byte[] b, RemoteWriteScratch s, int ref) {
    if (s.symbolUtf8[ref] == UTF8_UNKNOWN) {
      boolean ok = StringCache.isValidUtf8(b, s.symbolStart[ref], s.symbolLength[ref]);
      s.symbolUtf8[ref] = ok ? UTF8_VALID : UTF8_INVALID;
    }
    return s.symbolUtf8[ref] == UTF8_VALID;
  }

  private static String symbol(byte[] b, RemoteWriteScratch s, int ref) {
    String v = s.symbols[ref];
    if (v == null) {
      v = s.strings.get(b, s.symbolStart[ref], s.symbolLength[ref]);
      s.symbols[ref] = v;
    }
    return v;
  }

  private static void metadata(
      byte[] b,
      WireReader r,
      int start,
      int end,
      RemoteWriteScratch s,
      WriteBatch batch,
      Labels labels,
      MetadataSink sink) {
    r.position(start);
    long type = 0;
    long helpRef = 0;
    long unitRef = 0;
    while (r.position() < end) {
      int tag = r.readTag(end);
      int field = tag >>> 3;
      if (field == 1 || field == 3 || field == 4) {
        r.expect(tag, WireReader.VARINT);
        long v = r.readVarint(end);
        if (field == 1) {
          type = v;
        } else if (field == 3) {
          helpRef = v;
        } else {
          unitRef = v;
        }
      } else {
        r.skip(tag, end);
      }
    }
    if (helpRef < 0 || helpRef >= s.symbolCount || unitRef < 0 || unitRef >= s.symbolCount) {
      if (helpRef != 0 || unitRef != 0) {
        batch.invalidMetadata(
            "metadata of series " + labels + " refers to a symbol outside the symbols table");
        return;
      }
    }
    if (type == 0 && helpRef == 0 && unitRef == 0) {
      return;
    }
    String help =
        helpRef == 0 || !symbolUtf8(b, s, (int) helpRef) ? "" : symbol(b, s, (int) helpRef);
    String unit =
        unitRef == 0 || !symbolUtf8(b, s, (int) unitRef) ? "" : symbol(b, s, (int) unitRef);
    sink.accept(labels.metricName(), MetricType.fromCode(type), help, unit);
  }
}
