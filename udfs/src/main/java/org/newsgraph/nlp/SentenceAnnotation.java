package org.newsgraph.nlp;

import java.io.Serializable;
import java.util.List;

/**
 * One sentence of a document and, when it was computed, its sentiment.
 *
 * @param index zero-based sentence index in the document
 * @param charBegin offset of the first character in the document text
 * @param charEnd offset one past the last character
 * @param tokens number of tokens
 * @param sentimentClass CoreNLP's predicted class, 0 (very negative) to 4 (very positive); null
 *     when sentiment was not computed for this sentence
 * @param sentimentScore expected class mapped to [-1, 1]: {@code (sum_i p_i * i - 2) / 2}; null
 *     when not computed
 * @param sentimentProbabilities the five class probabilities; null when not computed
 */
public record SentenceAnnotation(
    int index,
    int charBegin,
    int charEnd,
    int tokens,
    Integer sentimentClass,
    Double sentimentScore,
    List<Double> sentimentProbabilities)
    implements Serializable {

  private static final List<String> LABELS =
      List.of("very_negative", "negative", "neutral", "positive", "very_positive");

  /** The sentiment label of a class 0..4 ({@code very_negative} .. {@code very_positive}). */
  public static String label(Integer sentimentClass) {
    return sentimentClass == null ? null : LABELS.get(sentimentClass);
  }

  /** The label of this sentence's class, or null when sentiment was not computed. */
  public String sentimentLabel() {
    return label(sentimentClass);
  }

  /** The score of a probability vector over the five classes, in [-1, 1]. */
  public static double score(List<Double> probabilities) {
    double expected = 0;
    for (int i = 0; i < probabilities.size(); i++) {
      expected += probabilities.get(i) * i;
    }
    return (expected - 2.0) / 2.0;
  }
}
