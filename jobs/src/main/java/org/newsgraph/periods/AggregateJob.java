package org.newsgraph.periods;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.newsgraph.config.SettingKeys;
import org.newsgraph.config.Settings;
import org.newsgraph.entities.CorpusNames;
import org.newsgraph.entities.EntityDirectory;
import org.newsgraph.entities.Mentions;
import org.newsgraph.entities.NamingConf;
import org.newsgraph.entities.OutletNames;
import org.newsgraph.entities.UntaggedMentions;
import org.newsgraph.errors.NewsgraphErrors;
import org.newsgraph.nlp.AliasTable;
import org.newsgraph.periods.ChangedPeriods.Period;
import org.newsgraph.runs.Progress;
import org.newsgraph.runs.RunRecord;
import org.newsgraph.tables.Cached;
import org.newsgraph.tables.TableIO;
import org.newsgraph.tables.Tables;
import org.newsgraph.udfs.NewsgraphFunctions;

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
 * fingerprint changed, the {@code comention_counts} rows of the periods whose surprise baseline
 * holds one of them (their stored rows with the surprise computed again), and removes the periods
 * that no longer have documents in the output; the other rows are not touched. It reads only the
 * articles of the periods whose fingerprint changed: the surprise baselines take the pair counts of
 * the other periods from their stored rows, which their unchanged fingerprints vouch for. The
 * fingerprints are stored only after the rows are written, so a run that dies half-way leaves those
 * periods to be recomputed by the next.
 */
public final class AggregateJob {

  private AggregateJob() {}

  /** Aggregate as a command of its own: one recorded run (see {@link RunRecord}). */
  public static AggregateReport run(SparkSession spark, Settings settings) {
    RunRecord run = RunRecord.start("aggregate", settings);
    check(settings);
    return run.record(spark, settings.output(), () -> run(spark, settings, run));
  }

  /**
   * Checks the settings of aggregate before any work, the alias file included: a bad value fails
   * here (exit code 2).
   */
  public static void check(Settings settings) {
    PeriodOptions.from(settings);
    corpusOptions(settings);
    summaryGrain(settings);
    NamingConf.canonicalizer(settings);
  }

  /** Aggregate as the stage of a run, with its run id and run date. */
  public static AggregateReport run(SparkSession spark, Settings settings, RunRecord run) {
    return run.stage("aggregate", () -> aggregate(spark, settings, run), AggregateReport::counts);
  }

  private static AggregateReport aggregate(SparkSession spark, Settings settings, RunRecord run) {
    String output = settings.output();
    PeriodOptions options = PeriodOptions.from(settings);
    CorpusNames.Options naming = corpusOptions(settings);
    Grain summaryGrain = summaryGrain(settings);
    AliasTable aliases = NamingConf.aliases(settings);
    NewsgraphFunctions.registerCanonicalNames(spark, NamingConf.canonicalizer(settings, aliases));
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
    Dataset<Row> named = Cached.of(Mentions.fromAnnotations(annotations, articles));
    try {
      CorpusNames.Result corpus = CorpusNames.resolve(named, naming);
      Dataset<Row> tagged = Cached.of(corpus.mentions());
      // From the tagged mentions, which rule 11 gives no place and takes none from: the places
      // of the mentions after it are theirs, and these are computed once.
      Dataset<Row> outletPlaces = Cached.of(OutletNames.placesOfOutlets(tagged, articles));
      try {
        Progress.stage(
            "aggregate",
            "{} place mentions that start the name of an outlet of the corpus are the outlet, no"
                + " place (\"USA\" of \"USA TODAY\")",
            outletPlaces.count());
        Dataset<Row> all =
            OutletNames.without(
                settings.getBoolean(SettingKeys.UNTAGGED_NAMES)
                    ? UntaggedMentions.apply(
                        spark, tagged, corpus.decisions(), annotations, articles, aliases, naming)
                    : tagged,
                outletPlaces);
        AggregateTables.writeMentions(spark, output, all);
        TableIO.replace(corpus.decisions(), output, Tables.NAME_RESOLUTION);
      } finally {
        outletPlaces.unpersist();
        tagged.unpersist();
        corpus.release();
      }
    } finally {
      named.unpersist();
    }
    Dataset<Row> mentions = TableIO.read(spark, output, Tables.MENTIONS_TABLE);
    TableIO.replace(EntityDirectory.of(mentions), output, Tables.ENTITIES);
    Map<String, Long> resolutions = new TreeMap<>();
    for (Row r : mentions.groupBy(Tables.RESOLUTION).count().collectAsList()) {
      resolutions.put(r.getString(0), r.getLong(1));
    }
    TableIO.append(
        mentions
            .groupBy(Tables.RESOLUTION)
            .count()
            .withColumnRenamed("count", Tables.MENTION_COUNT)
            .withColumn(Tables.RUN_ID, lit(run.runId()))
            .withColumn(Tables.RUN_DATE, lit(run.runDateValue()))
            .withColumn(Tables.RUN_STARTED, lit(run.startedValue())),
        output,
        Tables.RESOLUTION_STATS);

    Dataset<Row> documents = Cached.of(PeriodInputs.documents(annotations, articles));
    ChangedPeriods plan;
    long capped;
    try {
      Map<Period, Row> current = new TreeMap<>();
      for (Row r : PeriodInputs.fingerprints(documents, mentions, options).collectAsList()) {
        current.put(AggregateTables.period(r), r);
      }
      Map<Period, String> currentPrints = new HashMap<>();
      current.forEach((p, r) -> currentPrints.put(p, r.getAs(Tables.FINGERPRINT)));
      plan =
          ChangedPeriods.plan(
              currentPrints,
              AggregateTables.storedFingerprints(spark, output),
              options.surpriseWindow());
      TableIO.replace(
          PeriodInputs.cappedArticles(mentions, options), output, Tables.CAPPED_ARTICLES);
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
        AggregateTables.writePeriods(
            spark,
            settings,
            options,
            new AggregateTables.Stored(documents, mentions, annotations, articles),
            plan,
            current,
            run);
      }
    } finally {
      documents.unpersist();
    }
    return AggregateReport.of(spark, output, settings, summaryGrain, resolutions, capped, plan);
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

  private static Grain summaryGrain(Settings settings) {
    return Grain.of(settings.getChoice(SettingKeys.SUMMARY_GRAIN));
  }
}
