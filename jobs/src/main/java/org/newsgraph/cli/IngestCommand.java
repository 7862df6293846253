package org.newsgraph.cli;

import java.io.PrintStream;
import org.apache.spark.sql.SparkSession;
import org.newsgraph.config.Settings;
import org.newsgraph.ingest.IngestJob;
import org.newsgraph.runs.RunRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code newsgraph ingest}: input files into the articles table. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = {
      "Reads dated text files (.txt, .txt.gz), JSON Lines (.jsonl, .jsonl.gz), CSV (.csv,"
          + " .csv.gz) and Parquet (.parquet) into <output>/articles, adding to the articles"
          + " already there; unreadable records go to <output>/quarantine."
    })
final class IngestCommand extends StageCommand {

  @Mixin InputOptions input = new InputOptions();

  @Override
  void check(Settings settings, RunRecord run) {
    IngestJob.check(settings, run);
  }

  @Override
  boolean readsInput() {
    return true;
  }

  @Override
  void run(SparkSession spark, Settings settings, RunRecord run, PrintStream out) {
    IngestJob.Report r = IngestJob.run(spark, settings, run);
    out.printf(
        "ingest: %d read = %d articles + %d quarantined %s; %d added, %d updated, %d in the"
            + " output; %d with a dateline, %d glued words split in %d articles%n",
        r.read(),
        r.articles(),
        r.quarantined(),
        r.quarantineReasons(),
        r.added(),
        r.updated(),
        r.corpusArticles(),
        r.datelines(),
        r.repairs(),
        r.repairedArticles());
  }
}
