package org.newsgraph.periods;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.newsgraph.tables.DistinctCount;
import org.newsgraph.tables.Tables;

/**
 * The {@code entity_counts} table: per period, entity and type, the mentions, documents, stories,
 * sources and the tone of the distinct sentences that mention the entity.
 */
public final class EntityCounts {

  private EntityCounts() {}

  public static Dataset<Row> compute(PeriodInputs in, PeriodOptions options) {
    Dataset<Row> perSentence =
        in.mentions()
            .where(col(Tables.ENTITY_TYPE).isin(options.entityTypes().toArray()))
            .groupBy(
                Tables.GRAIN,
                Tables.PERIOD_START,
                Tables.ENTITY,
                Tables.ENTITY_TYPE,
                Tables.ARTICLE_ID,
                Tables.SENTENCE_INDEX)
            .agg(
                count(lit(1)).as(Tables.MENTION_COUNT),
                first(col(Tables.STORY_ID)).as(Tables.STORY_ID),
                first(col(Tables.SOURCE), true).as(Tables.SOURCE),
                first(col(Tables.SENTIMENT_LABEL), true).as(Tables.SENTIMENT_LABEL),
                first(col(Tables.SENTIMENT_SCORE), true).as(Tables.SENTIMENT_SCORE));
    List<Column> aggregates = new ArrayList<>();
    aggregates.add(DistinctCount.of(Tables.ARTICLE_ID).as(Tables.DOCUMENTS));
    aggregates.add(DistinctCount.of(Tables.STORY_ID).as(Tables.STORIES));
    aggregates.add(DistinctCount.of(Tables.SOURCE).as(Tables.SOURCES));
    aggregates.addAll(Tone.columns());
    return perSentence
        .groupBy(Tables.GRAIN, Tables.PERIOD_START, Tables.ENTITY, Tables.ENTITY_TYPE)
        .agg(sum(Tables.MENTION_COUNT).as(Tables.MENTION_COUNT), aggregates.toArray(Column[]::new))
        .withColumn(Tables.PERIOD, Grain.label());
  }
}
