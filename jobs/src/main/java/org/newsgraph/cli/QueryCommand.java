package org.newsgraph.cli;

import java.io.PrintStream;
import org.apache.spark.sql.SparkSession;
import org.newsgraph.config.Settings;
import org.newsgraph.errors.NewsgraphErrors;
import org.newsgraph.query.OutputQuery;
import picocli.CommandLine.Command;
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
final class QueryCommand extends ReadCommand {

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

  @Override
  void run(SparkSession spark, Settings settings, PrintStream out, PrintStream err) {
    OutputQuery.run(spark, settings.output(), sql, format(), limit, out, err);
  }

  @Override
  void check() {
    checkPositive("--limit", limit);
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
