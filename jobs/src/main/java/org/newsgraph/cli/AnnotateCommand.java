package org.newsgraph.cli;

import java.io.PrintStream;
import org.apache.spark.sql.SparkSession;
import org.newsgraph.annotate.AnnotateJob;
import org.newsgraph.config.Settings;
import org.newsgraph.runs.RunRecord;
import picocli.CommandLine.Command;

/** {@code newsgraph annotate}: CoreNLP over the articles not yet annotated. */
@Command(
    name = "annotate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = {
      "Runs CoreNLP once per new or changed article of <output>/articles into"
          + " <output>/annotations (stored annotations with the same settings are reused)."
    })
final class AnnotateCommand extends StageCommand {

  @Override
  void check(Settings settings, RunRecord run) {
    AnnotateJob.check(settings);
  }

  @Override
  void run(SparkSession spark, Settings settings, RunRecord run, PrintStream out) {
    AnnotateJob.Report r = AnnotateJob.run(spark, settings, run);
    out.printf(
        "annotate: %d articles annotated, %d reused, %d errors, %d timeouts, %d mentions%n",
        r.annotated(), r.reused(), r.errors(), r.timeouts(), r.mentions());
  }
}
