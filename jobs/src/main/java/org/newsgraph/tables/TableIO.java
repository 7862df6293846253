package org.newsgraph.tables;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.newsgraph.jobs.NewsgraphErrors;

/**
 * Reads and writes the tables of {@link Tables}, checking schemas on both sides: a job never starts
 * on a table whose columns it does not expect, and never writes columns that are not in the table's
 * definition.
 */
public final class TableIO {

  /** Directory under the output for tables being written; hidden from Spark's readers. */
  static final String STAGING = "_staging";

  private TableIO() {}

  public static String path(String output, TableDef table) {
    return new Path(output, table.name()).toString();
  }

  /**
   * Whether the table exists under output: a completely written table has Spark's {@code _SUCCESS}
   * marker; a table written one partition at a time (quarantine) has its directory.
   */
  public static boolean exists(SparkSession spark, String output, TableDef table) {
    Path dir = new Path(path(output, table));
    Path marker = writtenByPartition(table) ? dir : new Path(dir, "_SUCCESS");
    try {
      FileSystem fs = marker.getFileSystem(spark.sparkContext().hadoopConfiguration());
      return fs.exists(marker);
    } catch (IOException e) {
      throw NewsgraphErrors.ioFailure("check", marker.toString(), e);
    }
  }

  /** The table, with its columns in definition order, after checking they are all there. */
  public static Dataset<Row> read(SparkSession spark, String output, TableDef table) {
    String path = path(output, table);
    if (!exists(spark, output, table)) {
      throw NewsgraphErrors.tableMissing(table.name(), path, table.producer());
    }
    Dataset<Row> df = load(spark, path, table);
    List<String> problems = schemaProblems(df, table);
    if (!problems.isEmpty()) {
      throw NewsgraphErrors.tableSchemaMismatch(table.name(), path, String.join("; ", problems));
    }
    return df.select(columns(table));
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
    return schemaProblems(load(spark, path, table), table);
  }

  private static Dataset<Row> load(SparkSession spark, String path, TableDef table) {
    // A table written by partition may hold only empty files: give its schema, do not infer it.
    if (writtenByPartition(table)) {
      return spark.read().schema(table.schema()).parquet(path);
    }
    try {
      return spark.read().parquet(path);
    } catch (Exception e) {
      // A partitioned table written with no rows has no data file to infer a schema from.
      if (e instanceof AnalysisException a && "UNABLE_TO_INFER_SCHEMA".equals(a.getCondition())) {
        return spark.read().schema(table.schema()).parquet(path);
      }
      throw e;
    }
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
   * Deletes partitions of a table, each given by its values of the partition columns in order
   * (absent partitions are skipped). Used before appending the recomputed rows of those partitions.
   */
  public static void deletePartitions(
      SparkSession spark, String output, TableDef table, List<List<String>> partitions) {
    for (List<String> values : partitions) {
      Path dir = new Path(path(output, table));
      for (int i = 0; i < values.size(); i++) {
        dir = new Path(dir, table.partitionBy().get(i) + "=" + values.get(i));
      }
      try {
        FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (fs.exists(dir) && !fs.delete(dir, true)) {
          throw new IOException("delete returned false");
        }
      } catch (IOException e) {
        throw NewsgraphErrors.ioFailure("delete partition", dir.toString(), e);
      }
    }
  }

  /** Writes a table, replacing whatever was there. */
  public static void write(Dataset<Row> df, String output, TableDef table) {
    write(df, output, table, SaveMode.Overwrite);
  }

  /**
   * Replaces a table with rows that may be computed from the table itself (annotate reuses stored
   * annotations): the rows are written under {@code <output>/_staging/} first, and only when that
   * write has succeeded does the new directory take the old one's place. Spark ignores directories
   * starting with {@code _}, so readers never see the staging copy.
   */
  public static void replace(Dataset<Row> df, String output, TableDef table) {
    Path target = new Path(path(output, table));
    String stamp = table.name() + "-" + System.currentTimeMillis();
    Path staging = new Path(new Path(output, STAGING), stamp);
    Path old = new Path(new Path(output, STAGING), stamp + "-replaced");
    write(df, staging.toString(), table.name(), table, SaveMode.Overwrite);
    try {
      FileSystem fs = target.getFileSystem(df.sparkSession().sparkContext().hadoopConfiguration());
      boolean hadOld = fs.exists(target);
      if (hadOld && !fs.rename(target, old)) {
        throw new IOException("rename " + target + " to " + old + " returned false");
      }
      // The same file system and parent: a rename, atomic on HDFS and local disks.
      if (!fs.rename(new Path(staging, table.name()), target)) {
        throw new IOException("rename " + staging + " to " + target + " returned false");
      }
      if (hadOld) {
        fs.delete(old, true);
      }
      fs.delete(staging, true);
      Path stagingRoot = staging.getParent();
      if (fs.listStatus(stagingRoot).length == 0) {
        fs.delete(stagingRoot, false);
      }
    } catch (IOException e) {
      throw NewsgraphErrors.ioFailure(
          "publish table " + table.name() + " at", target.toString(), e);
    }
  }

  /** Adds rows to a table that keeps history (ingest_runs). */
  public static void append(Dataset<Row> df, String output, TableDef table) {
    write(df, output, table, SaveMode.Append);
  }

  private static void write(Dataset<Row> df, String output, TableDef table, SaveMode mode) {
    write(df, output, table.name(), table, mode);
  }

  private static void write(
      Dataset<Row> df, String parent, String name, TableDef table, SaveMode mode) {
    // Parquet's standard timestamp type, readable everywhere; Spark's default is legacy INT96.
    df.sparkSession().conf().set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
    checkTypes(df, table)
        .write()
        .mode(mode)
        .partitionBy(table.partitionBy().toArray(String[]::new))
        .parquet(new Path(parent, name).toString());
  }

  /**
   * Replaces one partition of a table written by partition (the quarantine's {@code stage}),
   * leaving the other partitions as they are. The partition is replaced even when {@code df} is
   * empty, so no stale rows survive a re-run.
   */
  public static void writePartition(
      Dataset<Row> df, String output, TableDef table, String partitionValue) {
    if (!writtenByPartition(table)) {
      throw new IllegalStateException("bug: " + table.name() + " is not written by partition");
    }
    String column = table.partitionBy().get(0);
    checkTypes(df, table)
        .drop(column)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(new Path(path(output, table), column + "=" + partitionValue).toString());
  }

  private static boolean writtenByPartition(TableDef table) {
    return table.partitionBy().equals(List.of(Tables.STAGE));
  }

  private static Dataset<Row> checkTypes(Dataset<Row> df, TableDef table) {
    Dataset<Row> ordered = df.select(columns(table));
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

  private static Column[] columns(TableDef table) {
    return table.columns().stream().map(functions::col).toArray(Column[]::new);
  }
}
