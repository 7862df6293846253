package org.newsgraph.nlp;

import java.io.Serializable;
import java.util.List;

/**
 * Everything one CoreNLP pass over a document yields for newsgraph.
 *
 * @param sentences every sentence, in order
 * @param mentions entity mentions, in document order, pronouns removed
 * @param error null on success; otherwise {@code <exception class>: <message>} of the failure, and
 *     both lists are empty
 */
public record DocumentAnnotation(
    List<SentenceAnnotation> sentences, List<EntityMention> mentions, String error)
    implements Serializable {

  public static final DocumentAnnotation EMPTY = new DocumentAnnotation(List.of(), List.of(), null);

  public static DocumentAnnotation failed(Throwable t) {
    return new DocumentAnnotation(
        List.of(), List.of(), t.getClass().getName() + ": " + t.getMessage());
  }

  public boolean failed() {
    return error != null;
  }
}
