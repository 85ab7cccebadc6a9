package io.hearth.api.v1;

import io.hearth.model.LabelMatcher;

/**
 * The database administration behind {@code /api/v1/admin/tsdb/*}, as Prometheus serves it with
 * {@code --web.enable-admin-api}. Implementations are thread-safe; failures are reported as
 * unchecked exceptions (the API answers them with an {@code internal} error, as Prometheus).
 */
public interface TsdbAdmin {
  /**
   * Deletes the samples in {@code [minT, maxT]} (inclusive, ms since the epoch) of the series
   * matching every matcher; they disappear from queries when this returns.
   */
  void deleteSeries(long minT, long maxT, LabelMatcher[] matchers);

  /** Rewrites stored data without the deleted samples, freeing their space. */
  void cleanTombstones();

  /**
   * Takes a snapshot of the database.
   *
   * @param skipHead whether to leave out the data not yet in blocks
   * @return the snapshot's name ({@code YYYYMMDDTHHMMSSZ-<16 hex digits>})
   */
  String snapshot(boolean skipHead);
}
