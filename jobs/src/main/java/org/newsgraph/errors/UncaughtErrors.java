package org.newsgraph.errors;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Remembers the {@link OutOfMemoryError}s that end a thread of this JVM, so that a run which fails
 * because another thread ran out of memory still reports memory as its cause.
 *
 * <p>The heap can run out in any thread: a task, the model preload, or one of Spark's own (its
 * context cleaner stops the SparkContext when it gets the error). The command line then sees only
 * the consequence, such as "Job cancelled because SparkContext was shut down". {@link #install}
 * adds a JVM-wide default handler that records such an error and then behaves as before (the
 * previous handler, or the stack trace on stderr). A caller takes a {@link #mark} before its work
 * and asks {@link #outOfMemorySince} afterwards, so errors of earlier runs in the same JVM do not
 * count.
 */
public final class UncaughtErrors {

  private static final AtomicBoolean INSTALLED = new AtomicBoolean();
  private static final AtomicLong COUNT = new AtomicLong();
  private static final AtomicReference<Throwable> LAST = new AtomicReference<>();

  private UncaughtErrors() {}

  /** Installs the recording handler once per JVM, keeping any handler installed before it. */
  public static void install() {
    if (!INSTALLED.compareAndSet(false, true)) {
      return;
    }
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, error) -> {
          record(error);
          if (previous != null) {
            previous.uncaughtException(thread, error);
          } else {
            // What the JVM prints for an uncaught exception when no handler is set.
            System.err.print("Exception in thread \"" + thread.getName() + "\" ");
            error.printStackTrace(System.err);
          }
        });
  }

  /** Records the error if it is, or was caused by, an {@link OutOfMemoryError}. */
  static void record(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof OutOfMemoryError) {
        LAST.set(t);
        COUNT.incrementAndGet();
        return;
      }
    }
  }

  /** A position to compare against: the number of errors recorded so far. */
  public static long mark() {
    return COUNT.get();
  }

  /** The last out-of-memory error a thread ended with after {@code mark}, if any. */
  public static Optional<Throwable> outOfMemorySince(long mark) {
    return COUNT.get() > mark ? Optional.ofNullable(LAST.get()) : Optional.empty();
  }
}
