package io.hearth.api.v1;

import io.hearth.promql.engine.PromqlStats;

/**
 * Query statistics as rendered under {@code data.stats} (Prometheus' built-in stats). Timings are
 * in seconds.
 *
 * @param evalTotalTime total evaluation time
 * @param resultSortTime time spent sorting the result
 * @param queryPreparationTime time spent preparing the query
 * @param innerEvalTime inner evaluation time
 * @param execQueueTime time waiting for an execution slot
 * @param execTotalTime total execution time
 * @param totalQueryableSamples samples processed by the query
 * @param samplesRead samples read from storage
 * @param peakSamples the largest number of samples held at once
 * @param stepTimes evaluation times (ms) of the per-step counts, or null when not collected
 * @param stepSamples samples processed per step, parallel to {@code stepTimes}, or null
 */
public record QueryStats(
    double evalTotalTime,
    double resultSortTime,
    double queryPreparationTime,
    double innerEvalTime,
    double execQueueTime,
    double execTotalTime,
    long totalQueryableSamples,
    long samplesRead,
    long peakSamples,
    long[] stepTimes,
    long[] stepSamples) {

  /**
   * The statistics the PromQL engine collected for one query; there is no execution queue, so the
   * execution time is the evaluation time.
   */
  public static QueryStats from(PromqlStats s) {
    return new QueryStats(
        s.evalTotalTime(),
        s.resultSortTime(),
        s.queryPreparationTime(),
        s.innerEvalTime(),
        0,
        s.evalTotalTime(),
        s.totalQueryableSamples(),
        s.samplesRead(),
        s.peakSamples(),
        s.stepTimes(),
        s.stepSamples());
  }

  /** Statistics with only sample counts and the total execution time. */
  public static QueryStats of(
      double execTotalTime, long totalQueryableSamples, long samplesRead, long peakSamples) {
    return new QueryStats(
        execTotalTime,
        0,
        0,
        execTotalTime,
        0,
        execTotalTime,
        totalQueryableSamples,
        samplesRead,
        peakSamples,
        null,
        null);
  }
}
