package org.newsgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsgraph.config.SettingKeys;
import org.newsgraph.config.Settings;
import org.newsgraph.runs.RunRecord;
import org.newsgraph.tables.TableDef;
import org.newsgraph.tables.TableIO;
import org.newsgraph.tables.Tables;
import org.newsgraph.testing.KernelTables;
import org.newsgraph.testing.SparkTestSession;
import org.newsgraph.testing.TestTables;

/**
 * Nightly runs only add (the operator's experiment of issue 14): sample-data/ split into the files
 * dated up to 2018-07-31 (with the JSON Lines file and the undated note) and the later ones, run
 * night by night into one output with real CoreNLP. The second night keeps every article,
 * annotation and mention of the first and annotates only its own articles; the tables equal one run
 * over both inputs at once (run beside the nights); running the second night again changes no
 * table; the runs table records each night (one run id and the night's run date on the rows it
 * wrote, what it annotated, the versions that read the tables as of it); and Delta Kernel, a reader
 * independent of Spark, reads every table as Spark does.
 */
class NightlyRunsIT extends SparkTestSession {

  private static final Path SAMPLE = PROJECT_ROOT.resolve("sample-data");

  /** A first-night article that the second night republishes. */
  private static final String ORIGINAL =
      "text/harbor-gazette/2018-07-16-presidents-meet-in-helsinki.txt";

  /** Run dates of the two nights (the first night's input has articles up to 2018-09-25). */
  private static final String NIGHT1 = "2018-09-30";

  private static final String NIGHT2 = "2018-10-01";

  private static String nights;
  private static String allAtOnce;
  private static Path night1;
  private static Path night2;
  private static RunJob.Summary first;
  private static RunJob.Summary second;
  private static long[] countsAfterFirst;

