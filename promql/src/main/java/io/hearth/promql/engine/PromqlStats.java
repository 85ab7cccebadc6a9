package io.hearth.promql.engine;

/**
 * What one query cost, as Prometheus' {@code stats} report it. Timings are in seconds. A value; the
 * arrays are owned by this record and must not be modified.
 *
 * @param queryPreparationTime parsing and checking the query
 * @param innerEvalTime evaluating the expression
 * @param resultSortTime converting and sorting the result
 * @param evalTotalTime the whole evaluation, the three above together
 * @param totalQueryableSamples samples the query processed, Prometheus' count: an instant selector
 *     counts one per step where it found a sample, a range function counts the samples of each
 *     step's window (a sample counts once per window it is in)
 * @param samplesRead samples read from storage, each once per selector evaluation
 * @param peakSamples the largest number of samples the query held at once
 * @param stepTimes the query's evaluation times in milliseconds (one for an instant query)
 * @param stepSamples {@code totalQueryableSamples} per evaluation time, parallel to {@code
 *     stepTimes}
 */
public record PromqlStats(
    double queryPreparationTime,
    double innerEvalTime,
    double resultSortTime,
    double evalTotalTime,
    long totalQueryableSamples,
    long samplesRead,
    long peakSamples,
    long[] stepTimes,
    long[] stepSamples) {}
