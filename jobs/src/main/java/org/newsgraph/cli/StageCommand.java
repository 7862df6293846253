package org.newsgraph.cli;

import java.io.PrintStream;
import org.apache.spark.sql.SparkSession;
import org.newsgraph.config.Settings;
import org.newsgraph.runs.RunRecord;
import picocli.CommandLine.Mixin;

/**
 * A command that works on an output directory: its settings are checked before Spark starts, then
 * it runs under the output's lock as one recorded run (see {@link NewsgraphCli}).
 */
abstract class StageCommand {

  @Mixin CommonOptions common = new CommonOptions();

  /** Checks the command's settings; a bad value throws (exit code 2) before any Spark work. */
  abstract void check(Settings settings, RunRecord run);

  /** Checks that need the session's Spark conf; run after Spark starts, before the lock. */
  void check(SparkSession spark, Settings settings) {}

  /** Whether the command reads the input files of newsgraph.input. */
  boolean readsInput() {
    return false;
  }

  /** Runs the command on the output (the lock is held) and prints what it did. */
  abstract void run(SparkSession spark, Settings settings, RunRecord run, PrintStream out);
}
