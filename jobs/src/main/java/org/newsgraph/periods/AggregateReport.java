package org.newsgraph.periods;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.max;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.newsgraph.config.SettingKeys;
import org.newsgraph.config.Settings;
import org.newsgraph.runs.Progress;
import org.newsgraph.tables.TableIO;
import org.newsgraph.tables.Tables;

/**
 * What aggregate did, read back from the tables it wrote: entity and pair counts, the periods
 * written, left and removed, and the top pairs of the last period of the summary grain.
 *
 * @param resolutions mentions per resolution rule (exact, in_article, alias, unresolved)
 * @param cappedArticles articles with more entities of the pair types than the cap
 * @param periodsWritten periods (of all grains) whose rows were recomputed
 * @param periodsUnchanged periods left as they were
 * @param periodsRemoved periods that no longer have documents, deleted
 * @param lastPeriod label of the last period of the summary grain, null when there is none
 */
public record AggregateReport(
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

  /** One co-mention pair of the summary's period. */
  public record Pair(
      String entityA, String entityB, long documents, long stories, long sentences, Double npmi) {}

  static AggregateReport of(
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
                  col(Tables.SENTENCE_COUNT).desc(),
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
    return new AggregateReport(
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
              r.<Long>getAs(Tables.SENTENCE_COUNT),
              r.<Double>getAs(Tables.NPMI)));
    }
    return List.copyOf(out);
  }
}
