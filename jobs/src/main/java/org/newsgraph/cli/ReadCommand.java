package org.newsgraph.cli;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.apache.spark.sql.SparkSession;
import org.newsgraph.config.Settings;
import org.newsgraph.errors.NewsgraphErrors;
import org.newsgraph.periods.Grain;
import picocli.CommandLine.Mixin;

/**
 * A command that reads an output's tables for an analyst (query, pair, entity, report): its options
 * are checked before Spark starts, then it runs on the tables as views. It takes no lock and
 * records no run; each view reads its table's latest committed Delta version.
 */
abstract class ReadCommand {

  @Mixin CommonOptions common = new CommonOptions();

  /** Checks the command's options; a bad one throws (exit code 2) before Spark starts. */
  abstract void check();

  /** Runs the command on a started session and prints its answer on {@code out}. */
  abstract void run(SparkSession spark, Settings settings, PrintStream out, PrintStream err);

  /** A --grain value as a grain; a usage error names the option and the choices. */
  static Grain grain(String value) {
    for (Grain g : Grain.values()) {
      if (g.id().equalsIgnoreCase(value.strip())) {
        return g;
      }
    }
    throw NewsgraphErrors.usage(
        "Unknown --grain '" + value + "'.", "Use --grain day, week or month.");
  }

  /** A date option: null when absent; a usage error names the option and the format. */
  static LocalDate date(String option, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw NewsgraphErrors.usage(
          option + " '" + value + "' is not a date.", "Write it as YYYY-MM-DD, e.g. 2018-06-12.");
    }
  }

  /** Checks that --from is not after --to. */
  static void checkRange(String from, String to) {
    LocalDate f = date("--from", from);
    LocalDate t = date("--to", to);
    if (f != null && t != null && f.isAfter(t)) {
      throw NewsgraphErrors.usage(
          "--from " + f + " is after --to " + t + ".", "Give --from a date on or before --to.");
    }
  }

  /** Checks that a count option is at least 1. */
  static void checkPositive(String option, int value) {
    if (value < 1) {
      throw NewsgraphErrors.usage(
          option + " must be at least 1, got " + value + ".",
          "Give " + option + " a positive number.");
    }
  }
}
