package org.newsgraph.tables;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark settings the job needs, set where a SparkSession is built (the command line, the tests
 * and the benchmarks).
 *
 * <ul>
 *   <li>{@link #configure}: Delta's SQL session extension and its catalog. Spark reads both when
 *       the session starts, so they cannot be set later. Extensions the user gives ({@code --conf
 *       spark.sql.extensions=...} to spark-submit or after the command) are kept, Delta's is added
 *       to them; a catalog the user gives is kept.
 *   <li>{@link #tune}: two SQL settings that keep the fixed cost of a run small, each set only when
 *       the user gave none (see the method).
 * </ul>
 */
public final class DeltaSession {

  static final String EXTENSIONS = "spark.sql.extensions";
  static final String CATALOG = "spark.sql.catalog.spark_catalog";
  static final String DELTA_EXTENSION = "io.delta.sql.DeltaSparkSessionExtension";
  static final String DELTA_CATALOG = "org.apache.spark.sql.delta.catalog.DeltaCatalog";
  static final String CACHED_PLAN_PARTITIONING =
      "spark.sql.optimizer.canChangeCachedPlanOutputPartitioning";
  static final String SNAPSHOT_PARTITIONS = "spark.databricks.delta.snapshotPartitions";
  static final String OPTIMIZE_WRITE = "spark.databricks.delta.optimizeWrite.enabled";

  /** Delta's own default for {@link #SNAPSHOT_PARTITIONS}. */
  private static final int DELTA_SNAPSHOT_PARTITIONS = 50;

  private DeltaSession() {}

  /**
   * Adds Delta's extension and catalog to a session builder.
   *
   * @param given Spark settings given on the command line; the Spark conf of the JVM (from
   *     spark-submit) is consulted after them
   */
  public static SparkSession.Builder configure(
      SparkSession.Builder builder, Map<String, String> given) {
    SparkConf jvm = new SparkConf();
    String extensions = given.getOrDefault(EXTENSIONS, jvm.get(EXTENSIONS, ""));
    List<String> all = new ArrayList<>();
    for (String e : extensions.split(",")) {
      if (!e.isBlank()) {
        all.add(e.strip());
      }
    }
    if (!all.contains(DELTA_EXTENSION)) {
      all.add(DELTA_EXTENSION);
    }
    return builder
        .config(EXTENSIONS, String.join(",", all))
        .config(CATALOG, given.getOrDefault(CATALOG, jvm.get(CATALOG, DELTA_CATALOG)));
  }

  /**
   * Sets two SQL settings of a started session, each only when the user set none, and returns the
   * session.
   *
   * <ul>
   *   <li>{@code spark.sql.optimizer.canChangeCachedPlanOutputPartitioning=true}: the job persists
   *       the datasets it reads several times, and without this Spark's adaptive execution leaves
   *       their shuffles at {@code spark.sql.shuffle.partitions} (200 tasks for a few articles).
   *   <li>{@code spark.databricks.delta.snapshotPartitions}: the partitions Delta reads a table's
   *       log with at every read and commit; Delta's 50 become the session's default parallelism
   *       when that is smaller (2 on a two-core machine), since each commit of a run reads one.
   *   <li>{@code spark.databricks.delta.optimizeWrite.enabled=true}: Delta's optimized writes
   *       shuffle the rows of a write by the table's partition columns and write files of up to its
   *       bin size, instead of one file per task and date. Without it, 2,000 articles annotated in
   *       94 tasks gave an {@code annotations} table of 1,872 files over 176 dates, and every later
   *       read of the table opened them all.
   * </ul>
   *
   * Measured on {@code sample-data/} (34 articles, 2 cores): {@code bin/newsgraph run} took 167 s
   * without them and 88 s with them, with the same summary (docs/benchmarks.md).
   */
  public static SparkSession tune(SparkSession spark) {
    if (!spark.conf().contains(CACHED_PLAN_PARTITIONING)) {
      spark.conf().set(CACHED_PLAN_PARTITIONING, "true");
    }
    if (!spark.conf().contains(SNAPSHOT_PARTITIONS)) {
      int parallelism = Math.max(1, spark.sparkContext().defaultParallelism());
      spark.conf().set(SNAPSHOT_PARTITIONS, Math.min(DELTA_SNAPSHOT_PARTITIONS, parallelism));
    }
    if (!spark.conf().contains(OPTIMIZE_WRITE)) {
      spark.conf().set(OPTIMIZE_WRITE, "true");
    }
    return spark;
  }
}
