package org.newsgraph.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link DocumentAnnotator} with the real CoreNLP models, loaded once per settings per JVM. */
class DocumentAnnotatorIT {

  private static final String TEXT =
      "Russian President Vladimir Putin met North Korean leader Kim Jong Un in Vladivostok. "
          + "He said the talks were very good and useful.\n\n"
          + "The weather was terrible all week. "
          + "Putin's spokesman praised Kim for his courage.";

  @Test
  void findsEntityMentionsWithOffsetsAndWithoutPronouns() {
    DocumentAnnotation a = CoreNlpPipelines.annotator(NlpSettings.defaults()).annotate(TEXT);
    assertThat(a.failed()).as("annotation failed: %s", a.error()).isFalse();
    assertThat(a.mentions())
        .as("mention texts")
        .extracting(EntityMention::text)
        .contains("Vladimir Putin", "Kim Jong Un", "Vladivostok", "Putin", "Kim")
        .doesNotContain("He", "he", "his");
    for (EntityMention m : a.mentions()) {
      assertThat(TEXT.substring(m.charBegin(), m.charEnd()))
          .as("text at the offsets of %s", m)
          .isEqualTo(m.text());
    }
    assertThat(a.mentions())
        .filteredOn(m -> m.text().equals("Vladimir Putin"))
        .as("Vladimir Putin's type and sentence")
        .extracting(EntityMention::type, EntityMention::sentenceIndex)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("PERSON", 0));
  }

  @Test
  void scoresSentimentOnlyForSentencesWithEntities() {
    DocumentAnnotation a = CoreNlpPipelines.annotator(NlpSettings.defaults()).annotate(TEXT);
    List<SentenceAnnotation> s = a.sentences();
    assertThat(s).as("sentences").hasSize(4);
    assertThat(s.get(0).sentimentClass()).as("sentence 0 (entities) has a class").isNotNull();
    assertThat(s.get(1).sentimentClass()).as("sentence 1 (pronoun only) has none").isNull();
    assertThat(s.get(2).sentimentClass()).as("sentence 2 (no entity) has none").isNull();
    assertThat(s.get(3).sentimentClass()).as("sentence 3 (entities) has a class").isNotNull();
    assertThat(s.get(0).sentimentProbabilities().stream().mapToDouble(Double::doubleValue).sum())
        .as("class probabilities of sentence 0 sum to 1")
        .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(s.get(0).sentimentScore())
        .as("score of sentence 0 from its probabilities")
        .isEqualTo(SentenceAnnotation.score(s.get(0).sentimentProbabilities()));
  }

  @Test
  void sentimentScopeAllAndOffAndTheLengthLimit() {
    DocumentAnnotation all =
        CoreNlpPipelines.annotator(NlpSettings.defaults().withSentimentScope(SentimentScope.ALL))
            .annotate(TEXT);
    assertThat(all.sentences())
        .as("scope all: every sentence scored")
        .allMatch(x -> x.sentimentClass() != null);

    DocumentAnnotation off =
        CoreNlpPipelines.annotator(NlpSettings.defaults().withSentimentScope(SentimentScope.OFF))
            .annotate(TEXT);
    assertThat(off.sentences())
        .as("scope off: no sentence scored")
        .allMatch(x -> x.sentimentClass() == null && x.sentimentScore() == null);
    assertThat(off.mentions()).as("scope off: same mentions").isEqualTo(all.mentions());

    NlpSettings shortLimit =
        new NlpSettings(
            SentimentScope.ALL,
            8,
            NlpSettings.DEFAULT_PARSE_MODEL,
            NlpSettings.DEFAULT_SENTIMENT_MODEL,
            NlpSettings.DEFAULT_NER_MODELS,
            NlpSettings.DEFAULT_SENTIMENT_TRIGGER_TYPES);
    DocumentAnnotation limited = CoreNlpPipelines.annotator(shortLimit).annotate(TEXT);
    for (SentenceAnnotation x : limited.sentences()) {
      assertThat(x.sentimentClass() != null)
          .as("sentence %d with %d tokens scored under parse.maxlen 8", x.index(), x.tokens())
          .isEqualTo(x.tokens() <= 8);
    }
  }

  @Test
  void limitsOutsideTheSignatureApplyToEveryCallWithTheirSettings() {
    NlpSettings defaults = NlpSettings.defaults();
    assertThat(CoreNlpPipelines.annotator(defaults).annotate(TEXT).failure())
        .as("the default sentence limit (%d tokens)", defaults.maxSentenceTokens())
        .isNull();
    NlpSettings fiveTokens =
        new NlpSettings(
            defaults.sentimentScope(),
            defaults.parseMaxLen(),
            defaults.parseModel(),
            defaults.sentimentModel(),
            defaults.nerModels(),
            defaults.sentimentTriggerTypes(),
            defaults.customAnnotators(),
            defaults.timeoutSeconds(),
            5,
            defaults.maxAbandonedThreads());
    assertThat(fiveTokens.signature()).as("same signature").isEqualTo(defaults.signature());
    int loaded = CoreNlpPipelines.loaded();
    DocumentAnnotation limited = CoreNlpPipelines.annotator(fiveTokens).annotate(TEXT);
    assertThat(limited.failure())
        .as("a second call in the same JVM with a 5-token limit uses that limit")
        .isEqualTo(DocumentAnnotation.ERROR_PREFIX + SentenceTooLongException.class.getName());
    assertThat(CoreNlpPipelines.loaded())
        .as("the models are shared, not loaded again")
        .isEqualTo(loaded);
    assertThat(CoreNlpPipelines.annotator(defaults).annotate(TEXT).failure())
        .as("the first settings keep their own limit")
        .isNull();
  }

  @Test
  void nullAndBlankTextGiveEmptyResults() {
    DocumentAnnotator annotator = CoreNlpPipelines.annotator(NlpSettings.defaults());
    assertThat(annotator.annotate(null)).as("null text").isEqualTo(DocumentAnnotation.EMPTY);
    assertThat(annotator.annotate(" \n\t")).as("blank text").isEqualTo(DocumentAnnotation.EMPTY);
  }
}
