package org.newsgraph.tables;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.newsgraph.errors.NewsgraphErrors;

/**
 * Reads and writes the tables of {@link Tables}, each a path-based Delta Lake table under the
 * output directory, checking schemas on both sides: a job never starts on a table whose columns it
 * does not expect, and never writes columns that are not in the table's definition.
 *
 * <p>Every write is one Delta commit: readers see the table as of one version, before or after the
 * write, never a mix, and files a write replaces stay on disk (for readers still on the earlier
 * version and for time travel) until a vacuum. A write that fails commits nothing.
 */
public final class TableIO {

  /** A commit file of a Delta transaction log: the version, zero-padded to 20 digits. */
  private static final Pattern COMMIT_FILE = Pattern.compile("(\\d{20})\\.json");

  /** The transaction log directory of a Delta table. */
  private static final String DELTA_LOG = "_delta_log";

  /** The Delta table property naming the columns of {@link TableDef#statsColumns}. */
  static final String STATS_COLUMNS = "delta.dataSkippingStatsColumns";

  /** Table paths whose statistics columns this JVM has checked (see ensureStatsColumns). */
  private static final Set<String> STATS_CHECKED = ConcurrentHashMap.newKeySet();

  private TableIO() {}

  public static String path(String output, TableDef table) {
    return new Path(output, table.name()).toString();
  }

  /**
   * Whether the table exists under output as a Delta table (it has a committed version). A
   * directory with a transaction log and no commit holds no table: a first write that died before
   * its commit (killed, or a failed job) leaves its data files there, of no version, and the next
   * write commits over them (see {@link #target}). A directory of the table's name without a
   * transaction log (an output written by a newsgraph before Delta Lake) is an error, never
   * silently replaced or ignored.
   */
  public static boolean exists(SparkSession spark, String output, TableDef table) {
    String path = path(output, table);
    if (DeltaTable.isDeltaTable(spark, path)) {
      return true;
    }
    Path dir = new Path(path);
    try {
      FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (fs.exists(dir) && fs.listStatus(dir).length > 0 && !fs.exists(new Path(dir, DELTA_LOG))) {
        throw NewsgraphErrors.tableNotDelta(table.name(), path);
      }
      return false;
    } catch (IOException e) {
      throw NewsgraphErrors.ioFailure("check", path, e);
    }
  }

  /** The table, with its columns in definition order, after checking they are all there. */
  public static Dataset<Row> read(SparkSession spark, String output, TableDef table) {
    String path = path(output, table);
    if (!exists(spark, output, table)) {
      throw NewsgraphErrors.tableMissing(table.name(), path, table.producer());
    }
    return checked(load(spark, path), table, path);
  }

  /**
   * {@link #read} pinned to the table's current version (Delta time travel): computing the rows
   * again after later commits to the table (a lost executor's partitions, a second action) gives
   * the same rows, as long as no vacuum has removed that version's files.
   */
  public static Dataset<Row> readCurrentVersion(SparkSession spark, String output, TableDef table) {
    String path = path(output, table);
    if (!exists(spark, output, table)) {
      throw NewsgraphErrors.tableMissing(table.name(), path, table.producer());
    }
    long version = DeltaTable.forPath(spark, path).history(1).first().<Long>getAs("version");
    return checked(
        spark.read().format("delta").option("versionAsOf", version).load(path), table, path);
  }

  private static Dataset<Row> checked(Dataset<Row> df, TableDef table, String path) {
    List<String> problems = schemaProblems(df, table);
    if (!problems.isEmpty()) {
      throw NewsgraphErrors.tableSchemaMismatch(table.name(), path, String.join("; ", problems));
    }
    return df.select(table.cols());
  }

  /**
   * Why the table under output cannot be read as defined: an empty list when it exists with every
   * column; otherwise the problems (a missing table, missing columns, other types).
   */
  public static List<String> unreadable(SparkSession spark, String output, TableDef table) {
    String path = path(output, table);
    if (!exists(spark, output, table)) {
      return List.of("no table at " + path);
    }
    return schemaProblems(load(spark, path), table);
  }

  private static Dataset<Row> load(SparkSession spark, String path) {
    return spark.read().format("delta").load(path);
  }

  private static List<String> schemaProblems(Dataset<Row> df, TableDef table) {
    List<String> problems = new ArrayList<>();
    for (StructField expected : table.schema().fields()) {
      List<StructField> found =
          Arrays.stream(df.schema().fields())
              .filter(f -> f.name().equals(expected.name()))
              .toList();
      if (found.isEmpty()) {
        problems.add("missing column " + expected.name());
      } else if (!sameType(found.get(0), expected)) {
        problems.add(
            "column "
                + expected.name()
                + " is "
                + found.get(0).dataType().simpleString()
                + ", expected "
                + expected.dataType().simpleString());
      }
    }
    return problems;
  }

