package org.newsgraph.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Date;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsgraph.errors.NewsgraphException;
import org.newsgraph.tables.TableIO;
import org.newsgraph.tables.Tables;
import org.newsgraph.testing.SparkTestSession;

/**
 * Tests {@link OutputQuery} on an output with two real Delta tables: views under the table names,
 * the three print formats, the row limit, and errors that name the problem.
 */
class OutputQueryTest extends SparkTestSession {

  private static String output;

  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  @BeforeAll
  static void writeTables() throws Exception {
    Path dir = tempDir("query");
    output = dir.resolve("out").toString();
    List<Row> capped =
        List.of(
            capped("a-1", "2018-07-02", 1200, 1000),
            capped("b-2", "2018-07-03", 1500, 1000),
            capped("c-3, \"quoted\"", "2018-07-04", 1001, 1000));
    TableIO.replace(
        spark.createDataFrame(capped, Tables.CAPPED_ARTICLES.schema()),
        output,
        Tables.CAPPED_ARTICLES);
    Row stats =
        TableIO.row(
            Tables.RESOLUTION_STATS.schema(),
            Map.of(
                Tables.RUN_ID,
                "r1",
                Tables.RUN_DATE,
                Date.valueOf("2018-07-05"),
                Tables.RUN_STARTED,
                java.sql.Timestamp.valueOf("2018-07-05 01:00:00"),
                Tables.RESOLUTION,
                "exact",
                Tables.MENTION_COUNT,
                42L));
    TableIO.replace(
        spark.createDataFrame(List.of(stats), Tables.RESOLUTION_STATS.schema()),
        output,
        Tables.RESOLUTION_STATS);
  }

  private static Row capped(String id, String date, long pairEntities, long paired) {
    return TableIO.row(
        Tables.CAPPED_ARTICLES.schema(),
        Map.of(
            Tables.ARTICLE_ID, id,
            Tables.DATE, Date.valueOf(date),
            Tables.PAIR_ENTITIES, pairEntities,
            Tables.PAIRED_ENTITIES, paired));
  }

  @BeforeEach
  void reset() {
    outBytes.reset();
    errBytes.reset();
  }

  private String out() {
    return outBytes.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void everyTableOfTheOutputIsAViewUnderItsName() {
    assertThat(OutputQuery.registerViews(spark, output))
        .as("views of the output")
        .containsExactly(Tables.CAPPED_ARTICLES.name(), Tables.RESOLUTION_STATS.name());
  }

  @Test
  void aJoinOverTwoTablesPrintsAnAlignedTable() {
    OutputQuery.run(
        spark,
        output,
        "SELECT c.article_id, c.pair_entities, s.mentions FROM capped_articles c"
            + " CROSS JOIN resolution_stats s ORDER BY c.article_id",
        OutputQuery.Format.TABLE,
        10,
        out,
        err);
    assertThat(out().lines().toList())
        .as("aligned table")
        .containsExactly(
            "article_id    | pair_entities | mentions",
            "--------------+---------------+---------",
            "a-1           | 1200          | 42",
            "b-2           | 1500          | 42",
            "c-3, \"quoted\" | 1001          | 42",
            "(3 rows)");
    assertThat(err()).as("nothing cut").isEmpty();
  }

  @Test
  void csvQuotesFieldsWithCommasAndQuotes() {
    OutputQuery.run(
        spark,
        output,
        "SELECT article_id, date FROM capped_articles ORDER BY article_id",
        OutputQuery.Format.CSV,
        10,
        out,
        err);
    assertThat(out().lines().toList())
        .as("CSV")
        .containsExactly(
            "article_id,date",
            "a-1,2018-07-02",
            "b-2,2018-07-03",
            "\"c-3, \"\"quoted\"\"\",2018-07-04");
  }

  @Test
  void jsonPrintsOneObjectPerRow() {
    OutputQuery.run(
        spark,
        output,
        "SELECT article_id, paired_entities FROM capped_articles ORDER BY article_id",
        OutputQuery.Format.JSON,
        10,
        out,
        err);
    assertThat(out().lines().toList())
        .as("JSON Lines")
        .hasSize(3)
        .first()
        .isEqualTo("{\"article_id\":\"a-1\",\"paired_entities\":1000}");
  }

  @Test
  void theLimitCutsTheRowsAndSaysSo() {
    OutputQuery.run(
        spark,
        output,
        "SELECT article_id FROM capped_articles ORDER BY article_id",
        OutputQuery.Format.CSV,
        2,
        out,
        err);
    assertThat(out().lines().toList()).as("header and two rows").hasSize(3);
    assertThat(err()).as("the cut is said").contains("the first 2 rows are shown");
  }

  @Test
  void aBadQueryNamesTheViews() {
    assertThatThrownBy(
            () ->
                OutputQuery.run(
                    spark,
                    output,
                    "SELECT * FROM comention_counts",
                    OutputQuery.Format.TABLE,
                    10,
                    out,
                    err))
        .as("a table this output does not hold")
        .isInstanceOf(NewsgraphException.class)
        .hasMessageContaining("The query could not be run")
        .hasMessageContaining("comention_counts")
        .hasMessageContaining("views named capped_articles, resolution_stats")
        .extracting(e -> ((NewsgraphException) e).exitCode())
        .as("exit code")
        .isEqualTo(2);
  }

  @Test
  void anOutputWithoutTablesIsNamed() throws Exception {
    String empty = tempDir("empty-output").toString();
    assertThatThrownBy(() -> OutputQuery.registerViews(spark, empty))
        .as("an output without tables")
        .isInstanceOf(NewsgraphException.class)
        .hasMessageContaining("holds no newsgraph tables");
  }
}
