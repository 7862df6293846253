package org.newsgraph.udfs;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
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

  /** The fields of a sentence struct (the elements of {@link #SENTENCES}). */
  public static final class SentenceFields {
    public static final String INDEX = "index";
    public static final String CHAR_BEGIN = "char_begin";
    public static final String CHAR_END = "char_end";
    public static final String TOKENS = "tokens";
    public static final String SENTIMENT_CLASS = "sentiment_class";
    public static final String SENTIMENT_LABEL = "sentiment_label";
    public static final String SENTIMENT_SCORE = "sentiment_score";
    public static final String SENTIMENT_PROBABILITIES = "sentiment_probabilities";

    private SentenceFields() {}
  }

  /** The fields of a mention struct (the elements of {@link #MENTIONS}). */
  public static final class MentionFields {
    public static final String TEXT = "text";
    public static final String TYPE = "type";
    public static final String CHAR_BEGIN = "char_begin";
    public static final String CHAR_END = "char_end";
    public static final String SENTENCE_INDEX = "sentence_index";

    private MentionFields() {}
  }

  public static final StructType SENTENCE =
      createStructType(
          List.of(
              createStructField(SentenceFields.INDEX, IntegerType, false),
              createStructField(SentenceFields.CHAR_BEGIN, IntegerType, false),
              createStructField(SentenceFields.CHAR_END, IntegerType, false),
              createStructField(SentenceFields.TOKENS, IntegerType, false),
              createStructField(SentenceFields.SENTIMENT_CLASS, IntegerType, true),
              createStructField(SentenceFields.SENTIMENT_LABEL, StringType, true),
              createStructField(SentenceFields.SENTIMENT_SCORE, DoubleType, true),
              createStructField(
                  SentenceFields.SENTIMENT_PROBABILITIES,
                  createArrayType(DoubleType, false),
                  true)));

  public static final StructType MENTION =
      createStructType(
          List.of(
              createStructField(MentionFields.TEXT, StringType, false),
              createStructField(MentionFields.TYPE, StringType, false),
              createStructField(MentionFields.CHAR_BEGIN, IntegerType, false),
              createStructField(MentionFields.CHAR_END, IntegerType, false),
              createStructField(MentionFields.SENTENCE_INDEX, IntegerType, false)));

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
  public static final StructType CANONICAL_NAME =
      createStructType(
          List.of(
              createStructField(MENTION_INDEX, IntegerType, false),
              createStructField(BASE_NAME, StringType, false),
              createStructField(ENTITY, StringType, false),
              createStructField(ENTITY_TYPE, StringType, false),
              createStructField(RESOLUTION, StringType, false)));

  public static final ArrayType CANONICAL_NAMES_TYPE = createArrayType(CANONICAL_NAME, false);

  /** Fields of {@code ng_person_variant}: the name's variant key and its middle initials. */
  public static final String VARIANT_KEY = "key";

  public static final String INITIALS = "initials";

  public static final StructType PERSON_VARIANT =
      createStructType(
          List.of(
              createStructField(VARIANT_KEY, StringType, false),
              createStructField(INITIALS, StringType, false)));

  /** Fields of the mentions {@code ng_untagged_names} reads and of the names it finds. */
  public static final class NamedFields {
    public static final String CHAR_BEGIN = "char_begin";
    public static final String CHAR_END = "char_end";
    public static final String SURFACE = "surface";
    public static final String ENTITY = "entity";
    public static final String PERSON = "person";
    public static final String SENTENCE_INDEX = "sentence_index";
    public static final String SENTENCE_INITIAL = "sentence_initial";
    public static final String CAPITALIZED_NEXT = "capitalized_next";

    private NamedFields() {}
  }

  /** A mention of an article as the corpus named it: the input of {@code ng_untagged_names}. */
  public static final StructType NAMED_MENTION =
      createStructType(
          List.of(
              createStructField(NamedFields.CHAR_BEGIN, IntegerType, false),
              createStructField(NamedFields.CHAR_END, IntegerType, false),
              createStructField(NamedFields.SURFACE, StringType, false),
              createStructField(NamedFields.ENTITY, StringType, false),
              createStructField(NamedFields.PERSON, BooleanType, false)));

  /** One untagged written name: the result of {@code ng_untagged_names}. */
  public static final StructType UNTAGGED_NAME =
      createStructType(
          List.of(
              createStructField(NamedFields.CHAR_BEGIN, IntegerType, false),
              createStructField(NamedFields.CHAR_END, IntegerType, false),
              createStructField(NamedFields.SURFACE, StringType, false),
              createStructField(NamedFields.ENTITY, StringType, false),
              createStructField(NamedFields.SENTENCE_INDEX, IntegerType, false),
              createStructField(NamedFields.SENTENCE_INITIAL, BooleanType, false),
              createStructField(NamedFields.CAPITALIZED_NEXT, BooleanType, false)));

  public static final ArrayType UNTAGGED_NAMES_TYPE = createArrayType(UNTAGGED_NAME, false);

  /** One of the two names a run-together person mention holds ({@code ng_run_together}). */
  public static final StructType NAME_PART =
      createStructType(
          List.of(
              createStructField(NamedFields.CHAR_BEGIN, IntegerType, false),
              createStructField(NamedFields.CHAR_END, IntegerType, false),
              createStructField(NamedFields.SURFACE, StringType, false),
              createStructField(NamedFields.ENTITY, StringType, false)));

  public static final ArrayType NAME_PARTS_TYPE = createArrayType(NAME_PART, false);

  public static final StructType DOCUMENT =
      createStructType(
          List.of(
              createStructField(SENTENCES, SENTENCES_TYPE, false),
              createStructField(MENTIONS, MENTIONS_TYPE, false),
              createStructField(FAILURE, StringType, true),
              createStructField(ERROR, StringType, true),
              createStructField(SIGNATURE, StringType, false)));

  private AnnotationSchema() {}

  private static final RowBuilder SENTENCE_ROWS = new RowBuilder(SENTENCE);
  private static final RowBuilder MENTION_ROWS = new RowBuilder(MENTION);
  private static final RowBuilder DOCUMENT_ROWS = new RowBuilder(DOCUMENT);

  /** The Spark row of one document's annotation. */
  public static Row toRow(DocumentAnnotation a, String signature) {
    List<Row> sentences = new ArrayList<>(a.sentences().size());
    for (SentenceAnnotation s : a.sentences()) {
      sentences.add(
          SENTENCE_ROWS
              .row()
              .set(SentenceFields.INDEX, s.index())
              .set(SentenceFields.CHAR_BEGIN, s.charBegin())
              .set(SentenceFields.CHAR_END, s.charEnd())
              .set(SentenceFields.TOKENS, s.tokens())
              .set(SentenceFields.SENTIMENT_CLASS, s.sentimentClass())
              .set(SentenceFields.SENTIMENT_LABEL, s.sentimentLabel())
              .set(SentenceFields.SENTIMENT_SCORE, s.sentimentScore())
              .set(SentenceFields.SENTIMENT_PROBABILITIES, s.sentimentProbabilities())
              .build());
    }
    List<Row> mentions = new ArrayList<>(a.mentions().size());
    for (EntityMention m : a.mentions()) {
      mentions.add(
          MENTION_ROWS
              .row()
              .set(MentionFields.TEXT, m.text())
              .set(MentionFields.TYPE, m.type())
              .set(MentionFields.CHAR_BEGIN, m.charBegin())
              .set(MentionFields.CHAR_END, m.charEnd())
              .set(MentionFields.SENTENCE_INDEX, m.sentenceIndex())
              .build());
    }
    return DOCUMENT_ROWS
        .row()
        .set(SENTENCES, sentences)
        .set(MENTIONS, mentions)
        .set(FAILURE, a.failure())
        .set(ERROR, a.error())
        .set(SIGNATURE, signature)
        .build();
  }

  /** A mention back from its Spark row (the {@link #MENTION} struct). */
  public static EntityMention mention(Row r) {
    return new EntityMention(
        r.getAs(MentionFields.TEXT),
        r.getAs(MentionFields.TYPE),
        r.<Integer>getAs(MentionFields.CHAR_BEGIN),
        r.<Integer>getAs(MentionFields.CHAR_END),
        r.<Integer>getAs(MentionFields.SENTENCE_INDEX));
  }
}