  /**
   * Replaces a table as a whole, in one commit; creates it when it does not exist. The rows may be
   * computed from the table itself (the version read stays readable until the commit).
   */
  public static void replace(Dataset<Row> df, String output, TableDef table) {
    writer(df, table, SaveMode.Overwrite)
        .option("overwriteSchema", "true")
        .save(target(df, output, table));
  }

  /**
   * Replaces the rows matching a SQL condition and leaves every other row as it is (same files), in
   * one commit: the rows of {@code df} (which must all match the condition, or the commit fails)
   * take the place of the rows the condition selects, so a selected part without rows in {@code df}
   * is removed. Creates the table when it does not exist.
   */
  public static void replaceWhere(
      Dataset<Row> df, String output, TableDef table, String condition) {
    writer(df, table, SaveMode.Overwrite)
        .option("replaceWhere", condition)
        .save(target(df, output, table));
  }

  /** A SQL condition that holds for rows whose {@code column} is one of the dates. */
  public static String dateIn(String column, java.util.Collection<java.time.LocalDate> dates) {
    if (dates.isEmpty()) {
      return "false";
    }
    return column
        + " IN ("
        + dates.stream().sorted().map(d -> "DATE'" + d + "'").collect(Collectors.joining(", "))
        + ")";
  }

  /** What a {@link #merge} did: rows added and rows replaced. */
  public record Merged(long inserted, long updated) {}

  /**
   * Upserts rows by key, in one commit: a row of {@code df} whose key is in the table replaces the
   * stored row, any other is added; stored rows whose key is not in {@code df} are kept. Creates
   * the table when it does not exist. {@code df} holds at most one row per key.
   */
  public static Merged merge(Dataset<Row> df, String output, TableDef table, List<String> key) {
    if (!exists(df.sparkSession(), output, table)) {
      Dataset<Row> rows = checkTypes(df, table);
      long count = rows.count();
      replace(rows, output, table);
      return new Merged(count, 0);
    }
    ensureStatsColumns(df.sparkSession(), path(output, table), table);
    String on = key.stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "));
    Row metrics =
        DeltaTable.forPath(df.sparkSession(), path(output, table))
            .as("t")
            .merge(checkTypes(df, table).as("s"), on)
            .whenMatched()
            .updateAll()
            .whenNotMatched()
            .insertAll()
            .execute()
            .first();
    return new Merged(
        metrics.<Long>getAs("num_inserted_rows"), metrics.<Long>getAs("num_updated_rows"));
  }

  /**
   * {@link #merge} of rows the caller has counted: {@code rows} rows, {@code added} of them with
   * keys the table does not hold (the caller read the table under the output's lock). Commits
   * nothing when there is no row, and appends the rows in one commit when every one is added (a
   * night that only adds, the usual one): a merge would join them with every stored row twice to
   * find that none matches.
   */
  public static Merged mergeCounted(
      Dataset<Row> df, long rows, long added, String output, TableDef table, List<String> key) {
    if (rows == 0) {
      return new Merged(0, 0);
    }
    if (rows == added) {
      writer(df, table, SaveMode.Append).save(target(df, output, table));
      return new Merged(rows, 0);
    }
    return merge(df, output, table, key);
  }

  /**
   * Deletes the rows whose key is one of the keys of {@code keys}, in one commit; returns how many
   * were deleted.
   */
  public static long deleteKeys(Dataset<Row> keys, String output, TableDef table, String key) {
    Row metrics =
        DeltaTable.forPath(keys.sparkSession(), path(output, table))
            .as("t")
            .merge(keys.select(key).distinct().as("s"), "t." + key + " = s." + key)
            .whenMatched()
            .delete()
            .execute()
            .first();
    return metrics.<Long>getAs("num_deleted_rows");
  }

  /**
   * Adds rows to a table that keeps history (run logs, the quarantine), in one commit. A column the
   * definition has and the stored table lacks (one added to the log since the table was created) is
   * added to the table; its earlier rows have null there.
   */
  public static void append(Dataset<Row> df, String output, TableDef table) {
    writer(df, table, SaveMode.Append)
        .option("mergeSchema", "true")
        .save(target(df, output, table));
  }

