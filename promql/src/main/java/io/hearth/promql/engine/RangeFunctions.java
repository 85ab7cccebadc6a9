package io.hearth.promql.engine;

import java.util.Arrays;

/**
 * The functions over a window of samples, {@code t[lo..hi)} and {@code v[lo..hi)}, with Prometheus'
 * exact arithmetic (extrapolation, compensated sums, regression). Every function is called once per
 * step with the window of that step; none allocates except the sorting ones.
 */
final class RangeFunctions {
  private RangeFunctions() {}

  /**
   * Prometheus' {@code extrapolatedRate} for floats: the increase over the window, extrapolated to
   * the window's edges unless the series seems to start or end inside it.
   *
   * @param rangeStart the window's excluded left edge in milliseconds
   * @param rangeEnd the window's included right edge in milliseconds
   * @return the extrapolated increase ({@code isRate}: per second); callers must ensure the window
   *     holds at least two samples
   */
  static double extrapolatedRate(
      long[] t,
      double[] v,
      int lo,
      int hi,
      long rangeStart,
      long rangeEnd,
      boolean isCounter,
      boolean isRate) {
    return extrapolatedRate(t, v, lo, hi, rangeStart, rangeEnd, isCounter, isRate, isCounter);
  }

  /**
   * {@link #extrapolatedRate} where the caller may know that the window holds no counter reset
   * ({@code mayReset} false), which skips the scan for them.
   */
  static double extrapolatedRate(
      long[] t,
      double[] v,
      int lo,
      int hi,
      long rangeStart,
      long rangeEnd,
      boolean isCounter,
      boolean isRate,
      boolean mayReset) {
    int last = hi - 1;
    double result = v[last] - v[lo];
    if (isCounter && mayReset) {
      double prev = v[lo];
      for (int i = lo + 1; i < hi; i++) {
        if (v[i] < prev) {
          result += prev;
        }
        prev = v[i];
      }
    }
    double durationToStart = (t[lo] - rangeStart) / 1000.0;
    double durationToEnd = (rangeEnd - t[last]) / 1000.0;
    double sampledInterval = (t[last] - t[lo]) / 1000.0;
    double averageDurationBetweenSamples = sampledInterval / (hi - lo - 1);
    double extrapolationThreshold = averageDurationBetweenSamples * 1.1;
    if (durationToStart >= extrapolationThreshold) {
      durationToStart = averageDurationBetweenSamples / 2;
    }
    if (isCounter) {
      double durationToZero = durationToStart;
      if (result > 0 && v[lo] >= 0) {
        durationToZero = sampledInterval * (v[lo] / result);
      }
      if (durationToZero < durationToStart) {
        durationToStart = durationToZero;
      }
    }
    if (durationToEnd >= extrapolationThreshold) {
      durationToEnd = averageDurationBetweenSamples / 2;
    }
    double extrapolateToInterval = sampledInterval + durationToStart + durationToEnd;
    double factor = extrapolateToInterval / sampledInterval;
    if (isRate) {
      factor /= (rangeEnd - rangeStart) / 1000.0;
    }
    return result * factor;
  }

  /** {@code irate} ({@code isRate}) or {@code idelta} from the last two samples; needs two. */
  static double instantValue(long[] t, double[] v, int hi, boolean isRate) {
    double last = v[hi - 1];
    double prev = v[hi - 2];
    double result;
    if (isRate && last < prev) {
      result = last;
    } else {
      result = last - prev;
    }
    if (isRate) {
      double interval = (t[hi - 1] - t[hi - 2]) / 1000.0;
      if (interval == 0) {
        return Double.NaN;
      }
      result /= interval;
    }
    return result;
  }

  /**
   * Least-squares regression over the window with x in seconds relative to {@code interceptTime};
   * stores slope in {@code out[0]} and intercept in {@code out[1]}.
   */
  static void linearRegression(
      long[] t, double[] v, int lo, int hi, long interceptTime, double[] out) {
    double n = 0;
    double sumX = 0;
    double sumY = 0;
    double sumXY = 0;
    double sumX2 = 0;
    double[] cX = {0};
    double[] cY = {0};
    double[] cXY = {0};
    double[] cX2 = {0};
    double initY = v[lo];
    boolean constY = true;
    for (int i = lo; i < hi; i++) {
      if (constY && i > lo && v[i] != initY) {
        constY = false;
      }
      n += 1;
      double x = (t[i] - interceptTime) / 1e3;
      sumX = FloatMath.kahanInc(x, sumX, cX);
      sumY = FloatMath.kahanInc(v[i], sumY, cY);
      sumXY = FloatMath.kahanInc(x * v[i], sumXY, cXY);
      sumX2 = FloatMath.kahanInc(x * x, sumX2, cX2);
    }
    if (constY) {
      if (Double.isInfinite(initY)) {
        out[0] = Double.NaN;
        out[1] = Double.NaN;
      } else {
        out[0] = 0;
        out[1] = initY;
      }
      return;
    }
    sumX += cX[0];
    sumY += cY[0];
    sumXY += cXY[0];
    sumX2 += cX2[0];
    double covXY = sumXY - sumX * sumY / n;
    double varX = sumX2 - sumX * sumX / n;
    double slope = covXY / varX;
    out[0] = slope;
    out[1] = sumY / n - slope * sumX / n;
  }

