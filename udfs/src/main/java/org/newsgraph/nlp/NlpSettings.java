package org.newsgraph.nlp;

import java.io.Serializable;
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
 * @param customAnnotators extra CoreNLP annotators run after NER, each {@code name=class}
 *     (CoreNLP's {@code customAnnotatorClass.name} mechanism); empty by default
 * @param timeoutSeconds a document that takes longer is given up as {@code annotation_timeout}; 0
 *     for no limit. Not part of the signature: it decides whether a result exists, not what it is
 * @param maxSentenceTokens a document with a longer sentence fails with {@link
 *     SentenceTooLongException} before tagging; not part of the signature, for the same reason
 * @param maxAbandonedThreads at this many workers still running documents they were given up on
 *     (see {@link AnnotationWorkers}), annotation fails with {@link AbandonedThreadsException}; not
 *     part of the signature
 */
public record NlpSettings(
    SentimentScope sentimentScope,
    int parseMaxLen,
    String parseModel,
    String sentimentModel,
    String nerModels,
    List<String> sentimentTriggerTypes,
    List<String> customAnnotators,
    int timeoutSeconds,
    int maxSentenceTokens,
    int maxAbandonedThreads)
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
  public static final int DEFAULT_TIMEOUT_SECONDS = 60;
  public static final int DEFAULT_MAX_SENTENCE_TOKENS = 1000;
  public static final int DEFAULT_MAX_ABANDONED_THREADS = 2;

  public NlpSettings {
    if (parseMaxLen < 1) {
      throw new IllegalArgumentException("parseMaxLen must be at least 1, got " + parseMaxLen);
    }
    if (maxSentenceTokens < 1) {
      throw new IllegalArgumentException(
          "maxSentenceTokens must be at least 1, got " + maxSentenceTokens);
    }
    if (timeoutSeconds < 0) {
      throw new IllegalArgumentException("timeoutSeconds must be 0 or more, got " + timeoutSeconds);
    }
    if (maxAbandonedThreads < 1) {
      throw new IllegalArgumentException(
          "maxAbandonedThreads must be at least 1, got " + maxAbandonedThreads);
    }
    sentimentTriggerTypes = List.copyOf(sentimentTriggerTypes);
    customAnnotators = List.copyOf(customAnnotators);
    for (String entry : customAnnotators) {
      int eq = entry.indexOf('=');
      if (eq < 1 || eq == entry.length() - 1) {
        throw new IllegalArgumentException(
            "custom annotator '" + entry + "' is not of the form name=fully.qualified.Class");
      }
    }
  }

  /** Settings without custom annotators and with the default limits. */
  public NlpSettings(
      SentimentScope sentimentScope,
      int parseMaxLen,
      String parseModel,
      String sentimentModel,
      String nerModels,
      List<String> sentimentTriggerTypes) {
    this(
        sentimentScope,
        parseMaxLen,
        parseModel,
        sentimentModel,
        nerModels,
        sentimentTriggerTypes,
        List.of(),
        DEFAULT_TIMEOUT_SECONDS,
        DEFAULT_MAX_SENTENCE_TOKENS,
        DEFAULT_MAX_ABANDONED_THREADS);
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
        scope,
        parseMaxLen,
        parseModel,
        sentimentModel,
        nerModels,
        sentimentTriggerTypes,
        customAnnotators,
        timeoutSeconds,
        maxSentenceTokens,
        maxAbandonedThreads);
  }

  /** Types that make a sentence eligible for sentiment, as a set. */
  public Set<String> sentimentTriggerTypeSet() {
    return Set.copyOf(sentimentTriggerTypes);
  }

  /**
   * Properties of the tokenize..ner pipeline: lean NER (fine-grained NER, SUTime and the numeric
   * classifiers off, about 8x faster than CoreNLP's defaults), a blank line ends a sentence, then
   * any custom annotators. {@link DocumentAnnotator} runs it in two steps ({@link
   * #splitProperties()}, {@link #taggingProperties()}) to check sentence lengths in between; the
   * annotators and their properties are the same.
   */
  public Properties nerProperties() {
    Properties tagging = taggingProperties();
    Properties p = splitProperties();
    p.putAll(tagging);
    p.setProperty("annotators", "tokenize,ssplit," + tagging.getProperty("annotators"));
    p.remove("enforceRequirements");
    return p;
  }

  /** tokenize and ssplit. */
  public Properties splitProperties() {
    Properties p = new Properties();
    p.setProperty("annotators", "tokenize,ssplit");
    p.setProperty("tokenize.language", "en");
    p.setProperty("ssplit.newlineIsSentenceBreak", "two");
    return p;
  }

  /** pos, lemma, ner and custom annotators, on a document already tokenized and split. */
  public Properties taggingProperties() {
    Properties p = new Properties();
    StringBuilder annotators = new StringBuilder("pos,lemma,ner");
    for (String entry : customAnnotators) {
      String name = entry.substring(0, entry.indexOf('=')).strip();
      annotators.append(',').append(name);
      p.setProperty(
          "customAnnotatorClass." + name, entry.substring(entry.indexOf('=') + 1).strip());
    }
    p.setProperty("annotators", annotators.toString());
    // The tokens and sentences come from the split pipeline.
    p.setProperty("enforceRequirements", "false");
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
                "ssplit.newlineIsSentenceBreak=two")
            // Appended only when set, so that the default signature stays what it was.
            + (customAnnotators.isEmpty() ? "" : "\ncustom=" + String.join(",", customAnnotators));
    return Sha256.hex(canonical, 6);
  }
}
