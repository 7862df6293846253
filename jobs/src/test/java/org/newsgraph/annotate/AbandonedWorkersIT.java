package org.newsgraph.annotate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsgraph.config.SettingKeys;
import org.newsgraph.config.Settings;
import org.newsgraph.ingest.IngestJob;
import org.newsgraph.nlp.AbandonedThreadsException;
import org.newsgraph.nlp.DocumentAnnotator;
import org.newsgraph.tables.DeltaSession;
import org.newsgraph.tables.TableIO;
import org.newsgraph.tables.Tables;
import org.newsgraph.testing.MarkerAnnotator;
import org.newsgraph.testing.SparkTestSession;

/**
 * A document that spins in code that ignores interruption, with real models on a session that
 * retries failed tasks ({@code local[2,3]}: two cores, three attempts per task, as a cluster
 * retries them): past the time budget its worker is abandoned; at {@code
 * newsgraph.annotate.maxAbandonedThreads} = 1 the task's next document fails the task with {@link
 * AbandonedThreadsException}; the first failed task ends the spin (as an executor replaced by a new
 * one would have no stuck thread), Spark retries the task, and annotate ends with every article
 * annotated exactly once.
 */
class AbandonedWorkersIT extends SparkTestSession {

  private static final int ARTICLES = 6;
  private static final List<String> FAILED_TASKS = new CopyOnWriteArrayList<>();

  private static String output;
  private static AnnotateJob.Report report;

  @BeforeAll
  static void annotateWithASpinningDocument() throws IOException {
    spark.stop();
    spark =
        DeltaSession.tune(
            localSession("local[2,3]", "newsgraph-abandoned-workers")
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate());
    spark
        .sparkContext()
        .addSparkListener(
            new SparkListener() {
              @Override
              public void onTaskEnd(SparkListenerTaskEnd end) {
                if (end.reason() instanceof TaskFailedReason failed) {
                  FAILED_TASKS.add(failed.toErrorString());
                  MarkerAnnotator.releaseSpin();
                }
              }
            });
    Path input = Files.createDirectories(tempDir("abandoned-input").resolve("wire"));
    output = tempDir("abandoned-output").toString();
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= ARTICLES; i++) {
      // Every article carries the marker; the first one annotated spins.
      lines.add(
          "{\"id\":\"a"
              + i
              + "\",\"published\":\"2018-07-16\",\"source\":\"Test Wire\",\"text\":\"Officials in"
              + " Paris said "
              + MarkerAnnotator.SPIN_ONCE
              + " that Emmanuel Macron met Angela Merkel in Berlin on day "
              + i
              + ".\"}");
    }
    Files.write(input.resolve("feed.jsonl"), lines, StandardCharsets.UTF_8);
    Settings settings =
        Settings.defaults()
            .with(SettingKeys.INPUT.key(), input.toString())
            .with(SettingKeys.OUTPUT.key(), output)
            .with(SettingKeys.SENTIMENT.key(), "off")
            .with(SettingKeys.CUSTOM_ANNOTATORS.key(), "marker=" + MarkerAnnotator.class.getName())
            .with(SettingKeys.TIMEOUT_SECONDS.key(), "2")
            .with(SettingKeys.MAX_ABANDONED_THREADS.key(), "1");
    IngestJob.run(spark, settings);
    report = AnnotateJob.run(spark, settings);
  }

  @AfterAll
  static void endTheSpin() {
    MarkerAnnotator.releaseSpin();
  }

  @Test
  void theTaskWithTheStuckWorkerFailedAndItsRetryAnnotatedEveryArticleOnce() {
    assertThat(MarkerAnnotator.spun()).as("a document spun").isTrue();
    assertThat(FAILED_TASKS)
        .as("failed task attempts")
        .isNotEmpty()
        .allSatisfy(
            reason ->
                assertThat(reason)
                    .as("why a task failed")
                    .contains(AbandonedThreadsException.class.getName())
                    .contains("newsgraph.annotate.maxAbandonedThreads = 1"));
    assertThat(report.annotated()).as("articles annotated").isEqualTo(ARTICLES);
    assertThat(report.timeouts()).as("timeouts in the committed result").isZero();
    List<Row> annotations =
        TableIO.read(spark, output, Tables.ANNOTATIONS).select(Tables.ARTICLE_ID).collectAsList();
    assertThat(annotations).as("annotation rows").hasSize(ARTICLES);
    assertThat(annotations.stream().map(r -> r.getString(0)).distinct().count())
        .as("distinct articles among them")
        .isEqualTo(ARTICLES);
    assertThat(DocumentAnnotator.abandonedThreads())
        .as("abandoned workers left in this JVM")
        .isZero();
  }
}
