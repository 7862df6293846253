package org.newsgraph.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.newsgraph.config.SettingKeys;
import org.newsgraph.config.Settings;
import org.newsgraph.errors.NewsgraphErrors;
import org.newsgraph.runs.Progress;
import org.newsgraph.runs.RunRecord;
import org.newsgraph.stories.NearDuplicates;
import org.newsgraph.tables.Cached;
import org.newsgraph.tables.TableIO;
import org.newsgraph.tables.Tables;

/**
 * Stage 1: reads the input files and adds their articles to the {@code articles} table, appends the
 * records it quarantined to {@code quarantine} (stage {@code ingest}) and one {@code ingest_runs}
 * row per input file.
 *
 * <p>Adding is the default: an input article whose id is new is inserted, one whose id is stored
 * replaces the stored row when any column differs (a changed text is then annotated again by
 * annotate), and a stored article absent from the input is kept, so an input that holds only some
 * of the corpus never shrinks it. Near-duplicate stories are found over the whole corpus, so a new
 * copy joins the story of an earlier article, whose row then gets the new story. With {@code
 * newsgraph.ingest.rebuild} ({@code --rebuild}) the input's articles replace the table instead.
 *
 * <p>Check, then commit: every record read is an article or a quarantine row, checked per input
 * file on the rows about to be written ({@code read = articles + quarantined}); a mismatch fails
 * the run before the articles table changes. The articles are written in one Delta commit.
 */
public final class IngestJob {

  /**
   * What ingest did.
   *
   * @param articles articles of the input (records read that are not quarantined)
   * @param quarantined records of the input quarantined, by reason in {@code quarantineReasons}
   * @param added articles new to the output
   * @param updated stored articles whose row changed (text, another field or their story)
   * @param corpusArticles articles in the output after the run
   * @param stories stories in the output after the run
   * @param duplicateArticles articles of the output that are not their story's canonical one
   * @param truncated articles of the input cut at newsgraph.ingest.maxChars
   * @param datelines articles of the input whose text starts with a wire dateline
   * @param repairedArticles articles of the input with at least one glued word split
   * @param repairs glued word joins split in the articles of the input
   */
  public record Report(
      int files,
      int ignoredFiles,
      long read,
      long articles,
      long quarantined,
      Map<String, Long> quarantineReasons,
      long added,
      long updated,
      long corpusArticles,
      long stories,
      long duplicateArticles,
      long truncated,
      long datelines,
      long repairedArticles,
      long repairs) {

    /** The counts of the stage, by name, for the runs table. */
    public Map<String, Long> counts() {
      Map<String, Long> c = new LinkedHashMap<>();
      c.put("files", (long) files);
      c.put("records_read", read);
      c.put("articles", articles);
      c.put("quarantined", quarantined);
      c.put("added", added);
      c.put("updated", updated);
      c.put("corpus_articles", corpusArticles);
      c.put("stories", stories);
      return c;
    }
  }

  /** The columns of an article that ingest reads from the input: all but the story columns. */
  public static final Column[] INPUT_COLUMNS =
      Tables.ARTICLES.columns().stream()
          .filter(c -> !c.equals(Tables.STORY_ID) && !c.equals(Tables.IS_CANONICAL))
          .map(functions::col)
          .toArray(Column[]::new);

  private IngestJob() {}

  /** Ingest as a command of its own: one recorded run (see {@link RunRecord}). */
  public static Report run(SparkSession spark, Settings settings) {
    RunRecord run = RunRecord.start("ingest", settings);
    check(settings, run);
    return run.record(spark, settings.output(), () -> run(spark, settings, run));
  }

  /** Checks the settings of ingest before any work: a bad value fails here (exit code 2). */
  public static void check(Settings settings, RunRecord run) {
    IngestConf.rules(settings, run.runDate());
    IngestConf.format(settings);
    settings.getBoolean(SettingKeys.REBUILD);
    settings.getBoolean(SettingKeys.FAIL_FAST);
    settings.getDouble(SettingKeys.NEAR_DUPLICATE_JACCARD);
    settings.getInt(SettingKeys.SHINGLE_WORDS);
  }

  /** Ingest as the stage of a run, with its run id and run date. */
  public static Report run(SparkSession spark, Settings settings, RunRecord run) {
    return run.stage("ingest", () -> ingest(spark, settings, run), Report::counts);
  }