  @BeforeAll
  static void runNightByNight() throws Exception {
    Path drops = tempDir("drops");
    night1 = drops.resolve("night1");
    night2 = drops.resolve("night2");
    try (Stream<Path> files = Files.walk(SAMPLE)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path relative = SAMPLE.relativize(f);
        if (relative.startsWith("expected") || f.getFileName().toString().endsWith(".md")) {
          continue;
        }
        String name = f.getFileName().toString();
        boolean later = name.matches("\\d{4}-\\d{2}-\\d{2}-.*") && name.compareTo("2018-08") > 0;
        Path target = (later ? night2 : night1).resolve(relative.toString());
        Files.createDirectories(target.getParent());
        Files.copy(f, target);
      }
    }
    // A late copy of a first-night article, republished by another outlet: it joins that story.
    Path copy = night2.resolve("text/eastern-wire/2018-08-10-helsinki-summit-recap.txt");
    Files.createDirectories(copy.getParent());
    Files.writeString(
        copy,
        Files.readString(SAMPLE.resolve(ORIGINAL))
            .replaceFirst("^date 2018-07-16", "date 2018-08-10"));
    nights = tempDir("nightly-output").toString();
    allAtOnce = tempDir("all-at-once-output").toString();
    CompletableFuture<RunJob.Summary> once =
        beside(() -> RunJob.run(spark, settings(night1 + "," + night2, allAtOnce, NIGHT2)));
    first = RunJob.run(spark, settings(night1.toString(), nights, NIGHT1));
    countsAfterFirst = counts(nights);
    second = RunJob.run(spark, settings(night2.toString(), nights, NIGHT2));
    once.get(BESIDE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static Settings settings(String input, String output, String runDate) {
    return Settings.defaults()
        .with(SettingKeys.INPUT.key(), input)
        .with(SettingKeys.OUTPUT.key(), output)
        .with(SettingKeys.RUN_DATE.key(), runDate);
  }

  /** Articles, annotations, mentions. */
  private static long[] counts(String output) {
    return new long[] {
      TableIO.read(spark, output, Tables.ARTICLES).count(),
      TableIO.read(spark, output, Tables.ANNOTATIONS).count(),
      TableIO.read(spark, output, Tables.MENTIONS_TABLE).count()
    };
  }

  /** The row of runs of the run that started n-th (0 the first) on the nightly output. */
  private static Row run(int n) {
    return TableIO.read(spark, nights, Tables.RUNS).orderBy(Tables.STARTED).collectAsList().get(n);
  }

  private static Map<String, Long> stageCounts(Row run, String stage) {
    for (Row s : run.<Row>getList(run.fieldIndex(Tables.STAGES))) {
      if (s.<String>getAs(Tables.STAGE).equals(stage)) {
        return s.getJavaMap(s.fieldIndex(Tables.COUNTS));
      }
    }
    throw new AssertionError("no stage " + stage + " in " + run);
  }

  @Test
  void theSecondNightKeepsEverythingOfTheFirstAndAnnotatesOnlyItsOwnArticles() {
    long[] after = counts(nights);
    assertThat(first.ingest().articles() + second.ingest().articles())
        .as("articles of both nights: the sample's 34 and the late copy")
        .isEqualTo(35);
    assertThat(second.ingest().added())
        .as("articles added by the second night")
        .isEqualTo(second.ingest().articles());
    assertThat(after[0])
        .as("articles after the second night: both nights'")
        .isEqualTo(countsAfterFirst[0] + second.ingest().articles());
    assertThat(after[1])
        .as("annotations after the second night: both nights'")
        .isEqualTo(countsAfterFirst[1] + second.ingest().articles());
    assertThat(after[2])
        .as("mentions after the second night, more than after the first")
        .isGreaterThan(countsAfterFirst[2]);
    assertThat(second.annotate().annotated())
        .as("articles CoreNLP annotated on the second night: its own")
        .isEqualTo(second.ingest().articles());
    assertThat(second.annotate().reused())
        .as("annotations of the first night reused")
        .isEqualTo(countsAfterFirst[1]);
    assertThat(second.aggregate().periodsRemoved()).as("periods removed").isZero();
  }

  @Test
  void aLateCopyJoinsTheStoryOfTheFirstNightsArticle() {
    List<Row> rows =
        TableIO.read(spark, nights, Tables.ARTICLES)
            .where(
                org.apache
                    .spark
                    .sql
                    .functions
                    .col(Tables.INPUT_FILE)
                    .endsWith("2018-07-16-presidents-meet-in-helsinki.txt")
                    .or(
                        org.apache
                            .spark
                            .sql
                            .functions
                            .col(Tables.INPUT_FILE)
                            .endsWith("2018-08-10-helsinki-summit-recap.txt")))
            .orderBy(Tables.DATE)
            .collectAsList();
    assertThat(rows).as("the original and its copy").hasSize(2);
    assertThat(rows.get(1).<String>getAs(Tables.STORY_ID))
        .as("story of the copy added on the second night")
        .isEqualTo(rows.get(0).getAs(Tables.STORY_ID));
    assertThat(rows.stream().map(r -> r.<Boolean>getAs(Tables.IS_CANONICAL)).toList())
        .as("canonical: the earlier original, not the copy")
        .containsExactly(true, false);
    assertThat(second.ingest().stories())
        .as("stories after the second night: one fewer than its articles' count")
        .isEqualTo(second.ingest().corpusArticles() - 1);
  }

  @Test
  void theRunsTableRecordsEachNightWithOneRunIdAndTheVersionsToReadItsTablesBy() {
    RunJob.Summary[] summaries = {first, second};
    String[] dates = {NIGHT1, NIGHT2};
    for (int n = 0; n < 2; n++) {
      Row run = run(n);
      String id = run.getAs(Tables.RUN_ID);
      assertThat(List.of(run.<String>getAs(Tables.COMMAND), run.<String>getAs(Tables.STATUS)))
          .as("command and status of night %d", n + 1)
          .isEqualTo(List.of("run", RunRecord.SUCCEEDED));
      assertThat(run.<java.sql.Date>getAs(Tables.RUN_DATE).toString())
          .as("run date of night %d", n + 1)
          .isEqualTo(dates[n]);
      Map<String, Long> annotate = stageCounts(run, "annotate");
      long added = stageCounts(run, "ingest").get("added");
      assertThat(added)
          .as("articles added on night %d, from runs", n + 1)
          .isEqualTo(summaries[n].ingest().added());
      assertThat(annotate.get("annotated") + annotate.get("errors") + annotate.get("timeouts"))
          .as("articles CoreNLP ran on on night %d, from runs: the night's new ones", n + 1)
          .isEqualTo(added);
      assertThat(annotate.get("annotated"))
          .as("articles annotated on night %d, runs vs the report", n + 1)
          .isEqualTo(summaries[n].annotate().annotated());
      for (TableDef log :
          List.of(Tables.INGEST_RUNS, Tables.ANNOTATE_RUNS, Tables.RESOLUTION_STATS)) {
        assertThat(
                TableIO.read(spark, nights, log)
                    .where(org.apache.spark.sql.functions.col(Tables.RUN_ID).equalTo(id))
                    .where(org.apache.spark.sql.functions.col(Tables.RUN_DATE).equalTo(dates[n]))
                    .isEmpty())
            .as("%s has rows of night %d's run id and run date", log.name(), n + 1)
            .isFalse();
      }
    }
    Row firstNight = run(0);
    assertThat(firstNight.<String>getList(firstNight.fieldIndex(Tables.COMMITTED_TABLES)))
        .as("tables the first night committed")
        .contains(Tables.ARTICLES.name(), Tables.ANNOTATIONS.name(), Tables.MENTIONS_TABLE.name());
    long articlesVersion =
        firstNight
            .<String, Long>getJavaMap(firstNight.fieldIndex(Tables.TABLE_VERSIONS))
            .get(Tables.ARTICLES.name());
    long mentionsVersion =
        firstNight
            .<String, Long>getJavaMap(firstNight.fieldIndex(Tables.TABLE_VERSIONS))
            .get(Tables.MENTIONS_TABLE.name());
    // The query of docs/tables.md: the tables as of a run, by time travel.
    long[] asOfNight1 = {
      spark
          .sql(
              "SELECT count(*) FROM delta.`"
                  + TableIO.path(nights, Tables.ARTICLES)
                  + "` VERSION AS OF "
                  + articlesVersion)
          .first()
          .getLong(0),
      spark
          .sql(
              "SELECT count(*) FROM delta.`"
                  + TableIO.path(nights, Tables.MENTIONS_TABLE)
                  + "` VERSION AS OF "
                  + mentionsVersion)
          .first()
          .getLong(0)
    };
    assertThat(asOfNight1)
        .as("articles and mentions as of the first night's versions")
        .containsExactly(countsAfterFirst[0], countsAfterFirst[2]);
  }

  @Test
  void nightByNightEqualsAllAtOnce() {
    TestTables.assertSameTables(
        spark, TestTables.DATA_AND_QUARANTINE, nights, allAtOnce, "night by night vs all at once");
  }

  @Test
  void runningTheSameNightAgainChangesNoTable() {
    // The other tests hold whether they run before or after this one: that is what it checks.
    RunJob.Summary rerun = RunJob.run(spark, settings(night2.toString(), nights, NIGHT2));

    assertThat(List.of(rerun.ingest().added(), rerun.ingest().updated()))
        .as("articles added and updated by the re-run")
        .isEqualTo(List.of(0L, 0L));
    assertThat(rerun.annotate().annotated()).as("articles annotated by the re-run").isZero();
    assertThat(rerun.aggregate().periodsWritten()).as("periods written by the re-run").isZero();
    TestTables.assertSameTables(
        spark,
        TestTables.DATA_AND_QUARANTINE,
        nights,
        allAtOnce,
        "after running the second night twice");
  }

  @Test
  void everyTableReadsTheSameWithDeltaKernel() {
    for (TableDef table : Tables.ALL) {
      KernelTables.Read read = KernelTables.read(nights, table);
      Dataset<Row> rows = TableIO.read(spark, nights, table);
      assertThat(read.columns())
          .as("%s columns read by Delta Kernel", table.name())
          .isEqualTo(table.columns());
      List<String> bySpark =
          rows.select(table.columns().get(0)).as(Encoders.STRING()).collectAsList();
      assertThat(read.firstColumn())
          .as("%s: %s of every row, Delta Kernel vs Spark", table.name(), table.columns().get(0))
          .containsExactlyInAnyOrderElementsOf(bySpark);
    }
  }
}
