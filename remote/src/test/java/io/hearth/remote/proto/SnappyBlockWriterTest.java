package io.hearth.remote.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.testkit.Seed;
import io.hearth.testkit.SeededExtension;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SeededExtension.class)
class SnappyBlockWriterTest {
  /** Protobuf-like input: repeated label strings and slowly changing numbers, some noise. */
  private static byte[] input(Random rnd, int n) {
    byte[] b = new byte[n];
    byte[] label = "__name__node_cpu_seconds_total".getBytes();
    int i = 0;
    while (i < n) {
      int kind = rnd.nextInt(4);
      if (kind == 0) {
        int len = Math.min(n - i, label.length);
        System.arraycopy(label, 0, b, i, len);
        i += len;
      } else if (kind == 1 && i > 16) {
        int len = Math.min(n - i, 1 + rnd.nextInt(100));
        int from = Math.max(0, i - 1 - rnd.nextInt(Math.min(i, 70_000)));
        for (int k = 0; k < len; k++) {
          b[i + k] = b[from + k];
        }
        i += len;
      } else {
        b[i++] = (byte) rnd.nextInt();
      }
    }
    return b;
  }

  @Test
  void pieceByPieceWritesDecodeWithTheReference(Seed seed) throws Exception {
    Random rnd = seed.random();
    for (int round = 0; round < 30; round++) {
      byte[] in = input(rnd, round == 0 ? 0 : rnd.nextInt(round < 10 ? 100 : 400_000));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      SnappyBlockWriter w = new SnappyBlockWriter(out, in.length);
      int p = 0;
      while (p < in.length) {
        int n =
            Math.min(in.length - p, rnd.nextInt(3) == 0 ? rnd.nextInt(10) : rnd.nextInt(90_000));
        w.write(in, p, n);
        p += n;
      }
      w.finish();
      byte[] block = out.toByteArray();
      assertThat(w.compressedBytes()).isEqualTo(block.length);
      assertThat(org.xerial.snappy.Snappy.uncompress(block)).isEqualTo(in);
      byte[] ours = new byte[in.length];
      assertThat(Snappy.uncompress(block, 0, block.length, ours, 0)).isEqualTo(in.length);
      assertThat(ours).isEqualTo(in);
      // The same bytes as compressing the whole input at once.
      assertThat(block).isEqualTo(Snappy.compress(in, 0, in.length));
    }
  }

  @Test
  void refusesToWriteMoreOrLessThanDeclared() throws Exception {
    SnappyBlockWriter w = new SnappyBlockWriter(new ByteArrayOutputStream(), 10);
    w.write(new byte[6], 0, 6);
    assertThatThrownBy(() -> w.write(new byte[5], 0, 5)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(w::finish).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void decodesShortLiteralsAndCopiesNearTheEndOfTheOutput(Seed seed) throws Exception {
    // The 8-byte fast paths must not write past the declared output: decode into the middle of a
    // larger array and check that the bytes around it are untouched.
    Random rnd = seed.random();
    for (int round = 0; round < 300; round++) {
      byte[] in = input(rnd, 1 + rnd.nextInt(2_000));
      byte[] block = org.xerial.snappy.Snappy.compress(in);
      byte[] dst = new byte[in.length + 64];
      java.util.Arrays.fill(dst, (byte) 0x5a);
      Snappy.uncompress(block, 0, block.length, dst, 32);
      assertThat(java.util.Arrays.copyOfRange(dst, 32, 32 + in.length)).isEqualTo(in);
      for (int i = 0; i < 32; i++) {
        assertThat(dst[i]).isEqualTo((byte) 0x5a);
        assertThat(dst[32 + in.length + i]).isEqualTo((byte) 0x5a);
      }
    }
  }
}
