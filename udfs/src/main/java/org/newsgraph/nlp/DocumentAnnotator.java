package org.newsgraph.nlp;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.neural.rnn.RNNCoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.ParserAnnotator;
import edu.stanford.nlp.pipeline.SentimentAnnotator;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.sentiment.SentimentCoreAnnotations;
import edu.stanford.nlp.trees.Tree;
import edu.stanford.nlp.util.CoreMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.ejml.simple.SimpleMatrix;

/**
 * One CoreNLP pass over a document: tokenize and ssplit, a check that no sentence is longer than
 * {@link NlpSettings#maxSentenceTokens()}, pos, lemma and lean NER (and any custom annotators) over
 * the whole text, then the shift-reduce parser and the sentiment model over only the sentences the
 * {@link SentimentScope} selects. Loading takes seconds and about 1 GB of heap, so instances are
 * built once per JVM by {@link CoreNlpPipelines}; {@link #annotate} is safe to call from several
 * threads at once. The tokenizer, the parser and the sentiment model are shared by all threads
 * (they keep no per-document state); the tagging pipeline (pos, lemma, NER), where two threads on
 * one instance lose a tenth of their speed, comes from a pool that adds an instance (about 0.4 GB,
 * seconds to load) only when every instance is busy, so a JVM holds one per concurrently annotating
 * thread. {@code NewsgraphFunctionsIT} and {@code CoreNlpEquivalenceIT} check that Spark task
 * threads give the results of one thread.
 *
 * <p>Safety: a document CoreNLP throws on yields a {@link DocumentAnnotation#failed} result, never
 * an exception. With a time budget ({@link NlpSettings#timeoutSeconds()}), each document runs on a
 * worker thread while the calling (Spark task) thread waits at most the budget; past it the worker
 * is interrupted, the document yields {@link DocumentAnnotation#timedOut}, and the task moves on.
 * CoreNLP's tagger, NER and parser stop at their next interruption check; until then the worker
 * keeps its CPU and memory, which is why the budget is generous (60 s by default). The workers are
 * a fixed pool ({@link AnnotationWorkers}); a worker that never stops is abandoned and counted, and
 * at {@link NlpSettings#maxAbandonedThreads()} of them annotation throws {@link
 * AbandonedThreadsException} so that Spark retries the task.
 */
public final class DocumentAnnotator {

  private static final AtomicLong DOCUMENTS_ANNOTATED = new AtomicLong();

  private static final Object CONSTRUCTION = new Object();

  private final NlpSettings settings;
  private final Set<String> triggerTypes;
  private final StanfordCoreNLP split;
  private final InstancePool<StanfordCoreNLP> tagging;
  private final ParserAnnotator parser;
  private final SentimentAnnotator sentiment;

  DocumentAnnotator(NlpSettings settings) {
    this.settings = settings;
    this.triggerTypes = settings.sentimentTriggerTypeSet();
    this.split = pipeline(settings.splitProperties());
    // One tagging pipeline per concurrent task thread, each with annotators of its own.
    Properties taggingProperties = settings.taggingProperties();
    this.tagging =
        new InstancePool<>(
            () -> pipeline(taggingProperties), Runtime.getRuntime().availableProcessors());
    if (settings.sentimentScope() == SentimentScope.OFF) {
      this.parser = null;
      this.sentiment = null;
    } else {
      this.parser = new ParserAnnotator("parse", settings.sentimentProperties());
      this.sentiment = new SentimentAnnotator("sentiment", settings.sentimentProperties());
    }
  }

  /**
   * A new pipeline with annotators of its own. CoreNLP keeps the annotators of the pipelines it
   * builds in one JVM-wide pool, keyed by annotator name and only some properties, and hands them
   * to the next pipeline built: clearing that pool first makes this one load its own (for other
   * settings, and for a further tagging pipeline, which must not share the first one's NER). One
   * construction at a time, so that no other clears the pool halfway through.
   */
  private static StanfordCoreNLP pipeline(Properties properties) {
    synchronized (CONSTRUCTION) {
      StanfordCoreNLP.clearAnnotatorPool();
      return new StanfordCoreNLP(properties);
    }
  }

  /** The same models with another settings record of the same signature (other limits). */
  private DocumentAnnotator(DocumentAnnotator models, NlpSettings settings) {
    this.settings = settings;
    this.triggerTypes = settings.sentimentTriggerTypeSet();
    this.split = models.split;
    this.tagging = models.tagging;
    this.parser = models.parser;
    this.sentiment = models.sentiment;
  }

