package org.newsgraph.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.sql.Date;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.newsgraph.config.SettingKeys;
import org.newsgraph.config.Settings;
import org.newsgraph.errors.NewsgraphErrors;
import org.newsgraph.errors.NewsgraphException;
import org.newsgraph.tables.TableIO;
import org.newsgraph.tables.Tables;
import org.newsgraph.testing.SparkTestSession;
import org.newsgraph.testing.TestTables;

/**
 * One run, one record: {@link RunRecord} appends one row to {@code runs} per run, with its id and
 * date, its stages' counts, the Delta version of every table at its end and the tables it
 * committed; a failed run is recorded as failed with the error's message, and the error still
 * reaches the caller.
 */
class RunRecordTest extends SparkTestSession {

  private static Settings settings(String output) {
    return Settings.defaults()
        .with(SettingKeys.OUTPUT.key(), output)
        .with(SettingKeys.RUN_DATE.key(), "2018-09-12");
  }

  private static List<Row> runs(String output) {
    return TableIO.read(spark, output, Tables.RUNS).orderBy(Tables.STARTED).collectAsList();
  }

  @Test
  void aRunIsOneRowWithItsStagesAndTheVersionOfEveryTable() throws IOException {
    String output = tempDir("runs-succeeded").toString();
    Settings settings = settings(output);
    RunRecord first = RunRecord.start("aggregate", settings);
    long written =
        first.record(
            spark,
            output,
            () ->
                first.stage(
                    "aggregate",
                    () -> {
                      TableIO.replace(
                          TestTables.capped(spark, "a1", "a2"), output, Tables.CAPPED_ARTICLES);
                      return 2L;
                    },
                    n -> Map.of("rows", n)));
    RunRecord second = RunRecord.start("aggregate", settings);
    second.record(spark, output, () -> "nothing written");

    assertThat(written).as("the work's result").isEqualTo(2L);
    List<Row> rows = runs(output);
    assertThat(rows).as("rows of runs after two runs").hasSize(2);
    Row r = rows.get(0);
    assertThat(r.<String>getAs(Tables.RUN_ID)).as("run id").isEqualTo(first.runId());
    assertThat(r.<Date>getAs(Tables.RUN_DATE).toLocalDate())
        .as("run date")
        .isEqualTo(java.time.LocalDate.parse("2018-09-12"));
    assertThat(r.<String>getAs(Tables.COMMAND)).as("command").isEqualTo("aggregate");
    assertThat(r.<String>getAs(Tables.STATUS)).as("status").isEqualTo(RunRecord.SUCCEEDED);
    assertThat(r.<String>getAs(Tables.ERROR)).as("error").isNull();
    assertThat(r.<java.sql.Timestamp>getAs(Tables.ENDED))
        .as("end")
        .isAfterOrEqualTo(r.<java.sql.Timestamp>getAs(Tables.STARTED));
    List<Row> stages = r.getList(r.fieldIndex(Tables.STAGES));
    assertThat(stages).as("stages").hasSize(1);
    assertThat(stages.get(0).<String>getAs(Tables.STAGE)).as("stage").isEqualTo("aggregate");
    assertThat(stages.get(0).<Double>getAs(Tables.SECONDS)).as("stage seconds").isNotNegative();
    assertThat(stages.get(0).<String, Long>getJavaMap(stages.get(0).fieldIndex(Tables.COUNTS)))
        .as("stage counts")
        .isEqualTo(Map.of("rows", 2L));
    assertThat(r.<String, Long>getJavaMap(r.fieldIndex(Tables.TABLE_VERSIONS)))
        .as("table versions at the end of the first run")
        .isEqualTo(Map.of(Tables.CAPPED_ARTICLES.name(), 0L));
    assertThat(r.<String>getList(r.fieldIndex(Tables.COMMITTED_TABLES)))
        .as("tables the first run committed")
        .containsExactly(Tables.CAPPED_ARTICLES.name());

    Row again = rows.get(1);
    assertThat(again.<String, Long>getJavaMap(again.fieldIndex(Tables.TABLE_VERSIONS)))
        .as("table versions at the end of the second run: the ones it read")
        .isEqualTo(Map.of(Tables.CAPPED_ARTICLES.name(), 0L));
    assertThat(again.<String>getList(again.fieldIndex(Tables.COMMITTED_TABLES)))
        .as("tables the second run committed")
        .isEmpty();
    assertThat(again.getList(again.fieldIndex(Tables.STAGES))).as("its stages").isEmpty();
  }

  @Test
  void aFailedRunIsRecordedWithItsErrorWhichStillReachesTheCaller() throws IOException {
    String output = tempDir("runs-failed").toString();
    RunRecord run = RunRecord.start("ingest", settings(output));
    NewsgraphException error = NewsgraphErrors.inputNotFound("/no/such/input");

    assertThatThrownBy(
            () ->
                run.record(
                    spark,
                    output,
                    () ->
                        run.stage(
                            "ingest",
                            () -> {
                              throw error;
                            },
                            x -> Map.of())))
        .as("the error of the run")
        .isSameAs(error);

    List<Row> rows = runs(output);
    assertThat(rows).as("rows of runs").hasSize(1);
    Row r = rows.get(0);
    assertThat(r.<String>getAs(Tables.STATUS)).as("status").isEqualTo(RunRecord.FAILED);
    assertThat(r.<String>getAs(Tables.ERROR))
        .as("error: problem, cause and fix")
        .contains("Input path /no/such/input does not exist", "cause:", "fix:");
    List<Row> stages = r.getList(r.fieldIndex(Tables.STAGES));
    assertThat(stages).as("the failed stage, with its time").hasSize(1);
    assertThat(stages.get(0).<String, Long>getJavaMap(stages.get(0).fieldIndex(Tables.COUNTS)))
        .as("counts of the failed stage")
        .isEmpty();
  }

  @Test
  void aBadRunDateFailsBeforeTheRunStarts() {
    Settings bad = Settings.defaults().with(SettingKeys.RUN_DATE.key(), "12/09/2018");
    assertThatThrownBy(() -> RunRecord.start("run", bad))
        .as("a run date that is not YYYY-MM-DD")
        .isInstanceOf(NewsgraphException.class)
        .hasMessageContaining(SettingKeys.RUN_DATE.key());
  }
}
