package org.newsgraph.tables;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes the tables of {@link Tables}, checking schemas on both sides: a job never starts
 * on a table whose columns it does not expect, and never writes columns that are not in the table's
 * definition.
 */
public final class TableIO {

  private static final Logger LOG = LoggerFactory.getLogger(TableIO.class);

  /** Directory under the output for tables being written; hidden from Spark's readers. */
  static final String STAGING = "_staging";

  /** A staging directory's name: the table's, a dash, the milliseconds it was created at. */
  private static final Pattern LEFTOVER = Pattern.compile("(.+)-[0-9]+");

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
   * Replaces a table as a whole. The rows are written under {@code <output>/_staging/} first (Spark
   * ignores directories starting with {@code _}, so readers never see the staging copy), and only
   * when that write has succeeded does the new directory take the old one's place by rename. A
   * failed write leaves the published table as it was. The rows may be computed from the table
   * itself (annotate reuses stored annotations).
   */
  public static void replace(Dataset<Row> df, String output, TableDef table) {
    Staged staged = stage(df, output, table);
    try {
      staged.swap(staged.table(), new Path(path(output, table)), staged.aside());
      staged.close();
    } catch (IOException e) {
      throw NewsgraphErrors.ioFailure(
          "publish table " + table.name() + " at", path(output, table), e);
    }
  }

  /**
   * Replaces some partitions of a table and leaves the others untouched (same files). Each
   * partition is given by its values of the partition columns in order. {@code df} holds the new
   * rows of exactly those partitions; a listed partition without rows in {@code df} is removed. As
   * in {@link #replace}, the rows are written to staging first: a failed write leaves every
   * partition as it was, and a reader never sees a partition half-written.
   */
  public static void replacePartitions(
      Dataset<Row> df, String output, TableDef table, List<List<String>> partitions) {
    publishPartitions(stage(df, output, table), output, table, partitions);
  }

  /**
   * Replaces one partition of a table written by partition (the quarantine's {@code stage}),
   * leaving the other partitions as they are. The partition is replaced even when {@code df} is
   * empty (by a partition without rows), so no stale rows survive a re-run.
   */
  public static void writePartition(
      Dataset<Row> df, String output, TableDef table, String partitionValue) {
    if (!writtenByPartition(table)) {
      throw new IllegalStateException("bug: " + table.name() + " is not written by partition");
    }
    List<String> values = List.of(partitionValue);
    Staged staged =
        stage(
            df,
            output,
            table,
            dir ->
                checkTypes(df, table)
                    .drop(table.partitionBy().get(0))
                    .write()
                    .mode(SaveMode.Overwrite)
                    .parquet(new Path(dir, partitionDir(table, values)).toString()));
    publishPartitions(staged, output, table, List.of(values));
  }

  private static void publishPartitions(
      Staged staged, String output, TableDef table, List<List<String>> partitions) {
    Path target = new Path(path(output, table));
    try {
      for (List<String> values : partitions) {
        String relative = partitionDir(table, values);
        staged.swap(
            new Path(staged.table(), relative),
            new Path(target, relative),
            new Path(staged.aside(), relative));
      }
      staged.close();
    } catch (IOException e) {
      throw NewsgraphErrors.ioFailure(
          "publish partitions of table " + table.name() + " at", target.toString(), e);
    }
  }

