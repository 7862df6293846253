package org.newsgraph.periods;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.newsgraph.config.Settings;
import org.newsgraph.periods.ChangedPeriods.Period;
import org.newsgraph.runs.Progress;
import org.newsgraph.runs.RunRecord;
import org.newsgraph.tables.TableDef;
import org.newsgraph.tables.TableIO;
import org.newsgraph.tables.Tables;
import org.newsgraph.udfs.RowBuilder;

/**
 * The writes of aggregate and the order that keeps its tables consistent: {@code mentions}
 * rewritten only on the dates whose mentions changed; the period tables rewritten per period (one
 * Delta {@code replaceWhere} commit per table) and, last, the fingerprints of {@code
 * aggregate_periods}, so that a run that dies half-way leaves the periods it was rewriting to be
 * recomputed by the next; and the stored fingerprints read back.
 */
final class AggregateTables {

  /** The period tables, rewritten per period. */
  private static final List<TableDef> PERIOD_TABLES =
      List.of(Tables.ENTITY_COUNTS, Tables.COMENTION_COUNTS, Tables.COMENTION_EVIDENCE);

  /** What the period tables are computed from. */
  record Stored(
      Dataset<Row> documents,
      Dataset<Row> mentions,
      Dataset<Row> annotations,
      Dataset<Row> articles) {}

  /** (grain, period_start): the key of a period in the period tables. */
  private static final StructType PERIOD_KEY =
      new StructType(
          new StructField[] {
            Tables.AGGREGATE_PERIODS.schema().apply(Tables.GRAIN),
            Tables.AGGREGATE_PERIODS.schema().apply(Tables.PERIOD_START)
          });

  private static final RowBuilder PERIOD_ROWS = new RowBuilder(PERIOD_KEY);

  /** +1 for a computed mention row, -1 for a stored one: their sum per row is the difference. */
  private static final String SIDE = "_side";

  private AggregateTables() {}

  static void writePeriods(
      SparkSession spark,
      Settings settings,
      PeriodOptions options,
      Stored stored,
      ChangedPeriods plan,
      Map<Period, Row> current,
      RunRecord run) {
    String output = settings.output();
    Progress.stage(
        "aggregate",
        plan.full()
            ? "computing all {} periods (day, week, month)"
            : "recomputing {} changed periods ({} whose inputs changed, {} whose surprise baseline"
                + " did), removing {}, leaving {} as they are",
        plan.affected().size(),
        plan.dirty().size(),
        plan.rebaselined().size(),
        plan.removed().size(),
        plan.unchanged());
    Map<Period, Row> kept = new TreeMap<>();
    if (!plan.full()) {
      for (Row r : TableIO.read(spark, output, Tables.AGGREGATE_PERIODS).collectAsList()) {
        Period p = period(r);
        if (!plan.affected().contains(p) && !plan.removed().contains(p)) {
          kept.put(p, r);
        }
      }
    }

    Dataset<Row> dirty = plan.full() ? null : periodFrame(spark, plan.dirty());
    PeriodInputs in = PeriodInputs.of(stored.documents(), stored.mentions(), options, dirty);
    CoMentionCounts.Baselines baselines = null;
    if (!plan.full()) {
      // Unchanged inputs vouch for stored rows: the pair counts of the periods not computed from
      // the articles are the baselines' other half, and the rows of the rebaselined periods only
      // need their surprise again, so only the articles of the dirty periods are read. Of the
      // other periods, only those in the window of a period being computed are read (a filter on
      // the partition columns: their files alone), so a night reads the stored counts of a few
      // periods whatever the length of the history.
      Dataset<Row> storedPairs = TableIO.read(spark, output, Tables.COMENTION_COUNTS);
      Set<Period> baselineOnly =
          inBaselines(kept.keySet(), plan.affected(), options.surpriseWindow());
      baselines =
          new CoMentionCounts.Baselines(
              periodFrame(spark, current.keySet()),
              storedPairs
                  .where(periodCondition(baselineOnly))
                  .select(
                      Tables.GRAIN,
                      Tables.PERIOD_START,
                      Tables.ENTITY_A,
                      Tables.ENTITY_B,
                      Tables.DOCUMENTS),
              storedPairs.where(periodCondition(plan.rebaselined())));
    }
    Map<TableDef, Dataset<Row>> rows =
        Map.of(
            Tables.ENTITY_COUNTS, EntityCounts.compute(in, options),
            Tables.COMENTION_COUNTS, CoMentionCounts.compute(in, options, baselines),
            Tables.COMENTION_EVIDENCE,
                Evidence.compute(
                    in, stored.documents(), stored.annotations(), stored.articles(), options));
    // Only comention_counts holds surprise columns: the other tables keep the rows of the
    // rebaselined periods.
    Set<Period> recomputed = new TreeSet<>(plan.dirty());
    recomputed.addAll(plan.removed());
    Set<Period> rewritten = new TreeSet<>(plan.affected());
    rewritten.addAll(plan.removed());
    try {
      int written = 0;
      for (TableDef table : PERIOD_TABLES) {
        long begin = System.nanoTime();
        if (plan.full()) {
          TableIO.replace(rows.get(table), output, table);
        } else {
          TableIO.replaceWhere(
              rows.get(table),
              output,
              table,
              periodCondition(table == Tables.COMENTION_COUNTS ? rewritten : recomputed));
        }
        written++;
        // On a large corpus each table takes minutes: a line per commit shows the work going on.
        Progress.stage(
            "aggregate",
            "{} committed in {} s ({} of {} period tables)",
            table.name(),
            Progress.secondsSince(begin),
            written,
            PERIOD_TABLES.size());
      }
    } finally {
      in.release();
    }
    // The fingerprints last: a run that dies before this line leaves the old ones, which differ
    // from the inputs of every period it was rewriting, so the next run rewrites them again.
    List<Row> prints = new ArrayList<>(kept.values());
    for (Period p : plan.affected()) {
      Row r = current.get(p);
      Map<String, Object> v = new LinkedHashMap<>();
      v.put(Tables.GRAIN, p.grain().id());
      v.put(Tables.PERIOD_START, Date.valueOf(p.start()));
      v.put(Tables.PERIOD_DOCUMENTS, r.<Long>getAs(Tables.PERIOD_DOCUMENTS));
      v.put(Tables.FINGERPRINT, r.getAs(Tables.FINGERPRINT));
      v.put(Tables.RUN_ID, run.runId());
      v.put(Tables.RUN_DATE, run.runDateValue());
      prints.add(TableIO.row(Tables.AGGREGATE_PERIODS.schema(), v));
    }
    writeFingerprints(spark, output, prints);
  }

