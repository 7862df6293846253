package org.newsgraph.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.newsgraph.config.SettingKeys;
import org.newsgraph.config.Settings;
import org.newsgraph.tables.TableIO;
import org.newsgraph.tables.Tables;
import org.newsgraph.transform.Ingest;
import org.newsgraph.transform.IngestRules;
import org.newsgraph.transform.InputFiles;
import org.newsgraph.transform.NearDuplicates;

/**
 * Stage 1: reads the input files and writes the {@code articles} table (with near-duplicate
 * stories), the {@code ingest} partition of {@code quarantine}, and one {@code ingest_runs} row per
 * input file. Every record read is an article or a quarantine row: the job checks {@code read =
 * articles + quarantined} per input file on the written tables and fails otherwise.
 */
public final class IngestJob {

  /**
   * What ingest did.
   *
   * @param datelines articles whose text starts with a wire dateline
   * @param repairedArticles articles with at least one glued word split
   * @param repairs glued word joins split in all articles
   */
  public record Report(
      int files,
      int ignoredFiles,
      long read,
      long articles,
      long quarantined,
      Map<String, Long> quarantineReasons,
      long stories,
      long duplicateArticles,
      long truncated,
      long datelines,
      long repairedArticles,
      long repairs) {}

  private IngestJob() {}

  public static Report run(SparkSession spark, Settings settings) {
    Instant started = Instant.now();
    // Settings first: a bad value (an invalid dateline pattern, say) stops the run before any work.
    IngestRules rules = settings.ingestRules(LocalDate.ofInstant(started, ZoneOffset.UTC));
    String output = settings.output();
    TableIO.recover(spark, output);
    InputFiles files =
        InputFiles.find(
            settings.getList(SettingKeys.INPUT),
            settings.format(),
            spark.sparkContext().hadoopConfiguration());
    Progress.stage(
        "ingest",
        "{} input files ({}) under {}{}",
        files.total(),
        describe(files),
        settings.input(),
        files.ignored().isEmpty()
            ? ""
            : "; "
                + files.ignored().size()
                + " files of other types ignored, e.g. "
                + files.ignored().get(0));

    // Files are read and parsed once; the steps after the cache (repeated ids, stories) run
    // with adaptive execution sizing their shuffles.
    Dataset<Row> cached = Ingest.parse(spark, files, rules).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> parsed = Ingest.withRepeatedIdsQuarantined(cached, rules.maxRawChars());
      if (settings.getBoolean(SettingKeys.FAIL_FAST)) {
        failOnFirstBadRecord(parsed);
      }
      Dataset<Row> perFile =
          parsed
              .groupBy(Tables.INPUT_FILE)
              .agg(
                  count(lit(1)).as(Tables.RECORDS_READ),
                  sum(when(col(Ingest.KIND).equalTo(Ingest.ARTICLE), 1).otherwise(0))
                      .cast("long")
                      .as(Tables.ARTICLES_COUNT),
                  sum(when(col(Ingest.KIND).equalTo(Ingest.QUARANTINED), 1).otherwise(0))
                      .cast("long")
                      .as(Tables.QUARANTINED_COUNT))
              .persist(StorageLevel.MEMORY_AND_DISK());
      long read = perFile.agg(sum(Tables.RECORDS_READ)).first().getLong(0);
      Progress.stage("ingest", "{} records read; finding near-duplicate stories", read);

      Dataset<Row> articles = Ingest.articles(parsed);
      // The story search reads ids, dates and texts several times: keep just those at hand.
      Dataset<Row> forStories =
          articles
              .select(Tables.ARTICLE_ID, Tables.DATE, Tables.TEXT)
              .persist(StorageLevel.MEMORY_AND_DISK());
      Dataset<Row> stories =
          NearDuplicates.stories(
                  forStories,
                  settings.getDouble(SettingKeys.NEAR_DUPLICATE_JACCARD, 0.01, 1.0),
                  settings.getInt(SettingKeys.SHINGLE_WORDS, 1))
              .persist(StorageLevel.MEMORY_AND_DISK());
      stories.count();
      forStories.unpersist();
      TableIO.replace(articles.join(stories, Tables.ARTICLE_ID), output, Tables.ARTICLES);
      stories.unpersist();
      TableIO.writePartition(Ingest.quarantined(parsed), output, Tables.QUARANTINE, "ingest");

      checkAccounting(spark, output, perFile);
      TableIO.append(
          perFile
              .withColumn(Tables.RUN_ID, lit(started.toString()))
              .withColumn(Tables.RUN_STARTED, lit(Timestamp.from(started))),
          output,
          Tables.INGEST_RUNS);
      perFile.unpersist();
      return report(spark, output, files, read);
    } finally {
      cached.unpersist();
    }
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

