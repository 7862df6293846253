package org.newsgraph.annotate;

import static org.apache.spark.sql.functions.call_udf;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.neural.rnn.RNNCoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.sentiment.SentimentCoreAnnotations;
import edu.stanford.nlp.trees.Tree;
import edu.stanford.nlp.util.CoreMap;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ejml.simple.SimpleMatrix;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsgraph.nlp.EntityCanonicalizer;
import org.newsgraph.nlp.NlpSettings;
import org.newsgraph.nlp.SentimentScope;
import org.newsgraph.testing.SparkTestSession;
import org.newsgraph.udfs.NewsgraphFunctions;

/**
 * {@code ng_annotate} through Spark gives exactly what a plain {@code StanfordCoreNLP} pipeline
 * with the same properties gives, on 200 real AllSides articles (the first 200 of 2018 in file
 * order with at most 2,500 characters, to keep the run short): the same sentences, the same entity
 * mentions (span, type, text, sentence) and, for every sentence within the parser's length limit,
 * the same sentiment class and class probabilities. Sentiment is computed for all sentences here.
 *
 * <p>Spark runs the functions in 4 partitions on {@code local[2]}: two task threads share the one
 * annotator of the JVM, and a listener checks that tasks did overlap in time. The plain pipeline
 * runs on this test's single thread, so equality also shows that two threads give the results of
 * one.
 *
 * <p>Two differences are by design and handled here as in production: pronoun mentions (whose first
 * token CoreNLP tags O) are left out, and sentences longer than {@code parse.maxlen} get no
 * sentiment in newsgraph, where CoreNLP would score a flat placeholder tree.
 */
class CoreNlpEquivalenceIT extends SparkTestSession {

  private static final Path CORPUS =
      CORPORA.resolve("allsides-article-bias/allsides-2018.jsonl.gz");
  private static final int ARTICLES = 200;
  private static final int MAX_CHARS = 2500;

  private static final List<String[]> articles = new ArrayList<>();
  private static final Map<String, Row> viaSpark = new TreeMap<>();
  private static final List<long[]> taskTimes = new ArrayList<>();
  private static NlpSettings nlp;

