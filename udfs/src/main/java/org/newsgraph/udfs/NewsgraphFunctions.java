package org.newsgraph.udfs;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.newsgraph.nlp.EntityCanonicalizer;
import org.newsgraph.nlp.NlpSettings;
import org.newsgraph.nlp.UntaggedNames;

/**
 * The one registry of newsgraph's Spark SQL functions: their names, return types and registration.
 * After {@link #registerAll}, they work from SQL ({@code SELECT ng_annotate(text) FROM articles})
 * and from the Dataset API ({@code call_udf(ANNOTATE, col("text"))}).
 */
public final class NewsgraphFunctions {

  /** {@code ng_annotate(text)}: sentences with sentiment and entity mentions, one CoreNLP pass. */
  public static final String ANNOTATE = "ng_annotate";

  /** {@code ng_entities(text)}: the entity mentions of {@code ng_annotate(text)}. */
  public static final String ENTITIES = "ng_entities";

  /** {@code ng_sentiment(text)}: the sentences, with sentiment, of {@code ng_annotate(text)}. */
  public static final String SENTIMENT = "ng_sentiment";

  /** {@code ng_canonical_names(mentions)}: canonical name of each mention of one article. */
  public static final String CANONICAL_NAMES = "ng_canonical_names";

  /** {@code ng_person_variant(name)}: the variant key of a person name and its middle initials. */
  public static final String PERSON_VARIANT = "ng_person_variant";

  /** {@code ng_untagged_names(text, from, sentences, named)}: names CoreNLP left untagged. */
  public static final String UNTAGGED_NAMES = "ng_untagged_names";

  /** {@code ng_lower_case_names(text)}: one-word names of the gazetteer written in lower case. */
  public static final String LOWER_CASE_NAMES = "ng_lower_case_names";

  /**
   * {@code ng_run_together(surface, entity, char_begin, char_end)}: the two names a person mention
   * runs together, at their characters ({@link UntaggedNames#parts}); empty for none.
   */
  public static final String RUN_TOGETHER = "ng_run_together";

  private NewsgraphFunctions() {}

  /** Registers every function in the session, replacing earlier registrations of the names. */
  public static void registerAll(
      SparkSession spark, NlpSettings settings, EntityCanonicalizer canonicalizer) {
    registerAnnotation(spark, settings);
    registerCanonicalNames(spark, canonicalizer);
  }

  /** {@code ng_annotate}, {@code ng_entities} and {@code ng_sentiment}: what annotate needs. */
  public static void registerAnnotation(SparkSession spark, NlpSettings settings) {
    spark.udf().register(ANNOTATE, new AnnotateFunction(settings), AnnotationSchema.DOCUMENT);
    spark
        .udf()
        .register(
            ENTITIES,
            new DocumentPartFunction(settings, AnnotationSchema.MENTIONS),
            AnnotationSchema.MENTIONS_TYPE);
    spark
        .udf()
        .register(
            SENTIMENT,
            new DocumentPartFunction(settings, AnnotationSchema.SENTENCES),
            AnnotationSchema.SENTENCES_TYPE);
  }

  /**
   * {@code ng_canonical_names} and {@code ng_person_variant}: what aggregate needs (no CoreNLP).
   */
  public static void registerCanonicalNames(SparkSession spark, EntityCanonicalizer canonicalizer) {
    spark
        .udf()
        .register(
            CANONICAL_NAMES,
            new CanonicalNamesFunction(canonicalizer),
            AnnotationSchema.CANONICAL_NAMES_TYPE);
    spark
        .udf()
        .register(PERSON_VARIANT, new PersonVariantFunction(), AnnotationSchema.PERSON_VARIANT);
  }

  /**
   * {@code ng_untagged_names}, {@code ng_lower_case_names} and {@code ng_run_together} over one
   * gazetteer of written names, broadcast to the executors; what the aggregate stage registers once
   * it knows the corpus's names.
   */
  public static void registerUntaggedNames(SparkSession spark, UntaggedNames gazetteer) {
    Broadcast<UntaggedNames> shipped =
        JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(gazetteer);
    spark
        .udf()
        .register(
            UNTAGGED_NAMES,
            new UntaggedNamesFunction(shipped),
            AnnotationSchema.UNTAGGED_NAMES_TYPE);
    spark
        .udf()
        .register(
            LOWER_CASE_NAMES,
            new LowerCaseNamesFunction(shipped),
            DataTypes.createArrayType(DataTypes.StringType, false));
    spark
        .udf()
        .register(RUN_TOGETHER, new RunTogetherFunction(shipped), AnnotationSchema.NAME_PARTS_TYPE);
  }
}
