package org.newsgraph.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.newsgraph.config.SettingKeys;
import org.newsgraph.errors.NewsgraphException;
import org.newsgraph.periods.AggregateJob;
import org.newsgraph.periods.PeriodTablesTest;
import org.newsgraph.tables.TableDef;
import org.newsgraph.tables.TableIO;
import org.newsgraph.tables.Tables;
import org.newsgraph.testing.SparkTestSession;
import org.newsgraph.testing.TestTables;

/**
 * {@link DeleteJob} on the hand-written corpus of {@link PeriodTablesTest} (annotations included,
 * so no CoreNLP): deleting a source gives the same tables as a run that never had its articles,
 * stories of the remaining articles included (Outlet A's d1 was the first article of the story it
 * shares with Outlet B's d2); a delete without any criterion is refused before any work.
 */
class DeleteJobTest extends SparkTestSession {

  private static final String SOURCE = "Outlet A";

  private static Dataset<Row> rows(String output, TableDef table) {
    return TableIO.read(spark, output, table).drop(Tables.RUN_ID, Tables.RUN_DATE);
  }

  @Test
  void deletingASourceGivesTheTablesOfARunThatNeverHadIt() throws IOException {
    String output = tempDir("delete-source").toString();
    PeriodTablesTest.writeCorpus(output, PeriodTablesTest.CORPUS);
    AggregateJob.run(spark, PeriodTablesTest.settings(output));
    List<PeriodTablesTest.A> without =
        PeriodTablesTest.CORPUS.stream().filter(a -> !a.source().equals(SOURCE)).toList();
    String never = tempDir("delete-never-had-it").toString();
    PeriodTablesTest.writeCorpus(never, without);
    AggregateJob.run(spark, PeriodTablesTest.settings(never));

    DeleteJob.Report report =
        DeleteJob.run(
            spark, PeriodTablesTest.settings(output).with(SettingKeys.DELETE_SOURCE.key(), SOURCE));

    long ofSource = PeriodTablesTest.CORPUS.size() - without.size();
    assertThat(List.of(report.articles(), report.annotations()))
        .as("articles and annotations deleted")
        .isEqualTo(List.of(ofSource, ofSource));
    assertThat(report.restoried()).as("remaining articles whose story changed (d2)").isEqualTo(1);
    assertThat(report.aggregate().periodsRemoved())
        .as("periods left without articles, removed")
        .isPositive();
    for (TableDef table : TestTables.DATA) {
      // The corpus is written without ingest, so without article_signatures.
      assertThat(TableIO.exists(spark, output, table))
          .as("%s exists after the delete as in the run that never had %s", table.name(), SOURCE)
          .isEqualTo(TableIO.exists(spark, never, table));
      if (!TableIO.exists(spark, never, table)) {
        continue;
      }
      Dataset<Row> deleted = rows(output, table);
      Dataset<Row> expected = rows(never, table);
      assertThat(deleted.exceptAll(expected).count())
          .as("%s rows only after the delete", table.name())
          .isZero();
      assertThat(expected.exceptAll(deleted).count())
          .as("%s rows only in the run that never had %s", table.name(), SOURCE)
          .isZero();
    }
    Row last =
        TableIO.read(spark, output, Tables.RUNS).orderBy(Tables.STARTED).collectAsList().get(1);
    assertThat(last.<String>getAs(Tables.COMMAND)).as("command in runs").isEqualTo("delete");
    assertThat(
            last.<Row>getList(last.fieldIndex(Tables.STAGES)).stream()
                .map(s -> s.<String>getAs(Tables.STAGE))
                .toList())
        .as("stages of the delete run")
        .containsExactly("delete", "aggregate");
  }

  @Test
  void aDeleteWithoutCriteriaIsRefusedBeforeAnyWork() throws IOException {
    Path output = tempDir("delete-nothing");
    assertThatThrownBy(() -> DeleteJob.run(spark, PeriodTablesTest.settings(output.toString())))
        .as("delete without --ids, --source, --from or --to")
        .isInstanceOf(NewsgraphException.class)
        .hasMessageContaining("--source")
        .extracting(e -> ((NewsgraphException) e).exitCode())
        .as("exit code")
        .isEqualTo(2);
    try (var written = Files.list(output)) {
      assertThat(written).as("nothing written under the output directory").isEmpty();
    }
  }
}
