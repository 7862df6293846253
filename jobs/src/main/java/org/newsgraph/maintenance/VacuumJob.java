package org.newsgraph.maintenance;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.SparkSession;
import org.newsgraph.config.SettingKeys;
import org.newsgraph.config.Settings;
import org.newsgraph.errors.NewsgraphErrors;
import org.newsgraph.runs.Progress;
import org.newsgraph.runs.RunRecord;
import org.newsgraph.tables.TableDef;
import org.newsgraph.tables.TableIO;
import org.newsgraph.tables.Tables;

/**
 * The {@code vacuum} command: Delta {@code VACUUM} on every table of the output, deleting the data
 * files that no version of the last {@code newsgraph.vacuum.retentionHours} hours (default 168, a
 * week) uses: files that MERGE, {@code replaceWhere} or a rebuild replaced. The current version of
 * every table stays readable, and so does every version of the retention window; time travel to an
 * older version fails after it. The transaction logs are not touched (Delta trims them itself).
 *
 * <p>A retention shorter than Delta's own file retention (168 hours) is refused before any table is
 * touched unless Delta's check is turned off ({@code
 * spark.databricks.delta.retentionDurationCheck.enabled=false}): a reader still on an older version
 * could lose its files.
 */
public final class VacuumJob {

  /** Delta's setting that refuses retentions shorter than the table's file retention. */
  static final String RETENTION_CHECK = "spark.databricks.delta.retentionDurationCheck.enabled";

  /** Delta's default file retention of a table (delta.deletedFileRetentionDuration). */
  static final int DELTA_DEFAULT_RETENTION_HOURS = 168;

  /**
   * What vacuum did.
   *
   * @param tables tables vacuumed (those that exist under the output)
   * @param filesRemoved data files deleted
   * @param filesKept data files left
   * @param retentionHours the retention applied
   */
  public record Report(int tables, long filesRemoved, long filesKept, int retentionHours) {

    /** The counts of the stage, by name, for the runs table. */
    public Map<String, Long> counts() {
      Map<String, Long> c = new LinkedHashMap<>();
      c.put("tables", (long) tables);
      c.put("files_removed", filesRemoved);
      c.put("files_kept", filesKept);
      c.put("retention_hours", (long) retentionHours);
      return c;
    }
  }

  private VacuumJob() {}

  /** Vacuum as a command of its own: one recorded run (see {@link RunRecord}). */
  public static Report run(SparkSession spark, Settings settings) {
    RunRecord run = RunRecord.start("vacuum", settings);
    check(spark, settings);
    return run.record(spark, settings.output(), () -> run(spark, settings, run));
  }

  /** Checks the retention setting before Spark starts (exit code 2 on a bad value). */
  public static void check(Settings settings) {
    settings.vacuumRetentionHours();
  }

  /** Checks the retention before any work: a bad value fails here (exit code 2). */
  public static void check(SparkSession spark, Settings settings) {
    retentionHours(settings, spark.conf().get(RETENTION_CHECK, "true"));
  }

  /** Vacuum as the stage of a run. */
  public static Report run(SparkSession spark, Settings settings, RunRecord run) {
    return run.stage("vacuum", () -> vacuum(spark, settings), Report::counts);
  }

  private static Report vacuum(SparkSession spark, Settings settings) {
    int hours = retentionHours(settings, spark.conf().get(RETENTION_CHECK, "true"));
    String output = settings.output();
    int tables = 0;
    long before = 0;
    long after = 0;
    for (TableDef table : Tables.ALL) {
      if (!TableIO.exists(spark, output, table)) {
        continue;
      }
      String path = TableIO.path(output, table);
      long files = dataFiles(spark, path);
      DeltaTable.forPath(spark, path).vacuum(hours);
      long left = dataFiles(spark, path);
      Progress.stage(
          "vacuum", "{}: {} data files removed, {} kept", table.name(), files - left, left);
      tables++;
      before += files;
      after += left;
    }
    Progress.stage(
        "vacuum",
        "{} tables under {}: {} data files older than {} hours and unused removed, {} kept",
        tables,
        output,
        before - after,
        hours,
        after);
    return new Report(tables, before - after, after, hours);
  }

  /**
   * The retention setting, checked against Delta's: shorter than 168 hours only with Delta's check
   * off.
   *
   * @param retentionCheck the session's value of {@link #RETENTION_CHECK}
   */
  static int retentionHours(Settings settings, String retentionCheck) {
    int hours = settings.vacuumRetentionHours();
    if (hours < DELTA_DEFAULT_RETENTION_HOURS
        && !"false".equalsIgnoreCase(retentionCheck.strip())) {
      throw NewsgraphErrors.badSettingValue(
          SettingKeys.VACUUM_RETENTION_HOURS.key(),
          Integer.toString(hours),
          "at least "
              + DELTA_DEFAULT_RETENTION_HOURS
              + " hours, Delta's file retention; a shorter one needs --conf "
              + RETENTION_CHECK
              + "=false, and a reader still on an older version may then fail",
          null);
    }
    return hours;
  }

  /** Data files of a table: every file outside its transaction log. */
  private static long dataFiles(SparkSession spark, String table) {
    Path root = new Path(table);
    try {
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
      long n = 0;
      while (files.hasNext()) {
        Path p = files.next().getPath();
        if (!p.toUri().getPath().contains("/_delta_log/") && !p.getName().startsWith(".")) {
          n++;
        }
      }
      return n;
    } catch (IOException e) {
      throw NewsgraphErrors.ioFailure("list the files of", table, e);
    }
  }
}
