package io.hearth.tsdb.head;

/**
 * The arrays of one {@link HeadAppender} batch, pooled by the head so that steady ingestion does
 * not allocate them per batch (measured: 49 B/sample before pooling, see HeadAppendBenchmark).
 */
final class AppendScratch {
  /** Arrays longer than this are not returned to the pool. */
  static final int MAX_POOLED = 1 << 16;

  MemSeries[] series = new MemSeries[256];
  long[] ts = new long[256];
  double[] vs = new double[256];
  long[] refs = new long[256];

  /** Per-commit counters for MemSeries.appendRun. */
  final long[] runCounts = new long[7];
}
