package io.hearth.tsdb.compact;

import io.hearth.encoding.XorChunkWriter;
import io.hearth.model.LabelMatcher;
import io.hearth.model.Labels;
import io.hearth.model.MatchType;
import io.hearth.model.ValueKind;
import io.hearth.storage.ChunkIterator;
import io.hearth.storage.ChunkSeries;
import io.hearth.storage.ChunkSeriesSet;
import io.hearth.storage.Querier;
import io.hearth.storage.SampleIterator;
import io.hearth.storage.SeriesSet;
import io.hearth.tsdb.TsdbObserver;
import io.hearth.tsdb.block.Block;
import io.hearth.tsdb.block.BlockMeta;
import io.hearth.tsdb.block.BlockWriter;
import io.hearth.tsdb.io.FileSeam;
import io.hearth.tsdb.merge.MergeQuerier;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Random block contents, a sample-level model of them, and dumps for comparing. */
final class BlockData {
  static final long H = 3_600_000L;
  static final LabelMatcher ALL = LabelMatcher.of(MatchType.REGEX, "__name__", ".*");

  /** Series to (timestamp to raw value bits). */
  static final class Model {
    final TreeMap<Labels, TreeMap<Long, Long>> series = new TreeMap<>();

    void put(Labels l, long t, long bits) {
      series.computeIfAbsent(l, k -> new TreeMap<>()).put(t, bits);
    }

    void putAll(Model other) {
      for (var e : other.series.entrySet()) {
        for (var s : e.getValue().entrySet()) {
          put(e.getKey(), s.getKey(), s.getValue());
        }
      }
    }

    long samples() {
      return series.values().stream().mapToLong(Map::size).sum();
    }

    /** Every sample as "labels@t=bits", in series then time order. */
    List<String> dump() {
      List<String> out = new ArrayList<>();
      for (var e : series.entrySet()) {
        for (var s : e.getValue().entrySet()) {
          out.add(e.getKey() + "@" + s.getKey() + "=" + s.getValue());
        }
      }
      return out;
    }
  }

  private BlockData() {}

  /**
   * Random samples for {@code seriesCount} series (a random subset of a fixed pool of 60) at
   * irregular steps in {@code [minT, maxT)}, with stale markers and gaps.
   */
  static Model random(Random r, int seriesCount, long minT, long maxT, long step) {
    Model m = new Model();
    for (int s = 0; s < seriesCount; s++) {
      int id = r.nextInt(60);
      Labels l = Labels.of("__name__", "m" + (id % 4), "i", "" + id, "job", "j" + (id % 3));
      long t = minT + r.nextInt((int) Math.min(step * 3, maxT - minT));
      double v = r.nextInt(100);
      while (t < maxT) {
        double x = r.nextInt(20) == 0 ? Double.longBitsToDouble(0x7ff0000000000002L) : v;
        m.put(l, t, Double.doubleToRawLongBits(x));
        v += r.nextInt(3) == 0 ? r.nextGaussian() * 1e3 : 1;
        t += step + (r.nextInt(4) == 0 ? r.nextInt((int) step * 10) : r.nextInt(1000));
      }
    }
    return m;
  }

  /** Writes the model as one level-1 block covering {@code [minT, maxT)}. */
  static BlockMeta write(FileSeam seam, Path dir, Model m, long minT, long maxT)
      throws IOException {
    return BlockWriter.create(seam, dir).write(asSet(m), minT, maxT);
  }

  /** The model as a sorted chunk series set, cutting a chunk every 120 samples. */
  static ChunkSeriesSet asSet(Model m) {
    Iterator<Map.Entry<Labels, TreeMap<Long, Long>>> it = m.series.entrySet().iterator();
    return new ChunkSeriesSet() {
      ChunkSeries cur;

      @Override
      public boolean next() {
        if (!it.hasNext()) {
          return false;
        }
        var e = it.next();
        List<byte[]> chunks = new ArrayList<>();
        List<long[]> ranges = new ArrayList<>();
        XorChunkWriter w = XorChunkWriter.create();
        for (var s : e.getValue().entrySet()) {
          w.appendBits(s.getKey(), s.getValue());
          if (w.numSamples() == 120) {
            chunks.add(w.toByteArray());
            ranges.add(new long[] {w.minT(), w.maxT()});
            w.reset();
          }
        }
        if (w.numSamples() > 0) {
          chunks.add(w.toByteArray());
          ranges.add(new long[] {w.minT(), w.maxT()});
        }
        Labels l = e.getKey();
        cur =
            new ChunkSeries() {
              @Override
              public Labels labels() {
                return l;
              }

              @Override
              public ChunkIterator iterator(ChunkIterator reuse) {
                return new ChunkIterator() {
                  int i = -1;

                  @Override
                  public boolean next() {
                    return ++i < chunks.size();
                  }

                  @Override
                  public long minT() {
                    return ranges.get(i)[0];
                  }

                  @Override
                  public long maxT() {
                    return ranges.get(i)[1];
                  }

                  @Override
                  public int encoding() {
                    return 1;
                  }

                  @Override
                  public MemorySegment bytes() {
                    return MemorySegment.ofArray(chunks.get(i));
                  }
                };
              }
            };
        return true;
      }

      @Override
      public ChunkSeries at() {
        return cur;
      }
    };
  }

  /**
   * Every sample of the blocks as "labels@t=bits" read through a merged querier (blocks ordered by
   * minT then ULID, so the later block wins on equal timestamps), in series then time order.
   */
  static List<String> dump(List<Block> blocks) {
    List<Block> sorted = new ArrayList<>(blocks);
    sorted.sort(
        Comparator.comparingLong((Block b) -> b.meta().minT())
            .thenComparing((Block b) -> b.meta().ulid()));
    List<Querier> qs = new ArrayList<>();
    for (Block b : sorted) {
      qs.add(b.querier(Long.MIN_VALUE, Long.MAX_VALUE));
    }
    return dumpQueriers(qs);
  }

  /** As {@link #dump}, over queriers (taken over and closed), merged in the given order. */
  static List<String> dumpQueriers(List<Querier> qs) {
    List<String> out = new ArrayList<>();
    try (Querier q = new MergeQuerier(qs.toArray(new Querier[0]))) {
      SeriesSet set = q.select(true, null, ALL);
      SampleIterator it = null;
      while (set.next()) {
        it = set.at().iterator(it);
        while (it.next() == ValueKind.FLOAT) {
          out.add(set.at().labels() + "@" + it.t() + "=" + Double.doubleToRawLongBits(it.v()));
        }
      }
    }
    return out;
  }

  /** A compactor over {@code blocks} with no head (block compaction only). */
  static Compactor compactor(FileSeam seam, Path dir, List<Block> blocks, Duration retention) {
    return new Compactor(seam, dir, null, null, blocks, retention, 0, new TsdbObserver() {});
  }
}
