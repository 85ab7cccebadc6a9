package io.hearth.promql.engine;

import io.hearth.model.Labels;
import java.util.List;

/**
 * The outcome of a successful query: a value plus the annotations Prometheus would report.
 *
 * @param value the result value
 * @param warnings complete warning strings, e.g. {@code PromQL warning: ... (1:5)}
 * @param infos complete info strings, e.g. {@code PromQL info: ... (1:6)}
 * @param stats what the query cost, or null when not collected
 */
public record PromqlResult(
    Value value, List<String> warnings, List<String> infos, PromqlStats stats) {
  /** Copies the lists. */
  public PromqlResult {
    warnings = List.copyOf(warnings);
    infos = List.copyOf(infos);
  }

  /** A result without statistics. */
  public PromqlResult(Value value, List<String> warnings, List<String> infos) {
    this(value, warnings, infos, null);
  }

  /** A result value of one of PromQL's four types. */
  public sealed interface Value permits Scalar, StringValue, InstantVector, Matrix {}

  /**
   * A scalar.
   *
   * @param t the evaluation time in milliseconds
   * @param v the value
   */
  public record Scalar(long t, double v) implements Value {}

  /**
   * A string.
   *
   * @param t the evaluation time in milliseconds
   * @param v the value
   */
  public record StringValue(long t, String v) implements Value {}

  /**
   * One float sample of an instant vector.
   *
   * @param labels the series
   * @param t the evaluation time in milliseconds
   * @param v the value
   */
  public record Sample(Labels labels, long t, double v) {}

  /** An instant vector; order is meaningful only after sort functions and topk/bottomk. */
  public record InstantVector(List<Sample> samples) implements Value {
    /** Copies the list. */
    public InstantVector {
      samples = List.copyOf(samples);
    }
  }

  /**
   * One series of a matrix. The arrays are owned by this record; callers must not modify them.
   *
   * @param labels the series
   * @param t point times in milliseconds, increasing
   * @param v point values, parallel to {@code t}
   */
  public record SeriesPoints(Labels labels, long[] t, double[] v) {}

  /** A range vector (instant query of a range selector) or the result of a range query. */
  public record Matrix(List<SeriesPoints> series) implements Value {
    /** Copies the list. */
    public Matrix {
      series = List.copyOf(series);
    }
  }
}