  private static Report ingest(SparkSession spark, Settings settings, RunRecord run) {
    // Settings first: a bad value (an invalid dateline pattern, say) stops the run before any work.
    IngestRules rules = IngestConf.rules(settings, run.runDate());
    String output = settings.output();
    boolean rebuild = settings.getBoolean(SettingKeys.REBUILD);
    InputFiles.checkApart(
        settings.getList(SettingKeys.INPUT), output, spark.sparkContext().hadoopConfiguration());
    InputFiles files =
        InputFiles.find(
            settings.getList(SettingKeys.INPUT),
            IngestConf.format(settings),
            spark.sparkContext().hadoopConfiguration());
    Progress.stage(
        "ingest",
        "{} input files ({}) under {}{}; {}",
        files.total(),
        describe(files),
        settings.input(),
        files.ignored().isEmpty()
            ? ""
            : "; "
                + files.ignored().size()
                + " files of other types ignored, e.g. "
                + files.ignored().get(0),
        rebuild ? "they replace the articles of the output (rebuild)" : "adding to the output");

    // Files are read and parsed once; the steps after the cache (repeated ids, stories) run
    // with adaptive execution sizing their shuffles.
    Dataset<Row> cached = Ingest.parse(spark, files, rules).persist(StorageLevel.MEMORY_AND_DISK());
    List<Dataset<Row>> persisted = new ArrayList<>();
    try {
      Dataset<Row> parsed = Ingest.withRepeatedIdsQuarantined(cached, rules.maxRawChars());
      if (settings.getBoolean(SettingKeys.FAIL_FAST)) {
        failOnFirstBadRecord(parsed);
      }
      Dataset<Row> perFile =
          keep(
              persisted,
              parsed
                  .groupBy(Tables.INPUT_FILE)
                  .agg(
                      count(lit(1)).as(Tables.RECORDS_READ),
                      sum(when(col(Ingest.KIND).equalTo(Ingest.ARTICLE), 1).otherwise(0))
                          .cast("long")
                          .as(Tables.ARTICLES_COUNT),
                      sum(when(col(Ingest.KIND).equalTo(Ingest.QUARANTINED), 1).otherwise(0))
                          .cast("long")
                          .as(Tables.QUARANTINED_COUNT)));
      long read = perFile.agg(sum(Tables.RECORDS_READ)).first().getLong(0);
      Progress.stage("ingest", "{} records read; finding near-duplicate stories", read);

      Dataset<Row> incoming = keep(persisted, Ingest.articles(parsed).select(INPUT_COLUMNS));
      Dataset<Row> quarantined =
          keep(
              persisted,
              Ingest.quarantined(parsed)
                  .withColumn(Tables.RUN_ID, lit(run.runId()))
                  .withColumn(Tables.RUN_DATE, lit(run.runDateValue())));
      checkAccounting(perFile, incoming, quarantined);

      // The stored tables are read at the version this run started from: the datasets persisted
      // from them are then not planned again and emptied by the commits of this stage, which
      // Spark does for every persisted dataset that reads the table a commit writes.
      Dataset<Row> stored =
          rebuild || !TableIO.exists(spark, output, Tables.ARTICLES)
              ? null
              : TableIO.readCurrentVersion(spark, output, Tables.ARTICLES);
      Stories stories =
          new Stories(
              settings.getDouble(SettingKeys.NEAR_DUPLICATE_JACCARD),
              settings.getInt(SettingKeys.SHINGLE_WORDS));
      String whole =
          stored == null ? null : stories.whyWholeCorpus(spark, output, stored, incoming);
      TableIO.Merged merged =
          stored == null || whole != null
              ? stories.overWholeCorpus(incoming, stored, output, whole, persisted)
              : stories.ofAddedArticles(incoming, stored, output, persisted);
      TableIO.append(quarantined, output, Tables.QUARANTINE);
      TableIO.append(
          perFile
              .withColumn(Tables.RUN_ID, lit(run.runId()))
              .withColumn(Tables.RUN_DATE, lit(run.runDateValue()))
              .withColumn(Tables.RUN_STARTED, lit(run.startedValue())),
          output,
          Tables.INGEST_RUNS);
      return report(spark, output, files, read, incoming, quarantined, merged);
    } finally {
      Cached.release(persisted);
      cached.unpersist();
    }
  }

  /**
   * Near-duplicate stories of the corpus after the run, and the articles and signatures they are
   * written with. A night's added articles are compared with the stored signatures ({@link
   * NearDuplicates#addedStories}); the whole corpus is searched again only when there is nothing
   * stored, the stored stories were found with other settings, or a stored article's text changed
   * (a changed text can split a story).
   */
  private record Stories(double jaccardThreshold, int shingleWords) {

