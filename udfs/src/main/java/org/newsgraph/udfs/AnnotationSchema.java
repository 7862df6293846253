package org.newsgraph.udfs;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructType;
import org.newsgraph.nlp.DocumentAnnotation;
import org.newsgraph.nlp.EntityMention;
import org.newsgraph.nlp.SentenceAnnotation;

/**
 * The Spark type of {@code ng_annotate(text)} and the conversion of a {@link DocumentAnnotation} to
 * it. Field names are the column names analysts see in the stored annotations.
 */
public final class AnnotationSchema {

  public static final String SENTENCES = "sentences";
  public static final String MENTIONS = "mentions";
  public static final String FAILURE = "failure";
  public static final String ERROR = "error";
  public static final String SIGNATURE = "settings_signature";

  public static final StructType SENTENCE =
      createStructType(
          List.of(
              createStructField("index", IntegerType, false),
              createStructField("char_begin", IntegerType, false),
              createStructField("char_end", IntegerType, false),
              createStructField("tokens", IntegerType, false),
              createStructField("sentiment_class", IntegerType, true),
              createStructField("sentiment_label", StringType, true),
              createStructField("sentiment_score", DoubleType, true),
              createStructField(
                  "sentiment_probabilities", createArrayType(DoubleType, false), true)));

  public static final StructType MENTION =
      createStructType(
          List.of(
              createStructField("text", StringType, false),
              createStructField("type", StringType, false),
              createStructField("char_begin", IntegerType, false),
              createStructField("char_end", IntegerType, false),
              createStructField("sentence_index", IntegerType, false)));

  public static final ArrayType MENTIONS_TYPE = createArrayType(MENTION, false);
  public static final ArrayType SENTENCES_TYPE = createArrayType(SENTENCE, false);

  // Fields of the result of ng_canonical_names.
  public static final String MENTION_INDEX = "mention_index";
  public static final String BASE_NAME = "base_name";
  public static final String ENTITY = "entity";
  public static final String ENTITY_TYPE = "entity_type";
  public static final String RESOLUTION = "resolution";

  /**
   * The result of {@code ng_canonical_names}: one struct per mention (two for a compound such as
   * "Trump-Kim"), with the index of its mention in the article's {@code mentions} array.
   */
  public static final ArrayType CANONICAL_NAMES_TYPE =
      createArrayType(
          createStructType(
              List.of(
                  createStructField(MENTION_INDEX, IntegerType, false),
                  createStructField(BASE_NAME, StringType, false),
                  createStructField(ENTITY, StringType, false),
                  createStructField(ENTITY_TYPE, StringType, false),
                  createStructField(RESOLUTION, StringType, false))),
          false);

  public static final StructType DOCUMENT =
      createStructType(
          List.of(
              createStructField(SENTENCES, SENTENCES_TYPE, false),
              createStructField(MENTIONS, MENTIONS_TYPE, false),
              createStructField(FAILURE, StringType, true),
              createStructField(ERROR, StringType, true),
              createStructField(SIGNATURE, StringType, false)));

  private AnnotationSchema() {}

  /** The Spark row of one document's annotation. */
  public static Row toRow(DocumentAnnotation a, String signature) {
    List<Row> sentences = new ArrayList<>(a.sentences().size());
    for (SentenceAnnotation s : a.sentences()) {
      sentences.add(
          RowFactory.create(
              s.index(),
              s.charBegin(),
              s.charEnd(),
              s.tokens(),
              s.sentimentClass(),
              s.sentimentLabel(),
              s.sentimentScore(),
              s.sentimentProbabilities()));
    }
    List<Row> mentions = new ArrayList<>(a.mentions().size());
    for (EntityMention m : a.mentions()) {
      mentions.add(
          RowFactory.create(m.text(), m.type(), m.charBegin(), m.charEnd(), m.sentenceIndex()));
    }
    return RowFactory.create(sentences, mentions, a.failure(), a.error(), signature);
  }

  /** A mention back from its Spark row (the {@link #MENTION} struct). */
  public static EntityMention mention(Row r) {
    return new EntityMention(r.getString(0), r.getString(1), r.getInt(2), r.getInt(3), r.getInt(4));
  }
}
