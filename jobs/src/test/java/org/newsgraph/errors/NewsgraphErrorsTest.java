package org.newsgraph.errors;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;
import org.newsgraph.nlp.AbandonedThreadsException;

/**
 * Failures that reach the command line as other exceptions (a Spark job that failed on an executor)
 * and still get newsgraph's message and exit code.
 */
class NewsgraphErrorsTest {

  @Test
  void outOfMemoryOrAHeapSparkRefusesIsExitCodeFiveNamingTheHeapSettings() {
    var direct = NewsgraphErrors.known(new OutOfMemoryError("Java heap space"));
    // A task's failure on an executor reaches the driver as text in a SparkException.
    var remote =
        NewsgraphErrors.known(
            new RuntimeException(
                "write failed",
                new SparkException(
                    "Job aborted due to stage failure: Task 1 in stage 3.0 failed 1 times, most"
                        + " recent failure: Lost task 1.0: java.lang.OutOfMemoryError: Java heap"
                        + " space")));
    var refused =
        NewsgraphErrors.known(
            new IllegalArgumentException(
                "[INVALID_DRIVER_MEMORY] System memory 405471232 must be at least 471859200."));
    for (var known : java.util.List.of(direct, remote, refused)) {
      assertThat(known).as("recognised").isPresent();
      assertThat(known.get().exitCode()).as("exit code").isEqualTo(5);
      assertThat(known.get().getMessage())
          .as("message")
          .contains("out of memory")
          .contains("NEWSGRAPH_DRIVER_MEMORY")
          .contains("spark.executor.memory");
    }
  }

  @Test
  void aFailureAfterAnotherThreadRanOutOfMemoryIsOutOfMemory() throws InterruptedException {
    UncaughtErrors.install();
    long mark = UncaughtErrors.mark();
    // What the command line sees when Spark's context cleaner ran out of memory and stopped Spark.
    var consequence =
        new IllegalStateException("Job 57 cancelled because SparkContext was shut down");
    assertThat(NewsgraphErrors.known(consequence, mark))
        .as("before any thread ran out of memory")
        .isEmpty();

    end(
        "another-failure",
        () -> {
          throw new IllegalStateException("not a memory problem (thrown by the test)");
        });
    assertThat(NewsgraphErrors.known(consequence, mark))
        .as("after a thread ended with another error")
        .isEmpty();

    end(
        "starved",
        () -> {
          throw new OutOfMemoryError("Java heap space (thrown by the test)");
        });
    var known = NewsgraphErrors.known(consequence, mark);
    assertThat(known).as("after a thread ran out of memory").isPresent();
    assertThat(known.get().exitCode()).as("exit code").isEqualTo(5);
    assertThat(known.get().getMessage()).as("message").contains("NEWSGRAPH_DRIVER_MEMORY");
    assertThat(NewsgraphErrors.known(consequence, UncaughtErrors.mark()))
        .as("for a run that started after the error")
        .isEmpty();
  }

  private static void end(String name, Runnable body) throws InterruptedException {
    Thread thread = new Thread(body, name);
    thread.start();
    // The default handler runs in the ending thread, before join returns.
    thread.join();
  }

  @Test
  void stuckAnnotationWorkersAreExitCodeThreeNamingTheLimit() {
    var known =
        NewsgraphErrors.known(
            new SparkException(
                "Job aborted",
                new AbandonedThreadsException(1, 1, java.util.List.of("\"Officials said\""))));
    assertThat(known).as("recognised").isPresent();
    assertThat(known.get().exitCode()).as("exit code").isEqualTo(3);
    assertThat(known.get().getMessage())
        .as("message")
        .contains("newsgraph.annotate.maxAbandonedThreads")
        .contains("annotation_timeout");
  }

  @Test
  void aFullDiskIsExitCodeThreeSayingTheTablesStayAtTheirLastCommit() {
    var known =
        NewsgraphErrors.known(
            new SparkException(
                "Job aborted",
                new java.io.IOException(
                    "write failed", new java.io.IOException("No space left on device"))));
    assertThat(known).as("recognised").isPresent();
    assertThat(known.get().exitCode()).as("exit code").isEqualTo(3);
    assertThat(known.get().getMessage()).as("message").contains("last commit").contains("--output");
  }

  @Test
  void otherFailuresAreLeftToTheCaller() {
    assertThat(NewsgraphErrors.known(new IllegalStateException("a bug", new Exception("cause"))))
        .as("an unexpected failure")
        .isEmpty();
  }
}
