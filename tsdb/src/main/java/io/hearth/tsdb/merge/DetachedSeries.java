package io.hearth.tsdb.merge;

import io.hearth.storage.Series;

/**
 * A series that stays valid after its set advances, until its querier closes, and whose {@link
 * #iterator} may be called and used on another thread (one iterator per thread). The merging
 * querier decodes such series on a helper thread; others it copies on the querying thread before
 * advancing their set. Implementations must be immutable.
 */
public interface DetachedSeries extends Series {}
