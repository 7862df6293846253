package org.newsgraph.nlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The fixed pool of annotation workers, with work that ends, throws, sleeps (interruptibly) or
 * spins without ever checking interruption: a spinning document is given up and its worker counted
 * as abandoned until it ends, and at the limit the pool refuses new work.
 */
class AnnotationWorkersTest {

  /** Spins, ignoring interruption, until {@code release} is set; then returns "spun". */
  private static String spin(AtomicBoolean release, CountDownLatch started) {
    started.countDown();
    long sink = 0;
    while (!release.get()) {
      sink += System.nanoTime() % 7;
    }
    return "spun" + (sink < 0 ? "!" : "");
  }

  private static void awaitAbandoned(AnnotationWorkers workers, int expected)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (workers.abandoned() != expected && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  @Test
  void workThatEndsGivesItsResultAndWorkThatThrowsItsException() throws Exception {
    AnnotationWorkers workers = new AnnotationWorkers(2);
    assertThat(workers.run(() -> "done", "doc", 5, 1))
        .as("outcome of work that ends")
        .isEqualTo(new AnnotationWorkers.Outcome<>("done", false));
    assertThatThrownBy(
            () ->
                workers.run(
                    () -> {
                      throw new IllegalStateException("broken");
                    },
                    "doc",
                    5,
                    1))
        .as("work that throws")
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void anInterruptibleDocumentIsGivenUpAndItsWorkerIsNotAbandoned() throws Exception {
    AnnotationWorkers workers = new AnnotationWorkers(2);
    AnnotationWorkers.Outcome<String> outcome =
        workers.run(
            () -> {
              Thread.sleep(60_000);
              return "slept";
            },
            "sleeper",
            1,
            1);
    assertThat(outcome.timedOut()).as("timed out").isTrue();
    awaitAbandoned(workers, 0);
    assertThat(workers.abandoned()).as("abandoned workers once it stopped").isZero();
    assertThat(workers.run(() -> "next", "doc", 5, 1).result())
        .as("the next document")
        .isEqualTo("next");
  }

  @Test
  void aSpinningDocumentIsAbandonedAndAtTheLimitNewWorkIsRefusedUntilItEnds() throws Exception {
    AnnotationWorkers workers = new AnnotationWorkers(2);
    AtomicBoolean release = new AtomicBoolean();
    try {
      CountDownLatch started = new CountDownLatch(1);
      long before = System.nanoTime();
      AnnotationWorkers.Outcome<String> outcome =
          workers.run(() -> spin(release, started), "\"Spinning text\"", 1, 1);
      assertThat(outcome.timedOut()).as("the spinning document timed out").isTrue();
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before))
          .as("milliseconds until it was given up (budget 1 s)")
          .isBetween(900L, 5_000L);
      assertThat(workers.abandoned()).as("abandoned workers").isEqualTo(1);

      assertThatThrownBy(() -> workers.run(() -> "next", "doc", 5, 1))
          .as("new work at the limit of one abandoned worker")
          .isInstanceOf(AbandonedThreadsException.class)
          .hasMessageContaining("newsgraph.annotate.maxAbandonedThreads = 1")
          .hasMessageContaining("\"Spinning text\"");
      assertThat(workers.run(() -> "below a higher limit", "doc", 5, 2).result())
          .as("the same pool under a limit of two")
          .isEqualTo("below a higher limit");

      release.set(true);
      awaitAbandoned(workers, 0);
      assertThat(workers.abandoned()).as("abandoned workers after the spin ended").isZero();
      assertThat(workers.run(() -> "next", "doc", 5, 1).result())
          .as("work after the abandoned worker ended")
          .isEqualTo("next");
    } finally {
      release.set(true);
    }
  }

  @Test
  void waitingForAFreeWorkerIsNotChargedToTheDocument() throws Exception {
    // One processor and one abandoned worker allowed: two workers, both busy for 1.5 s; a third
    // document waits for one of them longer than its own 1 s budget, and still gets its result.
    AnnotationWorkers workers = new AnnotationWorkers(1);
    ExecutorService callers = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch firstStarted = new CountDownLatch(1);
      Future<AnnotationWorkers.Outcome<String>> first =
          callers.submit(
              () ->
                  workers.run(
                      () -> {
                        firstStarted.countDown();
                        Thread.sleep(1_500);
                        return "first";
                      },
                      "first",
                      3,
                      1));
      firstStarted.await();
      Future<AnnotationWorkers.Outcome<String>> blocker =
          callers.submit(
              () ->
                  workers.run(
                      () -> {
                        Thread.sleep(1_500);
                        return "blocker";
                      },
                      "blocker",
                      3,
                      1));
      Thread.sleep(100);
      AnnotationWorkers.Outcome<String> third = workers.run(() -> "third", "third", 1, 1);
      assertThat(third)
          .as("a document that waited about 1.4 s for a worker, with a 1 s budget")
          .isEqualTo(new AnnotationWorkers.Outcome<>("third", false));
      assertThat(first.get().result()).as("first").isEqualTo("first");
      assertThat(blocker.get().result()).as("blocker").isEqualTo("blocker");
    } finally {
      callers.shutdownNow();
    }
  }
}
