package org.newsgraph.nlp;

import java.io.Serializable;
import java.util.List;

/**
 * Everything one CoreNLP pass over a document yields for newsgraph.
 *
 * @param sentences every sentence, in order
 * @param mentions entity mentions, in document order, pronouns removed
 * @param failure null on success; otherwise {@value #TIMEOUT} or {@value #ERROR_PREFIX} followed by
 *     the exception class, and both lists are empty
 * @param error null on success; otherwise what went wrong, for people
 */
public record DocumentAnnotation(
    List<SentenceAnnotation> sentences, List<EntityMention> mentions, String failure, String error)
    implements Serializable {

  /** The failure of a document that took longer than its time budget. */
  public static final String TIMEOUT = "annotation_timeout";

  /** The failure of a document CoreNLP threw on, before the exception class. */
  public static final String ERROR_PREFIX = "annotation_error:";

  public static final DocumentAnnotation EMPTY =
      new DocumentAnnotation(List.of(), List.of(), null, null);

  public static DocumentAnnotation failed(Throwable t) {
    return new DocumentAnnotation(
        List.of(),
        List.of(),
        ERROR_PREFIX + t.getClass().getName(),
        t.getClass().getName() + ": " + t.getMessage());
  }

  public static DocumentAnnotation timedOut(int seconds) {
    return new DocumentAnnotation(
        List.of(),
        List.of(),
        TIMEOUT,
        "no result within "
            + seconds
            + " s (newsgraph.annotate.timeoutSeconds); the document was given up");
  }

  public boolean failed() {
    return failure != null;
  }
}
