package org.newsgraph.nlp;

import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fixed pool of worker threads that run one document each under a time budget, for {@link
 * DocumentAnnotator}. A document past its budget is given up: its worker is interrupted, and a
 * worker that does not stop (code that ignores interruption, such as a spinning loop) is
 * <em>abandoned</em>: it is counted until it ends by itself. While the abandoned workers of the JVM
 * number {@code maxAbandoned} or more (after a short wait for them to end), {@link #run} refuses
 * new documents with {@link AbandonedThreadsException}, which fails the Spark task: the executor
 * has lost that much CPU to documents it cannot stop, and Spark retries the task (on a cluster, on
 * another executor once this one is excluded). The pool holds one worker per processor plus the
 * abandoned ones allowed, so abandoned workers never starve the others; a document waiting for a
 * free worker is not charged for the wait.
 */
public final class AnnotationWorkers {

  /** How long {@link #run} waits for abandoned workers to end before it refuses a document. */
  static final long GRACE_MILLIS = 2_000;

  private static final AnnotationWorkers SHARED =
      new AnnotationWorkers(Runtime.getRuntime().availableProcessors());

  private static final int QUEUED = 0;
  private static final int RUNNING = 1;
  private static final int DONE = 2;
  private static final int GIVEN_UP = 3;

  /** A document's result, or null with {@code timedOut} when it was given up. */
  public record Outcome<T>(T result, boolean timedOut) {}

  private final int processors;
  private final ThreadPoolExecutor pool;
  private final AtomicInteger abandoned = new AtomicInteger();
  // What each abandoned worker runs, for the failure message: the worker's label, by state.
  private final Map<AtomicInteger, String> abandonedWork = new ConcurrentHashMap<>();
  private final AtomicLong workerNumber = new AtomicLong();

  /**
   * @param processors the workers kept for documents that end; the pool grows by the abandoned ones
   *     a caller allows
   */
  AnnotationWorkers(int processors) {
    this.processors = Math.max(1, processors);
    // Daemon threads: an abandoned worker never keeps the JVM alive.
    this.pool =
        new ThreadPoolExecutor(
            this.processors,
            this.processors,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "newsgraph-annotate-" + workerNumber.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
  }

  /** The workers of this JVM. */
  static AnnotationWorkers shared() {
    return SHARED;
  }

  /** Workers of this pool still running a document they were given up on. */
  public int abandoned() {
    return abandoned.get();
  }

  /**
   * Runs {@code work} on a worker and waits for it at most {@code budgetSeconds} of its running
   * time.
   *
   * @param label what the work is, named by {@link AbandonedThreadsException} while abandoned
   * @param maxAbandoned at least 1
   * @throws AbandonedThreadsException when {@code maxAbandoned} workers or more are abandoned
   * @throws ExecutionException when {@code work} throws
   * @throws InterruptedException when the calling thread is interrupted; the work is stopped
   */
  public <T> Outcome<T> run(Callable<T> work, String label, int budgetSeconds, int maxAbandoned)
      throws ExecutionException, InterruptedException {
    if (maxAbandoned < 1) {
      throw new IllegalArgumentException("maxAbandoned must be at least 1, got " + maxAbandoned);
    }
    awaitBelow(maxAbandoned);
    growTo(processors + maxAbandoned);
    AtomicInteger state = new AtomicInteger(QUEUED);
    AtomicLong startedAt = new AtomicLong();
    Future<T> future =
        pool.submit(
            () -> {
              startedAt.set(System.nanoTime());
              if (!state.compareAndSet(QUEUED, RUNNING)) {
                return null;
              }
              try {
                return work.call();
              } finally {
                if (!state.compareAndSet(RUNNING, DONE)) {
                  // Given up while it ran: it was counted as abandoned, and now it has ended.
                  abandonedWork.remove(state);
                  abandoned.decrementAndGet();
                }
              }
            });
    long budget = TimeUnit.SECONDS.toNanos(budgetSeconds);
    try {
      while (true) {
        int now = state.get();
        if (now == DONE) {
          return new Outcome<>(future.get(), false);
        }
        // Waiting for a free worker is not the document's time.
        long wait = now == QUEUED ? budget : startedAt.get() + budget - System.nanoTime();
        if (wait > 0) {
          try {
            return new Outcome<>(future.get(wait, TimeUnit.NANOSECONDS), false);
          } catch (TimeoutException e) {
            // Past the budget, or still queued: decided on the next round.
            continue;
          }
        }
        if (state.compareAndSet(RUNNING, GIVEN_UP)) {
          abandon(state, label);
          future.cancel(true);
          return new Outcome<>(null, true);
        }
        // It ended just now: the next round takes its result.
      }
    } catch (InterruptedException e) {
      // The Spark task itself is being killed: stop the document too.
      if (!state.compareAndSet(QUEUED, GIVEN_UP) && state.compareAndSet(RUNNING, GIVEN_UP)) {
        abandon(state, label);
      }
      future.cancel(true);
      throw e;
    }
  }

  // Counted before the worker can end and remove it, so the count never goes below zero.
  private void abandon(AtomicInteger state, String label) {
    abandonedWork.put(state, label);
    abandoned.incrementAndGet();
  }

  private void awaitBelow(int maxAbandoned) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
    while (abandoned.get() >= maxAbandoned) {
      if (System.nanoTime() > deadline) {
        throw new AbandonedThreadsException(
            abandoned.get(), maxAbandoned, new ArrayList<>(abandonedWork.values()));
      }
      Thread.sleep(20);
    }
  }

  private synchronized void growTo(int threads) {
    if (pool.getMaximumPoolSize() < threads) {
      pool.setMaximumPoolSize(threads);
      pool.setCorePoolSize(threads);
    }
  }
}
