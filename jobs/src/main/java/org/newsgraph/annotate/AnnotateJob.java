package org.newsgraph.annotate;

import static org.apache.spark.sql.functions.call_udf;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.newsgraph.config.SettingKeys;
import org.newsgraph.config.Settings;
import org.newsgraph.entities.Mentions;
import org.newsgraph.errors.NewsgraphErrors;
import org.newsgraph.ingest.QuarantineReasons;
import org.newsgraph.nlp.CoreNlpPipelines;
import org.newsgraph.nlp.NlpSettings;
import org.newsgraph.runs.Progress;
import org.newsgraph.runs.RunRecord;
import org.newsgraph.tables.TableIO;
import org.newsgraph.tables.Tables;
import org.newsgraph.udfs.AnnotationSchema;
import org.newsgraph.udfs.NewsgraphFunctions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 2: one CoreNLP pass per article without a current annotation ({@code ng_annotate}), merged
 * into the {@code annotations} table by article id in one commit; the articles CoreNLP failed on or
 * gave up on appended to {@code quarantine} (stage {@code annotate}), and one {@code annotate_runs}
 * row. Canonical entity names (the {@code mentions} table) are given by aggregate, from the stored
 * annotations.
 *
 * <p>Stored annotations are reused: an article is annotated again only when no stored annotation
 * has its text (by SHA-256), its date and the current settings signature, or when the stored one
 * failed. So a re-run on unchanged input annotates nothing, new and changed articles are annotated
 * alone, and a changed setting that changes results (a new signature) redoes every article it
 * affects. When the annotations hold articles the articles table no longer has (after a rebuild),
 * the table is replaced by the annotations of the current articles instead.
 */
public final class AnnotateJob {

  private static final Logger LOG = LoggerFactory.getLogger(AnnotateJob.class);

  /** The staging directory of annotate's results under the output (never a table). */
  static final String STAGING = "_staging_annotate";

  /**
   * What annotate did.
   *
   * @param articles articles in the articles table
   * @param annotated articles annotated by CoreNLP in this run, successfully
   * @param reused articles whose stored annotation was kept
   * @param errors articles CoreNLP threw on (quarantined as annotation_error:class)
   * @param timeouts articles over the time budget (quarantined as annotation_timeout)
   */
  public record Report(
      long articles,
      long annotated,
      long reused,
      long errors,
      long timeouts,
      long mentions,
      int partitions,
      String signature) {

    /** The counts of the stage, by name, for the runs table. */
    public Map<String, Long> counts() {
      Map<String, Long> c = new LinkedHashMap<>();
      c.put("articles", articles);
      c.put("annotated", annotated);
      c.put("reused", reused);
      c.put("errors", errors);
      c.put("timeouts", timeouts);
      c.put("mentions", mentions);
      return c;
    }

    /** Articles without annotation: errors and timeouts. */
    public long failed() {
      return errors + timeouts;
    }
  }

  private AnnotateJob() {}

  /** Annotate as a command of its own: one recorded run (see {@link RunRecord}). */
  public static Report run(SparkSession spark, Settings settings) {
    RunRecord run = RunRecord.start("annotate", settings);
    check(settings);
    return run.record(spark, settings.output(), () -> run(spark, settings, run));
  }

  /**
   * Checks the settings of annotate before any work: a bad value fails here (exit code 2). The
   * alias file is not read: annotate needs no canonical names.
   */
  public static void check(Settings settings) {
    AnnotateConf.nlp(settings);
    settings.getInt(SettingKeys.WORDS_PER_PARTITION);
    settings.getInt(SettingKeys.PROGRESS_SECONDS);
    settings.getInt(SettingKeys.QUARANTINE_RECORD_MAX_CHARS);
  }

  /** Annotate as the stage of a run, with its run id and run date. */
  public static Report run(SparkSession spark, Settings settings, RunRecord run) {
    return run.stage("annotate", () -> annotate(spark, settings, run), Report::counts);
  }

