package org.newsgraph.cli;

import java.io.PrintStream;
import org.apache.spark.sql.SparkSession;
import org.newsgraph.config.Settings;
import org.newsgraph.runs.RunRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code newsgraph run}: the whole pipeline, then the summary. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = {
      "Ingest, annotate and aggregate in one go; prints a summary.",
      "The input is added to the output: articles already there are kept, changed ones are"
          + " updated and annotated again."
    })
final class RunCommand extends StageCommand {

  @Mixin InputOptions input = new InputOptions();

  @Override
  void check(Settings settings, RunRecord run) {
    RunJob.check(settings, run);
  }

  @Override
  boolean readsInput() {
    return true;
  }

  @Override
  void run(SparkSession spark, Settings settings, RunRecord run, PrintStream out) {
    RunJob.run(spark, settings, run).print(out, settings.output());
  }
}
