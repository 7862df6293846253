package org.newsgraph.cli;

import java.io.PrintStream;
import org.apache.spark.sql.SparkSession;
import org.newsgraph.config.Settings;
import org.newsgraph.maintenance.DeleteJob;
import org.newsgraph.runs.RunRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code newsgraph delete}: removes articles (publisher takedowns) with everything derived. */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = {
      "Removes the selected articles with their annotations and mentions, recomputes the"
          + " stories of the rest and the periods they were counted in. Every criterion given"
          + " must hold; at least one is needed."
    })
final class DeleteCommand extends StageCommand {

  @Option(
      names = "--ids",
      paramLabel = "IDS",
      descriptionKey = "newsgraph.delete.ids",
      description = "Article ids, comma-separated (newsgraph.delete.ids).")
  String ids;

  @Option(
      names = "--source",
      paramLabel = "S",
      descriptionKey = "newsgraph.delete.source",
      description = "Articles of this source (newsgraph.delete.source).")
  String source;

  @Option(
      names = "--from",
      paramLabel = "DATE",
      descriptionKey = "newsgraph.delete.from",
      description = "Articles dated on or after DATE, YYYY-MM-DD (newsgraph.delete.from).")
  String from;

  @Option(
      names = "--to",
      paramLabel = "DATE",
      descriptionKey = "newsgraph.delete.to",
      description = "Articles dated on or before DATE, YYYY-MM-DD (newsgraph.delete.to).")
  String to;

  @Override
  void check(Settings settings, RunRecord run) {
    DeleteJob.check(settings);
  }

  @Override
  void run(SparkSession spark, Settings settings, RunRecord run, PrintStream out) {
    DeleteJob.Report r = DeleteJob.run(spark, settings, run);
    out.printf(
        "delete: %d articles and %d annotations deleted, %d remaining articles changed"
            + " story; %d periods recomputed, %d removed%n",
        r.articles(),
        r.annotations(),
        r.restoried(),
        r.aggregate().periodsWritten(),
        r.aggregate().periodsRemoved());
  }
}
