package org.newsgraph.nlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests the sentiment score and labels of {@link SentenceAnnotation}. */
class SentenceAnnotationTest {

  @Test
  void scoreOfOneHotVectorsSpansMinusOneToOne() {
    assertThat(SentenceAnnotation.score(List.of(1.0, 0.0, 0.0, 0.0, 0.0)))
        .as("certainly very negative")
        .isEqualTo(-1.0);
    assertThat(SentenceAnnotation.score(List.of(0.0, 1.0, 0.0, 0.0, 0.0)))
        .as("certainly negative")
        .isEqualTo(-0.5);
    assertThat(SentenceAnnotation.score(List.of(0.0, 0.0, 1.0, 0.0, 0.0)))
        .as("certainly neutral")
        .isEqualTo(0.0);
    assertThat(SentenceAnnotation.score(List.of(0.0, 0.0, 0.0, 1.0, 0.0)))
        .as("certainly positive")
        .isEqualTo(0.5);
    assertThat(SentenceAnnotation.score(List.of(0.0, 0.0, 0.0, 0.0, 1.0)))
        .as("certainly very positive")
        .isEqualTo(1.0);
  }

  @Test
  void scoreIsTheExpectedClassMappedToMinusOneToOne() {
    // Expected class 0.5 * 1 + 0.5 * 4 = 2.5, so the score is (2.5 - 2) / 2 = 0.25.
    assertThat(SentenceAnnotation.score(List.of(0.0, 0.5, 0.0, 0.0, 0.5)))
        .as("half negative, half very positive")
        .isCloseTo(0.25, within(1e-12));
    // Uniform: expected class (0 + 1 + 2 + 3 + 4) / 5 = 2, score 0.
    assertThat(SentenceAnnotation.score(List.of(0.2, 0.2, 0.2, 0.2, 0.2)))
        .as("uniform probabilities")
        .isCloseTo(0.0, within(1e-12));
  }

  @Test
  void labelsNameTheFiveClasses() {
    assertThat(SentenceAnnotation.label(0)).as("class 0").isEqualTo("very_negative");
    assertThat(SentenceAnnotation.label(1)).as("class 1").isEqualTo("negative");
    assertThat(SentenceAnnotation.label(2)).as("class 2").isEqualTo("neutral");
    assertThat(SentenceAnnotation.label(3)).as("class 3").isEqualTo("positive");
    assertThat(SentenceAnnotation.label(4)).as("class 4").isEqualTo("very_positive");
  }

  @Test
  void noClassHasNoLabel() {
    assertThat(SentenceAnnotation.label(null)).as("label of a null class").isNull();
    SentenceAnnotation unscored = new SentenceAnnotation(3, 10, 20, 4, null, null, null);
    assertThat(unscored.sentimentLabel()).as("label of a sentence without sentiment").isNull();
  }

  @Test
  void sentenceLabelIsItsClassLabel() {
    SentenceAnnotation s =
        new SentenceAnnotation(0, 0, 12, 3, 3, 0.5, List.of(0.0, 0.0, 0.0, 1.0, 0.0));
    assertThat(s.sentimentLabel()).as("label of a class-3 sentence").isEqualTo("positive");
  }
}
