package io.hearth.remote.write;

import static io.hearth.remote.write.TestData.V2_TYPE;
import static io.hearth.remote.write.TestData.request;
import static io.hearth.remote.write.TestData.snappy;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.model.Labels;
import io.hearth.remote.proto.RemoteProto;
import io.hearth.remote.proto.TypesProto;
import io.hearth.remote.proto.WriteV2Proto;
import io.hearth.storage.Appender;
import io.hearth.storage.CommitResult;
import io.hearth.storage.Rejection;
import io.hearth.storage.StorageException;
import io.hearth.testkit.Seed;
import io.hearth.testkit.SeededExtension;
import io.hearth.testkit.memory.MemoryStorage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SeededExtension.class)
class RemoteWriteHandlerTest {
  private final MemoryStorage storage = MemoryStorage.create();
  private final List<String> metadata = new ArrayList<>();
  private final RemoteWriteHandler handler =
      RemoteWriteHandler.create(
          storage,
          RemoteWriteLimits.defaults(),
          (name, type, help, unit) -> metadata.add(name + "|" + type + "|" + help + "|" + unit));

  private static long total(List<TestData.Series> series) {
    return series.stream().mapToLong(s -> s.times().length).sum();
  }

  @Test
  void v1RoundTripStoresEverySampleBitForBit(Seed seed) {
    Random rnd = seed.random();
    RemoteWriteScratch scratch = new RemoteWriteScratch();
    List<TestData.Series> all = new ArrayList<>();
    for (int round = 0; round < 5; round++) {
      List<TestData.Series> series = TestData.randomSeries(rnd, 1 + rnd.nextInt(50));
      // Distinct ids per round so that rounds do not collide.
      series.replaceAll(
          s -> {
            String[] p = s.pairs().clone();
            p[3] = "r" + all.size() + "_" + p[3];
            return new TestData.Series(p, s.times(), s.bits());
          });
      all.addAll(series);
      RemoteWriteResult result =
          handler.handle(request(null, snappy(Encoders.v1(series))), scratch);
      assertThat(result.status()).as(result.body()).isEqualTo(204);
      assertThat(result.body()).isEmpty();
      assertThat(result.protocol()).isEqualTo(WriteProtocol.V1);
      assertThat(result.headers()).isEmpty();
      assertThat(result.samplesWritten()).isEqualTo(total(series));
    }
    assertThat(TestData.dump(storage)).isEqualTo(TestData.expected(all));
  }

  @Test
  void v2RoundTripReportsWrittenCounts(Seed seed) {
    Random rnd = seed.random();
    List<TestData.Series> series = TestData.randomSeries(rnd, 1 + rnd.nextInt(80));
    RemoteWriteResult result =
        handler.handle(request(V2_TYPE, snappy(Encoders.v2(series))), new RemoteWriteScratch());
    assertThat(result.status()).as(result.body()).isEqualTo(204);
    assertThat(result.headers())
        .containsEntry(RemoteWriteResult.SAMPLES_WRITTEN_HEADER, Long.toString(total(series)))
        .containsEntry(RemoteWriteResult.HISTOGRAMS_WRITTEN_HEADER, "0")
        .containsEntry(RemoteWriteResult.EXEMPLARS_WRITTEN_HEADER, "0");
    assertThat(TestData.dump(storage)).isEqualTo(TestData.expected(series));
  }

  @Test
  void v2AcceptsSpaceBeforeProtoParameterAndQuotedValues() {
    TestData.Series s =
        new TestData.Series(new String[] {"__name__", "up"}, new long[] {1000}, new long[] {0});
    byte[] body = snappy(Encoders.v2(List.of(s)));
    for (String type :
        List.of(
            "application/x-protobuf; proto=io.prometheus.write.v2.Request",
            "Application/X-Protobuf;proto=\"io.prometheus.write.v2.Request\"")) {
      RemoteWriteResult r = handler.handle(request(type, body));
      assertThat(r.protocol()).isEqualTo(WriteProtocol.V2);
      assertThat(r.status()).as(r.body()).isEqualTo(204);
      assertThat(r.samplesWritten()).isEqualTo(1);
    }
  }