  private static String partitionDir(TableDef table, List<String> values) {
    if (values.size() != table.partitionBy().size()) {
      throw new IllegalStateException(
          "bug: partition " + values + " of " + table.name() + " is not " + table.partitionBy());
    }
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      parts.add(table.partitionBy().get(i) + "=" + values.get(i));
    }
    return String.join(Path.SEPARATOR, parts);
  }

  /** Writes the rows of a table, partitioned as defined, to staging. */
  private static Staged stage(Dataset<Row> df, String output, TableDef table) {
    return stage(df, output, table, dir -> write(df, dir.toString(), table, SaveMode.Overwrite));
  }

  /**
   * Writes rows of a table under {@code <output>/_staging/<table>-<millis>/table}, where they wait
   * to be renamed into place. A write that fails removes its own staging directory before the
   * failure propagates.
   */
  private static Staged stage(
      Dataset<Row> df, String output, TableDef table, Consumer<Path> writeInto) {
    Path root =
        new Path(new Path(output, STAGING), table.name() + "-" + System.currentTimeMillis());
    Staged staged = new Staged(fileSystem(df.sparkSession(), root), root);
    try {
      writeInto.accept(staged.table());
    } catch (RuntimeException e) {
      try {
        staged.close();
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    return staged;
  }

  /**
   * Finishes what a killed run left under {@code <output>/_staging/}, before a job reads any table.
   * A staging directory that holds moved-aside rows was killed while swapping, after its new rows
   * were completely written: every table or partition it had moved aside but not yet replaced gets
   * its new rows, so the swap completes. Other staging directories were killed while writing and
   * are dropped. Assumes one run at a time writes the output directory.
   */
  public static void recover(SparkSession spark, String output) {
    Path stagingRoot = new Path(output, STAGING);
    FileSystem fs = fileSystem(spark, stagingRoot);
    try {
      if (!fs.exists(stagingRoot)) {
        return;
      }
      for (FileStatus leftover : fs.listStatus(stagingRoot)) {
        Matcher m = LEFTOVER.matcher(leftover.getPath().getName());
        if (!m.matches()) {
          continue;
        }
        Staged staged = new Staged(fs, leftover.getPath());
        if (fs.exists(staged.aside())) {
          staged.rollForward(staged.aside(), staged.table(), new Path(output, m.group(1)));
        }
        LOG.warn(
            "removing {}: staging of table {} left by a run that did not finish",
            leftover.getPath(),
            m.group(1));
        staged.close();
      }
    } catch (IOException e) {
      throw NewsgraphErrors.ioFailure("recover staging directory", stagingRoot.toString(), e);
    }
  }

  private static FileSystem fileSystem(SparkSession spark, Path path) {
    try {
      return path.getFileSystem(spark.sparkContext().hadoopConfiguration());
    } catch (IOException e) {
      throw NewsgraphErrors.ioFailure("open the file system of", path.toString(), e);
    }
  }

  /** A staging directory: the staged table, and beside it where replaced data is moved aside. */
  private record Staged(FileSystem fs, Path root) {

    Path table() {
      return new Path(root, "table");
    }

    Path aside() {
      return new Path(root, "replaced");
    }

    /**
     * Moves target aside (when it exists), then staged into its place (when it exists), then
     * deletes what was moved aside. On the same file system and under the same output directory,
     * each move is a rename: atomic on HDFS and local disks, a copy on object stores.
     */
    void swap(Path staged, Path target, Path aside) throws IOException {
      boolean hadOld = fs.exists(target);
      if (hadOld) {
        mkdirs(aside.getParent());
        rename(target, aside);
      }
      if (fs.exists(staged)) {
        mkdirs(target.getParent());
        try {
          rename(staged, target);
        } catch (IOException e) {
          if (hadOld) {
            // Put the old data back, so the table stays as it was before this run; if that
            // fails too, the next run's recover() completes the swap from staging.
            try {
              rename(aside, target);
            } catch (IOException restore) {
              e.addSuppressed(restore);
            }
          }
          throw e;
        }
      }
      if (hadOld && !fs.delete(aside, true)) {
        throw new IOException("delete " + aside + " returned false");
      }
    }

    /**
     * Completes a swap cut off after {@code aside} was moved away: where the target is missing, the
     * staged rows take its place; within a target that exists, the same for each partition
     * directory that was moved aside. A target missing with nothing staged was being removed.
     */
    void rollForward(Path aside, Path staged, Path target) throws IOException {
      if (!fs.exists(target)) {
        if (fs.exists(staged)) {
          mkdirs(target.getParent());
          rename(staged, target);
          LOG.warn("completed the publication of {} cut off by a run that did not finish", target);
        }
        return;
      }
      for (FileStatus child : fs.listStatus(aside)) {
        String name = child.getPath().getName();
        if (child.isDirectory() && name.contains("=")) {
          rollForward(child.getPath(), new Path(staged, name), new Path(target, name));
        }
      }
    }

    /** Removes the staging directory, and {@code _staging} itself once it is empty. */
    void close() throws IOException {
      fs.delete(root, true);
      Path stagingRoot = root.getParent();
      if (fs.exists(stagingRoot) && fs.listStatus(stagingRoot).length == 0) {
        fs.delete(stagingRoot, false);
      }
    }

    private void rename(Path from, Path to) throws IOException {
      if (!fs.rename(from, to)) {
        throw new IOException("rename " + from + " to " + to + " returned false");
      }
    }

    private void mkdirs(Path dir) throws IOException {
      if (!fs.exists(dir) && !fs.mkdirs(dir)) {
        throw new IOException("mkdirs " + dir + " returned false");
      }
    }
  }

  /** Adds rows to a table that keeps history (ingest_runs). */
  public static void append(Dataset<Row> df, String output, TableDef table) {
    write(df, path(output, table), table, SaveMode.Append);
  }

  private static void write(Dataset<Row> df, String path, TableDef table, SaveMode mode) {
    // Parquet's standard timestamp type, readable everywhere; Spark's default is legacy INT96.
    df.sparkSession().conf().set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
    checkTypes(df, table)
        .write()
        .mode(mode)
        .partitionBy(table.partitionBy().toArray(String[]::new))
        .parquet(path);
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
