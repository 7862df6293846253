package org.newsgraph.periods;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sha2;

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
import org.newsgraph.config.SettingKeys;
import org.newsgraph.config.Settings;
import org.newsgraph.entities.CorpusNames;
import org.newsgraph.entities.Mentions;
import org.newsgraph.errors.NewsgraphErrors;
import org.newsgraph.nlp.AliasTable;
import org.newsgraph.periods.ChangedPeriods.Period;
import org.newsgraph.runs.Progress;
import org.newsgraph.runs.RunRecord;
import org.newsgraph.tables.TableDef;
import org.newsgraph.tables.TableIO;
import org.newsgraph.tables.Tables;
import org.newsgraph.udfs.NewsgraphFunctions;
import org.newsgraph.udfs.RowBuilder;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Stage 3, without CoreNLP: the {@code mentions} table (canonical names by the rules and the alias
 * table, from the stored annotations), one {@code resolution_stats} row per resolution rule, then
 * the period tables {@code entity_counts}, {@code comention_counts} and {@code comention_evidence}
 * at day, ISO week and month grain. Editing the alias file and re-running aggregate updates every
 * one of them.
 *
 * <p>Incremental: {@code mentions} is rewritten only on the dates whose mentions changed, and
 * {@code aggregate_periods} keeps a fingerprint of the inputs of every period. A re-run recomputes
 * and rewrites (Delta {@code replaceWhere}, one commit per table) only the periods whose
 * fingerprint changed, the periods whose surprise baseline holds one of them, and removes the
 * periods that no longer have documents in the output; the other rows are not touched. It reads
 * only the articles of the periods it rewrites: the surprise baselines take the pair counts of the
 * other periods from their stored rows, which their unchanged fingerprints vouch for. The
 * fingerprints are stored only after the rows are written, so a run that dies half-way leaves those
 * periods to be recomputed by the next.
 */
public final class AggregateJob {

  /** The period tables, rewritten per period. */
  private static final List<TableDef> PERIOD_TABLES =
      List.of(Tables.ENTITY_COUNTS, Tables.COMENTION_COUNTS, Tables.COMENTION_EVIDENCE);

  /** One co-mention pair of the summary's period. */
  public record Pair(
      String entityA, String entityB, long documents, long stories, long sentences, Double npmi) {}

  /**
   * What aggregate did.
   *
   * @param resolutions mentions per resolution rule (exact, in_article, alias, unresolved)
   * @param cappedArticles articles with more entities of the pair types than the cap
   * @param periodsWritten periods (of all grains) whose rows were recomputed
   * @param periodsUnchanged periods left as they were
   * @param periodsRemoved periods that no longer have documents, deleted
   * @param lastPeriod label of the last period of the summary grain, null when there is none
   */
  public record Report(
      long entities,
      long pairs,
      long days,
      Map<String, Long> resolutions,
      long cappedArticles,
      int periodsWritten,
      int periodsUnchanged,
      int periodsRemoved,
      String lastPeriod,
      List<Pair> topByDocuments,
      List<Pair> topByNpmi) {

    /** The counts of the stage, by name, for the runs table. */
    public Map<String, Long> counts() {
      Map<String, Long> c = new LinkedHashMap<>();
      c.put("entities", entities);
      c.put("pairs", pairs);
      c.put("days", days);
      c.put("capped_articles", cappedArticles);
      c.put("periods_written", (long) periodsWritten);
      c.put("periods_unchanged", (long) periodsUnchanged);
      c.put("periods_removed", (long) periodsRemoved);
      return c;
    }
  }

