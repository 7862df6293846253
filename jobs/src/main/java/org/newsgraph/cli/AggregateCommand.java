package org.newsgraph.cli;

import java.io.PrintStream;
import org.apache.spark.sql.SparkSession;
import org.newsgraph.config.Settings;
import org.newsgraph.periods.AggregateJob;
import org.newsgraph.periods.AggregateReport;
import org.newsgraph.runs.RunRecord;
import picocli.CommandLine.Command;

/** {@code newsgraph aggregate}: canonical names, counts and evidence of the changed periods. */
@Command(
    name = "aggregate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = {
      "Gives canonical names (rules + the alias file) to the stored annotations"
          + " (<output>/mentions, <output>/resolution_stats), then computes, by day, ISO week and"
          + " month, <output>/entity_counts, <output>/comention_counts (with PMI, NPMI, G2, lift"
          + " and surprise) and <output>/comention_evidence. Only periods whose inputs changed"
          + " are recomputed (<output>/aggregate_periods). No CoreNLP: re-run it after editing"
          + " conf/aliases.tsv."
    })
final class AggregateCommand extends StageCommand {

  @Override
  void check(Settings settings, RunRecord run) {
    AggregateJob.check(settings);
  }

  @Override
  void run(SparkSession spark, Settings settings, RunRecord run, PrintStream out) {
    AggregateReport r = AggregateJob.run(spark, settings, run);
    out.printf(
        "aggregate: %d entities, %d co-mention pairs, mentions by resolution %s%n",
        r.entities(), r.pairs(), r.resolutions());
  }
}
