package io.hearth.tsdb.util;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A batch of read work that the querying thread may share with one helper thread: the querying
 * thread {@link #offer}s it to a pool while it still works on the previous batch, then {@link
 * #finish}es it, doing what the helper has not reached. Subclasses split the work so both threads
 * can run {@link #work} at once (e.g. by claiming items from an atomic counter).
 *
 * <p>Only the querying thread calls {@link #offer}, {@link #finish} and {@link #abandon}; the
 * helper's failure (a malformed chunk) is rethrown by {@link #finish} on the querying thread.
 */
public abstract class HelpedBatch {
  /** 0 before the helper starts, 1 while it works, 2 when done, 3 if it was not needed. */
  private final AtomicInteger state = new AtomicInteger();

  /** Whether a helper task was handed the batch; only the querying thread reads it. */
  private boolean helped;

  private RuntimeException failure;

  /**
   * Does the batch's work, or what is left of it, alongside the other thread.
   *
   * @param onHelper whether this runs on the helper thread (so it uses the helper's scratch)
   */
  protected abstract void work(boolean onHelper);

  /**
   * Hands the batch to a helper of {@code pool}; when every helper is busy the querying thread does
   * it all in {@link #finish}.
   */
  public final void offer(Executor pool) {
    try {
      pool.execute(this::help);
      helped = true;
    } catch (RejectedExecutionException e) {
      helped = false;
    }
  }

  /** Completes the batch on the querying thread, waiting for the helper if it started. */
  public final void finish() {
    try {
      work(false);
    } finally {
      if (helped) {
        helped = false;
        awaitHelper(true);
      }
    }
  }

  /**
   * Waits for a helper still working on the batch without rethrowing its failure: for a reader that
   * closes early, since the helper reads memory that closing may release. Idempotent.
   */
  public final void abandon() {
    if (helped) {
      helped = false;
      awaitHelper(false);
    }
  }

  private void help() {
    if (!state.compareAndSet(0, 1)) {
      return;
    }
    try {
      work(true);
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      synchronized (this) {
        state.set(2);
        notifyAll();
      }
    }
  }

  private void awaitHelper(boolean rethrow) {
    if (state.compareAndSet(0, 3)) {
      return; // the helper had not started: it will find nothing to do
    }
    boolean interrupted = false;
    synchronized (this) {
      while (state.get() != 2) {
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (rethrow && failure != null) {
      throw failure;
    }
  }

  /**
   * A pool of helper threads: one fewer than the cores (at most 3), since the querying thread works
   * too; a synchronous hand-off with no queue, so a batch nobody can take at once is done by its
   * caller rather than waiting. Threads are daemons and time out when idle.
   *
   * @param threadPrefix the helper threads' name prefix
   */
  public static ThreadPoolExecutor newPool(String threadPrefix) {
    int helpers = Math.max(1, Math.min(3, Runtime.getRuntime().availableProcessors() - 1));
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            helpers,
            helpers,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, threadPrefix + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