  /** What the period tables are computed from. */
  private record Stored(
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

  private AggregateJob() {}

  /** Aggregate as a command of its own: one recorded run (see {@link RunRecord}). */
  public static Report run(SparkSession spark, Settings settings) {
    RunRecord run = RunRecord.start("aggregate", settings);
    check(settings);
    return run.record(spark, settings.output(), () -> run(spark, settings, run));
  }

  /**
   * Checks the settings of aggregate before any work, the alias file included: a bad value fails
   * here (exit code 2).
   */
  public static void check(Settings settings) {
    options(settings);
    corpusOptions(settings);
    summaryGrain(settings);
    settings.canonicalizer();
  }

  /** Aggregate as the stage of a run, with its run id and run date. */
  public static Report run(SparkSession spark, Settings settings, RunRecord run) {
    return run.stage("aggregate", () -> aggregate(spark, settings, run), Report::counts);
  }

  private static Report aggregate(SparkSession spark, Settings settings, RunRecord run) {
    String output = settings.output();
    PeriodCounts.Options options = options(settings);
    CorpusNames.Options naming = corpusOptions(settings);
    Grain summaryGrain = summaryGrain(settings);
    AliasTable aliases = settings.aliases();
    NewsgraphFunctions.registerCanonicalNames(spark, settings.canonicalizer(aliases));
    Progress.stage(
        "aggregate",
        "canonical names ({} aliases from '{}'), entity and co-mention counts by day, week and"
            + " month under {}",
        aliases.size(),
        settings.get(SettingKeys.ALIAS_FILE),
        output);
    Dataset<Row> articles = TableIO.read(spark, output, Tables.ARTICLES);
    Dataset<Row> annotations = TableIO.read(spark, output, Tables.ANNOTATIONS);
    checkAnnotationsAreCurrent(annotations, articles);
    Dataset<Row> named =
        Mentions.fromAnnotations(annotations, articles).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      CorpusNames.Result corpus = CorpusNames.resolve(named, naming);
      writeMentions(spark, output, corpus.mentions());
      TableIO.replace(corpus.decisions(), output, Tables.NAME_RESOLUTION);
    } finally {
      named.unpersist();
    }
    Dataset<Row> mentions = TableIO.read(spark, output, Tables.MENTIONS_TABLE);
    Map<String, Long> resolutions = new TreeMap<>();
    for (Row r : mentions.groupBy(Tables.RESOLUTION).count().collectAsList()) {
      resolutions.put(r.getString(0), r.getLong(1));
    }
    TableIO.append(
        mentions
            .groupBy(Tables.RESOLUTION)
            .count()
            .withColumnRenamed("count", Tables.MENTIONS)
            .withColumn(Tables.RUN_ID, lit(run.runId()))
            .withColumn(Tables.RUN_DATE, lit(run.runDateValue()))
            .withColumn(Tables.RUN_STARTED, lit(run.startedValue())),
        output,
        Tables.RESOLUTION_STATS);

    Dataset<Row> documents =
        PeriodCounts.documents(annotations, articles).persist(StorageLevel.MEMORY_AND_DISK());
    ChangedPeriods plan;
    long capped;
    try {
      Map<Period, Row> current = new TreeMap<>();
      for (Row r : PeriodCounts.fingerprints(documents, mentions, options).collectAsList()) {
        current.put(period(r), r);
      }
      Map<Period, String> currentPrints = new HashMap<>();
      current.forEach((p, r) -> currentPrints.put(p, r.getAs(Tables.FINGERPRINT)));
      plan =
          ChangedPeriods.plan(
              currentPrints, storedFingerprints(spark, output), options.surpriseWindow());
      TableIO.replace(
          PeriodCounts.cappedArticles(mentions, options), output, Tables.CAPPED_ARTICLES);
      capped = TableIO.read(spark, output, Tables.CAPPED_ARTICLES).count();
      if (capped > 0) {
        Progress.stage(
            "aggregate",
            "{} articles have more than {} entities of the pair types; only their most-mentioned"
                + " {} are paired ({}; the articles are listed in {})",
            capped,
            options.maxPairedEntities(),
            options.maxPairedEntities(),
            SettingKeys.MAX_PAIRED_ENTITIES.key(),
            Tables.CAPPED_ARTICLES.name());
      }

      if (plan.nothingToDo()) {
        Progress.stage(
            "aggregate", "no period changed: {} periods left as they are", plan.unchanged());
      } else {
        writePeriods(
            spark,
            settings,
            options,
            new Stored(documents, mentions, annotations, articles),
            plan,
            current,
            run);
      }
    } finally {
      documents.unpersist();
    }
    return report(spark, output, settings, summaryGrain, resolutions, capped, plan);
  }

