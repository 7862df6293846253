package org.newsgraph.cli;

import java.io.PrintStream;
import org.apache.spark.sql.SparkSession;
import org.newsgraph.errors.NewsgraphErrors;
import org.newsgraph.query.OutputQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code newsgraph query "SQL"}: Spark SQL over the output's tables, no Spark code needed. */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = {
      "Runs Spark SQL over the tables of --output, each registered as a view under its table"
          + " name (articles, mentions, entity_counts, comention_counts, comention_evidence, ...),"
          + " and prints the first rows. Read-only: takes no lock and records no run.",
      "Example: newsgraph query \"SELECT period, documents, npmi FROM comention_counts WHERE"
          + " grain = 'month' AND entity_a = 'Kim Jong Un' ORDER BY period_start\""
    })
final class QueryCommand {

  @Mixin CommonOptions common = new CommonOptions();

  @Parameters(index = "0", paramLabel = "SQL", description = "The query (Spark SQL).")
  String sql;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "table (aligned, long values cut), csv or json (one object per line)"
              + " (default: ${DEFAULT-VALUE}).",
      defaultValue = "table")
  String format;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "Rows printed at most (default: ${DEFAULT-VALUE}).",
      defaultValue = "100")
  int limit;

  /** Runs the query on a started session; call {@link #check()} first. */
  void run(SparkSession spark, String output, PrintStream out, PrintStream err) {
    OutputQuery.run(spark, output, sql, format(), limit, out, err);
  }

  /** Checks --format and --limit before Spark starts: a bad one is a usage error (exit code 2). */
  void check() {
    if (limit < 1) {
      throw NewsgraphErrors.usage(
          "--limit must be at least 1, got " + limit + ".", "Give --limit a positive number.");
    }
    format();
  }

  private OutputQuery.Format format() {
    for (OutputQuery.Format f : OutputQuery.Format.values()) {
      if (f.name().equalsIgnoreCase(format.strip())) {
        return f;
      }
    }
    throw NewsgraphErrors.usage("Unknown --format '" + format + "'.", "Use table, csv or json.");
  }
}