    /** Why the stories must be found over the whole corpus, or null when the added ones suffice. */
    String whyWholeCorpus(
        SparkSession spark, String output, Dataset<Row> stored, Dataset<Row> incoming) {
      if (!TableIO.exists(spark, output, Tables.ARTICLE_SIGNATURES)) {
        return "the output has no article_signatures table yet";
      }
      List<Row> found =
          TableIO.read(spark, output, Tables.ARTICLE_SIGNATURES)
              .select(Tables.SHINGLE_WORDS, Tables.JACCARD_THRESHOLD)
              .distinct()
              .collectAsList();
      for (Row r : found) {
        if (r.getInt(0) != shingleWords || r.getDouble(1) != jaccardThreshold) {
          return "the stored stories were found with "
              + SettingKeys.SHINGLE_WORDS.key()
              + "="
              + r.getInt(0)
              + " and "
              + SettingKeys.NEAR_DUPLICATE_JACCARD.key()
              + "="
              + r.getDouble(1);
        }
      }
      long changed =
          incoming
              .select(Tables.ARTICLE_ID, Tables.TEXT)
              .join(
                  stored.select(col(Tables.ARTICLE_ID), col(Tables.TEXT).as("stored_text")),
                  Tables.ARTICLE_ID)
              .where(col(Tables.TEXT).notEqual(col("stored_text")))
              .count();
      return changed == 0 ? null : changed + " stored articles have a changed text";
    }

    /**
     * Stories found over the whole corpus; articles merged (or written) and signatures replaced.
     */
    TableIO.Merged overWholeCorpus(
        Dataset<Row> incoming,
        Dataset<Row> stored,
        String output,
        String why,
        List<Dataset<Row>> persisted) {
      if (why != null) {
        Progress.stage("ingest", "finding stories over the whole corpus: {}", why);
      }
      // The corpus after this run: the input's articles, and the stored ones it does not replace.
      Dataset<Row> corpus =
          stored == null
              ? incoming
              : incoming.unionByName(
                  stored
                      .select(INPUT_COLUMNS)
                      .join(
                          incoming.select(Tables.ARTICLE_ID),
                          new String[] {Tables.ARTICLE_ID},
                          "left_anti"));
      // The story search reads ids, dates and texts several times: keep just those at hand.
      Dataset<Row> forStories =
          keep(persisted, corpus.select(Tables.ARTICLE_ID, Tables.DATE, Tables.TEXT));
      Dataset<Row> signatures =
          keep(persisted, NearDuplicates.signatures(forStories, jaccardThreshold, shingleWords));
      // Returned persisted and computed: only its release is left to do here.
      Dataset<Row> found =
          released(
              persisted,
              NearDuplicates.stories(forStories, signatures, jaccardThreshold, shingleWords));
      Dataset<Row> articles = corpus.join(found, Tables.ARTICLE_ID).select(Tables.ARTICLES.cols());
      TableIO.Merged merged;
      if (stored == null) {
        TableIO.replace(articles, output, Tables.ARTICLES);
        merged = new TableIO.Merged(incoming.count(), 0);
      } else {
        // Only new rows and rows that differ from the stored ones go into the commit.
        merged =
            TableIO.merge(
                articles.exceptAll(stored), output, Tables.ARTICLES, List.of(Tables.ARTICLE_ID));
      }
      TableIO.replace(signatures, output, Tables.ARTICLE_SIGNATURES);
      return merged;
    }

