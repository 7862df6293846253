package org.newsgraph.testing;

import edu.stanford.nlp.ling.CoreAnnotation;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.Annotator;
import java.util.Properties;
import java.util.Set;

/**
 * A CoreNLP annotator for tests, plugged in with {@code newsgraph.annotate.customAnnotators}: it
 * throws on a document containing {@value #FAIL} and blocks (interruptibly) on one containing
 * {@value #HANG}; other documents pass through unchanged.
 */
public final class MarkerAnnotator implements Annotator {

  public static final String FAIL = "[[fail]]";
  public static final String HANG = "[[hang]]";

  public MarkerAnnotator(String name, Properties props) {
    // CoreNLP's custom annotator constructor; nothing to configure.
  }

  @Override
  public void annotate(Annotation annotation) {
    String text = annotation.get(CoreAnnotations.TextAnnotation.class);
    if (text.contains(FAIL)) {
      throw new IllegalStateException("MarkerAnnotator fails on " + FAIL + " by design");
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

  @Override
  public Set<Class<? extends CoreAnnotation>> requirementsSatisfied() {
    return Set.of();
  }

  @Override
  public Set<Class<? extends CoreAnnotation>> requires() {
    return Set.of();
  }
}