  /**
   * The current Delta version of every table of {@link Tables#ALL} under output that exists: the
   * number of its latest commit, from the commit files of its transaction log ({@code
   * _delta_log/<20-digit version>.json}, Delta's protocol).
   */
  public static Map<String, Long> versions(SparkSession spark, String output) {
    Map<String, Long> versions = new TreeMap<>();
    for (TableDef table : Tables.ALL) {
      Path log = new Path(path(output, table), DELTA_LOG);
      try {
        FileSystem fs = log.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (!fs.exists(log)) {
          continue;
        }
        long latest = -1;
        for (FileStatus f : fs.listStatus(log)) {
          Matcher m = COMMIT_FILE.matcher(f.getPath().getName());
          if (m.matches()) {
            latest = Math.max(latest, Long.parseLong(m.group(1)));
          }
        }
        if (latest >= 0) {
          versions.put(table.name(), latest);
        }
      } catch (IOException e) {
        throw NewsgraphErrors.ioFailure("list the transaction log", log.toString(), e);
      }
    }
    return versions;
  }

  /**
   * A row of a schema from its values by column name: every column must be given, and no other
   * name, so a row never has a value in the wrong column.
   */
  public static Row row(StructType schema, Map<String, ?> values) {
    Set<String> columns = new LinkedHashSet<>(List.of(schema.fieldNames()));
    if (!columns.equals(values.keySet())) {
      throw new IllegalStateException(
          "bug: a row of columns " + columns + " was given values for " + values.keySet());
    }
    return RowFactory.create(columns.stream().map(values::get).toArray());
  }

  /**
   * The table's path, after checking that it holds a Delta table or nothing. Before the first write
   * of a table its transaction log directory is made: Delta makes it when it commits, after the
   * data files are written, and a first write that dies in between must leave a directory that
   * {@link #exists} tells from a table of an older newsgraph.
   */
  private static String target(Dataset<Row> df, String output, TableDef table) {
    String path = path(output, table);
    if (exists(df.sparkSession(), output, table)) {
      ensureStatsColumns(df.sparkSession(), path, table);
    } else {
      Path log = new Path(path, DELTA_LOG);
      try {
        log.getFileSystem(df.sparkSession().sparkContext().hadoopConfiguration()).mkdirs(log);
      } catch (IOException e) {
        throw NewsgraphErrors.ioFailure("create the transaction log directory", log.toString(), e);
      }
      if (!table.statsColumns().isEmpty()) {
        // This write creates the table with its statistics columns (see writer).
        STATS_CHECKED.add(path);
      }
    }
    return path;
  }

  /**
   * Gives a table its statistics columns ({@link TableDef#statsColumns}) when it has other ones: a
   * table an older newsgraph created keeps statistics of its first 32 columns, which every write
   * computes over every row it writes. One metadata-only commit, once; files already written keep
   * their statistics. Checked once per table path and JVM.
   */
  private static void ensureStatsColumns(SparkSession spark, String path, TableDef table) {
    if (table.statsColumns().isEmpty() || !STATS_CHECKED.add(path)) {
      return;
    }
    String wanted = String.join(",", table.statsColumns());
    scala.collection.Map<String, String> properties =
        DeltaTable.forPath(spark, path).detail().first().getAs("properties");
    if (!wanted.equals(properties.get(STATS_COLUMNS).getOrElse(() -> ""))) {
      spark.sql(
          "ALTER TABLE delta.`"
              + path.replace("`", "``")
              + "` SET TBLPROPERTIES ('"
              + STATS_COLUMNS
              + "' = '"
              + wanted
              + "')");
    }
  }

  private static DataFrameWriter<Row> writer(Dataset<Row> df, TableDef table, SaveMode mode) {
    DataFrameWriter<Row> w = checkTypes(df, table).write().format("delta").mode(mode);
    if (!table.statsColumns().isEmpty()) {
      // Delta stores a write option named after a table property as that property when the write
      // creates the table; an existing table gets it from statsColumnsOf (see target).
      w = w.option(STATS_COLUMNS, String.join(",", table.statsColumns()));
    }
    if (!table.partitionBy().isEmpty()) {
      w = w.partitionBy(table.partitionBy().toArray(String[]::new));
    }
    return w;
  }

  private static Dataset<Row> checkTypes(Dataset<Row> df, TableDef table) {
    Dataset<Row> ordered = df.select(table.cols());
    for (StructField expected : table.schema().fields()) {
      StructField actual = ordered.schema().apply(expected.name());
      if (!sameType(actual, expected)) {
        throw new IllegalStateException(
            "bug: column "
                + table.name()
                + "."
                + expected.name()
                + " is "
                + actual.dataType().simpleString()
                + ", the table defines "
                + expected.dataType().simpleString());
      }
    }
    return ordered;
  }

  private static boolean sameType(StructField a, StructField b) {
    // Parquet readers report nested fields as nullable: compare types ignoring nullability.
    return a.dataType().asNullable().sameType(b.dataType().asNullable());
  }
}