  @Test
  void unsupportedTypesAndEncodingsAre415() {
    byte[] body = snappy(Encoders.v1(List.of()));
    for (String type :
        List.of(
            "text/plain",
            "application/json",
            "application/x-protobuf;proto=io.prometheus.write.v3.Request",
            "application/x-protobuf;proto",
            "application/x-protobuf;a=b=c")) {
      RemoteWriteResult r = handler.handle(request(type, body));
      assertThat(r.status()).as(type).isEqualTo(415);
      assertThat(r.body()).startsWith("unsupported Content-Type").endsWith("\n");
      assertThat(r.headers()).isEmpty();
    }
    RemoteWriteResult gzip =
        handler.handle(
            new RemoteWriteRequest(null, "gzip", body.length, new ByteArrayInputStream(body)));
    assertThat(gzip.status()).isEqualTo(415);
    assertThat(gzip.body()).contains("Content-Encoding \"gzip\"");
    RemoteWriteResult none =
        handler.handle(
            new RemoteWriteRequest(
                "application/x-protobuf;proto=prometheus.WriteRequest",
                "",
                -1,
                new ByteArrayInputStream(body)));
    assertThat(none.status()).isEqualTo(204);
  }

  @Test
  void rejectedSamplesDoNotAbortTheBatch() {
    Labels a = Labels.of("__name__", "a");
    Appender app = storage.appender();
    app.append(0, a, 5000, 1.0);
    app.commit();
    TestData.Series old =
        new TestData.Series(
            new String[] {"__name__", "a"},
            new long[] {1000, 6000},
            new long[] {0, Double.doubleToRawLongBits(2.0)});
    TestData.Series fresh =
        new TestData.Series(new String[] {"__name__", "b"}, new long[] {1000}, new long[] {0});
    RemoteWriteResult r =
        handler.handle(request(V2_TYPE, snappy(Encoders.v2(List.of(old, fresh)))));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.rejectedByReason()[Rejection.OUT_OF_ORDER.ordinal()]).isEqualTo(1);
    assertThat(r.body())
        .contains("1 of 3 samples rejected (out_of_order: 1)")
        .contains("out of order sample for series {__name__=\"a\"} at timestamp 1000");
    assertThat(r.samplesWritten()).isEqualTo(2);
    assertThat(r.headers()).containsEntry(RemoteWriteResult.SAMPLES_WRITTEN_HEADER, "2");
    assertThat(TestData.dump(storage))
        .containsEntry(a, List.of("5000:3ff0000000000000", "6000:4000000000000000"))
        .containsEntry(Labels.of("__name__", "b"), List.of("1000:0"));
  }

  @Test
  void invalidLabelsRefuseTheSeriesOnly() {
    List<TypesProto.TimeSeries> bad =
        List.of(
            series("__name__", "x", "", "empty-name"),
            series("__name__", "x", "a", "1", "a", "2"),
            series("job", "no-metric-name"),
            series("__name__", "x", "bad", "@@"));
    for (TypesProto.TimeSeries ts : bad) {
      storage.clear();
      RemoteProto.WriteRequest req =
          RemoteProto.WriteRequest.newBuilder()
              .addTimeseries(ts)
              .addTimeseries(series("__name__", "good"))
              .build();
      RemoteWriteResult r = handler.handle(request(null, snappy(invalidUtf8(req.toByteArray()))));
      assertThat(r.status()).as(ts.toString()).isEqualTo(400);
      assertThat(r.invalidSeries()).isEqualTo(1);
      assertThat(r.rejectedByReason()[Rejection.INVALID_LABELS.ordinal()]).isEqualTo(1);
      assertThat(r.body()).contains("1 series refused");
      assertThat(TestData.dump(storage)).containsOnlyKeys(Labels.of("__name__", "good"));
    }
  }

  @Test
  void unsortedLabelsAndEmptyValuesAreNormalised() {
    RemoteProto.WriteRequest req =
        RemoteProto.WriteRequest.newBuilder()
            .addTimeseries(series("zone", "z1", "__name__", "m", "empty", "", "app", "a"))
            .build();
    RemoteWriteResult r = handler.handle(request(null, snappy(req.toByteArray())));
    assertThat(r.status()).as(r.body()).isEqualTo(204);
    assertThat(TestData.dump(storage))
        .containsOnlyKeys(Labels.of("__name__", "m", "app", "a", "zone", "z1"));
  }

  @Test
  void nativeHistogramsAreRefusedNamingTheSeriesAndExemplarsCounted() {
    TypesProto.TimeSeries withHistogram =
        series("__name__", "h").toBuilder()
            .addHistograms(TypesProto.Histogram.newBuilder().setCountInt(3).setTimestamp(5))
            .addExemplars(TypesProto.Exemplar.newBuilder().setValue(1).setTimestamp(1))
            .build();
    RemoteProto.WriteRequest req =
        RemoteProto.WriteRequest.newBuilder()
            .addTimeseries(withHistogram)
            .addTimeseries(series("__name__", "plain"))
            .build();
    RemoteWriteResult r = handler.handle(request(null, snappy(req.toByteArray())));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.histogramsReceived()).isEqualTo(1);
    assertThat(r.exemplarsReceived()).isEqualTo(1);
    assertThat(r.body())
        .contains("native histograms are not supported")
        .contains("{__name__=\"h\"}");
    assertThat(TestData.dump(storage)).hasSize(2);
  }

  @Test
  void v2SeriesWithoutSamplesOrWithBadRefsIsRefused() {
    Encoders.V2 v2 = new Encoders.V2();
    v2.req.addTimeseries(
        WriteV2Proto.TimeSeries.newBuilder()
            .addLabelsRefs(v2.ref("__name__"))
            .addLabelsRefs(v2.ref("e")));
    v2.req.addTimeseries(
        WriteV2Proto.TimeSeries.newBuilder()
            .addLabelsRefs(v2.ref("__name__"))
            .addLabelsRefs(999)
            .addSamples(WriteV2Proto.Sample.newBuilder().setTimestamp(1)));
    v2.add(new TestData.Series(new String[] {"__name__", "ok"}, new long[] {7}, new long[] {0}));
    RemoteWriteResult r = handler.handle(request(V2_TYPE, snappy(v2.bytes())));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.invalidSeries()).isEqualTo(2);
    assertThat(r.body()).contains("has no samples");
    assertThat(r.headers()).containsEntry(RemoteWriteResult.SAMPLES_WRITTEN_HEADER, "1");
  }

  @Test
  void v2StartTimestampsOfBothGenerationsAreAccepted() {
    Encoders.V2 v2 = new Encoders.V2();
    WriteV2Proto.TimeSeries.Builder ts =
        v2.series(
            new TestData.Series(
                new String[] {"__name__", "c_total"},
                new long[] {2000},
                new long[] {Double.doubleToRawLongBits(5)}));
    ts.setCreatedTimestamp(1000);
    ts.setSamples(0, ts.getSamples(0).toBuilder().setStartTimestamp(1000));
    v2.req.addTimeseries(ts);
    RemoteWriteResult r = handler.handle(request(V2_TYPE, snappy(v2.bytes())));
    assertThat(r.status()).as(r.body()).isEqualTo(204);
    assertThat(TestData.dump(storage))
        .containsExactly(
            Map.entry(Labels.of("__name__", "c_total"), List.of("2000:4014000000000000")));
  }

  @Test
  void metadataGoesToTheSink() {
    RemoteProto.WriteRequest v1 =
        RemoteProto.WriteRequest.newBuilder()
            .addMetadata(
                TypesProto.MetricMetadata.newBuilder()
                    .setMetricFamilyName("http_requests_total")
                    .setType(TypesProto.MetricMetadata.MetricType.COUNTER)
                    .setHelp("Requests.")
                    .setUnit("requests"))
            .build();
    assertThat(handler.handle(request(null, snappy(v1.toByteArray()))).status()).isEqualTo(204);
    Encoders.V2 v2 = new Encoders.V2();
    WriteV2Proto.TimeSeries.Builder ts =
        v2.series(
            new TestData.Series(new String[] {"__name__", "g"}, new long[] {1}, new long[] {0}));
    ts.setMetadata(
        WriteV2Proto.Metadata.newBuilder()
            .setType(WriteV2Proto.Metadata.MetricType.METRIC_TYPE_GAUGE)
            .setHelpRef(v2.ref("A gauge.")));
    v2.req.addTimeseries(ts);
    assertThat(handler.handle(request(V2_TYPE, snappy(v2.bytes()))).status()).isEqualTo(204);
    assertThat(metadata)
        .containsExactly("http_requests_total|COUNTER|Requests.|requests", "g|GAUGE|A gauge.|");
  }

  @Test
  void malformedBodiesAre400AndStoreNothing() {
    byte[] valid = Encoders.v1(TestData.randomSeries(new Random(1), 10));
    RemoteWriteResult notSnappy = handler.handle(request(null, valid));
    assertThat(notSnappy.status()).isEqualTo(400);
    assertThat(notSnappy.body()).startsWith("snappy");
    byte[] truncated = java.util.Arrays.copyOf(valid, valid.length - 3);
    RemoteWriteResult badProto = handler.handle(request(null, snappy(truncated)));
    assertThat(badProto.status()).isEqualTo(400);
    assertThat(badProto.body()).startsWith("cannot decode prometheus.WriteRequest: protobuf:");
    assertThat(storage.sampleCount()).isZero();
    RemoteWriteResult v2 = handler.handle(request(V2_TYPE, snappy(new byte[] {(byte) 0xff})));
    assertThat(v2.status()).isEqualTo(400);
    assertThat(v2.headers()).containsEntry(RemoteWriteResult.SAMPLES_WRITTEN_HEADER, "0");
  }

  @Test
  void absurdLengthsAreRefusedBeforeAllocation() {
    InputStream neverRead =
        new InputStream() {
          @Override
          public int read() {
            throw new AssertionError("body must not be read");
          }
        };
    RemoteWriteResult declared =
        handler.handle(new RemoteWriteRequest(null, null, Long.MAX_VALUE, neverRead));
    assertThat(declared.status()).isEqualTo(413);
    assertThat(declared.body()).contains("exceeds the limit of 33554432 bytes");
    RemoteWriteHandler small =
        RemoteWriteHandler.create(storage, new RemoteWriteLimits(1000, 1000), MetadataSink.NONE);
    RemoteWriteResult undeclared =
        handler.handle(
            new RemoteWriteRequest(null, null, -1, new ByteArrayInputStream(new byte[5000])),
            new RemoteWriteLimits(1000, 1000),
            new RemoteWriteScratch());
    assertThat(undeclared.status()).isEqualTo(413);
    // A 6-byte body whose snappy header claims 2 GiB - 1: refused before any allocation.
    byte[] liar = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07, 0};
    RemoteWriteResult implausible = handler.handle(request(null, liar));
    assertThat(implausible.status()).isEqualTo(400);
    assertThat(implausible.body()).contains("6 bytes cannot decode to the declared 2147483647");
    RemoteWriteResult decoded = small.handle(request(null, snappy(new byte[5000])));
    assertThat(decoded.status()).isEqualTo(400);
    assertThat(decoded.body())
        .isEqualTo("snappy-decoded body of 5000 bytes exceeds the limit of 1000 bytes\n");
  }

  @Test
  void storageFailureIs500AndRollsBack() {
    boolean[] rolledBack = {false};
    RemoteWriteHandler failing =
        RemoteWriteHandler.create(
            () ->
                new Appender() {
                  @Override
                  public long append(long ref, Labels labels, long t, double v) {
                    return 1;
                  }

                  @Override
                  public CommitResult commit() {
                    throw new StorageException("disk full");
                  }

                  @Override
                  public void rollback() {
                    rolledBack[0] = true;
                  }
                },
            RemoteWriteLimits.defaults(),
            MetadataSink.NONE);
    byte[] body = snappy(Encoders.v2(TestData.randomSeries(new Random(2), 3)));
    RemoteWriteResult r = failing.handle(request(V2_TYPE, body));
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.body()).isEqualTo("storage error: disk full\n");
    assertThat(r.headers()).containsEntry(RemoteWriteResult.SAMPLES_WRITTEN_HEADER, "0");
    assertThat(rolledBack[0]).isTrue();
  }

  @Test
  void aFullDiskIs507SoThatSendersRetryAndSaysSo() {
    RemoteWriteHandler failing =
        RemoteWriteHandler.create(
            () ->
                new Appender() {
                  @Override
                  public long append(long ref, Labels labels, long t, double v) {
                    return 1;
                  }

                  @Override
                  public CommitResult commit() {
                    throw new StorageException(
                        "cannot write the WAL in data/wal: No space left on device",
                        new java.io.IOException("No space left on device"));
                  }

                  @Override
                  public void rollback() {}
                },
            RemoteWriteLimits.defaults(),
            MetadataSink.NONE);
    byte[] body = snappy(Encoders.v1(TestData.randomSeries(new Random(3), 3)));
    RemoteWriteResult r = failing.handle(request(null, body));
    // Prometheus' queue manager retries every 5xx (and 429); 507 names the cause.
    assertThat(r.status()).isEqualTo(507);
    assertThat(r.status() / 100).isEqualTo(5);
    assertThat(r.body())
        .isEqualTo(
            "storage error: cannot write the WAL in data/wal: No space left on device; the disk"
                + " is full, nothing of this request was stored: retry later\n");
  }

  @Test
  void cachedLabelSetsStayExactAcrossRequests() {
    RemoteWriteScratch scratch = new RemoteWriteScratch();
    RemoteProto.WriteRequest first =
        RemoteProto.WriteRequest.newBuilder()
            .addTimeseries(series("__name__", "m", "ab", "c"))
            .addTimeseries(series("__name__", "m", "a", "bc"))
            .addTimeseries(series("__name__", "m", "a", "1", "a", "2"))
            .build();
    for (int round = 0; round < 3; round++) {
      storage.clear();
      RemoteWriteResult r = handler.handle(request(null, snappy(first.toByteArray())), scratch);
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.invalidSeries()).as("invalid series are never cached").isEqualTo(1);
      assertThat(TestData.dump(storage))
          .containsOnlyKeys(
              Labels.of("__name__", "m", "ab", "c"), Labels.of("__name__", "m", "a", "bc"));
    }
  }

  @Test
  void resultHeadersOnlyForV2() {
    assertThat(RemoteWriteResult.refused(400, "x", WriteProtocol.V1).headers()).isEqualTo(Map.of());
  }

  private static TypesProto.TimeSeries series(String... pairs) {
    TypesProto.TimeSeries.Builder ts = TypesProto.TimeSeries.newBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      ts.addLabels(TypesProto.Label.newBuilder().setName(pairs[i]).setValue(pairs[i + 1]));
    }
    return ts.addSamples(TypesProto.Sample.newBuilder().setTimestamp(1000).setValue(1)).build();
  }

  /** Replaces the value "@@" by the invalid UTF-8 bytes C3 28 (the generated code refuses them). */
  private static byte[] invalidUtf8(byte[] b) {
    for (int i = 0; i + 1 < b.length; i++) {
      if (b[i] == '@' && b[i + 1] == '@') {
        b[i] = (byte) 0xc3;
        b[i + 1] = 0x28;
      }
    }
    return b;
  }
}
