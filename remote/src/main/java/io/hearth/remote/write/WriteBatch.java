package io.hearth.remote.write;

import io.hearth.model.GoQuote;
import io.hearth.model.Labels;
import io.hearth.model.LabelsValidation;
import io.hearth.model.NameValidationScheme;
import io.hearth.model.Utf8Order;
import io.hearth.storage.Appender;
import io.hearth.storage.Rejection;
import java.util.Arrays;

/**
 * The state of one request being written: the appender, label-set assembly from decoded pairs, and
 * the counters and first examples that the response reports. Not thread-safe.
 */
final class WriteBatch {
  private final Appender appender;
  private final Object owner;
  private final RemoteWriteScratch scratch;
  final long[] rejected = new long[Rejection.values().length];
  long samplesReceived;
  long samplesAccepted;
  long histogramsReceived;
  long exemplarsReceived;
  long invalidSeries;
  long invalidMetadata;
  String firstInvalidSeries;
  String firstRejectedSample;
  String firstHistogramSeries;
  String firstInvalidMetadata;

  /**
   * @param owner the storage that made {@code appender}; series refs cached for one storage are
   *     only passed back to it
   */
  WriteBatch(Appender appender, Object owner, RemoteWriteScratch scratch) {
    this.appender = appender;
    this.owner = owner;
    this.scratch = scratch;
  }

  /**
   * The storage's series ref cached with the label set of the scratch's last labels-cache lookup,
   * or 0: passing it to the first sample of a series skips the storage's lookup by labels.
   */
  long cachedRef() {
    return scratch.labelsCache.ref(owner);
  }

  /** Caches the series ref the storage returned for the last looked-up label set. */
  void cacheRef(long ref) {
    scratch.labelsCache.storeRef(owner, ref);
  }

  /**
   * Builds the label set of {@code scratch.pairs[0, n)} or returns null after recording why it is
   * invalid. Pairs with empty values are dropped (an empty value means "absent"); unsorted input is
   * sorted, as Prometheus' receiver does.
   *
   * @param utf8Ok false when some name or value bytes were not valid UTF-8
   */
  Labels labels(int n, boolean utf8Ok) {
    String[] pairs = scratch.pairs;
    String problem;
    if (!utf8Ok) {
      problem = "invalid UTF-8 in a label name or value of series " + render(pairs, n);
    } else {
      problem = LabelsValidation.validatePairs(pairs, n, NameValidationScheme.UTF8);
    }
    if (problem != null) {
      invalidSeries++;
      if (firstInvalidSeries == null) {
        firstInvalidSeries = problem;
      }
      return null;
    }
    boolean simple = true;
    for (int i = 0; i < n && simple; i += 2) {
      simple = !pairs[i + 1].isEmpty() && (i == 0 || Utf8Order.compare(pairs[i - 2], pairs[i]) < 0);
    }
    if (simple) {
      return Labels.ofSortedPairs(Arrays.copyOf(pairs, n));
    }
    scratch.builder.reset();
    for (int i = 0; i < n; i += 2) {
      scratch.builder.set(pairs[i], pairs[i + 1]);
    }
    return scratch.builder.build();
  }

  /** Records a series refused for a reason other than its label validation. */
  void invalidSeries(String message) {
    invalidSeries++;
    if (firstInvalidSeries == null) {
      firstInvalidSeries = message;
    }
  }

  /** Records bad metadata (RW 2.0 symbol reference out of range); the samples are still stored. */
  void invalidMetadata(String message) {
    invalidMetadata++;
    if (firstInvalidMetadata == null) {
      firstInvalidMetadata = message;
    }
  }

  /** Counts a sample of a refused series. */
  void sampleOfInvalidSeries() {
    samplesReceived++;
    rejected[Rejection.INVALID_LABELS.ordinal()]++;
  }

  /**
   * Appends one sample.
   *
   * @return the series reference to pass with the next sample of the same series
   */
  long append(long ref, Labels labels, long t, double v) {
    samplesReceived++;
    long r = appender.append(ref, labels, t, v);
    if (r < 0) {
      Rejection why = Rejection.of(r);
      rejected[why.ordinal()]++;
      if (firstRejectedSample == null) {
        firstRejectedSample = why.message() + " for series " + labels + " at timestamp " + t;
      }
      return ref;
    }
    samplesAccepted++;
    return r;
  }

  /** Counts a native histogram sample, which is not stored. */
  void histogram(Labels labels, int n) {
    histogramsReceived += n;
    if (firstHistogramSeries == null && labels != null) {
      firstHistogramSeries = labels.toString();
    }
  }

  static String render(String[] pairs, int n) {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < n; i += 2) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(GoQuote.quote(pairs[i])).append('=').append(GoQuote.quote(pairs[i + 1]));
    }
    return sb.append('}').toString();
  }
}
