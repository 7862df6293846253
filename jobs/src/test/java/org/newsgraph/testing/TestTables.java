package org.newsgraph.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.newsgraph.tables.TableDef;
import org.newsgraph.tables.TableIO;
import org.newsgraph.tables.Tables;
import org.newsgraph.udfs.RowBuilder;

/** Tables and rows the job tests share. */
public final class TestTables {

  /**
   * The tables that hold the corpus and what is computed from it, not the logs of runs: two outputs
   * with the same articles hold the same rows there (without run ids and run dates).
   */
  public static final List<TableDef> DATA =
      List.of(
          Tables.ARTICLES,
          Tables.ARTICLE_SIGNATURES,
          Tables.ANNOTATIONS,
          Tables.MENTIONS_TABLE,
          Tables.ENTITIES,
          Tables.NAME_RESOLUTION,
          Tables.CAPPED_ARTICLES,
          Tables.ENTITY_COUNTS,
          Tables.COMENTION_COUNTS,
          Tables.COMENTION_EVIDENCE,
          Tables.AGGREGATE_PERIODS);

  /** {@link #DATA} and the quarantine: what two runs over the same input files hold alike. */
  public static final List<TableDef> DATA_AND_QUARANTINE =
      Stream.concat(DATA.stream(), Stream.of(Tables.QUARANTINE)).toList();

  private static final RowBuilder ARTICLE_ROWS = new RowBuilder(Tables.ARTICLES.schema());

  private TestTables() {}

  /**
   * An {@code articles} row written by hand: its own story, canonical, no title, URL, dateline or
   * repairs, read from {@code file:/in/<id>}.
   */
  public static Row article(String id, Date date, String source, String text) {
    return ARTICLE_ROWS
        .row()
        .set(Tables.ARTICLE_ID, id)
        .set(Tables.DATE, date)
        .set(Tables.PUBLISHED_TS, null)
        .set(Tables.SOURCE, source)
        .set(Tables.TITLE, null)
        .set(Tables.TEXT, text)
        .set(Tables.URL, null)
        .set(Tables.INPUT_FILE, "file:/in/" + id)
        .set(Tables.TRUNCATED, false)
        .set(Tables.STORY_ID, id)
        .set(Tables.IS_CANONICAL, true)
        .set(Tables.DATELINE, null)
        .set(Tables.REPAIRS, 0)
        .build();
  }

  /**
   * The rows without their run ids and run dates; the quarantine's distinct rows, since every run
   * appends the records it quarantined (an input read twice quarantines its bad records twice).
   */
  public static Dataset<Row> withoutRunId(SparkSession spark, String output, TableDef table) {
    Dataset<Row> rows = TableIO.read(spark, output, table).drop(Tables.RUN_ID, Tables.RUN_DATE);
    return table.equals(Tables.QUARANTINE) ? rows.distinct() : rows;
  }

  /**
   * Asserts that two outputs hold the same rows in each of the tables ({@code exceptAll} both ways,
   * without run ids and run dates).
   */
  public static void assertSameTables(
      SparkSession spark, List<TableDef> tables, String actual, String expected, String what) {
    for (TableDef table : tables) {
      Dataset<Row> a = withoutRunId(spark, actual, table);
      Dataset<Row> e = withoutRunId(spark, expected, table);
      assertThat(a.exceptAll(e).count())
          .as("%s: %s rows only in %s", what, table.name(), actual)
          .isZero();
      assertThat(e.exceptAll(a).count())
          .as("%s: %s rows only in %s", what, table.name(), expected)
          .isZero();
    }
  }

  /** Rows of capped_articles, a small table: one per article id, on 2018-09-12. */
  public static Dataset<Row> capped(SparkSession spark, String... ids) {
    List<Row> rows =
        Arrays.stream(ids)
            .map(
                id -> {
                  Map<String, Object> v = new LinkedHashMap<>();
                  v.put(Tables.ARTICLE_ID, id);
                  v.put(Tables.DATE, Date.valueOf("2018-09-12"));
                  v.put(Tables.PAIR_ENTITIES, 2000L);
                  v.put(Tables.PAIRED_ENTITIES, 1000L);
                  return TableIO.row(Tables.CAPPED_ARTICLES.schema(), v);
                })
            .toList();
    return spark.createDataFrame(rows, Tables.CAPPED_ARTICLES.schema());
  }
}
