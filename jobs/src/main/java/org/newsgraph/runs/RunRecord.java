package org.newsgraph.runs;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.newsgraph.config.Settings;
import org.newsgraph.errors.NewsgraphException;
import org.newsgraph.tables.TableIO;
import org.newsgraph.tables.Tables;

/**
 * One run of a command: its run id (the start instant, ISO-8601), shared by every stage and every
 * row the run writes, its run date ({@code newsgraph.runDate}, checked when the run starts, before
 * any work), and what each stage did and took. When the run ends, {@link #record} appends one row
 * to the {@code runs} table: status {@code succeeded}, or {@code failed} with the error's message
 * (the error still reaches the caller), and the Delta version of every table at the end, so that
 * the tables as of a run can be read with time travel.
 *
 * <p>Not thread-safe: the stages of a run are called one after the other.
 */
public final class RunRecord {

  /** Status of a run that ended normally. */
  public static final String SUCCEEDED = "succeeded";

  /** Status of a run that ended with an error. */
  public static final String FAILED = "failed";

  private record Stage(String name, double seconds, Map<String, Long> counts) {}

  private final String command;
  private final Instant started;
  private final LocalDate runDate;
  private final List<Stage> stages = new ArrayList<>();

  private RunRecord(String command, Instant started, LocalDate runDate) {
    this.command = command;
    this.started = started;
    this.runDate = runDate;
  }

  /** Starts a run of a command now; a bad run date fails here (exit code 2). */
  public static RunRecord start(String command, Settings settings) {
    Instant now = Instant.now();
    return new RunRecord(command, now, settings.runDate(now));
  }

  public String runId() {
    return started.toString();
  }

  public LocalDate runDate() {
    return runDate;
  }

  /** The run date as a SQL date, for the {@code run_date} column. */
  public Date runDateValue() {
    return Date.valueOf(runDate);
  }

  /** The start as a SQL timestamp, for the {@code run_started} column. */
  public Timestamp startedValue() {
    return Timestamp.from(started);
  }

  /**
   * Does one stage of the run, timing it; its counts come from the stage's report. A stage that
   * fails is recorded with its time and no counts, and its error is rethrown.
   */
  public <T> T stage(String name, Supplier<T> work, Function<T, Map<String, Long>> counts) {
    long begin = System.nanoTime();
    T result;
    try {
      result = work.get();
    } catch (RuntimeException | Error e) {
      stages.add(new Stage(name, seconds(begin), Map.of()));
      throw e;
    }
    stages.add(new Stage(name, seconds(begin), Map.copyOf(counts.apply(result))));
    return result;
  }

  /**
   * Does the run's work and appends its row to {@code <output>/runs}: succeeded, or failed with the
   * error's message. The work's error is rethrown; an error while recording a failed run is added
   * to it as suppressed, never in its place.
   */
  public <T> T record(SparkSession spark, String output, Supplier<T> work) {
    Map<String, Long> before = versions(spark, output);
    T result;
    try {
      result = work.get();
    } catch (RuntimeException | Error e) {
      try {
        append(spark, output, before, FAILED, message(e));
      } catch (RuntimeException | Error recording) {
        e.addSuppressed(recording);
      }
      throw e;
    }
    append(spark, output, before, SUCCEEDED, null);
    return result;
  }

  /** The message of a newsgraph error (problem, cause, fix); class and message of any other. */
  private static String message(Throwable e) {
    return e instanceof NewsgraphException ? e.getMessage() : e.toString();
  }

  /** The version of every table but runs itself. */
  private static Map<String, Long> versions(SparkSession spark, String output) {
    Map<String, Long> versions = TableIO.versions(spark, output);
    versions.remove(Tables.RUNS.name());
    return versions;
  }

  private void append(
      SparkSession spark, String output, Map<String, Long> before, String status, String error) {
    Map<String, Long> after = versions(spark, output);
    List<String> committed =
        after.entrySet().stream()
            .filter(e -> !e.getValue().equals(before.get(e.getKey())))
            .map(Map.Entry::getKey)
            .toList();
    List<Row> stageRows = new ArrayList<>();
    for (Stage s : stages) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put(Tables.STAGE, s.name());
      v.put(Tables.SECONDS, s.seconds());
      v.put(Tables.COUNTS, s.counts());
      stageRows.add(TableIO.row(Tables.RUN_STAGE, v));
    }
    Map<String, Object> v = new LinkedHashMap<>();
    v.put(Tables.RUN_ID, runId());
    v.put(Tables.RUN_DATE, runDateValue());
    v.put(Tables.COMMAND, command);
    v.put(Tables.STARTED, startedValue());
    v.put(Tables.ENDED, Timestamp.from(Instant.now()));
    v.put(Tables.STATUS, status);
    v.put(Tables.ERROR, error);
    v.put(Tables.STAGES, stageRows);
    v.put(Tables.TABLE_VERSIONS, after);
    v.put(Tables.COMMITTED_TABLES, committed);
    Row row = TableIO.row(Tables.RUNS.schema(), v);
    TableIO.append(spark.createDataFrame(List.of(row), Tables.RUNS.schema()), output, Tables.RUNS);
    Progress.stage(
        command,
        "run {} (run date {}) {}; recorded in {}",
        runId(),
        runDate,
        status,
        Tables.RUNS.name());
  }

  private static double seconds(long beginNanos) {
    return (System.nanoTime() - beginNanos) / 1e9;
  }
}
