package io.hearth.server.api;

import io.hearth.api.v1.TsdbAdmin;
import io.hearth.model.LabelMatcher;
import io.hearth.tsdb.Tsdb;

/**
 * Serves {@code /api/v1/admin/tsdb/*} from an instance's database: deletions and tombstone cleaning
 * as Prometheus', snapshots in {@code <instance dir>/snapshots/<name>}. Thread-safe.
 */
public final class TsdbAdministration implements TsdbAdmin {
  private final Tsdb tsdb;

  /** Administers {@code tsdb}, which the caller keeps owning. */
  public TsdbAdministration(Tsdb tsdb) {
    this.tsdb = tsdb;
  }

  @Override
  public void deleteSeries(long minT, long maxT, LabelMatcher[] matchers) {
    tsdb.delete(minT, maxT, matchers);
  }

  @Override
  public void cleanTombstones() {
    tsdb.cleanTombstones();
  }

  @Override
  public String snapshot(boolean skipHead) {
    return tsdb.snapshot(!skipHead);
  }
}
