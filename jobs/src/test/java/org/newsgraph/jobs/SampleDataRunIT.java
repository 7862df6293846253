package org.newsgraph.jobs;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsgraph.config.SettingKeys;
import org.newsgraph.config.Settings;
import org.newsgraph.nlp.DocumentAnnotator;
import org.newsgraph.tables.TableIO;
import org.newsgraph.tables.Tables;

/**
 * The whole pipeline on sample-data/ with real CoreNLP models, compared with the hand-derived
 * expectations in sample-data/expected/ (written from the article texts, not from this program).
 */
class SampleDataRunIT extends SparkTestSession {

  private static final Path SAMPLE = PROJECT_ROOT.resolve("sample-data");
  private static final Path EXPECTED = SAMPLE.resolve("expected");
  private static String output;
  private static RunJob.Summary summary;
  private static long annotationCalls;

  @BeforeAll
  static void runPipeline() throws IOException {
    output = tempDir("sample-run").toString();
    Settings settings =
        Settings.defaults()
            .with(SettingKeys.INPUT.key(), SAMPLE.toString())
            .with(SettingKeys.OUTPUT.key(), output);
    long before = DocumentAnnotator.documentsAnnotated();
    summary = RunJob.run(spark, settings);
    annotationCalls = DocumentAnnotator.documentsAnnotated() - before;
  }

