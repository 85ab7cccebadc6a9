package io.hearth.remote.write;

import static io.hearth.remote.write.TestData.request;
import static io.hearth.remote.write.TestData.snappy;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.model.Labels;
import io.hearth.testkit.memory.MemoryStorage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The decoder parses the usual {@code Sample} encoding in place and everything else through the
 * general parser; both must store the same samples, whatever form each sample takes.
 */
class WriteV1SampleFormsTest {
  private static void varint(ByteArrayOutputStream out, long v) {
    while ((v & ~0x7fL) != 0) {
      out.write((int) ((v & 0x7f) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  private static void bytesField(ByteArrayOutputStream out, int field, byte[] b) {
    out.write(field << 3 | 2);
    varint(out, b.length);
    out.writeBytes(b);
  }

  private static byte[] valueField(double v) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(1 << 3 | 1);
    long bits = Double.doubleToRawLongBits(v);
    for (int i = 0; i < 8; i++) {
      out.write((int) (bits >>> (8 * i)));
    }
    return out.toByteArray();
  }

  private static byte[] timeField(long t) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(2 << 3);
    varint(out, t);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static byte[] label(String name, String value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    bytesField(out, 1, name.getBytes(StandardCharsets.UTF_8));
    bytesField(out, 2, value.getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  @Test
  void everySampleFormStoresTheSameSamples() {
    ByteArrayOutputStream series = new ByteArrayOutputStream();
    bytesField(series, 1, label("__name__", "forms"));
    // The usual form, small and large timestamps.
    bytesField(series, 2, concat(valueField(1.5), timeField(1)));
    bytesField(series, 2, concat(valueField(2.5), timeField(1_795_542_855_000L)));
    // Timestamp before value.
    bytesField(series, 2, concat(timeField(1_795_542_856_000L), valueField(3.5)));
    // Value omitted, as proto3 encoders do for 0.0.
    bytesField(series, 2, timeField(1_795_542_857_000L));
    // An unknown trailing field.
    bytesField(
        series, 2, concat(valueField(4.5), timeField(1_795_542_858_000L), new byte[] {0x18, 7}));
    // A non-minimal (padded) varint timestamp: still 1_795_542_859_000.
    byte[] minimal = timeField(1_795_542_859_000L);
    byte[] padded = concat(java.util.Arrays.copyOf(minimal, minimal.length), new byte[] {0});
    padded[padded.length - 2] |= (byte) 0x80;
    bytesField(series, 2, concat(valueField(5.5), padded));
    ByteArrayOutputStream req = new ByteArrayOutputStream();
    bytesField(req, 1, series.toByteArray());

    MemoryStorage storage = MemoryStorage.create();
    RemoteWriteHandler handler =
        RemoteWriteHandler.create(storage, RemoteWriteLimits.defaults(), MetadataSink.NONE);
    RemoteWriteResult r = handler.handle(request(null, snappy(req.toByteArray())));
    assertThat(r.status()).as(r.body()).isEqualTo(204);
    assertThat(TestData.dump(storage).get(Labels.of("__name__", "forms")))
        .containsExactly(
            "1:" + Long.toHexString(Double.doubleToRawLongBits(1.5)),
            "1795542855000:" + Long.toHexString(Double.doubleToRawLongBits(2.5)),
            "1795542856000:" + Long.toHexString(Double.doubleToRawLongBits(3.5)),
            "1795542857000:0",
            "1795542858000:" + Long.toHexString(Double.doubleToRawLongBits(4.5)),
            "1795542859000:" + Long.toHexString(Double.doubleToRawLongBits(5.5)));
  }

  @Test
  void negativeTimestampsUseTenByteVarints() {
    ByteArrayOutputStream series = new ByteArrayOutputStream();
    bytesField(series, 1, label("__name__", "negative"));
    bytesField(series, 2, concat(valueField(1.0), timeField(-5000)));
    bytesField(series, 2, concat(valueField(2.0), timeField(-1000)));
    ByteArrayOutputStream req = new ByteArrayOutputStream();
    bytesField(req, 1, series.toByteArray());
    MemoryStorage storage = MemoryStorage.create();
    RemoteWriteHandler handler =
        RemoteWriteHandler.create(storage, RemoteWriteLimits.defaults(), MetadataSink.NONE);
    RemoteWriteResult r = handler.handle(request(null, snappy(req.toByteArray())));
    assertThat(r.status()).as(r.body()).isEqualTo(204);
    assertThat(TestData.dump(storage).get(Labels.of("__name__", "negative")))
        .isEqualTo(List.of("-5000:3ff0000000000000", "-1000:4000000000000000"));
  }
}
