package org.newsgraph.tables;

import static org.apache.spark.sql.functions.call_udf;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.newsgraph.jobs.SparkTestSession;

/**
 * Publication of tables through {@code _staging}: a table or a partition is replaced only once its
 * new rows are completely written, untouched partitions keep their files, and a write that fails
 * leaves the published table as it was.
 */
class TableIOTest extends SparkTestSession {

  /** A small table partitioned like the period tables. */
  private static final TableDef COUNTS =
      new TableDef(
          "counts",
          DataTypes.createStructType(
              new StructField[] {
                DataTypes.createStructField(Tables.GRAIN, DataTypes.StringType, false),
                DataTypes.createStructField(Tables.PERIOD_START, DataTypes.DateType, false),
                DataTypes.createStructField(Tables.ENTITY, DataTypes.StringType, false),
                DataTypes.createStructField(Tables.DOCUMENTS, DataTypes.LongType, false)
              }),
          List.of(Tables.GRAIN, Tables.PERIOD_START),
          "test");

  private static Row row(String grain, String start, String entity, long documents) {
    return RowFactory.create(grain, Date.valueOf(start), entity, documents);
  }

  private static Dataset<Row> frame(Row... rows) {
    return spark.createDataFrame(List.of(rows), COUNTS.schema());
  }

  /** Entity → documents of each partition, "grain/start" → ... */
  private static Map<String, Map<String, Long>> contents(String output) {
    Map<String, Map<String, Long>> out = new TreeMap<>();
    for (Row r : TableIO.read(spark, output, COUNTS).collectAsList()) {
      out.computeIfAbsent(
              r.getAs(Tables.GRAIN) + "/" + r.getAs(Tables.PERIOD_START), k -> new TreeMap<>())
          .put(r.getAs(Tables.ENTITY), r.<Long>getAs(Tables.DOCUMENTS));
    }
    return out;
  }

