package io.hearth.tsdb;

import io.hearth.tsdb.block.Block;
import io.hearth.tsdb.head.Head;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops the resident pages of a database's mapped files (head chunks files, blocks) once no reader
 * has used them for a grace period. Readers do not drop pages as they leave because the next query
 * of a dashboard would fault the same pages back in; an idle database still keeps none of its files
 * in the process' resident set after {@link #IDLE_NANOS}. One daemon thread serves every database
 * of the process.
 */
final class PageSweeper {
  private static final Logger LOG = LoggerFactory.getLogger(PageSweeper.class);

  /** How long mapped pages stay resident after the last reader left. */
  static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(10);

  /** How often databases are swept. */
  private static final long PERIOD_MS = 2_000;

  private static final ScheduledExecutorService SWEEPER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "hearth-page-sweeper");
            t.setDaemon(true);
            return t;
          });

  private PageSweeper() {}

  /**
   * Starts sweeping {@code head} and the blocks {@code blocks} lists at each sweep; cancel the
   * returned future before closing them.
   */
  static ScheduledFuture<?> start(Head head, Supplier<? extends Iterable<Block>> blocks) {
    return SWEEPER.scheduleWithFixedDelay(
        () -> sweep(head, blocks), PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
  }

  private static void sweep(Head head, Supplier<? extends Iterable<Block>> blocks) {
    // A periodic task that throws is never run again: log and go on.
    try {
      long now = System.nanoTime();
      head.dropPagesIfIdle(now, IDLE_NANOS);
      for (Block b : blocks.get()) {
        b.dropPagesIfIdle(now, IDLE_NANOS);
      }
    } catch (RuntimeException e) {
      LOG.warn("cannot drop idle mapped pages: {}", e.toString());
    }
  }
}
