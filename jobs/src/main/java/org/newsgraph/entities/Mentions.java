package org.newsgraph.entities;

import static org.apache.spark.sql.functions.call_udf;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.newsgraph.tables.Tables;
import org.newsgraph.udfs.AnnotationSchema;
import org.newsgraph.udfs.AnnotationSchema.MentionFields;
import org.newsgraph.udfs.AnnotationSchema.SentenceFields;
import org.newsgraph.udfs.NewsgraphFunctions;

/**
 * Steps from the stored annotations to the {@code mentions} table and to annotation quarantine
 * rows. Reads the {@link Tables#ANNOTATIONS} columns; mentions add the canonical entity name
 * ({@code ng_canonical_names}) and the sentiment of the mention's sentence.
 */
public final class Mentions {

  /** The mention's own name, before article context: what corpus-level resolution counts. */
  public static final String BASE_NAME = "_base_name";

  private Mentions() {}

  /**
   * One row per entity mention of every successfully annotated article (two for a compound of two
   * persons; none for a mention inside the article's wire dateline), with its name in the context
   * of its article ({@code ng_canonical_names}), the article's story and source from {@code
   * articles}, and the mention's own name before article context ({@link #BASE_NAME}, for {@link
   * CorpusNames}). Columns: those of the {@code mentions} table, where {@code entity} and {@code
   * entity_type} are still the article's, plus {@link #BASE_NAME}.
   */
  public static Dataset<Row> fromAnnotations(Dataset<Row> annotations, Dataset<Row> articles) {
    Dataset<Row> perName =
        annotations
            .where(col(Tables.FAILURE).isNull())
            .drop(Tables.DATE)
            .join(
                articles.select(
                    Tables.ARTICLE_ID,
                    Tables.DATE,
                    Tables.STORY_ID,
                    Tables.SOURCE,
                    Tables.DATELINE),
                Tables.ARTICLE_ID)
            .select(
                col(Tables.ARTICLE_ID),
                col(Tables.DATE),
                col(Tables.STORY_ID),
                col(Tables.SOURCE),
                col(Tables.DATELINE),
                col(Tables.SETTINGS_SIGNATURE),
                col(AnnotationSchema.SENTENCES),
                col(AnnotationSchema.MENTIONS),
                explode(
                        call_udf(
                            NewsgraphFunctions.CANONICAL_NAMES, col(AnnotationSchema.MENTIONS)))
                    .as("n"));
    // Mention i is element i+1 of the mentions array, sentence i element i+1 of the sentences.
    Column mention =
        element_at(
            col(AnnotationSchema.MENTIONS), col("n." + AnnotationSchema.MENTION_INDEX).plus(1));
    Column sentence =
        element_at(
            col(AnnotationSchema.SENTENCES),
            mention.getField(MentionFields.SENTENCE_INDEX).plus(1));
    // The dateline starts the text: a mention that starts inside it is where the story was filed.
    Column outsideDateline =
        col(Tables.DATELINE)
            .isNull()
            .or(mention.getField(MentionFields.CHAR_BEGIN).geq(length(col(Tables.DATELINE))));
    return perName
        .where(outsideDateline)
        .select(
            col(Tables.ARTICLE_ID),
            col(Tables.DATE),
            mention.getField(MentionFields.SENTENCE_INDEX).as(Tables.SENTENCE_INDEX),
            col("n." + AnnotationSchema.ENTITY).as(Tables.ENTITY),
            col("n." + AnnotationSchema.ENTITY_TYPE).as(Tables.ENTITY_TYPE),
            mention.getField(MentionFields.TYPE).as(Tables.MENTION_TYPE),
            col("n." + AnnotationSchema.RESOLUTION).as(Tables.RESOLUTION),
            mention.getField(MentionFields.TEXT).as(Tables.SURFACE),
            mention.getField(MentionFields.CHAR_BEGIN).as(Tables.CHAR_BEGIN),
            mention.getField(MentionFields.CHAR_END).as(Tables.CHAR_END),
            sentence.getField(SentenceFields.SENTIMENT_LABEL).as(Tables.SENTIMENT_LABEL),
            sentence.getField(SentenceFields.SENTIMENT_SCORE).as(Tables.SENTIMENT_SCORE),
            col(Tables.STORY_ID),
            col(Tables.SOURCE),
            col(Tables.SETTINGS_SIGNATURE),
            col("n." + AnnotationSchema.BASE_NAME).as(BASE_NAME));
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