  /** Every data file of the table, with its last-modified time, relative to the table. */
  private static Map<String, Long> files(String output) throws IOException {
    Path table = Path.of(output, COUNTS.name());
    Map<String, Long> out = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(table)) {
      for (Path p : paths.filter(p -> p.toString().endsWith(".parquet")).toList()) {
        out.put(table.relativize(p).toString(), Files.getLastModifiedTime(p).toMillis());
      }
    }
    return out;
  }

  private static List<String> partitionFiles(Map<String, Long> files, String prefix) {
    return files.keySet().stream().filter(f -> f.startsWith(prefix)).toList();
  }

  /** The rows, with a column computed by a function that fails on every row. */
  private static Dataset<Row> failing(Dataset<Row> rows) {
    UDF1<String, String> boom =
        s -> {
          throw new IllegalStateException("simulated failure while computing " + s);
        };
    spark.udf().register("boom_for_test", boom, DataTypes.StringType);
    // Repartitioned so that the function runs in the write job: over a local relation the
    // optimizer would evaluate it while planning, before any file is touched.
    return rows.repartition(2)
        .withColumn(Tables.ENTITY, call_udf("boom_for_test", col(Tables.ENTITY)));
  }

  private static final String DAY1 = "grain=day/period_start=2018-09-17";
  private static final String DAY2 = "grain=day/period_start=2018-09-18";
  private static final String WEEK = "grain=week/period_start=2018-09-17";

  private static String published(String name) throws IOException {
    String output = tempDir(name).toString();
    TableIO.replace(
        frame(
            row("day", "2018-09-17", "Kim Jong Un", 3),
            row("day", "2018-09-18", "Kim Jong Un", 1),
            row("week", "2018-09-17", "Kim Jong Un", 4)),
        output,
        COUNTS);
    return output;
  }

  @Test
  void replaceSwapsInTheNewTableAndLeavesNoStaging() throws IOException {
    String output = published("replace");
    TableIO.replace(frame(row("month", "2018-09-01", "Vladimir Putin", 7)), output, COUNTS);

    assertThat(contents(output))
        .as("only the new rows remain after replace")
        .isEqualTo(Map.of("month/2018-09-01", Map.of("Vladimir Putin", 7L)));
    assertThat(Path.of(output, TableIO.STAGING))
        .as("the staging directory is removed once the table is published")
        .doesNotExist();
    assertThat(Path.of(output, COUNTS.name(), "_SUCCESS"))
        .as("the published table carries Spark's success marker")
        .exists();
  }

  @Test
  void replacePartitionsTouchesOnlyTheListedPartitions() throws IOException {
    String output = published("partitions");
    Map<String, Long> before = files(output);

    TableIO.replacePartitions(
        frame(row("day", "2018-09-17", "Vladimir Putin", 2)),
        output,
        COUNTS,
        List.of(List.of("day", "2018-09-17"), List.of("day", "2018-09-18")));

    assertThat(contents(output))
        .as("the listed partition with rows is replaced, the one without rows removed")
        .isEqualTo(
            Map.of(
                "day/2018-09-17", Map.of("Vladimir Putin", 2L),
                "week/2018-09-17", Map.of("Kim Jong Un", 4L)));
    Map<String, Long> after = files(output);
    assertThat(partitionFiles(after, WEEK))
        .as("the unlisted partition keeps its files")
        .isEqualTo(partitionFiles(before, WEEK));
    for (String f : partitionFiles(after, WEEK)) {
      assertThat(after.get(f)).as("file %s is not rewritten", f).isEqualTo(before.get(f));
    }
    assertThat(partitionFiles(after, DAY1))
        .as("the replaced partition has new files")
        .isNotEmpty()
        .doesNotContainAnyElementsOf(partitionFiles(before, DAY1));
    assertThat(Path.of(output, COUNTS.name(), DAY2))
        .as("a listed partition without rows is removed")
        .doesNotExist();
    assertThat(Path.of(output, TableIO.STAGING)).as("no staging left").doesNotExist();
  }

  @Test
  void aFailedWriteLeavesThePublishedTableAsItWas() throws IOException {
    String output = published("failed");
    Map<String, Map<String, Long>> before = contents(output);

    assertThatThrownBy(
            () ->
                TableIO.replacePartitions(
                    failing(frame(row("day", "2018-09-17", "Vladimir Putin", 2))),
                    output,
                    COUNTS,
                    List.of(List.of("day", "2018-09-17"), List.of("day", "2018-09-18"))))
        .as("the simulated failure reaches the caller")
        .hasStackTraceContaining("simulated failure");
    assertThat(contents(output))
        .as("partitions are untouched by a failed partition replace")
        .isEqualTo(before);

    assertThatThrownBy(
            () ->
                TableIO.replace(
                    failing(frame(row("month", "2018-09-01", "Vladimir Putin", 7))),
                    output,
                    COUNTS))
        .as("the simulated failure reaches the caller")
        .hasStackTraceContaining("simulated failure");
    assertThat(contents(output)).as("the table is untouched by a failed replace").isEqualTo(before);
    // Tasks of the failed job that were still running can write into staging after it was
    // removed; the next run's recover() drops whatever they left.
    TableIO.recover(spark, output);
    assertThat(Path.of(output, TableIO.STAGING))
        .as("no staging is left once the next run has recovered")
        .doesNotExist();
    assertThat(contents(output)).as("recover keeps the published table").isEqualTo(before);
  }

  /** A table written elsewhere and moved to where a run stages it: {@code _staging/counts-123}. */
  private static Path staged(String output, String name, Row... rows) throws IOException {
    String elsewhere = tempDir(name + "-elsewhere").toString();
    TableIO.replace(frame(rows), elsewhere, COUNTS);
    Path root = Files.createDirectories(Path.of(output, TableIO.STAGING, COUNTS.name() + "-123"));
    Files.move(Path.of(elsewhere, COUNTS.name()), root.resolve("table"));
    return root;
  }

  @Test
  void recoverDropsStagingOfARunKilledWhileWriting() throws IOException {
    String output = published("killed-writing");
    Map<String, Map<String, Long>> before = contents(output);
    Path partial =
        Files.createDirectories(
            Path.of(output, TableIO.STAGING, COUNTS.name() + "-123", "table", DAY1));
    Files.writeString(partial.resolve("part-0.parquet"), "half-written");

    TableIO.recover(spark, output);

    assertThat(contents(output)).as("the published table is kept").isEqualTo(before);
    assertThat(Path.of(output, TableIO.STAGING)).as("the staging is dropped").doesNotExist();
  }

  @Test
  void recoverCompletesAWholeTableSwapCutOffBetweenItsRenames() throws IOException {
    String output = published("killed-swapping-table");
    Path root = staged(output, "killed-swapping-table", row("month", "2018-09-01", "Kim", 9));
    // Killed after moving the old table aside, before renaming the new one in.
    Files.move(Path.of(output, COUNTS.name()), root.resolve("replaced"));

    TableIO.recover(spark, output);

    assertThat(contents(output))
        .as("the completely staged new table is published")
        .isEqualTo(Map.of("month/2018-09-01", Map.of("Kim", 9L)));
    assertThat(Path.of(output, TableIO.STAGING)).as("the staging is dropped").doesNotExist();
  }

  @Test
  void recoverCompletesAPartitionSwapAndKeepsFinishedOnes() throws IOException {
    String output = published("killed-swapping-partitions");
    Path root =
        staged(
            output,
            "killed-swapping-partitions",
            row("day", "2018-09-17", "Kim", 8),
            row("week", "2018-09-17", "Kim", 9));
    Path table = Path.of(output, COUNTS.name());
    Path aside = root.resolve("replaced");
    // The week partition was swapped completely, only its old rows were still aside; the run was
    // killed after moving the old 2018-09-17 day aside; the 2018-09-18 day was being removed.
    Files.createDirectories(aside.resolve(WEEK).getParent());
    Files.move(table.resolve(WEEK), aside.resolve(WEEK));
    Files.move(root.resolve("table").resolve(WEEK), table.resolve(WEEK));
    Files.createDirectories(aside.resolve(DAY1).getParent());
    Files.move(table.resolve(DAY1), aside.resolve(DAY1));
    Files.move(table.resolve(DAY2), aside.resolve(DAY2));

    TableIO.recover(spark, output);

    assertThat(contents(output))
        .as("the cut-off partition gets its new rows, the removed one stays removed")
        .isEqualTo(
            Map.of(
                "day/2018-09-17", Map.of("Kim", 8L),
                "week/2018-09-17", Map.of("Kim", 9L)));
    assertThat(Path.of(output, TableIO.STAGING)).as("the staging is dropped").doesNotExist();
  }

  @Test
  void writePartitionReplacesOnePartitionEvenWithNoRows() throws IOException {
    String output = tempDir("quarantine").toString();
    Dataset<Row> one =
        spark.createDataFrame(
            List.of(RowFactory.create("ingest", "a.txt", "1", null, "raw", "no date", null)),
            Tables.QUARANTINE.schema());
    Dataset<Row> other =
        spark.createDataFrame(
            List.of(RowFactory.create("annotate", "b.txt", "2", "id", null, "too long", null)),
            Tables.QUARANTINE.schema());
    TableIO.writePartition(one, output, Tables.QUARANTINE, "ingest");
    TableIO.writePartition(other, output, Tables.QUARANTINE, "annotate");
    TableIO.writePartition(one.limit(0), output, Tables.QUARANTINE, "ingest");

    List<Row> rows = TableIO.read(spark, output, Tables.QUARANTINE).collectAsList();
    assertThat(rows.stream().map(r -> r.<String>getAs(Tables.STAGE)).toList())
        .as("the emptied partition has no rows, the other keeps its row")
        .containsExactly("annotate");
    assertThat(Path.of(output, TableIO.STAGING)).as("no staging left").doesNotExist();
  }
}