  /**
   * Writes the mentions, rewriting only the dates whose mentions changed (a new or changed article,
   * or a corpus-level naming decision that renamed mentions of other days); the whole table when
   * none is stored that this code can read.
   */
  static void writeMentions(SparkSession spark, String output, Dataset<Row> computed) {
    if (!TableIO.unreadable(spark, output, Tables.MENTIONS_TABLE).isEmpty()) {
      TableIO.replace(computed, output, Tables.MENTIONS_TABLE);
      return;
    }
    Dataset<Row> mentions = computed.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Column[] columns = Tables.MENTIONS_TABLE.cols();
      // The rows whose copies differ in number between the computed and the stored mentions (the
      // two multisets' difference both ways, as exceptAll gives it): one aggregation of both,
      // where two exceptAll would aggregate both twice.
      Dataset<Row> balance =
          mentions
              .select(columns)
              .withColumn(SIDE, lit(1L))
              .unionByName(
                  TableIO.read(spark, output, Tables.MENTIONS_TABLE)
                      .select(columns)
                      .withColumn(SIDE, lit(-1L)))
              .groupBy(columns)
              .agg(sum(col(SIDE)).as(SIDE));
      List<LocalDate> dates = new ArrayList<>();
      for (Row r :
          balance.where(col(SIDE).notEqual(0)).select(Tables.DATE).distinct().collectAsList()) {
        dates.add(r.getDate(0).toLocalDate());
      }
      Progress.stage("aggregate", "mentions changed on {} days", dates.size());
      if (!dates.isEmpty()) {
        String condition = TableIO.dateIn(Tables.DATE, dates);
        TableIO.replaceWhere(mentions.where(condition), output, Tables.MENTIONS_TABLE, condition);
      }
    } finally {
      mentions.unpersist();
    }
  }

  /**
   * The periods of {@code candidates} that lie in the surprise window of one of {@code computed}:
   * the {@code window} periods of the same grain before it.
   */
  static Set<Period> inBaselines(Set<Period> candidates, Set<Period> computed, int window) {
    Set<Period> in = new TreeSet<>();
    for (Period c : candidates) {
      if (computed.stream().anyMatch(p -> c.inWindowBefore(p, window))) {
        in.add(c);
      }
    }
    return in;
  }

  /** A SQL condition that holds for the rows of the given periods. */
  private static String periodCondition(Set<Period> periods) {
    Map<Grain, List<LocalDate>> starts = new TreeMap<>();
    for (Period p : periods) {
      starts.computeIfAbsent(p.grain(), g -> new ArrayList<>()).add(p.start());
    }
    List<String> parts = new ArrayList<>();
    starts.forEach(
        (grain, dates) ->
            parts.add(
                "("
                    + Tables.GRAIN
                    + " = '"
                    + grain.id()
                    + "' AND "
                    + TableIO.dateIn(Tables.PERIOD_START, dates)
                    + ")"));
    return parts.isEmpty() ? "false" : String.join(" OR ", parts);
  }

  /** The last run's fingerprints; null when any period table is missing or has other columns. */
  static Map<Period, String> storedFingerprints(SparkSession spark, String output) {
    List<TableDef> tables = new ArrayList<>(PERIOD_TABLES);
    tables.add(Tables.AGGREGATE_PERIODS);
    for (TableDef table : tables) {
      List<String> problems = TableIO.unreadable(spark, output, table);
      if (!problems.isEmpty()) {
        Progress.stage(
            "aggregate",
            "period tables are computed in full: {} ({})",
            table.name(),
            String.join("; ", problems));
        return null;
      }
    }
    Map<Period, String> stored = new HashMap<>();
    for (Row r : TableIO.read(spark, output, Tables.AGGREGATE_PERIODS).collectAsList()) {
      stored.put(period(r), r.getAs(Tables.FINGERPRINT));
    }
    return stored;
  }

  private static void writeFingerprints(SparkSession spark, String output, Collection<Row> rows) {
    TableIO.replace(
        spark.createDataFrame(new ArrayList<>(rows), Tables.AGGREGATE_PERIODS.schema()),
        output,
        Tables.AGGREGATE_PERIODS);
  }

  private static Dataset<Row> periodFrame(SparkSession spark, Set<Period> periods) {
    List<Row> rows = new ArrayList<>();
    for (Period p : periods) {
      rows.add(
          PERIOD_ROWS
              .row()
              .set(Tables.GRAIN, p.grain().id())
              .set(Tables.PERIOD_START, Date.valueOf(p.start()))
              .build());
    }
    return spark.createDataFrame(rows, PERIOD_KEY).hint("broadcast");
  }

  static Period period(Row r) {
    return new Period(
        Grain.of(r.getAs(Tables.GRAIN)), r.<Date>getAs(Tables.PERIOD_START).toLocalDate());
  }
}
