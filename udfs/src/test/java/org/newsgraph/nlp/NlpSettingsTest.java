package org.newsgraph.nlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Tests {@link NlpSettings} (signature, CoreNLP properties, validation) and {@link
 * SentimentScope#parse}.
 */
class NlpSettingsTest {

  private static final String PARSE = "edu/stanford/nlp/models/srparser/englishSR.ser.gz";
  private static final String SENTIMENT = "edu/stanford/nlp/models/sentiment/sentiment.ser.gz";
  private static final String NER =
      "edu/stanford/nlp/models/ner/english.all.3class.distsim.crf.ser.gz";
  private static final List<String> TRIGGERS = List.of("PERSON", "ORGANIZATION");

  private static NlpSettings base() {
    return new NlpSettings(SentimentScope.ENTITY_SENTENCES, 80, PARSE, SENTIMENT, NER, TRIGGERS);
  }

  @Test
  void signatureIsStableForEqualSettings() {
    NlpSettings a = base();
    NlpSettings b =
        new NlpSettings(
            SentimentScope.ENTITY_SENTENCES,
            80,
            PARSE,
            SENTIMENT,
            NER,
            List.of("PERSON", "ORGANIZATION"));
    assertThat(a.signature()).as("signature of two equal settings").isEqualTo(b.signature());
    assertThat(a.signature()).as("signature is 12 lower-case hex digits").matches("[0-9a-f]{12}");
  }

  @Test
  void signatureChangesWithEveryResultChangingField() {
    String base = base().signature();
    List<NlpSettings> changed =
        List.of(
            new NlpSettings(SentimentScope.ALL, 80, PARSE, SENTIMENT, NER, TRIGGERS),
            new NlpSettings(SentimentScope.OFF, 80, PARSE, SENTIMENT, NER, TRIGGERS),
            new NlpSettings(SentimentScope.ENTITY_SENTENCES, 79, PARSE, SENTIMENT, NER, TRIGGERS),
            new NlpSettings(
                SentimentScope.ENTITY_SENTENCES,
                80,
                "edu/stanford/nlp/models/lexparser/englishPCFG.ser.gz",
                SENTIMENT,
                NER,
                TRIGGERS),
            new NlpSettings(
                SentimentScope.ENTITY_SENTENCES,
                80,
                PARSE,
                "other/sentiment.ser.gz",
                NER,
                TRIGGERS),
            new NlpSettings(
                SentimentScope.ENTITY_SENTENCES,
                80,
                PARSE,
                SENTIMENT,
                "other/ner.ser.gz",
                TRIGGERS),
            new NlpSettings(
                SentimentScope.ENTITY_SENTENCES, 80, PARSE, SENTIMENT, NER, List.of("PERSON")));
    for (NlpSettings s : changed) {
      assertThat(s.signature()).as("signature of %s differs from the base's", s).isNotEqualTo(base);
    }
    assertThat(changed.stream().map(NlpSettings::signature).distinct().count())
        .as("the seven changed settings have seven different signatures")
        .isEqualTo(7);
  }

  @Test
  void withSentimentScopeChangesOnlyTheScope() {
    NlpSettings off = base().withSentimentScope(SentimentScope.OFF);
    assertThat(off)
        .as("settings with scope off")
        .isEqualTo(new NlpSettings(SentimentScope.OFF, 80, PARSE, SENTIMENT, NER, TRIGGERS));
  }

  @Test
  void defaultsAreEntitySentencesUpTo80Tokens() {
    NlpSettings d = NlpSettings.defaults();
    assertThat(d.sentimentScope()).as("default scope").isEqualTo(SentimentScope.ENTITY_SENTENCES);
    assertThat(d.parseMaxLen()).as("default parse length limit").isEqualTo(80);
    assertThat(d.sentimentTriggerTypeSet())
        .as("default trigger types")
        .containsExactlyInAnyOrder("PERSON", "ORGANIZATION", "LOCATION", "MISC");
  }

  @Test
  void parseMaxLenBelowOneIsRejected() {
    assertThatThrownBy(
            () -> new NlpSettings(SentimentScope.ALL, 0, PARSE, SENTIMENT, NER, TRIGGERS))
        .as("parseMaxLen 0")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("parseMaxLen")
        .hasMessageContaining("0");
    assertThatThrownBy(
            () -> new NlpSettings(SentimentScope.ALL, -5, PARSE, SENTIMENT, NER, TRIGGERS))
        .as("negative parseMaxLen")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-5");
  }

  @Test
  void theLimitOfAbandonedWorkersIsOutsideTheSignatureAndAtLeastOne() {
    NlpSettings d = NlpSettings.defaults();
    assertThat(d.maxAbandonedThreads()).as("default limit").isEqualTo(2);
    NlpSettings one =
        new NlpSettings(
            d.sentimentScope(),
            d.parseMaxLen(),
            d.parseModel(),
            d.sentimentModel(),
            d.nerModels(),
            d.sentimentTriggerTypes(),
            d.customAnnotators(),
            d.timeoutSeconds(),
            d.maxSentenceTokens(),
            1);
    assertThat(one.signature()).as("signature with a limit of one").isEqualTo(d.signature());
    assertThatThrownBy(
            () ->
                new NlpSettings(
                    d.sentimentScope(),
                    d.parseMaxLen(),
                    d.parseModel(),
                    d.sentimentModel(),
                    d.nerModels(),
                    d.sentimentTriggerTypes(),
                    d.customAnnotators(),
                    d.timeoutSeconds(),
                    d.maxSentenceTokens(),
                    0))
        .as("a limit of zero")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxAbandonedThreads");
  }

  @Test
  void parseMaxLenOfOneIsAccepted() {
    NlpSettings shortest = new NlpSettings(SentimentScope.ALL, 1, PARSE, SENTIMENT, NER, TRIGGERS);
    assertThat(shortest.parseMaxLen()).as("the smallest allowed length limit").isEqualTo(1);
  }

  @Test
  void sentimentScopeParsesSettingValues() {
    assertThat(SentimentScope.parse("entity_sentences"))
        .as("entity_sentences")
        .isEqualTo(SentimentScope.ENTITY_SENTENCES);
    assertThat(SentimentScope.parse("ALL")).as("upper-case ALL").isEqualTo(SentimentScope.ALL);
    assertThat(SentimentScope.parse("off")).as("off").isEqualTo(SentimentScope.OFF);
    assertThat(SentimentScope.parse(" Entity-Sentences "))
        .as("mixed case, hyphen and surrounding spaces")
        .isEqualTo(SentimentScope.ENTITY_SENTENCES);
  }

  @Test
  void sentimentScopeRejectsJunkNamingTheValue() {
    assertThatThrownBy(() -> SentimentScope.parse("sometimes"))
        .as("unknown scope 'sometimes'")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'sometimes'");
    assertThatThrownBy(() -> SentimentScope.parse(""))
        .as("empty scope")
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void settingValueIsLowerCase() {
    assertThat(SentimentScope.ENTITY_SENTENCES.settingValue())
        .as("value as written in the settings file")
        .isEqualTo("entity_sentences");
  }

  @Test
  void nerPropertiesAreLean() {
    Properties p = base().nerProperties();
    assertThat(p.getProperty("annotators"))
        .as("annotators: no parse or sentiment in the NER pipeline")
        .isEqualTo("tokenize,ssplit,pos,lemma,ner");
    assertThat(p.getProperty("ner.applyFineGrained")).as("fine-grained NER").isEqualTo("false");
    assertThat(p.getProperty("ner.useSUTime")).as("SUTime").isEqualTo("false");
    assertThat(p.getProperty("ner.applyNumericClassifiers"))
        .as("numeric classifiers")
        .isEqualTo("false");
    assertThat(p.getProperty("ner.model")).as("NER models").isEqualTo(NER);
    assertThat(p.getProperty("ssplit.newlineIsSentenceBreak"))
        .as("a blank line ends a sentence")
        .isEqualTo("two");
  }

  @Test
  void sentimentPropertiesCarryTheLengthLimitAndBinaryTrees() {
    Properties p =
        new NlpSettings(SentimentScope.ALL, 42, PARSE, SENTIMENT, NER, TRIGGERS)
            .sentimentProperties();
    assertThat(p.getProperty("parse.maxlen")).as("parser length limit").isEqualTo("42");
    assertThat(p.getProperty("parse.binaryTrees"))
        .as("binary trees, needed by the sentiment model")
        .isEqualTo("true");
    assertThat(p.getProperty("parse.model")).as("parser model").isEqualTo(PARSE);
    assertThat(p.getProperty("sentiment.model")).as("sentiment model").isEqualTo(SENTIMENT);
  }

  @Test
  void triggerTypesAreCopied() {
    List<String> types = new ArrayList<>(List.of("PERSON"));
    NlpSettings s = new NlpSettings(SentimentScope.ALL, 80, PARSE, SENTIMENT, NER, types);
    types.add("LOCATION");
    assertThat(s.sentimentTriggerTypes())
        .as("trigger types after the caller changed its list")
        .containsExactly("PERSON");
  }
}
