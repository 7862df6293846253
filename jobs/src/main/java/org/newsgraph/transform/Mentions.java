package org.newsgraph.transform;

import static org.apache.spark.sql.functions.arrays_zip;
import static org.apache.spark.sql.functions.call_udf;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.newsgraph.tables.Tables;
import org.newsgraph.udfs.AnnotationSchema;
import org.newsgraph.udfs.NewsgraphFunctions;

/**
 * Steps from the stored annotations to the {@code mentions} table and to annotation quarantine
 * rows. Reads the {@link Tables#ANNOTATIONS} columns; mentions add the canonical entity name
 * ({@code ng_canonical_names}) and the sentiment of the mention's sentence.
 */
public final class Mentions {

  private Mentions() {}

  /**
   * One row per entity mention of every successfully annotated article, with the article's story
   * and source from {@code articles}.
   */
  public static Dataset<Row> fromAnnotations(Dataset<Row> annotations, Dataset<Row> articles) {
    Dataset<Row> perMention =
        annotations
            .where(col(Tables.FAILURE).isNull())
            .drop(Tables.DATE)
            .join(
                articles.select(Tables.ARTICLE_ID, Tables.DATE, Tables.STORY_ID, Tables.SOURCE),
                Tables.ARTICLE_ID)
            .withColumn(
                "canonical",
                call_udf(NewsgraphFunctions.CANONICAL_NAMES, col(AnnotationSchema.MENTIONS)))
            .select(
                col(Tables.ARTICLE_ID),
                col(Tables.DATE),
                col(Tables.STORY_ID),
                col(Tables.SOURCE),
                col(Tables.SETTINGS_SIGNATURE),
                col(AnnotationSchema.SENTENCES),
                explode(arrays_zip(col(AnnotationSchema.MENTIONS), col("canonical"))).as("m"));
    // Sentence i is element i+1 of the (ordered, complete) sentences array.
    var sentence =
        element_at(col(AnnotationSchema.SENTENCES), col("m.mentions.sentence_index").plus(1));
    return perMention.select(
        col(Tables.ARTICLE_ID),
        col(Tables.DATE),
        col("m.mentions.sentence_index").as(Tables.SENTENCE_INDEX),
        col("m.canonical.entity").as(Tables.ENTITY),
        col("m.canonical.entity_type").as(Tables.ENTITY_TYPE),
        col("m.canonical.resolution").as(Tables.RESOLUTION),
        col("m.mentions.text").as(Tables.SURFACE),
        col("m.mentions.char_begin").as(Tables.CHAR_BEGIN),
        col("m.mentions.char_end").as(Tables.CHAR_END),
        sentence.getField("sentiment_label").as(Tables.SENTIMENT_LABEL),
        sentence.getField("sentiment_score").as(Tables.SENTIMENT_SCORE),
        col(Tables.STORY_ID),
        col(Tables.SOURCE),
        col(Tables.SETTINGS_SIGNATURE));
  }

  /**
   * Quarantine rows (stage {@code annotate}) for articles CoreNLP failed on or gave up on, with the
   * reason {@code annotation_error:<class>} or {@code annotation_timeout}.
   */
  public static Dataset<Row> failures(
      Dataset<Row> annotations, Dataset<Row> articles, int maxRawChars) {
    return annotations
        .where(col(Tables.FAILURE).isNotNull())
        .select(col(Tables.ARTICLE_ID), col(Tables.FAILURE), col(Tables.ERROR))
        .join(articles.select(Tables.ARTICLE_ID, Tables.INPUT_FILE, Tables.TEXT), Tables.ARTICLE_ID)
        .select(
            lit("annotate").as(Tables.STAGE),
            col(Tables.INPUT_FILE),
            lit(null).cast("string").as(Tables.RECORD_REF),
            col(Tables.ARTICLE_ID),
            substring(col(Tables.TEXT), 1, maxRawChars).as(Tables.RAW_RECORD),
            col(Tables.FAILURE).as(Tables.REASON),
            col(Tables.ERROR).as(Tables.DETAIL));
  }
}
