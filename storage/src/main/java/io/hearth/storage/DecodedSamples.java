package io.hearth.storage;

/**
 * Optionally implemented by a {@link SampleIterator} whose samples are float samples already
 * decoded into arrays, so a reader may copy them in bulk instead of calling the iterator once per
 * sample. The arrays belong to the iterator's producer; they are valid, and must not be modified,
 * until the iterator is reset, reused or its series set advances. Reading the arrays does not move
 * the iterator.
 */
public interface DecodedSamples {
  /** The number of samples, all of kind {@link io.hearth.model.ValueKind#FLOAT}. */
  int sampleCount();

  /** Sample times in milliseconds, strictly increasing in {@code [0, sampleCount())}. */
  long[] sampleTimes();

  /** Sample values in {@code [0, sampleCount())}, bit for bit as stored. */
  double[] sampleValues();
}
