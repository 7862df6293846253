package org.newsgraph.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.newsgraph.config.SettingKeys;
import org.newsgraph.config.Settings;
import org.newsgraph.nlp.AliasTable;
import org.newsgraph.tables.TableIO;
import org.newsgraph.tables.Tables;
import org.newsgraph.transform.DailyCounts;
import org.newsgraph.transform.Mentions;
import org.newsgraph.udfs.NewsgraphFunctions;

/**
 * Stage 3, without CoreNLP: the {@code mentions} table (canonical names by the rules and the alias
 * table, from the stored annotations), one {@code resolution_stats} row per resolution rule, then
 * {@code entity_daily} and {@code comention_daily}. Editing the alias file and re-running aggregate
 * updates every one of them.
 */
public final class AggregateJob {

  /** One co-mention pair over the whole run. */
  public record Pair(String entityA, String entityB, long documents, long sentences) {}

  /**
   * What aggregate did.
   *
   * @param resolutions mentions per resolution rule (exact, in_article, alias, unresolved)
   */
  public record Report(
      long entities, long pairs, long days, List<Pair> topPairs, Map<String, Long> resolutions) {}

  private AggregateJob() {}

  public static Report run(SparkSession spark, Settings settings) {
    Instant started = Instant.now();
    String output = settings.output();
    AliasTable aliases = settings.aliases();
    NewsgraphFunctions.registerCanonicalNames(spark, settings.canonicalizer(aliases));
    Progress.stage(
        "aggregate",
        "canonical names ({} aliases from '{}'), daily entity and co-mention counts under {}",
        aliases.size(),
        settings.get(SettingKeys.ALIAS_FILE),
        output);
    TableIO.write(
        Mentions.fromAnnotations(TableIO.read(spark, output, Tables.ANNOTATIONS)),
        output,
        Tables.MENTIONS_TABLE);
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
            .withColumn(Tables.RUN_ID, lit(started.toString()))
            .withColumn(Tables.RUN_STARTED, lit(Timestamp.from(started))),
        output,
        Tables.RESOLUTION_STATS);

    TableIO.write(
        DailyCounts.entityDaily(mentions, settings.getList(SettingKeys.ENTITY_TYPES)),
        output,
        Tables.ENTITY_DAILY);
    TableIO.write(
        DailyCounts.comentionDaily(mentions, settings.getList(SettingKeys.PAIR_TYPES)),
        output,
        Tables.COMENTION_DAILY);

    Dataset<Row> entityDaily = TableIO.read(spark, output, Tables.ENTITY_DAILY);
    Row e =
        entityDaily.agg(countDistinct(col(Tables.ENTITY)), countDistinct(col(Tables.DATE))).first();
    Dataset<Row> pairsTotal =
        TableIO.read(spark, output, Tables.COMENTION_DAILY)
            .groupBy(Tables.ENTITY_A, Tables.ENTITY_B)
            .agg(
                sum(Tables.DOCUMENTS).as(Tables.DOCUMENTS),
                sum(Tables.SENTENCES).as(Tables.SENTENCES));
    long pairs = pairsTotal.count();
    List<Pair> top = new ArrayList<>();
    for (Row r :
        pairsTotal
            .orderBy(
                col(Tables.DOCUMENTS).desc(),
                col(Tables.SENTENCES).desc(),
                col(Tables.ENTITY_A),
                col(Tables.ENTITY_B))
            .limit(settings.getInt(SettingKeys.SUMMARY_TOP_PAIRS, 0))
            .collectAsList()) {
      top.add(new Pair(r.getString(0), r.getString(1), r.getLong(2), r.getLong(3)));
    }
    Progress.stage(
        "aggregate",
        "{} entities, {} co-mention pairs; mentions by resolution {}",
        e.getLong(0),
        pairs,
        resolutions);
    return new Report(e.getLong(0), pairs, e.getLong(1), List.copyOf(top), Map.copyOf(resolutions));
  }
}
