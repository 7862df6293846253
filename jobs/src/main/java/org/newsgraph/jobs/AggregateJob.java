package org.newsgraph.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.newsgraph.config.SettingKeys;
import org.newsgraph.config.Settings;
import org.newsgraph.tables.TableIO;
import org.newsgraph.tables.Tables;
import org.newsgraph.transform.DailyCounts;

/** Stage 3: {@code entity_daily} and {@code comention_daily} from the {@code mentions} table. */
public final class AggregateJob {

  /** One co-mention pair over the whole run. */
  public record Pair(String entityA, String entityB, long documents, long sentences) {}

  /** What aggregate did. */
  public record Report(long entities, long pairs, long days, List<Pair> topPairs) {}

  private AggregateJob() {}

  public static Report run(SparkSession spark, Settings settings) {
    String output = settings.output();
    Dataset<Row> mentions = TableIO.read(spark, output, Tables.MENTIONS_TABLE);
    Progress.stage("aggregate", "daily entity and co-mention counts under {}", output);
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
    Progress.stage("aggregate", "{} entities, {} co-mention pairs", e.getLong(0), pairs);
    return new Report(e.getLong(0), pairs, e.getLong(1), List.copyOf(top));
  }
}
