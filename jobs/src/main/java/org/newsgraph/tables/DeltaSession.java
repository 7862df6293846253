package org.newsgraph.tables;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The two Spark settings Delta Lake needs, set where a SparkSession is built (the command line and
 * the tests): Delta's SQL session extension and its catalog. Spark reads both when the session
 * starts, so they cannot be set later. Extensions the user gives ({@code --conf
 * spark.sql.extensions=...} to spark-submit or after the command) are kept, Delta's is added to
 * them; a catalog the user gives is kept.
 */
public final class DeltaSession {

  static final String EXTENSIONS = "spark.sql.extensions";
  static final String CATALOG = "spark.sql.catalog.spark_catalog";
  static final String DELTA_EXTENSION = "io.delta.sql.DeltaSparkSessionExtension";
  static final String DELTA_CATALOG = "org.apache.spark.sql.delta.catalog.DeltaCatalog";

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
}
