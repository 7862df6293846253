package org.newsgraph.entities;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.named_struct;
import static org.apache.spark.sql.functions.transform;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.newsgraph.tables.DistinctCount;
import org.newsgraph.tables.Tables;

/**
 * The {@code entities} table from the {@code mentions} table: one row per canonical entity and type
 * with its counts, first and last date, and the spellings ({@code surface}) the articles used for
 * it, most mentioned first. It is what name lookups ({@code pair}, {@code entity}, the report)
 * resolve a user's spelling against.
 */
public final class EntityDirectory {

  private EntityDirectory() {}

  /** The rows of {@link Tables#ENTITIES} for the given mentions (columns of the mentions table). */
  public static Dataset<Row> of(Dataset<Row> mentions) {
    Dataset<Row> variants =
        mentions
            .groupBy(col(Tables.ENTITY), col(Tables.ENTITY_TYPE), col(Tables.SURFACE))
            .agg(
                count(lit(1)).as(Tables.MENTION_COUNT),
                DistinctCount.of(Tables.ARTICLE_ID).as(Tables.DOCUMENTS))
            .groupBy(Tables.ENTITY, Tables.ENTITY_TYPE)
            .agg(
                // Sorted by mentions (negated, so that ascending order puts the most first), then
                // by spelling, so the order is the same on every run.
                array_sort(
                        collect_list(
                            named_struct(
                                lit("negated"), col(Tables.MENTION_COUNT).multiply(-1),
                                lit(Tables.SURFACE), col(Tables.SURFACE),
                                lit(Tables.MENTION_COUNT), col(Tables.MENTION_COUNT),
                                lit(Tables.DOCUMENTS), col(Tables.DOCUMENTS))))
                    .as("_sorted"));
    Column variantList =
        transform(
            col("_sorted"),
            v ->
                named_struct(
                    lit(Tables.SURFACE), v.getField(Tables.SURFACE),
                    lit(Tables.MENTION_COUNT), v.getField(Tables.MENTION_COUNT),
                    lit(Tables.DOCUMENTS), v.getField(Tables.DOCUMENTS)));
    Dataset<Row> totals =
        mentions
            .groupBy(Tables.ENTITY, Tables.ENTITY_TYPE)
            .agg(
                count(lit(1)).as(Tables.MENTION_COUNT),
                DistinctCount.of(Tables.ARTICLE_ID).as(Tables.DOCUMENTS),
                DistinctCount.of(Tables.SOURCE).as(Tables.SOURCES),
                min(col(Tables.DATE)).as(Tables.FIRST_DATE),
                max(col(Tables.DATE)).as(Tables.LAST_DATE));
    return totals
        .join(variants, new String[] {Tables.ENTITY, Tables.ENTITY_TYPE})
        .select(
            col(Tables.ENTITY),
            col(Tables.ENTITY_TYPE),
            col(Tables.MENTION_COUNT),
            col(Tables.DOCUMENTS),
            col(Tables.SOURCES),
            col(Tables.FIRST_DATE),
            col(Tables.LAST_DATE),
            variantList.as(Tables.VARIANTS));
  }
}
