package org.newsgraph.maintenance;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.newsgraph.ingest.IngestJob;
import org.newsgraph.periods.AggregateJob;
import org.newsgraph.periods.AggregateReport;
import org.newsgraph.runs.Progress;
import org.newsgraph.runs.RunRecord;
import org.newsgraph.stories.NearDuplicates;
import org.newsgraph.tables.TableIO;
import org.newsgraph.tables.Tables;

/**
 * The {@code delete} command (publisher takedowns): removes the articles selected by id list,
 * source and date range ({@code newsgraph.delete.*}; every criterion given must hold) with
 * everything derived from them, as if they had never been ingested. In order, each one commit: the
 * articles (and their signatures) are deleted and the stories of the remaining articles recomputed
 * (a story whose first article was deleted gets a new id and canonical article), their annotations
 * deleted, then aggregate rewrites the mentions of the dates and the periods whose inputs changed
 * and removes the periods left without articles. Run logs and the quarantine keep their history.
 *
 * <p>At least one criterion is required: deleting everything is {@code run --rebuild} on an empty
 * input's business, not this command's.
 */
public final class DeleteJob {

  /**
   * What delete did.
   *
   * @param articles articles deleted
   * @param annotations annotations deleted
   * @param restoried remaining articles whose story changed
   * @param aggregate the aggregate stage that followed
   */
  public record Report(long articles, long annotations, long restoried, AggregateReport aggregate) {

    /** The counts of the stage, by name, for the runs table. */
    public Map<String, Long> counts() {
      Map<String, Long> c = new LinkedHashMap<>();
      c.put("articles_deleted", articles);
      c.put("annotations_deleted", annotations);
      c.put("articles_restoried", restoried);
      return c;
    }
  }

  private DeleteJob() {}

  /** Delete as a command of its own: one recorded run (see {@link RunRecord}). */
  public static Report run(SparkSession spark, Settings settings) {
    RunRecord run = RunRecord.start("delete", settings);
    check(settings);
    return run.record(spark, settings.output(), () -> run(spark, settings, run));
  }

  /** Delete as a run: the delete stage, then the aggregate stage. */
  public static Report run(SparkSession spark, Settings settings, RunRecord run) {
    Report deleted = run.stage("delete", () -> delete(spark, settings), Report::counts);
    AggregateReport aggregate = AggregateJob.run(spark, settings, run);
    return new Report(deleted.articles(), deleted.annotations(), deleted.restoried(), aggregate);
  }

  /**
   * Checks the selection and the settings of the stages before any work: a bad value, or no
   * criterion at all, fails here (exit code 2).
   */
  public static void check(Settings settings) {
    selection(settings);
    settings.getDouble(SettingKeys.NEAR_DUPLICATE_JACCARD);
    settings.getInt(SettingKeys.SHINGLE_WORDS);
    AggregateJob.check(settings);
  }

  /** The articles the settings select, as a condition on the articles table. */
  static Column selection(Settings settings) {
    List<Column> parts = new ArrayList<>();
    List<String> ids = settings.getList(SettingKeys.DELETE_IDS);
    if (!ids.isEmpty()) {
      parts.add(col(Tables.ARTICLE_ID).isin(ids.toArray()));
    }
    String source = settings.get(SettingKeys.DELETE_SOURCE);
    if (!source.isBlank()) {
      parts.add(col(Tables.SOURCE).equalTo(lit(source.strip())));
    }
    LocalDate from = settings.getOptionalDate(SettingKeys.DELETE_FROM);
    LocalDate to = settings.getOptionalDate(SettingKeys.DELETE_TO);
    if (from != null && to != null && from.isAfter(to)) {
      throw NewsgraphErrors.badSettingValue(
          SettingKeys.DELETE_TO.key(), to.toString(), "a day on or after " + from, null);
    }
    if (from != null) {
      parts.add(col(Tables.DATE).geq(lit(Date.valueOf(from))));
    }
    if (to != null) {
      parts.add(col(Tables.DATE).leq(lit(Date.valueOf(to))));
    }
    if (parts.isEmpty()) {
      throw NewsgraphErrors.nothingToDelete();
    }
    return parts.stream().reduce(Column::and).orElseThrow();
  }

  private static Report delete(SparkSession spark, Settings settings) {
    String output = settings.output();
    // An article whose source is null is not selected by a source (never unknown).
    Column selected = functions.coalesce(selection(settings), lit(false));
    // Pinned to the version read: the commits below change the table, and a lost executor's
    // partitions of these rows must be computed again from that version, not from the new one.
    Dataset<Row> articles = TableIO.readCurrentVersion(spark, output, Tables.ARTICLES);
    Dataset<Row> doomed =
        articles.where(selected).select(Tables.ARTICLE_ID).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> forStories = null;
    Dataset<Row> stories = null;
    try {
      long count = doomed.count();
      Progress.stage("delete", "{} articles selected under {}", count, output);
      if (count == 0) {
        return new Report(0, 0, 0, null);
      }
      Dataset<Row> remaining = articles.where(functions.not(selected));
      // The story search reads ids, dates and texts several times: keep just those at hand.
      forStories =
          remaining
              .select(Tables.ARTICLE_ID, Tables.DATE, Tables.TEXT)
              .persist(StorageLevel.MEMORY_AND_DISK());
      stories =
          NearDuplicates.stories(
              forStories,
              settings.getDouble(SettingKeys.NEAR_DUPLICATE_JACCARD),
              settings.getInt(SettingKeys.SHINGLE_WORDS));
      Dataset<Row> restoried =
          remaining
              .select(IngestJob.INPUT_COLUMNS)
              .join(stories, Tables.ARTICLE_ID)
              .select(Tables.ARTICLES.cols())
              .exceptAll(remaining);
      return deleteAndRestory(doomed, restoried, output);
    } finally {
      doomed.unpersist();
      for (Dataset<Row> kept : Arrays.asList(forStories, stories)) {
        if (kept != null) {
          kept.unpersist();
        }
      }
    }
  }

  /** The commits of delete: the doomed rows of each table out, the changed stories in. */
  private static Report deleteAndRestory(
      Dataset<Row> doomed, Dataset<Row> restoried, String output) {
    SparkSession spark = doomed.sparkSession();
    long deleted = TableIO.deleteKeys(doomed, output, Tables.ARTICLES, Tables.ARTICLE_ID);
    long changed =
        TableIO.merge(restoried, output, Tables.ARTICLES, List.of(Tables.ARTICLE_ID)).updated();
    if (TableIO.exists(spark, output, Tables.ARTICLE_SIGNATURES)) {
      TableIO.deleteKeys(doomed, output, Tables.ARTICLE_SIGNATURES, Tables.ARTICLE_ID);
    }
    long annotations =
        TableIO.exists(spark, output, Tables.ANNOTATIONS)
            ? TableIO.deleteKeys(doomed, output, Tables.ANNOTATIONS, Tables.ARTICLE_ID)
            : 0;
    Progress.stage(
        "delete",
        "{} articles and {} annotations deleted; {} remaining articles changed story",
        deleted,
        annotations,
        changed);
    return new Report(deleted, annotations, changed, null);
  }
}