  /**
   * This annotator's models with the limits of {@code other} ({@link NlpSettings#timeoutSeconds()},
   * {@link NlpSettings#maxSentenceTokens()}), which are not part of the signature.
   *
   * @throws IllegalArgumentException when {@code other} has another signature (other models)
   */
  DocumentAnnotator withLimitsOf(NlpSettings other) {
    if (!other.signature().equals(settings.signature())) {
      throw new IllegalArgumentException(
          "settings " + other.signature() + " need other models than " + settings.signature());
    }
    return new DocumentAnnotator(this, other);
  }

  /**
   * Makes sure {@code threads} threads can annotate at once without one of them loading a tagging
   * pipeline first: loads the missing ones. For a JVM that knows its task threads (Spark's local
   * mode); elsewhere the pool grows on demand.
   */
  public void prepare(int threads) {
    tagging.grow(threads);
  }

  public NlpSettings settings() {
    return settings;
  }

  /** How many non-blank documents all annotators of this JVM have annotated (a metric). */
  public static long documentsAnnotated() {
    return DOCUMENTS_ANNOTATED.get();
  }

  /**
   * Annotation workers of this JVM still running a document they were given up on (code that
   * ignores interruption; a metric, see {@link AnnotationWorkers}).
   */
  public static int abandonedThreads() {
    return AnnotationWorkers.shared().abandoned();
  }

  /**
   * Annotates one document. Null or blank text gives {@link DocumentAnnotation#EMPTY}; a failure
   * inside CoreNLP gives a {@link DocumentAnnotation#failed} result and a document over the time
   * budget a {@link DocumentAnnotation#timedOut} one, instead of an exception, so that one bad
   * document cannot fail a Spark task.
   *
   * @throws AbandonedThreadsException when {@link NlpSettings#maxAbandonedThreads()} workers of
   *     this JVM still run documents they were given up on: the task must fail, not the document
   */
  public DocumentAnnotation annotate(String text) {
    if (text == null || text.isBlank()) {
      return DocumentAnnotation.EMPTY;
    }
    DOCUMENTS_ANNOTATED.incrementAndGet();
    int budget = settings.timeoutSeconds();
    if (budget == 0) {
      return annotateGuarded(text);
    }
    try {
      AnnotationWorkers.Outcome<DocumentAnnotation> outcome =
          AnnotationWorkers.shared()
              .run(
                  () -> annotateGuarded(text),
                  beginning(text),
                  budget,
                  settings.maxAbandonedThreads());
      return outcome.timedOut() ? DocumentAnnotation.timedOut(budget) : outcome.result();
    } catch (InterruptedException e) {
      // The Spark task itself is being killed: the worker was stopped; let the task end.
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while annotating a document", e);
    } catch (ExecutionException e) {
      // annotateGuarded returns failures; only an Error (out of memory) can arrive here.
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("annotation worker failed", e.getCause());
    }
  }

  /** How a document begins, on one line, to name it where its article id is unknown. */
  private static String beginning(String text) {
    String start = text.strip();
    start = start.substring(0, Math.min(start.length(), 80)).replaceAll("\\s+", " ");
    return '"' + start + (text.strip().length() > 80 ? "...\"" : "\"");
  }

  private DocumentAnnotation annotateGuarded(String text) {
    try {
      return annotateOrThrow(text);
    } catch (RuntimeException | StackOverflowError e) {
      return DocumentAnnotation.failed(e);
    }
  }

