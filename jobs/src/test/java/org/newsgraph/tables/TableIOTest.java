package org.newsgraph.tables;

import static org.apache.spark.sql.functions.call_udf;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.newsgraph.errors.NewsgraphException;
import org.newsgraph.testing.SparkTestSession;

/**
 * Delta Lake tables: every write is one commit; {@code replaceWhere} leaves the rows it does not
 * select in their files; a merge upserts by key and keeps the rest; a write that fails commits
 * nothing; a first write that died before its commit leaves no table, and the next write makes it;
 * an earlier version stays readable; a directory that is not a Delta table is refused.
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

  /** The data files of the table's current version that hold rows of a grain. */
  private static List<String> files(String output, String grain) {
    return List.of(
        TableIO.read(spark, output, COUNTS).where(col(Tables.GRAIN).equalTo(grain)).inputFiles());
  }

  /** The table's latest version: one more per commit. */
  private static long version(String output) {
    return DeltaTable.forPath(spark, TableIO.path(output, COUNTS))
        .history(1)
        .first()
        .<Long>getAs("version");
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
  void replaceIsOneCommitAndTheEarlierVersionStaysReadable() throws IOException {
    String output = published("replace");
    Map<String, Map<String, Long>> before = contents(output);
    long version = version(output);

    TableIO.replace(frame(row("month", "2018-09-01", "Vladimir Putin", 7)), output, COUNTS);

    assertThat(contents(output))
        .as("only the new rows remain after replace")
        .isEqualTo(Map.of("month/2018-09-01", Map.of("Vladimir Putin", 7L)));
    assertThat(version(output)).as("one commit").isEqualTo(version + 1);
    assertThat(
            spark
                .read()
                .format("delta")
                .option("versionAsOf", version)
                .load(TableIO.path(output, COUNTS))
                .count())
        .as("rows of the version before the replace, by time travel")
        .isEqualTo(before.values().stream().mapToLong(Map::size).sum());
  }

  @Test
  void replaceWhereTouchesOnlyTheSelectedRows() throws IOException {
    String output = published("partitions");
    List<String> weekFiles = files(output, "week");
    long version = version(output);

    TableIO.replaceWhere(
        frame(row("day", "2018-09-17", "Vladimir Putin", 2)),
        output,
        COUNTS,
        "grain = 'day' AND "
            + TableIO.dateIn(
                Tables.PERIOD_START,
                List.of(LocalDate.parse("2018-09-17"), LocalDate.parse("2018-09-18"))));

    assertThat(contents(output))
        .as("the selected period with rows is replaced, the one without rows removed")
        .isEqualTo(
            Map.of(
                "day/2018-09-17", Map.of("Vladimir Putin", 2L),
                "week/2018-09-17", Map.of("Kim Jong Un", 4L)));
    assertThat(files(output, "week")).as("rows not selected keep their files").isEqualTo(weekFiles);
    assertThat(version(output)).as("one commit").isEqualTo(version + 1);
  }

  @Test
  void replaceWhereRefusesRowsOutsideItsCondition() throws IOException {
    String output = published("outside");
    Map<String, Map<String, Long>> before = contents(output);

    assertThatThrownBy(
            () ->
                TableIO.replaceWhere(
                    frame(row("week", "2018-09-17", "Vladimir Putin", 2)),
                    output,
                    COUNTS,
                    "grain = 'day'"))
        .as("a row the condition does not select fails the write");
    assertThat(contents(output)).as("nothing is committed").isEqualTo(before);
  }

  /**
   * What delete relies on instead of a local checkpoint: rows read at the current version are the
   * same when computed again after later commits, while a plain read sees the new version.
   */
  @Test
  void rowsReadAtTheCurrentVersionStayTheSameAfterLaterCommits() throws IOException {
    String output = published("pinned");
    Dataset<Row> pinned =
        TableIO.readCurrentVersion(spark, output, COUNTS).where(col(Tables.GRAIN).equalTo("day"));
    Dataset<Row> latest =
        TableIO.read(spark, output, COUNTS).where(col(Tables.GRAIN).equalTo("day"));
    assertThat(pinned.count()).as("day rows read at the current version").isEqualTo(2);

    TableIO.deleteKeys(
        frame(row("day", "2018-09-17", "Kim Jong Un", 3)).select(Tables.PERIOD_START),
        output,
        COUNTS,
        Tables.PERIOD_START);

    assertThat(latest.count())
        .as("day rows of a plain read, after the rows of 2018-09-17 were deleted")
        .isEqualTo(1);
    assertThat(pinned.collectAsList())
        .as("day rows read at the earlier version, computed again after the delete")
        .containsExactlyInAnyOrder(
            row("day", "2018-09-17", "Kim Jong Un", 3), row("day", "2018-09-18", "Kim Jong Un", 1));
  }

  /**
   * Spark plans again, and empties, every persisted dataset that reads a table a commit writes; a
   * dataset read at a pinned version is not one of them and keeps what it holds, and neither is a
   * {@link Cached} dataset, whose plan starts from its rows.
   */
  @Test
  void aPersistedPinnedReadKeepsItsCacheThroughACommitToItsTable() throws IOException {
    String output = published("pinned-cache");
    Dataset<Row> pinned = persisted(TableIO.readCurrentVersion(spark, output, COUNTS));
    Dataset<Row> plain = persisted(TableIO.read(spark, output, COUNTS));
    Dataset<Row> cut = Cached.of(TableIO.read(spark, output, COUNTS));
    Object pinnedCache = cacheOf(pinned);
    Object plainCache = cacheOf(plain);
    Object cutCache = cacheOf(cut);
    try {
      TableIO.merge(
          frame(row("day", "2018-09-19", "Kim Jong Un", 2)),
          output,
          COUNTS,
          List.of(Tables.GRAIN, Tables.PERIOD_START, Tables.ENTITY));

      assertThat(cacheOf(plain))
          .as("cache of a plain read after a commit to its table (planned again)")
          .isNotSameAs(plainCache);
      assertThat(plain.count()).as("rows of the plain read, computed again").isEqualTo(4);
      assertThat(cacheOf(pinned))
          .as("cache of the read pinned to the earlier version after the commit")
          .isSameAs(pinnedCache);
      assertThat(pinned.count()).as("rows of the pinned read").isEqualTo(3);
      assertThat(cacheOf(cut))
          .as("cache of a Cached plain read after the commit")
          .isSameAs(cutCache);
      assertThat(cut.count()).as("rows of the Cached read, as computed").isEqualTo(3);
    } finally {
      Cached.release(List.of(pinned, plain, cut));
    }
  }

  /**
   * Unpersisting a dataset makes Spark plan again the persisted datasets computed from it that are
   * not computed in full yet (on a Delta table, with Spark jobs that list its files); {@link
   * Cached#release} unpersists the dependents first, so nothing is planned again. A dependent of a
   * {@link Cached} dataset is planned from its rows: no Spark job either way.
   */
  @Test
  void releaseUnpersistsDependentsFirstAndPlansNothingAgain() throws Exception {
    String output = published("release");
    Dataset<Row> base = persisted(TableIO.read(spark, output, COUNTS));
    // Persisted, not computed yet: as a stage's datasets are until their first action.
    Dataset<Row> days = base.where(col(Tables.GRAIN).equalTo("day")).persist();
    Object daysCache = cacheOf(days);
    int jobs = jobsDuring(base::unpersist);
    assertThat(cacheOf(days))
        .as("cache of a dataset whose source was unpersisted before it (planned again)")
        .isNotSameAs(daysCache);
    assertThat(jobs).as("Spark jobs started by planning it again").isPositive();
    days.unpersist();

    Dataset<Row> base2 = persisted(TableIO.read(spark, output, COUNTS));
    Dataset<Row> days2 = base2.where(col(Tables.GRAIN).equalTo("day")).persist();
    assertThat(jobsDuring(() -> Cached.release(List.of(base2, days2))))
        .as("Spark jobs started by the release")
        .isZero();
    assertThat(cached(base2).isEmpty()).as("the source cached after the release").isTrue();
    assertThat(cached(days2).isEmpty()).as("the dependent cached after the release").isTrue();

    Dataset<Row> cut = Cached.of(TableIO.read(spark, output, COUNTS));
    Dataset<Row> cutDays = cut.where(col(Tables.GRAIN).equalTo("day")).persist();
    assertThat(jobsDuring(cut::unpersist))
        .as("Spark jobs started by unpersisting a Cached dataset before its dependent")
        .isZero();
    cutDays.unpersist();
  }

  /** The dataset persisted and computed, its plan kept as it is (unlike {@link Cached#of}). */
  private static Dataset<Row> persisted(Dataset<Row> df) {
    Dataset<Row> kept = df.persist();
    kept.count();
    return kept;
  }

  private static int jobsDuring(Runnable action) throws java.util.concurrent.TimeoutException {
    AtomicInteger jobs = new AtomicInteger();
    SparkListener counter =
        new SparkListener() {
          @Override
          public void onJobStart(SparkListenerJobStart start) {
            jobs.incrementAndGet();
          }
        };
    spark.sparkContext().listenerBus().waitUntilEmpty();
    spark.sparkContext().addSparkListener(counter);
    try {
      action.run();
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } finally {
      spark.sparkContext().removeSparkListener(counter);
    }
    return jobs.get();
  }

  /** The cached representation Spark's cache manager holds for a persisted dataset. */
  private static Object cacheOf(Dataset<Row> df) {
    return cached(df).get().cachedRepresentation();
  }

  /** What Spark's cache manager holds for a dataset, if anything. */
  private static scala.Option<org.apache.spark.sql.execution.CachedData> cached(Dataset<Row> df) {
    return spark
        .sharedState()
        .cacheManager()
        .lookupCachedData((org.apache.spark.sql.classic.Dataset<?>) df);
  }

  @Test
  void mergeUpsertsByKeyAndKeepsTheOtherRows() throws IOException {
    String output = published("merge");
    long version = version(output);

    TableIO.Merged merged =
        TableIO.merge(
            frame(
                row("day", "2018-09-17", "Kim Jong Un", 5),
                row("day", "2018-09-19", "Kim Jong Un", 2)),
            output,
            COUNTS,
            List.of(Tables.GRAIN, Tables.PERIOD_START, Tables.ENTITY));

    assertThat(contents(output))
        .as("the matched row is replaced, the new one added, the others kept")
        .isEqualTo(
            Map.of(
                "day/2018-09-17", Map.of("Kim Jong Un", 5L),
                "day/2018-09-18", Map.of("Kim Jong Un", 1L),
                "day/2018-09-19", Map.of("Kim Jong Un", 2L),
                "week/2018-09-17", Map.of("Kim Jong Un", 4L)));
    assertThat(merged).as("rows inserted and updated").isEqualTo(new TableIO.Merged(1, 1));
    assertThat(version(output)).as("one commit").isEqualTo(version + 1);
  }

  /**
   * Counted rows: none commits nothing, rows that are all added are appended in one commit (no
   * merge), and rows of which some replace stored ones are merged.
   */
  @Test
  void mergeCountedAppendsAddedRowsAndMergesTheRest() throws IOException {
    String output = published("merge-counted");
    List<String> key = List.of(Tables.GRAIN, Tables.PERIOD_START, Tables.ENTITY);
    long version = version(output);

    assertThat(TableIO.mergeCounted(frame(), 0, 0, output, COUNTS, key))
        .as("rows inserted and updated, no row")
        .isEqualTo(new TableIO.Merged(0, 0));
    assertThat(version(output)).as("commits for no row").isEqualTo(version);

    Dataset<Row> added = frame(row("day", "2018-09-19", "Kim Jong Un", 2));
    assertThat(TableIO.mergeCounted(added, 1, 1, output, COUNTS, key))
        .as("rows inserted and updated, every row added")
        .isEqualTo(new TableIO.Merged(1, 0));
    assertThat(version(output)).as("commits for added rows").isEqualTo(version + 1);
    assertThat(lastOperation(output)).as("operation of the added rows' commit").isEqualTo("WRITE");

    Dataset<Row> mixed =
        frame(
            row("day", "2018-09-17", "Kim Jong Un", 5), row("day", "2018-09-20", "Kim Jong Un", 1));
    assertThat(TableIO.mergeCounted(mixed, 2, 1, output, COUNTS, key))
        .as("rows inserted and updated, one replacing a stored row")
        .isEqualTo(new TableIO.Merged(1, 1));
    assertThat(lastOperation(output)).as("operation of the mixed rows' commit").isEqualTo("MERGE");
    assertThat(contents(output))
        .as("rows after both commits")
        .isEqualTo(
            Map.of(
                "day/2018-09-17", Map.of("Kim Jong Un", 5L),
                "day/2018-09-18", Map.of("Kim Jong Un", 1L),
                "day/2018-09-19", Map.of("Kim Jong Un", 2L),
                "day/2018-09-20", Map.of("Kim Jong Un", 1L),
                "week/2018-09-17", Map.of("Kim Jong Un", 4L)));
  }

  private static String lastOperation(String output) {
    return DeltaTable.forPath(spark, TableIO.path(output, COUNTS))
        .history(1)
        .first()
        .getAs("operation");
  }

  @Test
  void aFailedWriteCommitsNothing() throws IOException {
    String output = published("failed");
    Map<String, Map<String, Long>> before = contents(output);
    long version = version(output);

    assertThatThrownBy(
            () ->
                TableIO.replaceWhere(
                    failing(frame(row("day", "2018-09-17", "Vladimir Putin", 2))),
                    output,
                    COUNTS,
                    "grain = 'day'"))
        .as("the simulated failure reaches the caller")
        .hasStackTraceContaining("simulated failure");
    assertThatThrownBy(
            () ->
                TableIO.replace(
                    failing(frame(row("month", "2018-09-01", "Vladimir Putin", 7))),
                    output,
                    COUNTS))
        .as("the simulated failure reaches the caller")
        .hasStackTraceContaining("simulated failure");
    assertThatThrownBy(
            () ->
                TableIO.merge(
                    failing(frame(row("day", "2018-09-17", "Vladimir Putin", 2))),
                    output,
                    COUNTS,
                    List.of(Tables.GRAIN, Tables.PERIOD_START, Tables.ENTITY)))
        .as("the simulated failure reaches the caller")
        .hasStackTraceContaining("simulated failure");

    assertThat(contents(output)).as("the table is untouched by failed writes").isEqualTo(before);
    assertThat(version(output)).as("no commit").isEqualTo(version);
  }

  @Test
  void aFirstWriteThatDiedBeforeItsCommitLeavesNoTableAndTheNextWriteMakesIt() throws IOException {
    String output = tempDir("first-write-died").toString();
    Path table = Path.of(output, COUNTS.name());
    assertThatThrownBy(
            () ->
                TableIO.replace(
                    failing(frame(row("day", "2018-09-17", "Vladimir Putin", 2))), output, COUNTS))
        .as("the simulated failure reaches the caller")
        .hasStackTraceContaining("simulated failure");
    assertThat(table.resolve("_delta_log"))
        .as("the transaction log directory, made before any data file")
        .isDirectory();
    // What a process killed between writing the data files and committing them leaves besides.
    frame(row("day", "2018-09-17", "Kim Jong Un", 99))
        .write()
        .mode("append")
        .partitionBy(Tables.GRAIN, Tables.PERIOD_START)
        .parquet(table.toString());

    assertThat(TableIO.exists(spark, output, COUNTS))
        .as("a table whose first write died before its commit")
        .isFalse();
    TableIO.replace(frame(row("day", "2018-09-17", "Vladimir Putin", 2)), output, COUNTS);
    assertThat(contents(output))
        .as("the rows of the next write, none of the files left before it")
        .isEqualTo(Map.of("day/2018-09-17", Map.of("Vladimir Putin", 2L)));
    assertThat(version(output)).as("the next write's version").isZero();
  }

  @Test
  void appendAddsRows() throws IOException {
    String output = tempDir("append").toString();
    Dataset<Row> one =
        spark.createDataFrame(
            List.of(
                RowFactory.create(
                    "run-1",
                    Date.valueOf("2018-09-12"),
                    "ingest",
                    "a.txt",
                    "1",
                    null,
                    "raw",
                    "no date",
                    null)),
            Tables.QUARANTINE.schema());
    TableIO.append(one, output, Tables.QUARANTINE);
    TableIO.append(one.withColumn(Tables.RUN_ID, lit("run-2")), output, Tables.QUARANTINE);

    assertThat(
            TableIO.read(spark, output, Tables.QUARANTINE)
                .select(Tables.RUN_ID)
                .orderBy(Tables.RUN_ID)
                .as(Encoders.STRING())
                .collectAsList())
        .as("the rows of both runs")
        .containsExactly("run-1", "run-2");
  }

  @Test
  void aDirectoryThatIsNotADeltaTableIsRefused() throws IOException {
    String output = tempDir("parquet").toString();
    frame(row("day", "2018-09-17", "Kim Jong Un", 3))
        .write()
        .parquet(Path.of(output, COUNTS.name()).toString());

    assertThatThrownBy(() -> TableIO.read(spark, output, COUNTS))
        .as("a Parquet table of an earlier newsgraph")
        .isInstanceOf(NewsgraphException.class)
        .hasMessageContaining("is not a Delta Lake table")
        .hasMessageContaining("fix:");
    assertThatThrownBy(
            () -> TableIO.replace(frame(row("day", "2018-09-17", "Kim", 1)), output, COUNTS))
        .as("nor is it overwritten")
        .isInstanceOf(NewsgraphException.class);
  }

  /** The columns with statistics in the add actions of a table's commit files, per commit. */
  private static List<java.util.Set<String>> statsColumnsOfAddedFiles(String output)
      throws IOException {
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    List<java.util.Set<String>> perFile = new java.util.ArrayList<>();
    Path log = Path.of(TableIO.path(output, COUNTS), "_delta_log");
    try (var commits = java.nio.file.Files.list(log)) {
      for (Path commit : commits.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        for (String line : java.nio.file.Files.readAllLines(commit)) {
          var add = json.readTree(line).get("add");
          if (add != null) {
            java.util.Set<String> columns = new java.util.TreeSet<>();
            json.readTree(add.get("stats").asText())
                .get("minValues")
                .fieldNames()
                .forEachRemaining(columns::add);
            perFile.add(columns);
          }
        }
      }
    }
    return perFile;
  }

  @Test
  void aTableKeepsStatisticsOfItsStatsColumnsOnlyAndAnOlderTableGetsThemAtItsNextWrite()
      throws IOException {
    TableDef withStats =
        new TableDef(
            COUNTS.name(),
            COUNTS.schema(),
            COUNTS.partitionBy(),
            COUNTS.producer(),
            List.of(Tables.ENTITY));
    String created = tempDir("stats-created").toString();
    TableIO.replace(frame(row("day", "2018-09-17", "Kim Jong Un", 3)), created, withStats);
    TableIO.replaceWhere(
        frame(row("day", "2018-09-17", "Kim Jong Un", 4)), created, withStats, "grain = 'day'");
    assertThat(statsColumnsOfAddedFiles(created))
        .as("columns with statistics of each file written to a table created with stats columns")
        .hasSize(2)
        .allSatisfy(c -> assertThat(c).containsExactly(Tables.ENTITY));

    // A table written before its definition named stats columns: Delta's default, every column.
    String older = tempDir("stats-older").toString();
    TableIO.replace(frame(row("day", "2018-09-17", "Kim Jong Un", 3)), older, COUNTS);
    long before = version(older);
    TableIO.merge(
        frame(row("day", "2018-09-17", "Vladimir Putin", 2)),
        older,
        withStats,
        List.of(Tables.ENTITY));
    TableIO.replaceWhere(
        frame(row("week", "2018-09-17", "Kim Jong Un", 5)), older, withStats, "grain = 'week'");
    assertThat(statsColumnsOfAddedFiles(older))
        .as("columns with statistics: the older file, then the files of the merge and replaceWhere")
        .containsExactly(
            java.util.Set.of(Tables.ENTITY, Tables.DOCUMENTS),
            java.util.Set.of(Tables.ENTITY),
            java.util.Set.of(Tables.ENTITY));
    assertThat(version(older) - before)
        .as("commits: the table property once, the merge, the replaceWhere")
        .isEqualTo(3);
    assertThat(contents(older))
        .as("rows after the upgrade")
        .isEqualTo(
            Map.of(
                "day/2018-09-17", Map.of("Kim Jong Un", 3L, "Vladimir Putin", 2L),
                "week/2018-09-17", Map.of("Kim Jong Un", 5L)));
  }
}