  private static void writePeriods(
      SparkSession spark,
      Settings settings,
      PeriodCounts.Options options,
      Stored stored,
      ChangedPeriods plan,
      Map<Period, Row> current,
      RunRecord run) {
    String output = settings.output();
    Progress.stage(
        "aggregate",
        plan.full()
            ? "computing all {} periods (day, week, month)"
            : "recomputing {} changed periods (their inputs changed, or their surprise baseline"
                + " did), removing {}, leaving {} as they are",
        plan.affected().size(),
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

    Dataset<Row> affected = plan.full() ? null : periodFrame(spark, plan.affected());
    PeriodCounts.Inputs in =
        PeriodCounts.inputs(stored.documents(), stored.mentions(), options, affected);
    PeriodCounts.Baselines baselines = null;
    if (!plan.full()) {
      // Unchanged periods' fingerprints vouch for their stored rows: their pair counts are the
      // baselines' other half, so only the articles of the affected periods are read.
      baselines =
          new PeriodCounts.Baselines(
              periodFrame(spark, current.keySet()),
              TableIO.read(spark, output, Tables.COMENTION_COUNTS)
                  .join(periodFrame(spark, kept.keySet()), periodKey(), "left_semi")
                  .select(
                      Tables.GRAIN,
                      Tables.PERIOD_START,
                      Tables.ENTITY_A,
                      Tables.ENTITY_B,
                      Tables.DOCUMENTS));
    }
    Map<TableDef, Dataset<Row>> rows =
        Map.of(
            Tables.ENTITY_COUNTS, PeriodCounts.entityCounts(in, options),
            Tables.COMENTION_COUNTS, PeriodCounts.comentionCounts(in, options, baselines),
            Tables.COMENTION_EVIDENCE,
                PeriodCounts.evidence(
                    in, stored.documents(), stored.annotations(), stored.articles(), options));
    Set<Period> rewritten = new TreeSet<>(plan.affected());
    rewritten.addAll(plan.removed());
    String condition = periodCondition(rewritten);
    for (TableDef table : PERIOD_TABLES) {
      if (plan.full()) {
        TableIO.replace(rows.get(table), output, table);
      } else {
        TableIO.replaceWhere(rows.get(table), output, table, condition);
      }
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
  private static void writeMentions(SparkSession spark, String output, Dataset<Row> computed) {
    if (!TableIO.unreadable(spark, output, Tables.MENTIONS_TABLE).isEmpty()) {
      TableIO.replace(computed, output, Tables.MENTIONS_TABLE);
      return;
    }
    Dataset<Row> mentions = computed.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> stored = TableIO.read(spark, output, Tables.MENTIONS_TABLE);
      Dataset<Row> fresh =
          mentions.select(
              Tables.MENTIONS_TABLE.columns().stream().map(c -> col(c)).toArray(Column[]::new));
      List<LocalDate> dates = new ArrayList<>();
      for (Row r :
          fresh
              .exceptAll(stored)
              .union(stored.exceptAll(fresh))
              .select(Tables.DATE)
              .distinct()
              .collectAsList()) {
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
  private static Map<Period, String> storedFingerprints(SparkSession spark, String output) {
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

  private static scala.collection.immutable.Seq<String> periodKey() {
    return CollectionConverters.asScala(List.of(Tables.GRAIN, Tables.PERIOD_START)).toSeq();
  }

  private static Period period(Row r) {
    return new Period(
        Grain.of(r.getAs(Tables.GRAIN)), r.<Date>getAs(Tables.PERIOD_START).toLocalDate());
  }

  private static Report report(
      SparkSession spark,
      String output,
      Settings settings,
      Grain summaryGrain,
      Map<String, Long> resolutions,
      long capped,
      ChangedPeriods plan) {
    Column dayGrain = col(Tables.GRAIN).equalTo(Grain.DAY.id());
    Row e =
        TableIO.read(spark, output, Tables.ENTITY_COUNTS)
            .where(dayGrain)
            .agg(countDistinct(col(Tables.ENTITY)), countDistinct(col(Tables.PERIOD_START)))
            .first();
    Dataset<Row> comentions = TableIO.read(spark, output, Tables.COMENTION_COUNTS);
    long pairs =
        comentions.where(dayGrain).select(Tables.ENTITY_A, Tables.ENTITY_B).distinct().count();
    Dataset<Row> ofGrain = comentions.where(col(Tables.GRAIN).equalTo(summaryGrain.id()));
    Row last = ofGrain.agg(max(col(Tables.PERIOD_START))).first();
    String lastPeriod = null;
    List<Pair> byDocuments = List.of();
    List<Pair> byNpmi = List.of();
    if (!last.isNullAt(0)) {
      Dataset<Row> inLast = ofGrain.where(col(Tables.PERIOD_START).equalTo(last.getDate(0)));
      lastPeriod = inLast.first().getAs(Tables.PERIOD);
      int top = settings.getInt(SettingKeys.SUMMARY_TOP_PAIRS);
      byDocuments =
          pairs(
              inLast.orderBy(
                  col(Tables.DOCUMENTS).desc(),
                  col(Tables.SENTENCES).desc(),
                  col(Tables.ENTITY_A),
                  col(Tables.ENTITY_B)),
              top);
      byNpmi =
          pairs(
              inLast
                  .where(col(Tables.NPMI).isNotNull())
                  .orderBy(
                      col(Tables.NPMI).desc(),
                      col(Tables.DOCUMENTS).desc(),
                      col(Tables.ENTITY_A),
                      col(Tables.ENTITY_B)),
              top);
    }
    int written = plan.nothingToDo() ? 0 : plan.affected().size();
    Progress.stage(
        "aggregate",
        "{} entities, {} co-mention pairs; {} periods written, {} unchanged, {} removed;"
            + " mentions by resolution {}",
        e.getLong(0),
        pairs,
        written,
        plan.unchanged(),
        plan.removed().size(),
        resolutions);
    return new Report(
        e.getLong(0),
        pairs,
        e.getLong(1),
        Map.copyOf(resolutions),
        capped,
        written,
        plan.unchanged(),
        plan.removed().size(),
        lastPeriod,
        byDocuments,
        byNpmi);
  }

  private static List<Pair> pairs(Dataset<Row> ordered, int limit) {
    List<Pair> out = new ArrayList<>();
    for (Row r : ordered.limit(limit).collectAsList()) {
      out.add(
          new Pair(
              r.getAs(Tables.ENTITY_A),
              r.getAs(Tables.ENTITY_B),
              r.<Long>getAs(Tables.DOCUMENTS),
              r.<Long>getAs(Tables.STORIES),
              r.<Long>getAs(Tables.SENTENCES),
              r.<Double>getAs(Tables.NPMI)));
    }
    return List.copyOf(out);
  }

  /**
   * Fails when an article's text changed after it was annotated: its stored offsets would cut the
   * wrong sentences out of the new text. Failed annotations carry no offsets and are left alone.
   */
  private static void checkAnnotationsAreCurrent(Dataset<Row> annotations, Dataset<Row> articles) {
    Dataset<Row> stale =
        annotations
            .where(col(Tables.FAILURE).isNull())
            .select(Tables.ARTICLE_ID, Tables.TEXT_HASH)
            .join(
                articles.select(
                    col(Tables.ARTICLE_ID), sha2(col(Tables.TEXT), 256).as("_current_hash")),
                Tables.ARTICLE_ID)
            .where(col(Tables.TEXT_HASH).notEqual(col("_current_hash")))
            .select(Tables.ARTICLE_ID);
    List<String> examples = new ArrayList<>();
    for (Row r : stale.orderBy(Tables.ARTICLE_ID).limit(5).collectAsList()) {
      examples.add(r.getString(0));
    }
    if (!examples.isEmpty()) {
      throw NewsgraphErrors.staleAnnotations(stale.count(), examples);
    }
  }

  private static CorpusNames.Options corpusOptions(Settings settings) {
    List<String> nameTypes = settings.getList(SettingKeys.NAME_TYPES);
    for (var typesSetting : List.of(SettingKeys.ENTITY_TYPES, SettingKeys.PAIR_TYPES)) {
      for (String type : settings.getList(typesSetting)) {
        if (!nameTypes.contains(type)) {
          throw NewsgraphErrors.badSettingValue(
              typesSetting.key(),
              String.join(",", settings.getList(typesSetting)),
              "types listed in "
                  + SettingKeys.NAME_TYPES.key()
                  + " ("
                  + String.join(",", nameTypes)
                  + "): only named entities have one name and one type across the corpus, and '"
                  + type
                  + "' is not one",
              null);
        }
      }
    }
    return new CorpusNames.Options(
        nameTypes,
        settings.getDouble(SettingKeys.CORPUS_MIN_SHARE),
        settings.getInt(SettingKeys.CORPUS_MIN_DOCUMENTS));
  }

  static PeriodCounts.Options options(Settings settings) {
    return new PeriodCounts.Options(
        settings.getList(SettingKeys.ENTITY_TYPES),
        settings.getList(SettingKeys.PAIR_TYPES),
        settings.getInt(SettingKeys.MAX_PAIRED_ENTITIES),
        settings.getInt(SettingKeys.MIN_SUPPORT),
        settings.getInt(SettingKeys.SURPRISE_WINDOW),
        settings.getInt(SettingKeys.SURPRISE_MIN_PERIODS),
        settings.getInt(SettingKeys.EVIDENCE_PER_PAIR));
  }

  private static Grain summaryGrain(Settings settings) {
    return Grain.of(settings.getChoice(SettingKeys.SUMMARY_GRAIN));
  }
}
