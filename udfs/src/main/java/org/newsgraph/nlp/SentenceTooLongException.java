package org.newsgraph.nlp;

/**
 * A sentence of a document has more tokens than {@link NlpSettings#maxSentenceTokens()}: text
 * without sentence punctuation (word lists, tag clouds, broken markup). Tagging it would take long
 * and one "sentence" with thousands of entity mentions would swamp the sentence-level co-mention
 * counts, so the document is quarantined ({@code annotation_error:} and this class) instead.
 */
public final class SentenceTooLongException extends RuntimeException {

  public SentenceTooLongException(int sentenceIndex, int tokens, int limit) {
    super(
        "sentence "
            + sentenceIndex
            + " has "
            + tokens
            + " tokens, more than newsgraph.annotate.maxSentenceTokens = "
            + limit
            + " (text without sentence punctuation?)");
  }
}