    /**
     * Stories of the added articles against the stored signatures; the input's rows, and the stored
     * rows whose story changed, merged into articles, then the new signatures merged. A stored
     * article without a signature (a run killed between the two commits) gets one here.
     */
    TableIO.Merged ofAddedArticles(
        Dataset<Row> incoming, Dataset<Row> stored, String output, List<Dataset<Row>> persisted) {
      SparkSession spark = incoming.sparkSession();
      Dataset<Row> storedSignatures =
          TableIO.readCurrentVersion(spark, output, Tables.ARTICLE_SIGNATURES);
      Dataset<Row> added =
          keep(
              persisted,
              incoming
                  .select(Tables.ARTICLE_ID, Tables.DATE, Tables.TEXT)
                  .join(stored.select(Tables.ARTICLE_ID), Tables.ARTICLE_ID, "left_anti"));
      Dataset<Row> unsigned =
          stored
              .select(Tables.ARTICLE_ID, Tables.TEXT)
              .join(storedSignatures.select(Tables.ARTICLE_ID), Tables.ARTICLE_ID, "left_anti");
      Dataset<Row> newSignatures =
          keep(
              persisted,
              NearDuplicates.signatures(
                  added.select(Tables.ARTICLE_ID, Tables.TEXT).unionByName(unsigned),
                  jaccardThreshold,
                  shingleWords));
      Dataset<Row> addedIds = added.select(Tables.ARTICLE_ID);
      // Returned persisted and computed: only its release is left to do here.
      Dataset<Row> changes =
          released(
              persisted,
              NearDuplicates.addedStories(
                  stored,
                  storedSignatures.unionByName(
                      newSignatures.join(addedIds, Tables.ARTICLE_ID, "left_anti")),
                  added,
                  newSignatures.join(addedIds, Tables.ARTICLE_ID, "left_semi"),
                  jaccardThreshold,
                  shingleWords));
      long addedCount = added.count();
      long restoried = changes.count() - addedCount;
      Progress.stage(
          "ingest",
          "{} new articles compared with the stored signatures; {} stored articles change story",
          addedCount,
          restoried);
      // The input's rows and the stored rows whose story changed, with their (new) story.
      Dataset<Row> touched =
          incoming.unionByName(
              stored
                  .select(INPUT_COLUMNS)
                  .join(changes.select(Tables.ARTICLE_ID), Tables.ARTICLE_ID, "left_semi")
                  .join(incoming.select(Tables.ARTICLE_ID), Tables.ARTICLE_ID, "left_anti"));
      Dataset<Row> rows =
          touched
              .join(
                  changes.select(
                      col(Tables.ARTICLE_ID),
                      col(Tables.STORY_ID).as("new_story"),
                      col(Tables.IS_CANONICAL).as("new_canonical")),
                  new String[] {Tables.ARTICLE_ID},
                  "left")
              .join(
                  stored.select(
                      col(Tables.ARTICLE_ID),
                      col(Tables.STORY_ID).as("stored_story"),
                      col(Tables.IS_CANONICAL).as("stored_canonical")),
                  new String[] {Tables.ARTICLE_ID},
                  "left")
              .withColumn(
                  Tables.STORY_ID, functions.coalesce(col("new_story"), col("stored_story")))
              .withColumn(
                  Tables.IS_CANONICAL,
                  functions.coalesce(col("new_canonical"), col("stored_canonical")))
              .select(Tables.ARTICLES.cols());
      // Only new rows and rows that differ from the stored ones go into the commit.
      Dataset<Row> changed =
          keep(
              persisted,
              rows.exceptAll(
                  stored.join(rows.select(Tables.ARTICLE_ID), Tables.ARTICLE_ID, "left_semi")));
      // The added articles are among these rows; a run that changes nothing commits nothing here.
      TableIO.Merged merged =
          TableIO.mergeCounted(
              changed,
              changed.count(),
              addedCount,
              output,
              Tables.ARTICLES,
              List.of(Tables.ARTICLE_ID));
      // A night with nothing new commits nothing here.
      if (!newSignatures.isEmpty()) {
        TableIO.merge(newSignatures, output, Tables.ARTICLE_SIGNATURES, List.of(Tables.ARTICLE_ID));
      }
      return merged;
    }
  }

  private static Dataset<Row> keep(List<Dataset<Row>> persisted, Dataset<Row> df) {
    Dataset<Row> kept = df.persist(StorageLevel.MEMORY_AND_DISK());
    persisted.add(kept);
    return kept;
  }

  /** A dataset persisted already, added to those unpersisted at the end of the stage. */
  private static Dataset<Row> released(List<Dataset<Row>> persisted, Dataset<Row> df) {
    persisted.add(df);
    return df;
  }

  private static String describe(InputFiles files) {
    List<String> parts = new java.util.ArrayList<>();
    for (InputFiles.Format f : InputFiles.Format.values()) {
      if (!files.files(f).isEmpty()) {
        parts.add(files.files(f).size() + " " + f.settingValue());
      }
    }
    if (!files.emptyFiles().isEmpty()) {
      parts.add(files.emptyFiles().size() + " empty");
    }
    return String.join(", ", parts);
  }

  private static void failOnFirstBadRecord(Dataset<Row> parsed) {
    List<Row> first =
        Ingest.quarantined(parsed)
            .orderBy(col(Tables.INPUT_FILE), col(Ingest.SEQ))
            .select(Tables.INPUT_FILE, Tables.RECORD_REF, Tables.REASON, Tables.DETAIL)
            .limit(1)
            .collectAsList();
    if (!first.isEmpty()) {
      Row r = first.get(0);
      throw NewsgraphErrors.badRecord(
          r.getString(0), r.getString(1), r.getString(2), r.getString(3));
    }
  }

