package org.newsgraph.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsgraph.config.SettingKeys;
import org.newsgraph.config.Settings;
import org.newsgraph.errors.NewsgraphException;
import org.newsgraph.runs.RunRecord;
import org.newsgraph.tables.TableIO;
import org.newsgraph.tables.Tables;
import org.newsgraph.testing.SparkTestSession;
import org.newsgraph.testing.TestTables;

/**
 * {@link VacuumJob}: with a retention of 0 (Delta's retention check turned off for this test class
 * only) the files an earlier version used are deleted while the current version stays readable;
 * with the default retention (a week) nothing recent is deleted and time travel still works; a
 * retention under Delta's week is refused while Delta's check is on.
 */
class VacuumJobTest extends SparkTestSession {

  @BeforeAll
  static void allowRetentionsUnderAWeek() {
    spark.conf().set(VacuumJob.RETENTION_CHECK, "false");
  }

  private static Settings settings(String output, int retentionHours) {
    return Settings.defaults()
        .with(SettingKeys.OUTPUT.key(), output)
        .with(SettingKeys.VACUUM_RETENTION_HOURS.key(), Integer.toString(retentionHours));
  }

  /** An output whose capped_articles table has two versions: 0 with a1, a2 and 1 with a3. */
  private static String twoVersions(String name) throws IOException {
    String output = tempDir(name).toString();
    TableIO.replace(TestTables.capped(spark, "a1", "a2"), output, Tables.CAPPED_ARTICLES);
    TableIO.replace(TestTables.capped(spark, "a3"), output, Tables.CAPPED_ARTICLES);
    return output;
  }

  private static Dataset<Row> version(String output, long version) {
    return spark
        .read()
        .format("delta")
        .option("versionAsOf", version)
        .load(TableIO.path(output, Tables.CAPPED_ARTICLES));
  }

  /** The data files of a version (from the log): whether each is still on disk. */
  private static List<Boolean> filesOnDisk(String output, long version) {
    return java.util.Arrays.stream(version(output, version).inputFiles())
        .map(f -> Files.exists(Path.of(java.net.URI.create(f))))
        .toList();
  }

  @Test
  void aRetentionOfZeroRemovesTheReplacedFilesAndKeepsTheCurrentVersion() throws IOException {
    String output = twoVersions("vacuum-zero");
    assertThat(filesOnDisk(output, 0)).as("files of version 0 before vacuum").containsOnly(true);

    VacuumJob.Report report = VacuumJob.run(spark, settings(output, 0));

    assertThat(report.tables()).as("tables vacuumed").isEqualTo(1);
    assertThat(report.filesRemoved()).as("data files removed").isPositive();
    assertThat(filesOnDisk(output, 0))
        .as("files of version 0 after vacuum with retention 0")
        .containsOnly(false);
    assertThat(filesOnDisk(output, 1)).as("files of the current version").containsOnly(true);
    assertThat(TableIO.read(spark, output, Tables.CAPPED_ARTICLES).collectAsList())
        .as("the current version, read after vacuum")
        .extracting(r -> r.<String>getAs(Tables.ARTICLE_ID))
        .containsExactly("a3");
    List<Row> runs = TableIO.read(spark, output, Tables.RUNS).collectAsList();
    assertThat(runs).as("runs rows").hasSize(1);
    assertThat(runs.get(0).<String>getAs(Tables.COMMAND)).as("command").isEqualTo("vacuum");
    assertThat(runs.get(0).<String>getAs(Tables.STATUS))
        .as("status")
        .isEqualTo(RunRecord.SUCCEEDED);
  }

  @Test
  void theDefaultRetentionKeepsRecentVersionsReadable() throws IOException {
    String output = twoVersions("vacuum-week");

    VacuumJob.Report report = VacuumJob.run(spark, settings(output, 168));

    assertThat(report.filesRemoved()).as("data files removed").isZero();
    assertThat(version(output, 0).count()).as("rows of version 0 by time travel").isEqualTo(2);
    assertThat(TableIO.read(spark, output, Tables.CAPPED_ARTICLES).count())
        .as("rows of the current version")
        .isEqualTo(1);
  }

  @Test
  void aRetentionUnderAWeekNeedsDeltasCheckOff() {
    Settings day = settings("unused", 24);
    assertThatThrownBy(() -> VacuumJob.retentionHours(day, "true"))
        .as("24 hours with Delta's retention check on")
        .isInstanceOf(NewsgraphException.class)
        .hasMessageContaining(SettingKeys.VACUUM_RETENTION_HOURS.key())
        .hasMessageContaining(VacuumJob.RETENTION_CHECK + "=false");
    assertThat(VacuumJob.retentionHours(day, "false"))
        .as("24 hours with the check off")
        .isEqualTo(24);
  }
}