  private DocumentAnnotation annotateOrThrow(String text) {
    Annotation doc = new Annotation(text);
    split.annotate(doc);
    List<CoreMap> sentences = doc.get(CoreAnnotations.SentencesAnnotation.class);
    for (CoreMap sentence : sentences) {
      int tokens = tokens(sentence).size();
      if (tokens > settings.maxSentenceTokens()) {
        throw new SentenceTooLongException(
            sentence.get(CoreAnnotations.SentenceIndexAnnotation.class),
            tokens,
            settings.maxSentenceTokens());
      }
    }
    tag(doc);
    List<EntityMention> mentions = new ArrayList<>();
    List<CoreMap> forSentiment = new ArrayList<>();
    for (CoreMap sentence : sentences) {
      int index = sentence.get(CoreAnnotations.SentenceIndexAnnotation.class);
      boolean trigger = false;
      List<CoreMap> sentenceMentions = sentence.get(CoreAnnotations.MentionsAnnotation.class);
      if (sentenceMentions != null) {
        for (CoreMap m : sentenceMentions) {
          EntityMention mention = toMention(m, index);
          if (mention != null) {
            mentions.add(mention);
            trigger |= triggerTypes.contains(mention.type());
          }
        }
      }
      boolean wanted =
          switch (settings.sentimentScope()) {
            case ALL -> true;
            case ENTITY_SENTENCES -> trigger;
            case OFF -> false;
          };
      // Sentences over the parser's length limit get no sentiment (null), never a flat fake tree.
      if (wanted && tokens(sentence).size() <= settings.parseMaxLen()) {
        forSentiment.add(sentence);
      }
    }
    Map<Integer, List<Double>> probabilities = sentiment(text, forSentiment);
    List<SentenceAnnotation> result = new ArrayList<>(sentences.size());
    for (CoreMap sentence : sentences) {
      int index = sentence.get(CoreAnnotations.SentenceIndexAnnotation.class);
      List<Double> p = probabilities.get(index);
      result.add(
          new SentenceAnnotation(
              index,
              sentence.get(CoreAnnotations.CharacterOffsetBeginAnnotation.class),
              sentence.get(CoreAnnotations.CharacterOffsetEndAnnotation.class),
              tokens(sentence).size(),
              p == null ? null : argmax(p),
              p == null ? null : SentenceAnnotation.score(p),
              p));
    }
    return new DocumentAnnotation(List.copyOf(result), List.copyOf(mentions), null, null);
  }

  private void tag(Annotation doc) {
    InstancePool.Lease<StanfordCoreNLP> lease;
    try {
      lease = tagging.borrow();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a tagging pipeline", e);
    }
    try {
      lease.instance().annotate(doc);
    } finally {
      tagging.release(lease);
    }
  }

  /** The mention, or null for a pronoun: CoreNLP reports "he"/"his" as PERSON mentions. */
  private static EntityMention toMention(CoreMap m, int sentenceIndex) {
    List<CoreLabel> tokens = m.get(CoreAnnotations.TokensAnnotation.class);
    if (tokens == null || tokens.isEmpty() || "O".equals(tokens.get(0).ner())) {
      return null;
    }
    String type = m.get(CoreAnnotations.NamedEntityTagAnnotation.class);
    if (type == null || "O".equals(type)) {
      return null;
    }
    return new EntityMention(
        m.get(CoreAnnotations.TextAnnotation.class),
        type,
        m.get(CoreAnnotations.CharacterOffsetBeginAnnotation.class),
        m.get(CoreAnnotations.CharacterOffsetEndAnnotation.class),
        sentenceIndex);
  }

  private Map<Integer, List<Double>> sentiment(String text, List<CoreMap> sentences) {
    Map<Integer, List<Double>> byIndex = new HashMap<>();
    if (sentences.isEmpty() || parser == null) {
      return byIndex;
    }
    // Parse and score only the selected sentences: a document view holding just them.
    Annotation selected = new Annotation(text);
    selected.set(CoreAnnotations.SentencesAnnotation.class, sentences);
    parser.annotate(selected);
    sentiment.annotate(selected);
    for (CoreMap sentence : sentences) {
      Tree tree = sentence.get(SentimentCoreAnnotations.SentimentAnnotatedTree.class);
      if (tree == null) {
        continue;
      }
      SimpleMatrix predictions = RNNCoreAnnotations.getPredictions(tree);
      List<Double> p = new ArrayList<>(5);
      for (int i = 0; i < predictions.getNumElements(); i++) {
        p.add(predictions.get(i));
      }
      byIndex.put(sentence.get(CoreAnnotations.SentenceIndexAnnotation.class), List.copyOf(p));
    }
    return byIndex;
  }

  private static List<CoreLabel> tokens(CoreMap sentence) {
    return sentence.get(CoreAnnotations.TokensAnnotation.class);
  }

  private static int argmax(List<Double> p) {
    int best = 0;
    for (int i = 1; i < p.size(); i++) {
      if (p.get(i) > p.get(best)) {
        best = i;
      }
    }
    return best;
  }
}
