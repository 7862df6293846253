package org.newsgraph.nlp;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A small pool of interchangeable instances that are thread-safe but faster used by one thread at a
 * time (CoreNLP tagging pipelines): a thread borrows one, uses it and gives it back. Instances are
 * created only when every existing one is in use, so a JVM holds as many as it ever had concurrent
 * borrowers, at most {@code max}. Past that a borrower waits a moment for one to come back, then
 * shares one that is in use rather than wait longer: an instance held by a document that never ends
 * must not stop the others. The first instance is created with the pool.
 *
 * <p>Why a pool: two threads on one shared tagging pipeline reach about 1.73 times one thread, on
 * one pipeline each about 1.91 times (../shared/FACTS.md; 1.19 and 1.47 in one cold run here, 2.0
 * warm); a pipeline per thread (a ThreadLocal) would create one for every thread Spark ever starts.
 *
 * @param <T> the instance type
 */
final class InstancePool<T> {

  /** A borrowed instance; {@link #shared} when it was in use by another thread too. */
  record Lease<T>(T instance, boolean shared) {}

  private static final long WAIT_MILLIS = 200;

  private final Supplier<T> factory;
  private final int max;
  private final LinkedBlockingDeque<T> idle = new LinkedBlockingDeque<>();
  private final List<T> all = new CopyOnWriteArrayList<>();
  private final AtomicInteger created = new AtomicInteger();
  private final AtomicInteger nextShared = new AtomicInteger();

  InstancePool(Supplier<T> factory, int max) {
    if (max < 1) {
      throw new IllegalArgumentException("a pool needs room for at least 1 instance, got " + max);
    }
    this.factory = factory;
    this.max = max;
    created.incrementAndGet();
    T first = factory.get();
    all.add(first);
    idle.add(first);
  }

  /**
   * An idle instance; a new one when none is idle and there is room; the next one given back within
   * a moment; or else one in use, shared.
   */
  Lease<T> borrow() throws InterruptedException {
    T instance = idle.pollFirst();
    if (instance != null) {
      return new Lease<>(instance, false);
    }
    if (created.incrementAndGet() <= max) {
      try {
        T made = factory.get();
        all.add(made);
        return new Lease<>(made, false);
      } catch (RuntimeException | Error e) {
        created.decrementAndGet();
        throw e;
      }
    }
    created.decrementAndGet();
    instance = idle.pollFirst(WAIT_MILLIS, TimeUnit.MILLISECONDS);
    if (instance != null) {
      return new Lease<>(instance, false);
    }
    return new Lease<>(all.get(Math.floorMod(nextShared.getAndIncrement(), all.size())), true);
  }

  /**
   * Creates instances until the pool has {@code count} (at most its limit): for a JVM that knows
   * how many threads will borrow at once, so that none of them waits for a creation later.
   */
  void grow(int count) {
    while (created.get() < Math.min(count, max)) {
      if (created.incrementAndGet() > max) {
        created.decrementAndGet();
        return;
      }
      try {
        T made = factory.get();
        all.add(made);
        idle.addLast(made);
      } catch (RuntimeException | Error e) {
        created.decrementAndGet();
        throw e;
      }
    }
  }

  /** Gives back a lease of this pool; a shared instance stays with the thread that owns it. */
  void release(Lease<T> lease) {
    if (!lease.shared()) {
      idle.addFirst(lease.instance());
    }
  }

  /** How many instances the pool has created. */
  int created() {
    return created.get();
  }
}
