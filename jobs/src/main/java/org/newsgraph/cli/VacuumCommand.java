package org.newsgraph.cli;

import java.io.PrintStream;
import org.apache.spark.sql.SparkSession;
import org.newsgraph.config.Settings;
import org.newsgraph.maintenance.VacuumJob;
import org.newsgraph.runs.RunRecord;
import picocli.CommandLine.Command;

/** {@code newsgraph vacuum}: deletes table files no recent version uses. */
@Command(
    name = "vacuum",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = {
      "Deletes the data files no table version of the last newsgraph.vacuum.retentionHours hours"
          + " (default 168) uses (Delta VACUUM on every table); time travel reaches back that far"
          + " afterwards."
    })
final class VacuumCommand extends StageCommand {

  @Override
  void check(Settings settings, RunRecord run) {
    VacuumJob.check(settings);
  }

  @Override
  void check(SparkSession spark, Settings settings) {
    VacuumJob.check(spark, settings);
  }

  @Override
  void run(SparkSession spark, Settings settings, RunRecord run, PrintStream out) {
    VacuumJob.Report r = VacuumJob.run(spark, settings, run);
    out.printf(
        "vacuum: %d tables, %d data files removed (unused and older than %d hours), %d kept%n",
        r.tables(), r.filesRemoved(), r.retentionHours(), r.filesKept());
  }
}