  private static Report annotate(SparkSession spark, Settings settings, RunRecord run) {
    String output = settings.output();
    NlpSettings nlp = AnnotateConf.nlp(settings);
    String signature = nlp.signature();
    // Annotate needs no canonical names: a broken alias file must not stop it.
    NewsgraphFunctions.registerAnnotation(spark, nlp);

    Dataset<Row> articles =
        TableIO.read(spark, output, Tables.ARTICLES)
            .select(
                col(Tables.ARTICLE_ID),
                col(Tables.DATE),
                col(Tables.TEXT),
                sha2(col(Tables.TEXT), 256).as(Tables.TEXT_HASH));
    long count = articles.count();
    Dataset<Row> stored = stored(spark, output);
    Dataset<Row> reused =
        stored == null
            ? spark.createDataFrame(List.of(), Tables.ANNOTATIONS.schema())
            : current(stored, articles, signature);
    long reusedCount = reused.count();
    // Annotations of articles no longer in the output (a rebuild replaced the articles).
    boolean orphans =
        stored != null
            && !stored
                .join(
                    articles.select(Tables.ARTICLE_ID),
                    new String[] {Tables.ARTICLE_ID},
                    "left_anti")
                .isEmpty();
    Dataset<Row> todo =
        articles.join(
            reused.select(Tables.ARTICLE_ID), new String[] {Tables.ARTICLE_ID}, "left_anti");
    long todoCount = count - reusedCount;
    if (todoCount > 0 && spark.sparkContext().isLocal()) {
      preload(nlp, spark.sparkContext().defaultParallelism());
    }
    TextPartitions.Plan plan =
        TextPartitions.pack(
            spark,
            todo,
            settings.getInt(SettingKeys.WORDS_PER_PARTITION),
            spark.sparkContext().defaultParallelism());
    int partitions = plan.partitions();
    Progress.stage(
        "annotate",
        "{} articles: {} to annotate ({} words) in {} partitions, {} stored annotations reused;"
            + " CoreNLP {} settings {} (sentiment: {}, time budget {} s per article)",
        count,
        todoCount,
        plan.totalWords(),
        partitions,
        reusedCount,
        NlpSettings.CORENLP_VERSION,
        signature,
        nlp.sentimentScope().settingValue(),
        nlp.timeoutSeconds());

    // Written to a staging directory of the output and read back (computed now, lineage cut):
    // CoreNLP runs once per article even where a reader plans the rows anew instead of using a
    // cache (a Delta MERGE re-ran the failed articles), and what a task wrote outlives the
    // executor that ran it (a local checkpoint's blocks die with their executor, and the job
    // with them: StandaloneClusterIT).
    String staging = stagingPath(output);
    deleteStaging(spark, staging);
    String jobGroup = "newsgraph-annotate-" + run.runId();
    AnnotationProgress progress =
        new AnnotationProgress(jobGroup, plan, settings.getInt(SettingKeys.PROGRESS_SECONDS));
    spark.sparkContext().addSparkListener(progress);
    spark.sparkContext().setJobGroup(jobGroup, "newsgraph annotate: CoreNLP", false);
    long pass = System.nanoTime();
    Dataset<Row> computed = annotations(plan.rows());
    try {
      computed.write().mode(SaveMode.Overwrite).parquet(staging);
    } finally {
      spark.sparkContext().clearJobGroup();
      spark.sparkContext().removeSparkListener(progress);
    }
    double passSeconds = (System.nanoTime() - pass) / 1e9;
    // The benchmark (docs/benchmarks.md) reads this line: the CoreNLP pass alone, model load
    // included.
    Progress.stage(
        "annotate",
        "CoreNLP pass: {} articles, {} words in {} s ({} words/s)",
        plan.totalArticles(),
        plan.totalWords(),
        Progress.seconds(passSeconds),
        String.format(Locale.ROOT, "%.0f", plan.totalWords() / Math.max(passSeconds, 1e-3)));
    // Nothing to annotate leaves no data file to read (Spark would warn that it ignored every
    // path); otherwise read with the schema given.
    Dataset<Row> annotated =
        plan.totalArticles() == 0
            ? spark.createDataFrame(List.<Row>of(), computed.schema())
            : spark.read().schema(computed.schema()).parquet(staging);
    long timeouts;
    long errors;
    try {
      if (stored == null || orphans) {
        TableIO.replace(reused.unionByName(annotated), output, Tables.ANNOTATIONS);
      } else {
        TableIO.merge(annotated, output, Tables.ANNOTATIONS, List.of(Tables.ARTICLE_ID));
      }

      Map<String, Long> failures =
          annotated
              .where(col(Tables.FAILURE).isNotNull())
              .groupBy(Tables.FAILURE)
              .count()
              .collectAsList()
              .stream()
              .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
      timeouts = failures.getOrDefault(QuarantineReasons.ANNOTATION_TIMEOUT, 0L);
      errors = failures.values().stream().mapToLong(Long::longValue).sum() - timeouts;
      failures.forEach((reason, n) -> LOG.warn("{} articles quarantined as {}", n, reason));
      TableIO.append(
          Mentions.failures(
                  annotated,
                  TableIO.read(spark, output, Tables.ARTICLES),
                  settings.getInt(SettingKeys.QUARANTINE_RECORD_MAX_CHARS))
              .withColumn(Tables.RUN_ID, lit(run.runId()))
              .withColumn(Tables.RUN_DATE, lit(run.runDateValue())),
          output,
          Tables.QUARANTINE);
    } finally {
      deleteStaging(spark, staging);
    }

    long mentions =
        TableIO.read(spark, output, Tables.ANNOTATIONS)
            .agg(sum(size(col(AnnotationSchema.MENTIONS))))
            .as(Encoders.LONG())
            .first();
    long annotatedCount = todoCount - errors - timeouts;
    recordRun(
        spark,
        output,
        settings,
        run,
        signature,
        count,
        annotatedCount,
        reusedCount,
        errors,
        timeouts);
    Progress.stage(
        "annotate",
        "{} articles annotated, {} reused, {} failed ({} timed out), {} mentions",
        annotatedCount,
        reusedCount,
        errors + timeouts,
        timeouts,
        mentions);
    return new Report(
        count, annotatedCount, reusedCount, errors, timeouts, mentions, partitions, signature);
  }