  /** Compares the per-file counts of the parse with what the written tables hold. */
  private static void checkAccounting(SparkSession spark, String output, Dataset<Row> perFile) {
    Dataset<Row> written =
        TableIO.read(spark, output, Tables.ARTICLES)
            .groupBy(Tables.INPUT_FILE)
            .agg(count(lit(1)).as("written_articles"));
    Dataset<Row> quarantined =
        TableIO.read(spark, output, Tables.QUARANTINE)
            .where(col(Tables.STAGE).equalTo("ingest"))
            .groupBy(Tables.INPUT_FILE)
            .agg(count(lit(1)).as("written_quarantined"));
    List<Row> mismatches =
        perFile
            .join(written, Tables.INPUT_FILE, "full_outer")
            .join(quarantined, Tables.INPUT_FILE, "full_outer")
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

  private static Report report(SparkSession spark, String output, InputFiles files, long read) {
    Dataset<Row> articles = TableIO.read(spark, output, Tables.ARTICLES);
    Row a =
        articles
            .agg(
                count(lit(1)),
                countDistinct(col(Tables.STORY_ID)),
                sum(when(col(Tables.IS_CANONICAL), 0).otherwise(1)).cast("long"),
                sum(when(col(Tables.TRUNCATED), 1).otherwise(0)).cast("long"),
                count(col(Tables.DATELINE)),
                sum(when(col(Tables.REPAIRS).gt(0), 1).otherwise(0)).cast("long"),
                sum(col(Tables.REPAIRS)).cast("long"))
            .first();
    Map<String, Long> reasons = new LinkedHashMap<>();
    for (Row r :
        TableIO.read(spark, output, Tables.QUARANTINE)
            .where(col(Tables.STAGE).equalTo("ingest"))
            .groupBy(Tables.REASON)
            .count()
            .orderBy(Tables.REASON)
            .collectAsList()) {
      reasons.put(r.getString(0), r.getLong(1));
    }
    long quarantined = reasons.values().stream().mapToLong(Long::longValue).sum();
    long articleCount = a.getLong(0);
    if (read != articleCount + quarantined) {
      throw NewsgraphErrors.accountingMismatch(read, articleCount, quarantined);
    }
    long stories = a.getLong(1);
    long duplicates = a.isNullAt(2) ? 0 : a.getLong(2);
    long truncated = a.isNullAt(3) ? 0 : a.getLong(3);
    long datelines = a.getLong(4);
    long repairedArticles = a.isNullAt(5) ? 0 : a.getLong(5);
    long repairs = a.isNullAt(6) ? 0 : a.getLong(6);
    Progress.stage(
        "ingest",
        "{} articles in {} stories ({} near-duplicate copies), {} truncated, {} with a dateline,"
            + " {} glued words split in {} articles; {} quarantined {}",
        articleCount,
        stories,
        duplicates,
        truncated,
        datelines,
        repairs,
        repairedArticles,
        quarantined,
        reasons);
    return new Report(
        files.total(),
        files.ignored().size(),
        read,
        articleCount,
        quarantined,
        Collections.unmodifiableMap(reasons),
        stories,
        duplicates,
        truncated,
        datelines,
        repairedArticles,
        repairs);
  }
}
