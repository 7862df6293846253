package org.newsgraph.transform;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.newsgraph.tables.Tables;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Daily aggregates over the {@code mentions} table (reads: article_id, date, sentence_index,
 * entity, entity_type, sentiment_score).
 *
 * <ul>
 *   <li>{@code entity_daily}: per day, entity and type: mentions, documents, and the mean sentiment
 *       of the distinct sentences that mention the entity (each sentence once).
 *   <li>{@code comention_daily}: per day and unordered pair of canonical names (entity_a &lt;
 *       entity_b): documents that mention both, sentences that mention both, and the mean sentiment
 *       of those sentences. Names are paired regardless of type.
 * </ul>
 */
public final class DailyCounts {

  private DailyCounts() {}

  public static Dataset<Row> entityDaily(Dataset<Row> mentions, List<String> types) {
    Dataset<Row> perSentence =
        mentions
            .where(col(Tables.ENTITY_TYPE).isin(types.toArray()))
            .groupBy(
                Tables.DATE,
                Tables.ENTITY,
                Tables.ENTITY_TYPE,
                Tables.ARTICLE_ID,
                Tables.SENTENCE_INDEX)
            .agg(
                count(lit(1)).as(Tables.MENTIONS),
                first(col(Tables.SENTIMENT_SCORE), true).as(Tables.SENTIMENT_SCORE));
    return perSentence
        .groupBy(Tables.DATE, Tables.ENTITY, Tables.ENTITY_TYPE)
        .agg(
            sum(Tables.MENTIONS).as(Tables.MENTIONS),
            countDistinct(col(Tables.ARTICLE_ID)).as(Tables.DOCUMENTS),
            avg(Tables.SENTIMENT_SCORE).as(Tables.SENTIMENT_MEAN),
            count(col(Tables.SENTIMENT_SCORE)).as(Tables.SENTIMENT_SENTENCES));
  }

  public static Dataset<Row> comentionDaily(Dataset<Row> mentions, List<String> types) {
    Dataset<Row> entitySentences =
        mentions
            .where(col(Tables.ENTITY_TYPE).isin(types.toArray()))
            .groupBy(Tables.DATE, Tables.ARTICLE_ID, Tables.SENTENCE_INDEX, Tables.ENTITY)
            .agg(first(col(Tables.SENTIMENT_SCORE), true).as(Tables.SENTIMENT_SCORE));

    Dataset<Row> entityDocuments =
        entitySentences.select(Tables.DATE, Tables.ARTICLE_ID, Tables.ENTITY).distinct();
    Dataset<Row> documentPairs =
        pairs(entityDocuments, List.of(Tables.DATE, Tables.ARTICLE_ID))
            .groupBy(Tables.DATE, Tables.ENTITY_A, Tables.ENTITY_B)
            .agg(count(lit(1)).as(Tables.DOCUMENTS));

    Dataset<Row> sentencePairs =
        pairs(entitySentences, List.of(Tables.DATE, Tables.ARTICLE_ID, Tables.SENTENCE_INDEX))
            .groupBy(Tables.DATE, Tables.ENTITY_A, Tables.ENTITY_B)
            .agg(
                count(lit(1)).as(Tables.SENTENCES),
                avg(col(Tables.SENTIMENT_SCORE)).as(Tables.SENTIMENT_MEAN),
                count(col(Tables.SENTIMENT_SCORE)).as(Tables.SENTIMENT_SENTENCES));

    // Every sentence pair is also a document pair, so a left join keeps every pair.
    return documentPairs
        .join(sentencePairs, seq(List.of(Tables.DATE, Tables.ENTITY_A, Tables.ENTITY_B)), "left")
        .select(
            col(Tables.DATE),
            col(Tables.ENTITY_A),
            col(Tables.ENTITY_B),
            col(Tables.DOCUMENTS),
            coalesce(col(Tables.SENTENCES), lit(0L)).as(Tables.SENTENCES),
            col(Tables.SENTIMENT_MEAN),
            coalesce(col(Tables.SENTIMENT_SENTENCES), lit(0L)).as(Tables.SENTIMENT_SENTENCES));
  }

  /**
   * Self-join of the entities of one unit (a document or a sentence) into pairs with entity_a &lt;
   * entity_b; the sentiment column of the left side is kept when present.
   */
  private static Dataset<Row> pairs(Dataset<Row> entities, List<String> unit) {
    Dataset<Row> b = entities.select(withUnit(unit, col(Tables.ENTITY).as(Tables.ENTITY_B)));
    Dataset<Row> a = entities.withColumnRenamed(Tables.ENTITY, Tables.ENTITY_A);
    return a.join(b, seq(unit)).where(col(Tables.ENTITY_A).lt(col(Tables.ENTITY_B)));
  }

  private static Column[] withUnit(List<String> unit, Column extra) {
    List<Column> cols = new ArrayList<>();
    unit.forEach(c -> cols.add(col(c)));
    cols.add(extra);
    return cols.toArray(Column[]::new);
  }

  private static Seq<String> seq(List<String> names) {
    return CollectionConverters.asScala(names).toSeq();
  }
}
