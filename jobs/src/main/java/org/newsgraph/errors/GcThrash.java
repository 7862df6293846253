package org.newsgraph.errors;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Tells when this JVM thrashes: garbage collections back to back, each leaving the heap nearly
 * full, so that the program makes almost no progress. A heap a little too small for the work does
 * not end in an {@link OutOfMemoryError} at once: measured with a 600 MB heap and the parser
 * models, a run spent 70 s in full collections that each freed less than 1% of the heap before the
 * error came (and minutes with the parallel collector), and a JVM in that state answers no
 * heartbeat. The command line watches for it (setting {@code newsgraph.gcThrashSeconds}) and ends
 * the run as out of memory, as the JVM's own GC overhead limit would if every collector had one.
 *
 * <p>Thrashing, over at least the last {@code window} of wall time: collections took at least
 * {@link #GC_SHARE} of it, and the old generation (the heap pool with the largest maximum) was at
 * least {@link #FULL_AFTER} in use after its last collection. The decision ({@link Window}) is
 * plain arithmetic on samples; {@link #watch} takes one every {@link #SAMPLE_MILLIS} from the JVM's
 * collector and memory pool beans in a daemon thread. It polls rather than listening to collection
 * notifications because a JVM that thrashes with its heap 99.8% full did not deliver them (the
 * notification thread allocates for each).
 */
public final class GcThrash implements AutoCloseable {

  /** Share of the window's wall time spent collecting: the program ran for less than a tenth. */
  static final double GC_SHARE = 0.9;

  /** Share of the old generation's maximum still in use after its last collection. */
  static final double FULL_AFTER = 0.95;

  /** How often the watch looks. */
  static final long SAMPLE_MILLIS = 500;

  private final Thread thread;

  private GcThrash(Thread thread) {
    this.thread = thread;
  }

  /**
   * What the samples of a window say: {@code gcMillis} of the last {@code windowMillis} were spent
   * collecting, and {@code oldFullAfter} of the old generation was in use after its last
   * collection.
   */
  public record Verdict(long windowMillis, long gcMillis, double oldFullAfter) {}

  /**
   * The samples of at least the last {@code windowMillis} and the verdict on them, in a ring of
   * primitives: a sample allocates nothing, since the heap may have no room left.
   */
  static final class Window {
    private final long windowMillis;
    private final long[] at;
    private final long[] collected;
    private int first;
    private int size;

    /** A window for samples taken at least {@code sampleMillis} apart. */
    Window(long windowMillis, long sampleMillis) {
      this.windowMillis = windowMillis;
      int capacity = (int) (windowMillis / sampleMillis) + 3;
      at = new long[capacity];
      collected = new long[capacity];
    }

    /**
     * Adds a sample taken at {@code atMillis}: {@code gcMillis} spent collecting since the JVM
     * started, {@code oldFullAfter} the share of the old generation in use after its last
     * collection. Returns the verdict when the JVM thrashes, else null.
     */
    Verdict add(long atMillis, long gcMillis, double oldFullAfter) {
      if (size == at.length) {
        // Samples came closer than promised: the second oldest goes, so that the oldest still
        // anchors a span of a whole window (judged over a little more time, never less).
        int second = (first + 1) % at.length;
        at[second] = at[first];
        collected[second] = collected[first];
        drop();
      }
      int last = (first + size) % at.length;
      at[last] = atMillis;
      collected[last] = gcMillis;
      size++;
      // The newest sample at least one window old starts the span judged; older ones go.
      while (size > 1 && atMillis - at[(first + 1) % at.length] >= windowMillis) {
        drop();
      }
      long span = atMillis - at[first];
      long collecting = gcMillis - collected[first];
      boolean thrashing =
          span >= windowMillis && collecting >= GC_SHARE * span && oldFullAfter >= FULL_AFTER;
      // Collection times accrue per collection, not per sample: a span can hold a little more.
      return thrashing ? new Verdict(span, Math.min(collecting, span), oldFullAfter) : null;
    }

    private void drop() {
      first = (first + 1) % at.length;
      size--;
    }
  }

  /**
   * Watches this JVM's collections until {@link #close}; calls {@code onThrash} once, from the
   * watch's thread, when at least the last {@code seconds} of wall time were thrashing. The heap is
   * then full: {@code onThrash} must expect an {@link OutOfMemoryError} of its own.
   */
  public static GcThrash watch(int seconds, Consumer<Verdict> onThrash) {
    List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    // The old generation: the heap pool with the largest maximum (the tenured pool of the serial
    // and parallel collectors, G1's old pool, whose maximum is the heap's). Young pools are empty
    // or full after collections that go well, so they are no measure.
    MemoryPoolMXBean old =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null)
            .max(Comparator.comparingLong(p -> p.getUsage().getMax()))
            .orElseThrow(() -> new IllegalStateException("bug: a JVM without a heap pool"));
    Window window = new Window(seconds * 1000L, SAMPLE_MILLIS);
    Thread thread =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                try {
                  Thread.sleep(SAMPLE_MILLIS);
                  Verdict verdict = sample(window, collectors, old);
                  if (verdict != null) {
                    onThrash.accept(verdict);
                    return;
                  }
                } catch (InterruptedException e) {
                  // close(): the watch ends.
                  return;
                } catch (OutOfMemoryError e) {
                  // Even a sample found no room (measured: a run with a 600 MB heap lost its watch
                  // thread this way). Recorded as any thread's would be; the next sample judges.
                  UncaughtErrors.record(e);
                }
              }
            },
            "newsgraph-gc-watch");
    thread.setDaemon(true);
    thread.start();
    return new GcThrash(thread);
  }

  private static Verdict sample(
      Window window, List<GarbageCollectorMXBean> collectors, MemoryPoolMXBean old) {
    long collecting = 0;
    for (GarbageCollectorMXBean c : collectors) {
      collecting += Math.max(0, c.getCollectionTime());
    }
    MemoryUsage after = old.getCollectionUsage();
    long max = after.getMax() > 0 ? after.getMax() : Runtime.getRuntime().maxMemory();
    return window.add(System.nanoTime() / 1_000_000, collecting, (double) after.getUsed() / max);
  }

  @Override
  public void close() {
    thread.interrupt();
  }
}