  static double sum(double[] v, int lo, int hi) {
    double[] c = {0};
    double s = 0;
    for (int i = lo; i < hi; i++) {
      s = FloatMath.kahanInc(v[i], s, c);
    }
    return s + c[0];
  }

  /** Prometheus' {@code avg_over_time}: a compensated sum, incremental once the sum overflows. */
  static double avg(double[] v, int lo, int hi) {
    double sum = v[lo];
    double count = 1;
    double mean = 0;
    double[] c = {0};
    boolean incremental = false;
    for (int i = lo + 1; i < hi; i++) {
      count = i - lo + 1;
      if (!incremental) {
        double[] c2 = {c[0]};
        double newSum = FloatMath.kahanInc(v[i], sum, c2);
        if (!Double.isInfinite(newSum)) {
          sum = newSum;
          c[0] = c2[0];
          continue;
        }
        incremental = true;
        mean = sum / (count - 1);
        c[0] /= (count - 1);
      }
      double q = (count - 1) / count;
      double[] cc = {q * c[0]};
      mean = FloatMath.kahanInc(v[i] / count, q * mean, cc);
      c[0] = cc[0];
    }
    if (incremental) {
      return mean + c[0];
    }
    return sum / count + c[0] / count;
  }

  static double min(double[] v, int lo, int hi) {
    double m = v[lo];
    for (int i = lo + 1; i < hi; i++) {
      if (v[i] < m || Double.isNaN(m)) {
        m = v[i];
      }
    }
    return m;
  }

  static double max(double[] v, int lo, int hi) {
    double m = v[lo];
    for (int i = lo + 1; i < hi; i++) {
      if (v[i] > m || Double.isNaN(m)) {
        m = v[i];
      }
    }
    return m;
  }

  /** The population variance with Welford's method and compensated sums, as Prometheus does. */
  static double variance(double[] v, int lo, int hi) {
    double count = 0;
    double mean = 0;
    double aux = 0;
    double[] cMean = {0};
    double[] cAux = {0};
    for (int i = lo; i < hi; i++) {
      count++;
      double delta = v[i] - (mean + cMean[0]);
      mean = FloatMath.kahanInc(delta / count, mean, cMean);
      aux = FloatMath.kahanInc(delta * (v[i] - (mean + cMean[0])), aux, cAux);
    }
    return (aux + cAux[0]) / count;
  }

  static double changes(double[] v, int lo, int hi) {
    int changes = 0;
    double prev = v[lo];
    for (int i = lo + 1; i < hi; i++) {
      double cur = v[i];
      if (cur != prev && !(Double.isNaN(cur) && Double.isNaN(prev))) {
        changes++;
      }
      prev = cur;
    }
    return changes;
  }

  static double resets(double[] v, int lo, int hi) {
    int resets = 0;
    double prev = v[lo];
    for (int i = lo + 1; i < hi; i++) {
      double cur = v[i];
      if (cur < prev) {
        resets++;
      }
      prev = cur;
    }
    return resets;
  }

  /**
   * Prometheus' {@code quantile}: linear interpolation between the closest ranks; sorts {@code
   * scratch[0..n)} in place, NaN first.
   */
  static double quantile(double q, double[] scratch, int n) {
    if (n == 0 || Double.isNaN(q)) {
      return Double.NaN;
    }
    if (q < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (q > 1) {
      return Double.POSITIVE_INFINITY;
    }
    sortNaNFirst(scratch, n);
    double rank = q * (n - 1);
    double lowerIndex = Math.max(0, Math.floor(rank));
    double upperIndex = Math.min(n - 1, lowerIndex + 1);
    double weight = rank - Math.floor(rank);
    return scratch[(int) lowerIndex] * (1 - weight) + scratch[(int) upperIndex] * weight;
  }

  /** Sorts ascending with NaNs first, as Go's sort with Prometheus' NaN-first comparator does. */
  static void sortNaNFirst(double[] a, int n) {
    Arrays.sort(a, 0, n);
    int nans = 0;
    for (int i = n - 1; i >= 0 && Double.isNaN(a[i]); i--) {
      nans++;
    }
    if (nans > 0) {
      System.arraycopy(a, 0, a, nans, n - nans);
      Arrays.fill(a, 0, nans, Double.NaN);
    }
  }

  /** The median absolute deviation from the median. */
  static double mad(double[] v, int lo, int hi, double[] scratch) {
    int n = hi - lo;
    for (int i = lo; i < hi; i++) {
      if (Double.isNaN(v[i])) {
        return Double.NaN;
      }
    }
    System.arraycopy(v, lo, scratch, 0, n);
    double median = quantile(0.5, scratch, n);
    for (int i = 0; i < n; i++) {
      scratch[i] = Math.abs(v[lo + i] - median);
    }
    return quantile(0.5, scratch, n);
  }

  /** Holt's double exponential smoothing; needs two samples and factors in (0, 1). */
  static double doubleExponentialSmoothing(double[] v, int lo, int hi, double sf, double tf) {
    double s0 = 0;
    double s1 = v[lo];
    double b = v[lo + 1] - v[lo];
    for (int i = lo + 1; i < hi; i++) {
      double x = sf * v[i];
      if (i - lo - 1 != 0) {
        b = tf * (s1 - s0) + (1 - tf) * b;
      }
      double y = (1 - sf) * (s1 + b);
      s0 = s1;
      s1 = x + y;
    }
    return s1;
  }
}