  /**
   * Compares the per-file counts of the parse with the rows about to be written, before anything is
   * committed.
   */
  private static void checkAccounting(
      Dataset<Row> perFile, Dataset<Row> incoming, Dataset<Row> quarantined) {
    Dataset<Row> written =
        incoming.groupBy(Tables.INPUT_FILE).agg(count(lit(1)).as("written_articles"));
    Dataset<Row> quarantinedPerFile =
        quarantined.groupBy(Tables.INPUT_FILE).agg(count(lit(1)).as("written_quarantined"));
    List<Row> mismatches =
        perFile
            .join(written, Tables.INPUT_FILE, "full_outer")
            .join(quarantinedPerFile, Tables.INPUT_FILE, "full_outer")
            .na()
            .fill(0L)
            .where(
                col(Tables.ARTICLES_COUNT)
                    .notEqual(col("written_articles"))
                    .or(col(Tables.QUARANTINED_COUNT).notEqual(col("written_quarantined")))
                    .or(
                        col(Tables.RECORDS_READ)
                            .notEqual(
                                col(Tables.ARTICLES_COUNT).plus(col(Tables.QUARANTINED_COUNT)))))
            .limit(1)
            .collectAsList();
    if (!mismatches.isEmpty()) {
      Row r = mismatches.get(0);
      throw NewsgraphErrors.fileAccountingMismatch(
          String.valueOf((Object) r.getAs(Tables.INPUT_FILE)),
          r.getAs(Tables.RECORDS_READ)
              + " records ("
              + r.getAs(Tables.ARTICLES_COUNT)
              + " articles + "
              + r.getAs(Tables.QUARANTINED_COUNT)
              + " quarantined)",
          r.getAs("written_articles")
              + " articles + "
              + r.getAs("written_quarantined")
              + " quarantined");
    }
  }

  private static Report report(
      SparkSession spark,
      String output,
      InputFiles files,
      long read,
      Dataset<Row> incoming,
      Dataset<Row> quarantined,
      TableIO.Merged merged) {
    Row a =
        incoming
            .agg(
                count(lit(1)),
                sum(when(col(Tables.TRUNCATED), 1).otherwise(0)).cast("long"),
                count(col(Tables.DATELINE)),
                sum(when(col(Tables.REPAIRS).gt(0), 1).otherwise(0)).cast("long"),
                sum(col(Tables.REPAIRS)).cast("long"))
            .first();
    Row c =
        TableIO.read(spark, output, Tables.ARTICLES)
            .agg(
                count(lit(1)),
                countDistinct(col(Tables.STORY_ID)),
                sum(when(col(Tables.IS_CANONICAL), 0).otherwise(1)).cast("long"))
            .first();
    Map<String, Long> reasons = new LinkedHashMap<>();
    for (Row r :
        quarantined.groupBy(Tables.REASON).count().orderBy(Tables.REASON).collectAsList()) {
      reasons.put(r.getString(0), r.getLong(1));
    }
    long quarantinedCount = reasons.values().stream().mapToLong(Long::longValue).sum();
    long articleCount = a.getLong(0);
    long truncated = a.isNullAt(1) ? 0 : a.getLong(1);
    long datelines = a.getLong(2);
    long repairedArticles = a.isNullAt(3) ? 0 : a.getLong(3);
    long repairs = a.isNullAt(4) ? 0 : a.getLong(4);
    long corpus = c.getLong(0);
    long stories = c.getLong(1);
    long duplicates = c.isNullAt(2) ? 0 : c.getLong(2);
    Progress.stage(
        "ingest",
        "{} articles read ({} added, {} updated; {} in the output, in {} stories, {} near-duplicate"
            + " copies), {} truncated, {} with a dateline, {} glued words split in {} articles; {}"
            + " quarantined {}",
        articleCount,
        merged.inserted(),
        merged.updated(),
        corpus,
        stories,
        duplicates,
        truncated,
        datelines,
        repairs,
        repairedArticles,
        quarantinedCount,
        reasons);
    return new Report(
        files.total(),
        files.ignored().size(),
        read,
        articleCount,
        quarantinedCount,
        Collections.unmodifiableMap(reasons),
        merged.inserted(),
        merged.updated(),
        corpus,
        stories,
        duplicates,
        truncated,
        datelines,
        repairedArticles,
        repairs);
  }
}
