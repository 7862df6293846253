package org.newsgraph.annotate;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.newsgraph.config.SettingKeys;
import org.newsgraph.config.Settings;
import org.newsgraph.ingest.IngestJob;
import org.newsgraph.nlp.DocumentAnnotator;
import org.newsgraph.nlp.NlpSettings;
import org.newsgraph.periods.AggregateJob;
import org.newsgraph.tables.TableIO;
import org.newsgraph.tables.Tables;
import org.newsgraph.testing.MarkerAnnotator;
import org.newsgraph.testing.SparkTestSession;

/**
 * The annotate stage with real models on documents that break CoreNLP: one an annotator throws on
 * (injected through {@code newsgraph.annotate.customAnnotators}), one that hangs past the time
 * budget, and 200,000 characters without punctuation. They end in quarantine while the other
 * articles are annotated; then stored annotations are reused or redone exactly as the settings and
 * texts require, counted in CoreNLP passes. Each annotate run is followed by aggregate, which
 * writes the mentions table. The tests run in order: each step builds on the last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnnotationSafetyIT extends SparkTestSession {

  private static final String[] GOOD = {
    "Russian President Vladimir Putin met Finnish President Sauli Niinisto in Helsinki on Monday."
        + " The two leaders discussed trade across the Baltic Sea.",
    "German Chancellor Angela Merkel told reporters in Berlin that the European Union would answer"
        + " new tariffs. Merkel spoke after a meeting with French President Emmanuel Macron.",
    "Kim Jong Un inspected a factory near Pyongyang, state media said. The North Korean leader was"
        + " joined by officials of the Workers' Party.",
    "Prime Minister Theresa May faced questions in London about the Brexit plan. May said the"
        + " government would publish its proposals next week."
  };

  private static Path input;
  private static String output;
  private static AnnotateJob.Report first;

  private static Settings settings() {
    return Settings.defaults()
        .with(SettingKeys.INPUT.key(), input.toString())
        .with(SettingKeys.OUTPUT.key(), output)
        .with(SettingKeys.MAX_CHARS.key(), "300000")
        .with(SettingKeys.CUSTOM_ANNOTATORS.key(), "marker=" + MarkerAnnotator.class.getName())
        .with(SettingKeys.TIMEOUT_SECONDS.key(), "5");
  }

  private static void writeInput(String secondText) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < GOOD.length; i++) {
      lines.add(article("good" + (i + 1), i == 1 ? secondText : GOOD[i]));
    }
    lines.add(
        article("fails", "Officials in Paris said " + MarkerAnnotator.FAIL + " the talks ended."));
    lines.add(
        article("hangs", "Officials in Rome said " + MarkerAnnotator.HANG + " the talks ended."));
    // 200,000 characters of words without a single punctuation mark: one huge "sentence".
    Random random = new Random(42);
    String[] words = {"the", "minister", "said", "Moscow", "talks", "market", "people", "new"};
    StringBuilder junk = new StringBuilder();
    while (junk.length() < 200_000) {
      junk.append(words[random.nextInt(words.length)]).append(' ');
    }
    lines.add(article("no-punctuation", junk.substring(0, 200_000)));
    Files.write(input.resolve("feed.jsonl"), lines, StandardCharsets.UTF_8);
  }

  private static String article(String id, String text) {
    return "{\"id\":\""
        + id
        + "\",\"published\":\"2018-07-16\",\"source\":\"Test Wire\",\"text\":\""
        + text
        + "\"}";
  }

  @BeforeAll
  static void ingest() throws IOException {
    input = Files.createDirectories(tempDir("safety-input").resolve("wire"));
    output = tempDir("safety-output").toString();
    writeInput(GOOD[1]);
    IngestJob.run(spark, settings());
  }

  /** Runs annotate and checks how many documents it gave CoreNLP. */
  private static AnnotateJob.Report annotate(Settings settings, long expectedPasses) {
    long before = DocumentAnnotator.documentsAnnotated();
    AnnotateJob.Report report = AnnotateJob.run(spark, settings);
    assertThat(DocumentAnnotator.documentsAnnotated() - before)
        .as("CoreNLP passes in this annotate run")
        .isEqualTo(expectedPasses);
    return report;
  }

  /** {@link #annotate}, then aggregate, for the tests that read the mentions table. */
  private static AnnotateJob.Report annotateAndAggregate(Settings settings, long expectedPasses) {
    AnnotateJob.Report report = annotate(settings, expectedPasses);
    // Canonical names (the mentions table) come from aggregate, which never calls CoreNLP.
    long beforeAggregate = DocumentAnnotator.documentsAnnotated();
    AggregateJob.run(spark, settings);
    assertThat(DocumentAnnotator.documentsAnnotated() - beforeAggregate)
        .as("CoreNLP passes in aggregate")
        .isZero();
    return report;
  }

  @Test
  @Order(1)
  void badDocumentsAreQuarantinedAndTheRestAnnotated() {
    first = annotateAndAggregate(settings(), 7);
    assertThat(first.articles()).as("articles").isEqualTo(7);
    assertThat(first.annotated()).as("annotated").isEqualTo(4);
    assertThat(first.errors()).as("errors").isEqualTo(2);
    assertThat(first.timeouts()).as("timeouts").isEqualTo(1);
    Map<String, String> reasons = new TreeMap<>();
    for (Row r :
        TableIO.read(spark, output, Tables.QUARANTINE)
            .where(col(Tables.STAGE).equalTo("annotate"))
            .collectAsList()) {
      reasons.put(r.getAs(Tables.ARTICLE_ID), r.getAs(Tables.REASON));
    }
    assertThat(reasons)
        .as("annotate quarantine: article -> reason")
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "wire:fails", "annotation_error:java.lang.IllegalStateException",
                "wire:hangs", "annotation_timeout",
                "wire:no-punctuation",
                    "annotation_error:org.newsgraph.nlp.SentenceTooLongException"));
    List<String> withMentions =
        TableIO.read(spark, output, Tables.MENTIONS_TABLE)
            .select(Tables.ARTICLE_ID)
            .distinct()
            .orderBy(Tables.ARTICLE_ID)
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList();
    assertThat(withMentions)
        .as("articles with mentions")
        .containsExactly("wire:good1", "wire:good2", "wire:good3", "wire:good4");
  }

  @Test
  @Order(2)
  void provenanceIsRecorded() {
    String signature = AnnotateConf.nlp(settings()).signature();
    assertThat(
            TableIO.read(spark, output, Tables.MENTIONS_TABLE)
                .where(col(Tables.SETTINGS_SIGNATURE).notEqual(signature))
                .count())
        .as("mentions with another signature than %s", signature)
        .isZero();
    List<Row> runs = TableIO.read(spark, output, Tables.ANNOTATE_RUNS).collectAsList();
    assertThat(runs).as("annotate_runs rows").hasSize(1);
    Row run = runs.get(0);
    assertThat(run.<String>getAs(Tables.CORENLP_VERSION)).isEqualTo(NlpSettings.CORENLP_VERSION);
    assertThat(run.<String>getAs(Tables.SETTINGS_SIGNATURE)).isEqualTo(signature);
    assertThat(run.<String>getAs(Tables.SETTINGS))
        .as("settings recorded with the run")
        .contains("newsgraph.annotate.timeoutSeconds = 5")
        .contains("newsgraph.annotate.sentiment = entity_sentences");
    assertThat(run.<Long>getAs(Tables.ANNOTATION_TIMEOUTS)).isEqualTo(1L);
  }

  @Test
  @Order(3)
  void unchangedInputReusesEveryAnnotationAndRetriesOnlyFailures() {
    Dataset<Row> before = successfulAnnotations();
    AnnotateJob.Report again = annotate(settings(), 3);
    assertThat(again.reused()).as("reused").isEqualTo(4);
    assertThat(again.annotated()).as("annotated").isZero();
    assertThat(again.failed()).as("failures retried and failing again").isEqualTo(3);
    Dataset<Row> after = successfulAnnotations();
    assertThat(before.exceptAll(after).count() + after.exceptAll(before).count())
        .as("rows differing between the stored annotations of the two runs")
        .isZero();
  }

  @Test
  @Order(4)
  void aChangedTextIsAnnotatedAlone() throws IOException {
    writeInput(GOOD[1].replace("Berlin", "Hamburg"));
    IngestJob.run(spark, settings());
    AnnotateJob.Report changed = annotateAndAggregate(settings(), 1 + 3);
    assertThat(changed.reused()).as("reused").isEqualTo(3);
    assertThat(changed.annotated()).as("annotated: the changed article").isEqualTo(1);
    assertThat(
            TableIO.read(spark, output, Tables.MENTIONS_TABLE)
                .where(col(Tables.SURFACE).equalTo("Hamburg"))
                .count())
        .as("mentions of the new text")
        .isEqualTo(1);
  }

  @Test
  @Order(5)
  void aChangedResultSettingRedoesEveryArticle() {
    Settings noSentiment = settings().with(SettingKeys.SENTIMENT.key(), "off");
    assertThat(AnnotateConf.nlp(noSentiment).signature())
        .as("signature with sentiment off")
        .isNotEqualTo(AnnotateConf.nlp(settings()).signature());
    AnnotateJob.Report redone = annotateAndAggregate(noSentiment, 7);
    assertThat(redone.reused()).as("reused").isZero();
    assertThat(redone.annotated()).as("annotated").isEqualTo(4);
    assertThat(
            TableIO.read(spark, output, Tables.MENTIONS_TABLE)
                .where(col(Tables.SENTIMENT_LABEL).isNotNull())
                .count())
        .as("mentions with sentiment after turning it off")
        .isZero();
    assertThat(TableIO.read(spark, output, Tables.ANNOTATE_RUNS).count())
        .as("annotate_runs rows after four annotate runs")
        .isEqualTo(4);
  }

  private static Dataset<Row> successfulAnnotations() {
    return TableIO.read(spark, output, Tables.ANNOTATIONS)
        .where(col(Tables.FAILURE).isNull())
        .localCheckpoint();
  }
}
