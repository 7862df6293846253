package org.newsgraph.nlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The tagging-pipeline pool: one instance per concurrent borrower up to its limit, then a short
 * wait, then a shared instance rather than a wait without end.
 */
class InstancePoolTest {

  @Test
  void aLoneThreadKeepsReusingTheFirstInstance() throws InterruptedException {
    AtomicInteger made = new AtomicInteger();
    InstancePool<Integer> pool = new InstancePool<>(made::incrementAndGet, 4);
    for (int i = 0; i < 5; i++) {
      InstancePool.Lease<Integer> lease = pool.borrow();
      assertThat(lease.instance()).as("borrowed instance").isEqualTo(1);
      assertThat(lease.shared()).as("shared").isFalse();
      pool.release(lease);
    }
    assertThat(pool.created()).as("instances created").isEqualTo(1);
  }

  @Test
  void concurrentBorrowersGetInstancesOfTheirOwnUpToTheLimit() throws Exception {
    AtomicInteger made = new AtomicInteger();
    InstancePool<Integer> pool = new InstancePool<>(made::incrementAndGet, 2);
    InstancePool.Lease<Integer> first = pool.borrow();
    InstancePool.Lease<Integer> second = pool.borrow();
    assertThat(second.instance()).as("second borrower's instance").isNotEqualTo(first.instance());
    ExecutorService third = Executors.newSingleThreadExecutor();
    try {
      Future<InstancePool.Lease<Integer>> waiting = third.submit(pool::borrow);
      pool.release(first);
      InstancePool.Lease<Integer> handed = waiting.get(5, TimeUnit.SECONDS);
      assertThat(handed.instance()).as("instance given back").isEqualTo(first.instance());
      assertThat(handed.shared()).as("shared").isFalse();
      assertThat(pool.created()).as("instances created").isEqualTo(2);
    } finally {
      third.shutdownNow();
    }
  }

  @Test
  void pastTheLimitAndTheWaitABorrowerSharesAnInstanceInUse() throws InterruptedException {
    InstancePool<Integer> pool = new InstancePool<>(new AtomicInteger()::incrementAndGet, 2);
    InstancePool.Lease<Integer> stuck = pool.borrow();
    InstancePool.Lease<Integer> other = pool.borrow();
    InstancePool.Lease<Integer> shared = pool.borrow();
    assertThat(shared.shared()).as("third lease shared").isTrue();
    assertThat(shared.instance()).as("shared instance").isIn(stuck.instance(), other.instance());
    pool.release(shared);
    pool.release(other);
    InstancePool.Lease<Integer> next = pool.borrow();
    assertThat(next.instance())
        .as("a released shared lease does not put its instance in the pool twice")
        .isEqualTo(other.instance());
    assertThat(pool.borrow().shared())
        .as("the next borrower, with the other instance busy")
        .isTrue();
  }

  @Test
  void aFailedCreationLeavesRoomForTheNextOne() throws InterruptedException {
    AtomicInteger calls = new AtomicInteger();
    InstancePool<Integer> pool =
        new InstancePool<>(
            () -> {
              if (calls.incrementAndGet() == 2) {
                throw new IllegalStateException("model file unreadable");
              }
              return calls.get();
            },
            2);
    pool.borrow();
    assertThatThrownBy(pool::borrow).as("second creation").hasMessage("model file unreadable");
    assertThat(pool.borrow().instance()).as("a later creation").isEqualTo(3);
    assertThat(pool.created()).as("instances created").isEqualTo(2);
  }

  @Test
  void growCreatesTheMissingInstancesUpToTheLimit() throws InterruptedException {
    AtomicInteger made = new AtomicInteger();
    InstancePool<Integer> pool = new InstancePool<>(made::incrementAndGet, 3);
    pool.grow(2);
    assertThat(pool.created()).as("instances after growing to 2").isEqualTo(2);
    pool.grow(8);
    assertThat(pool.created()).as("instances after growing past the limit").isEqualTo(3);
    Set<Integer> instances =
        Set.of(pool.borrow().instance(), pool.borrow().instance(), pool.borrow().instance());
    assertThat(instances).as("three borrowers, three instances").hasSize(3);
    assertThat(made.get()).as("instances made").isEqualTo(3);
  }
}