  @Test
  void accountsForEveryRecord() throws IOException {
    Map<String, Long> expected = new HashMap<>();
    for (String line : Files.readAllLines(EXPECTED.resolve("summary.tsv")).subList(1, 4)) {
      String[] f = line.split("\t");
      expected.put(f[0], Long.parseLong(f[1]));
    }
    assertThat(summary.ingest().read()).as("records read").isEqualTo(expected.get("read"));
    assertThat(summary.ingest().articles()).as("articles").isEqualTo(expected.get("articles"));
    assertThat(summary.ingest().quarantined())
        .as("quarantined")
        .isEqualTo(expected.get("quarantined"));
    assertThat(summary.ingest().quarantineReasons())
        .as("quarantine reasons of the four bad records written into sample-data")
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("malformed_record", 1L, "missing_date", 2L, "bad_date", 1L));
    assertThat(summary.annotate().annotated()).as("articles annotated").isEqualTo(34);
    assertThat(summary.annotate().failed()).as("annotation failures").isZero();
    assertThat(annotationCalls).as("CoreNLP passes: exactly one per article").isEqualTo(34);
  }

  @Test
  void comentionCountsOfTrackedEntitiesMatchTheHandDerivedExpectations() throws IOException {
    Set<String> tracked = new TreeSet<>();
    for (String line : Files.readAllLines(EXPECTED.resolve("articles.tsv")).subList(1, 35)) {
      String[] f = line.split("\t", -1);
      if (f.length > 2 && !f[2].isEmpty()) {
        tracked.addAll(List.of(f[2].split("\\|")));
      }
    }
    assertThat(tracked).as("tracked entities").hasSize(17);

    Map<String, String> expected = new TreeMap<>();
    List<String> lines = Files.readAllLines(EXPECTED.resolve("comention_documents.tsv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\t");
      expected.put(f[0] + " | " + f[1] + " | " + f[2], f[3] + " documents, " + f[4] + " sentences");
    }
    // Sentences where CoreNLP's NER misses a hand-counted mention, each explained in the file.
    List<String> deviations = Files.readAllLines(EXPECTED.resolve("corenlp_deviations.tsv"));
    assertThat(deviations).as("documented CoreNLP deviations").hasSize(5);
    for (String line : deviations.subList(1, deviations.size())) {
      String[] f = line.split("\t");
      String key = f[0] + " | " + f[1] + " | " + f[2];
      String hand = expected.get(key);
      assertThat(hand).as("hand count of deviation " + key).endsWith(", " + f[3] + " sentences");
      expected.put(key, hand.replace(", " + f[3] + " sentences", ", " + f[4] + " sentences"));
    }

    Map<String, String> actual = new TreeMap<>();
    for (Row r :
        TableIO.read(spark, output, Tables.COMENTION_DAILY)
            .where(col(Tables.ENTITY_A).isin(tracked.toArray()))
            .where(col(Tables.ENTITY_B).isin(tracked.toArray()))
            .collectAsList()) {
      actual.put(
          r.getDate(0) + " | " + r.getString(1) + " | " + r.getString(2),
          r.getLong(3) + " documents, " + r.getLong(4) + " sentences");
    }
    assertThat(actual)
        .as("comention_daily restricted to the tracked entities")
        .containsExactlyEntriesOf(expected);
  }

  @Test
  void putinAndKimAreResolvedFromShortAndPossessiveForms() {
    List<Row> surfaces =
        TableIO.read(spark, output, Tables.MENTIONS_TABLE)
            .where(col(Tables.ENTITY).isin("Vladimir Putin", "Kim Jong Un"))
            .select(Tables.SURFACE)
            .distinct()
            .collectAsList();
    Set<String> forms = new TreeSet<>();
    surfaces.forEach(r -> forms.add(r.getString(0)));
    assertThat(forms)
        .as("surface forms resolved to Vladimir Putin or Kim Jong Un")
        .contains("Vladimir Putin", "Putin", "Kim Jong Un", "Kim");
  }

  @Test
  void writesEveryTableAsDatePartitionedParquet() throws IOException {
    for (var table :
        List.of(
            Tables.ARTICLES, Tables.MENTIONS_TABLE, Tables.ENTITY_DAILY, Tables.COMENTION_DAILY)) {
      Path dir = Path.of(output, table.name());
      try (var parts = Files.list(dir)) {
        assertThat(parts.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("date=")))
            .as(table.name() + " partitions")
            .contains("date=2018-05-31", "date=2018-09-12");
      }
    }
    assertThat(Files.isDirectory(Path.of(output, "quarantine", "stage=ingest")))
        .as("quarantine partition of the ingest stage")
        .isTrue();
  }

  @Test
  void mentionsCarrySentenceSentimentOnlyWhereComputed() {
    var mentions = TableIO.read(spark, output, Tables.MENTIONS_TABLE);
    long persons = mentions.where(col(Tables.ENTITY_TYPE).equalTo("PERSON")).count();
    long scored =
        mentions
            .where(col(Tables.ENTITY_TYPE).equalTo("PERSON"))
            .where(col(Tables.SENTIMENT_SCORE).isNotNull())
            .count();
    assertThat(scored)
        .as("PERSON mentions whose sentence got sentiment (entity sentences up to 80 tokens)")
        .isEqualTo(persons);
    assertThat(
            mentions
                .where(col(Tables.SENTIMENT_SCORE).lt(-1).or(col(Tables.SENTIMENT_SCORE).gt(1)))
                .count())
        .as("scores outside [-1, 1]")
        .isZero();
    assertThat(
            mentions
                .where(col(Tables.SURFACE).isin("he", "He", "his", "His", "him", "Him"))
                .count())
        .as("pronoun mentions")
        .isZero();
  }

  /**
   * The shaded jar, submitted through Spark's own SparkSubmit in a separate JVM whose classpath
   * holds only Spark (as a Spark installation does), with the CoreNLP models given by --jars,
   * writes the same tables as the in-process run.
   */
  @Test
  void sparkSubmitOfTheShadedJarWritesTheSameTables() throws Exception {
    Path target = PROJECT_ROOT.resolve("jobs/target");
    Path jobJar;
    try (var jars = Files.list(target)) {
      jobJar =
          jars.filter(p -> p.getFileName().toString().matches("newsgraph-jobs-.*\\.jar"))
              .findFirst()
              .orElseThrow(
                  () -> new AssertionError("no shaded jar in " + target + "; run mvn verify"));
    }
    String sparkClasspath = Files.readString(target.resolve("spark-classpath.txt")).strip();
    String models =
        String.join(
            ",",
            List.of(Files.readString(target.resolve("runtime-classpath.txt")).strip().split(":"))
                .stream()
                .filter(p -> p.contains("stanford-corenlp-") && p.contains("-models"))
                .toList());
    assertThat(models).as("models jars for --jars").contains("models-english");
    String submitted = tempDir("spark-submit-run").resolve("out").toString();

    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(System.getProperty("newsgraph.test.opens", "").split(" ")));
    command.removeIf(String::isEmpty);
    command.addAll(
        List.of(
            "-Xmx3g",
            "-cp",
            sparkClasspath,
            "org.apache.spark.deploy.SparkSubmit",
            "--master",
            "local[2]",
            "--class",
            "org.newsgraph.jobs.NewsgraphCli",
            "--conf",
            "spark.ui.enabled=false",
            "--conf",
            "spark.driver.host=127.0.0.1",
            "--conf",
            "spark.driver.bindAddress=127.0.0.1",
            "--jars",
            models,
            jobJar.toString(),
            "run",
            "--input",
            SAMPLE.toString(),
            "--output",
            submitted));
    Path log = tempDir("spark-submit-log").resolve("spark-submit.log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean finished = process.waitFor(10, java.util.concurrent.TimeUnit.MINUTES);
    if (!finished) {
      process.destroyForcibly();
    }
    String printed = Files.readString(log);
    assertThat(finished).as("spark-submit finished within 10 minutes; log:%n%s", printed).isTrue();
    assertThat(process.exitValue()).as("spark-submit exit code; log:%n%s", printed).isZero();
    assertThat(printed)
        .as("summary printed by the submitted job")
        .contains("top 10 co-mention pairs");

    for (var table :
        List.of(
            Tables.ARTICLES,
            Tables.MENTIONS_TABLE,
            Tables.ENTITY_DAILY,
            Tables.COMENTION_DAILY,
            Tables.QUARANTINE)) {
      var inProcess = TableIO.read(spark, output, table);
      var viaSubmit = TableIO.read(spark, submitted, table);
      // Input paths are the same; compare every column of every row.
      assertThat(viaSubmit.count()).as(table.name() + " rows").isEqualTo(inProcess.count());
      assertThat(viaSubmit.exceptAll(inProcess).count())
          .as(table.name() + " rows only in the spark-submit output")
          .isZero();
      assertThat(inProcess.exceptAll(viaSubmit).count())
          .as(table.name() + " rows only in the in-process output")
          .isZero();
    }
  }
}
