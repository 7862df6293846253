package org.newsgraph.nlp;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * The settings that change what annotation produces. This small record is what travels to
 * executors; CoreNLP pipelines never do. Each executor JVM builds its pipelines from it once, keyed
 * by {@link #signature()}.
 *
 * @param sentimentScope which sentences get a sentiment score
 * @param parseMaxLen sentences longer than this many tokens get no sentiment (null), not an error
 * @param parseModel the constituency parser model used for sentiment (shift-reduce by default)
 * @param sentimentModel the sentiment model
 * @param nerModels comma-separated NER CRF models, in CoreNLP's order of precedence
 * @param sentimentTriggerTypes entity types whose presence makes a sentence eligible for sentiment
 *     under {@link SentimentScope#ENTITY_SENTENCES}
 */
public record NlpSettings(
    SentimentScope sentimentScope,
    int parseMaxLen,
    String parseModel,
    String sentimentModel,
    String nerModels,
    List<String> sentimentTriggerTypes)
    implements Serializable {

  public static final String CORENLP_VERSION = "4.5.10";
  public static final String DEFAULT_PARSE_MODEL =
      "edu/stanford/nlp/models/srparser/englishSR.ser.gz";
  public static final String DEFAULT_SENTIMENT_MODEL =
      "edu/stanford/nlp/models/sentiment/sentiment.ser.gz";
  public static final String DEFAULT_NER_MODELS =
      "edu/stanford/nlp/models/ner/english.all.3class.distsim.crf.ser.gz,"
          + "edu/stanford/nlp/models/ner/english.muc.7class.distsim.crf.ser.gz,"
          + "edu/stanford/nlp/models/ner/english.conll.4class.distsim.crf.ser.gz";
  public static final List<String> DEFAULT_SENTIMENT_TRIGGER_TYPES =
      List.of("PERSON", "ORGANIZATION", "LOCATION", "MISC");

  public NlpSettings {
    if (parseMaxLen < 1) {
      throw new IllegalArgumentException("parseMaxLen must be at least 1, got " + parseMaxLen);
    }
    sentimentTriggerTypes = List.copyOf(sentimentTriggerTypes);
  }

  /** The defaults: lean NER, shift-reduce parser, sentiment on entity sentences up to 80 tokens. */
  public static NlpSettings defaults() {
    return new NlpSettings(
        SentimentScope.ENTITY_SENTENCES,
        80,
        DEFAULT_PARSE_MODEL,
        DEFAULT_SENTIMENT_MODEL,
        DEFAULT_NER_MODELS,
        DEFAULT_SENTIMENT_TRIGGER_TYPES);
  }

  public NlpSettings withSentimentScope(SentimentScope scope) {
    return new NlpSettings(
        scope, parseMaxLen, parseModel, sentimentModel, nerModels, sentimentTriggerTypes);
  }

  /** Types that make a sentence eligible for sentiment, as a set. */
  public Set<String> sentimentTriggerTypeSet() {
    return Set.copyOf(sentimentTriggerTypes);
  }

  /**
   * Properties of the tokenize..ner pipeline: lean NER (fine-grained NER, SUTime and the numeric
   * classifiers off, about 8x faster than CoreNLP's defaults), a blank line ends a sentence.
   */
  public Properties nerProperties() {
    Properties p = new Properties();
    p.setProperty("annotators", "tokenize,ssplit,pos,lemma,ner");
    p.setProperty("tokenize.language", "en");
    p.setProperty("ssplit.newlineIsSentenceBreak", "two");
    p.setProperty("ner.model", nerModels);
    p.setProperty("ner.applyFineGrained", "false");
    p.setProperty("ner.useSUTime", "false");
    p.setProperty("ner.applyNumericClassifiers", "false");
    p.setProperty("ner.buildEntityMentions", "true");
    return p;
  }

  /** Properties of the parser and sentiment annotators, run only on the selected sentences. */
  public Properties sentimentProperties() {
    Properties p = new Properties();
    p.setProperty("parse.model", parseModel);
    p.setProperty("parse.maxlen", Integer.toString(parseMaxLen));
    p.setProperty("parse.binaryTrees", "true");
    p.setProperty("parse.buildgraphs", "false");
    p.setProperty("sentiment.model", sentimentModel);
    return p;
  }

  /**
   * A short, stable hash of everything that changes results, including the CoreNLP version: stored
   * with every annotation so that changed settings can be detected.
   */
  public String signature() {
    String canonical =
        String.join(
            "\n",
            "corenlp=" + CORENLP_VERSION,
            "sentiment.scope=" + sentimentScope.settingValue(),
            "parse.maxlen=" + parseMaxLen,
            "parse.model=" + parseModel,
            "sentiment.model=" + sentimentModel,
            "ner.model=" + nerModels,
            "sentiment.triggerTypes=" + String.join(",", sentimentTriggerTypes),
            "ner=lean(fineGrained=false,sutime=false,numeric=false)",
            "ssplit.newlineIsSentenceBreak=two");
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }
}
