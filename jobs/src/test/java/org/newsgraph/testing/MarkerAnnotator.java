package org.newsgraph.testing;

import edu.stanford.nlp.ling.CoreAnnotation;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.Annotator;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A CoreNLP annotator for tests, plugged in with {@code newsgraph.annotate.customAnnotators}: it
 * throws on a document containing {@value #FAIL}, blocks (interruptibly) on one containing {@value
 * #HANG}, and on the first document of the JVM containing {@value #SPIN_ONCE} spins without ever
 * checking interruption until {@link #releaseSpin()} (or ten minutes); other documents, and later
 * ones with that marker, pass through unchanged.
 */
public final class MarkerAnnotator implements Annotator {

  public static final String FAIL = "[[fail]]";
  public static final String HANG = "[[hang]]";
  public static final String SPIN_ONCE = "[[spin-once]]";

  private static final AtomicBoolean SPUN = new AtomicBoolean();
  private static final AtomicBoolean RELEASED = new AtomicBoolean();

  /** Ends the spin, now or before it starts. */
  public static void releaseSpin() {
    RELEASED.set(true);
  }

  /** Whether a document has spun in this JVM. */
  public static boolean spun() {
    return SPUN.get();
  }

  public MarkerAnnotator(String name, Properties props) {
    // CoreNLP's custom annotator constructor; nothing to configure.
  }

  @Override
  public void annotate(Annotation annotation) {
    String text = annotation.get(CoreAnnotations.TextAnnotation.class);
    if (text.contains(FAIL)) {
      throw new IllegalStateException("MarkerAnnotator fails on " + FAIL + " by design");
    }
    if (text.contains(SPIN_ONCE) && SPUN.compareAndSet(false, true)) {
      spin();
    }
    if (text.contains(HANG)) {
      try {
        Thread.sleep(600_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while hanging on " + HANG, e);
      }
    }
  }

  // Busy work that never looks at the thread's interrupt flag, as a runaway loop in a model would.
  private static void spin() {
    long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    long sink = 0;
    while (!RELEASED.get() && System.nanoTime() < end) {
      sink += System.nanoTime() % 7;
    }
    if (sink < 0) {
      throw new IllegalStateException("unreachable: a sum of remainders is never negative");
    }
  }

  @Override
  public Set<Class<? extends CoreAnnotation>> requirementsSatisfied() {
    return Set.of();
  }

  @Override
  public Set<Class<? extends CoreAnnotation>> requires() {
    return Set.of();
  }
}