  @BeforeAll
  static void annotateThroughSpark() throws IOException {
    assertThat(CORPUS).as("the AllSides corpus in ../shared/corpora").isRegularFile();
    ObjectMapper json = new ObjectMapper();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(CORPUS)), StandardCharsets.UTF_8))) {
      String line;
      while (articles.size() < ARTICLES && (line = in.readLine()) != null) {
        JsonNode a = json.readTree(line);
        String text = a.path("text").asText("");
        if (!text.isBlank() && text.length() <= MAX_CHARS) {
          articles.add(new String[] {a.get("id").asText(), text});
        }
      }
    }
    assertThat(articles).as("articles taken from the corpus").hasSize(ARTICLES);

    nlp = NlpSettings.defaults().withSentimentScope(SentimentScope.ALL);
    NewsgraphFunctions.registerAll(spark, nlp, new EntityCanonicalizer());
    spark
        .sparkContext()
        .addSparkListener(
            new SparkListener() {
              @Override
              public void onTaskEnd(SparkListenerTaskEnd end) {
                synchronized (taskTimes) {
                  taskTimes.add(
                      new long[] {end.taskInfo().launchTime(), end.taskInfo().finishTime()});
                }
              }
            });
    StructType schema =
        new StructType()
            .add("id", DataTypes.StringType, false)
            .add("text", DataTypes.StringType, false);
    List<Row> rows = articles.stream().map(a -> RowFactory.create(a[0], a[1])).toList();
    synchronized (taskTimes) {
      taskTimes.clear();
    }
    for (Row r :
        spark
            .createDataFrame(rows, schema)
            .repartition(4)
            .select(col("id"), call_udf(NewsgraphFunctions.ANNOTATE, col("text")).as("a"))
            .collectAsList()) {
      viaSpark.put(r.getString(0), r.getStruct(1));
    }
  }

  @Test
  void twoTaskThreadsRanAtOnce() {
    List<long[]> times;
    synchronized (taskTimes) {
      times = List.copyOf(taskTimes);
    }
    boolean overlap = false;
    for (long[] a : times) {
      for (long[] b : times) {
        overlap |= a != b && a[0] < b[1] && b[0] < a[1];
      }
    }
    assertThat(overlap).as("two annotation tasks overlapped in time").isTrue();
  }

  @Test
  void sparkResultsEqualAPlainCoreNlpPipeline() {
    StanfordCoreNLP.clearAnnotatorPool();
    Properties props = nlp.nerProperties();
    props.putAll(nlp.sentimentProperties());
    props.setProperty("annotators", props.getProperty("annotators") + ",parse,sentiment");
    StanfordCoreNLP plain = new StanfordCoreNLP(props);

    int mentions = 0;
    int scored = 0;
    int tooLong = 0;
    for (String[] article : articles) {
      String id = article[0];
      Annotation doc = new Annotation(article[1]);
      plain.annotate(doc);
      Row ours = viaSpark.get(id);
      assertThat(ours.isNullAt(ours.fieldIndex("failure"))).as("%s annotated", id).isTrue();

      List<String> expectedMentions = new ArrayList<>();
      for (CoreMap m : doc.get(CoreAnnotations.MentionsAnnotation.class)) {
        List<CoreLabel> tokens = m.get(CoreAnnotations.TokensAnnotation.class);
        if ("O".equals(tokens.get(0).ner())) {
          continue;
        }
        expectedMentions.add(
            m.get(CoreAnnotations.CharacterOffsetBeginAnnotation.class)
                + "-"
                + m.get(CoreAnnotations.CharacterOffsetEndAnnotation.class)
                + " "
                + m.get(CoreAnnotations.NamedEntityTagAnnotation.class)
                + " s"
                + tokens.get(0).sentIndex()
                + " "
                + m.get(CoreAnnotations.TextAnnotation.class));
      }
      List<String> actualMentions = new ArrayList<>();
      for (Row m : ours.<Row>getList(ours.fieldIndex("mentions"))) {
        actualMentions.add(
            m.getInt(2)
                + "-"
                + m.getInt(3)
                + " "
                + m.getString(1)
                + " s"
                + m.getInt(4)
                + " "
                + m.getString(0));
      }
      assertThat(actualMentions).as("mentions of %s", id).isEqualTo(expectedMentions);
      mentions += expectedMentions.size();

      List<CoreMap> sentences = doc.get(CoreAnnotations.SentencesAnnotation.class);
      List<Row> ourSentences = ours.getList(ours.fieldIndex("sentences"));
      assertThat(ourSentences).as("sentences of %s", id).hasSameSizeAs(sentences);
      for (int i = 0; i < sentences.size(); i++) {
        CoreMap s = sentences.get(i);
        Row o = ourSentences.get(i);
        String where = id + " sentence " + i;
        assertThat(o.getInt(1) + "-" + o.getInt(2))
            .as("span of %s", where)
            .isEqualTo(
                s.get(CoreAnnotations.CharacterOffsetBeginAnnotation.class)
                    + "-"
                    + s.get(CoreAnnotations.CharacterOffsetEndAnnotation.class));
        int tokens = s.get(CoreAnnotations.TokensAnnotation.class).size();
        if (tokens > nlp.parseMaxLen()) {
          assertThat(o.isNullAt(4)).as("no sentiment for over-long %s", where).isTrue();
          tooLong++;
          continue;
        }
        Tree tree = s.get(SentimentCoreAnnotations.SentimentAnnotatedTree.class);
        SimpleMatrix p = RNNCoreAnnotations.getPredictions(tree);
        List<Double> expected = new ArrayList<>();
        for (int k = 0; k < p.getNumElements(); k++) {
          expected.add(p.get(k));
        }
        assertThat(o.getInt(4))
            .as("sentiment class of %s", where)
            .isEqualTo(RNNCoreAnnotations.getPredictedClass(tree));
        assertThat(o.<Double>getList(7)).as("class probabilities of %s", where).isEqualTo(expected);
        scored++;
      }
    }
    System.out.printf(
        "equivalence: %d articles, %d mentions, %d sentences with sentiment, %d over parse.maxlen%n",
        articles.size(), mentions, scored, tooLong);
    assertThat(mentions).as("mentions compared").isGreaterThan(1000);
    assertThat(scored).as("sentence sentiments compared").isGreaterThan(1000);
  }
}
