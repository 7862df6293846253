package org.newsgraph.jobs;

import static org.apache.spark.sql.functions.call_udf;
import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.newsgraph.config.SettingKeys;
import org.newsgraph.config.Settings;
import org.newsgraph.nlp.NlpSettings;
import org.newsgraph.tables.TableIO;
import org.newsgraph.tables.Tables;
import org.newsgraph.transform.Mentions;
import org.newsgraph.udfs.AnnotationSchema;
import org.newsgraph.udfs.NewsgraphFunctions;

/**
 * Stage 2: one CoreNLP pass per article ({@code ng_annotate}) into the {@code annotations} table,
 * then the {@code mentions} table with canonical entity names, and the {@code annotate} partition
 * of {@code quarantine} for articles CoreNLP failed on.
 */
public final class AnnotateJob {

  /** What annotate did. */
  public record Report(
      long articles,
      long annotated,
      long failed,
      long mentions,
      int partitions,
      String signature) {}

  private AnnotateJob() {}

  public static Report run(SparkSession spark, Settings settings) {
    String output = settings.output();
    NlpSettings nlp = settings.nlp();
    NewsgraphFunctions.registerAll(spark, nlp, settings.canonicalizer());

    Dataset<Row> articles = TableIO.read(spark, output, Tables.ARTICLES);
    long count = articles.count();
    int perCore = settings.getInt(SettingKeys.PARTITIONS_PER_CORE, 1);
    int partitions =
        (int)
            Math.max(
                1, Math.min(count, (long) perCore * spark.sparkContext().defaultParallelism()));
    Progress.stage(
        "annotate",
        "{} articles in {} partitions; CoreNLP {} settings {} (sentiment: {})",
        count,
        partitions,
        NlpSettings.CORENLP_VERSION,
        nlp.signature(),
        nlp.sentimentScope().settingValue());

    Dataset<Row> annotated =
        articles
            .select(col(Tables.ARTICLE_ID), col(Tables.DATE), col(Tables.TEXT))
            .repartition(partitions)
            .select(
                col(Tables.ARTICLE_ID),
                col(Tables.DATE),
                call_udf(NewsgraphFunctions.ANNOTATE, col(Tables.TEXT)).as("a"))
            .select(
                col(Tables.ARTICLE_ID),
                col(Tables.DATE),
                col("a." + AnnotationSchema.SIGNATURE).as(Tables.SETTINGS_SIGNATURE),
                col("a." + AnnotationSchema.SENTENCES).as(AnnotationSchema.SENTENCES),
                col("a." + AnnotationSchema.MENTIONS).as(AnnotationSchema.MENTIONS),
                col("a." + AnnotationSchema.ERROR).as(Tables.ERROR));
    TableIO.write(annotated, output, Tables.ANNOTATIONS);

    Dataset<Row> annotations = TableIO.read(spark, output, Tables.ANNOTATIONS);
    Progress.stage("annotate", "annotations written; deriving mentions");
    TableIO.write(Mentions.fromAnnotations(annotations), output, Tables.MENTIONS_TABLE);
    TableIO.writePartition(
        Mentions.failures(
            annotations, articles, settings.getInt(SettingKeys.QUARANTINE_RECORD_MAX_CHARS, 1)),
        output,
        Tables.QUARANTINE,
        "annotate");

    long failed = annotations.where(col(Tables.ERROR).isNotNull()).count();
    long mentions = TableIO.read(spark, output, Tables.MENTIONS_TABLE).count();
    Progress.stage(
        "annotate",
        "{} articles annotated, {} failed, {} mentions",
        count - failed,
        failed,
        mentions);
    return new Report(count, count - failed, failed, mentions, partitions, nlp.signature());
  }
}