  /**
   * In local mode the tasks run in this JVM: load the models, one tagging pipeline per task thread,
   * while the articles are read and planned, instead of in the first tasks. A failure here is
   * logged and the tasks load the models again, failing the stage with the cause.
   */
  private static void preload(NlpSettings nlp, int threads) {
    Thread preload =
        new Thread(
            () -> {
              try {
                CoreNlpPipelines.annotator(nlp).prepare(threads);
              } catch (RuntimeException e) {
                LOG.warn("Loading the CoreNLP models ahead of the tasks failed: {}", e.toString());
              }
            },
            "newsgraph-model-preload");
    preload.setDaemon(true);
    preload.start();
  }

  /**
   * Where annotate stages its CoreNLP results: one directory of the output, since one run at a time
   * holds the output's lock; what a killed run left there is removed by the next.
   */
  static String stagingPath(String output) {
    return new Path(output, STAGING).toString();
  }

  private static void deleteStaging(SparkSession spark, String staging) {
    Path path = new Path(staging);
    try {
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (fs.exists(path)) {
        fs.delete(path, true);
      }
    } catch (IOException e) {
      throw NewsgraphErrors.ioFailure("remove annotate's staging directory", staging, e);
    }
  }

  /** {@code ng_annotate} over the packed articles, one row per article in the table's columns. */
  private static Dataset<Row> annotations(Dataset<Row> packed) {
    return packed
        .select(
            col(Tables.ARTICLE_ID),
            col(Tables.DATE),
            col(Tables.TEXT_HASH),
            call_udf(NewsgraphFunctions.ANNOTATE, col(Tables.TEXT)).as("a"))
        .select(
            col(Tables.ARTICLE_ID),
            col(Tables.DATE),
            col(Tables.TEXT_HASH),
            col("a." + AnnotationSchema.SIGNATURE).as(Tables.SETTINGS_SIGNATURE),
            col("a." + AnnotationSchema.SENTENCES).as(AnnotationSchema.SENTENCES),
            col("a." + AnnotationSchema.MENTIONS).as(AnnotationSchema.MENTIONS),
            col("a." + AnnotationSchema.FAILURE).as(Tables.FAILURE),
            col("a." + AnnotationSchema.ERROR).as(Tables.ERROR));
  }

  /** The stored annotations; null when there are none, or none this code can read. */
  private static Dataset<Row> stored(SparkSession spark, String output) {
    if (!TableIO.exists(spark, output, Tables.ANNOTATIONS)) {
      return null;
    }
    List<String> problems = TableIO.unreadable(spark, output, Tables.ANNOTATIONS);
    if (!problems.isEmpty()) {
      LOG.warn(
          "Stored annotations are not reusable, every article is annotated: {}",
          String.join("; ", problems));
      return null;
    }
    return TableIO.read(spark, output, Tables.ANNOTATIONS);
  }

  /**
   * Stored annotations that still hold: same settings signature, same text and date, no failure.
   * Failed articles are always retried (a time budget or a CoreNLP fix may change the outcome).
   */
  private static Dataset<Row> current(
      Dataset<Row> stored, Dataset<Row> articles, String signature) {
    return stored
        .where(col(Tables.SETTINGS_SIGNATURE).equalTo(lit(signature)))
        .where(col(Tables.FAILURE).isNull())
        .join(
            articles.select(Tables.ARTICLE_ID, Tables.TEXT_HASH, Tables.DATE),
            new String[] {Tables.ARTICLE_ID, Tables.TEXT_HASH, Tables.DATE},
            "left_semi");
  }

  private static void recordRun(
      SparkSession spark,
      String output,
      Settings settings,
      RunRecord run,
      String signature,
      long articles,
      long annotated,
      long reused,
      long errors,
      long timeouts) {
    String used =
        settings.describe().entrySet().stream()
            .filter(e -> e.getKey().startsWith("newsgraph.annotate."))
            .map(e -> e.getKey() + " = " + e.getValue())
            .collect(Collectors.joining("\n"));
    Map<String, Object> v = new LinkedHashMap<>();
    v.put(Tables.RUN_ID, run.runId());
    v.put(Tables.RUN_DATE, run.runDateValue());
    v.put(Tables.RUN_STARTED, run.startedValue());
    v.put(Tables.CORENLP_VERSION, NlpSettings.CORENLP_VERSION);
    v.put(Tables.SETTINGS_SIGNATURE, signature);
    v.put(Tables.SETTINGS, used);
    v.put(Tables.ARTICLES_COUNT, articles);
    v.put(Tables.ANNOTATED, annotated);
    v.put(Tables.REUSED, reused);
    v.put(Tables.ANNOTATION_ERRORS, errors);
    v.put(Tables.ANNOTATION_TIMEOUTS, timeouts);
    Row row = TableIO.row(Tables.ANNOTATE_RUNS.schema(), v);
    TableIO.append(
        spark.createDataFrame(List.of(row), Tables.ANNOTATE_RUNS.schema()),
        output,
        Tables.ANNOTATE_RUNS);
  }
}
