package org.newsgraph.jobs;

import static org.apache.spark.sql.functions.col;

import java.util.Collections;
import java.util.LinkedHashMap;
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
import org.newsgraph.transform.InputFiles;

/**
 * Stage 1: reads the input files and writes the {@code articles} table and the {@code ingest}
 * partition of {@code quarantine}. Every record read is an article or a quarantine row; the job
 * checks {@code read = articles + quarantined} on the written tables and fails otherwise.
 */
public final class IngestJob {

  /** What ingest did. */
  public record Report(
      int files,
      int ignoredFiles,
      long read,
      long articles,
      long quarantined,
      Map<String, Long> quarantineReasons) {}

  private IngestJob() {}

  public static Report run(SparkSession spark, Settings settings) {
    String output = settings.output();
    InputFiles files =
        InputFiles.find(
            settings.getList(SettingKeys.INPUT), spark.sparkContext().hadoopConfiguration());
    Progress.stage(
        "ingest",
        "{} input files ({} dated text, {} JSON Lines) under {}{}",
        files.total(),
        files.datedText().size(),
        files.jsonLines().size(),
        settings.input(),
        files.ignored().isEmpty()
            ? ""
            : "; "
                + files.ignored().size()
                + " files of other types ignored, e.g. "
                + files.ignored().get(0));

    int maxRaw = settings.getInt(SettingKeys.QUARANTINE_RECORD_MAX_CHARS, 1);
    // Files are read and parsed once; the duplicate-id window runs after the cache so that
    // adaptive execution can size its shuffle.
    Dataset<Row> cached =
        Ingest.parse(spark, files, maxRaw).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> parsed = Ingest.withDuplicateIdsQuarantined(cached, maxRaw);
    try {
      long read = parsed.count();
      Progress.stage("ingest", "{} records read; writing tables under {}", read, output);
      TableIO.write(Ingest.articles(parsed), output, Tables.ARTICLES);
      TableIO.writePartition(Ingest.quarantined(parsed), output, Tables.QUARANTINE, "ingest");

      long articles = TableIO.read(spark, output, Tables.ARTICLES).count();
      Dataset<Row> quarantine =
          TableIO.read(spark, output, Tables.QUARANTINE).where(col(Tables.STAGE).equalTo("ingest"));
      Map<String, Long> reasons = new LinkedHashMap<>();
      for (Row r :
          quarantine.groupBy(Tables.REASON).count().orderBy(Tables.REASON).collectAsList()) {
        reasons.put(r.getString(0), r.getLong(1));
      }
      long quarantined = reasons.values().stream().mapToLong(Long::longValue).sum();
      if (read != articles + quarantined) {
        throw NewsgraphErrors.accountingMismatch(read, articles, quarantined);
      }
      Progress.stage("ingest", "{} articles, {} quarantined {}", articles, quarantined, reasons);
      return new Report(
          files.total(),
          files.ignored().size(),
          read,
          articles,
          quarantined,
          Collections.unmodifiableMap(reasons));
    } finally {
      cached.unpersist();
    }
  }
}
