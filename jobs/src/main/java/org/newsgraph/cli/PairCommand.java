package org.newsgraph.cli;

import java.io.PrintStream;
import org.apache.spark.sql.SparkSession;
import org.newsgraph.config.Settings;
import org.newsgraph.entities.NamingConf;
import org.newsgraph.query.OutputQuery;
import org.newsgraph.query.PairReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code newsgraph pair A B}: how often, in what tone and why two entities were named together. */
@Command(
    name = "pair",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = {
      "Prints the co-mention series of two entities at one grain (documents, stories, sources,"
          + " sentences, tone, NPMI, surprise) and the evidence sentences of the peak period."
          + " The names come in any order and any spelling the articles used, the canonical"
          + " name or an alias; an unknown name gets suggestions. Read-only.",
      "Example: newsgraph pair Putin \"Kim Jong-un\" --grain month"
    })
final class PairCommand extends ReadCommand {

  @Parameters(index = "0", paramLabel = "A", description = "One entity's name.")
  String a;

  @Parameters(index = "1", paramLabel = "B", description = "The other entity's name.")
  String b;

  @Option(
      names = "--grain",
      paramLabel = "GRAIN",
      description = "day, week or month (default: ${DEFAULT-VALUE}).",
      defaultValue = "month")
  String grain;

  @Option(
      names = "--from",
      paramLabel = "DATE",
      description = "First day, YYYY-MM-DD: the series starts with the period holding it.")
  String from;

  @Option(
      names = "--to",
      paramLabel = "DATE",
      description = "Last day, YYYY-MM-DD: the series ends with the period holding it.")
  String to;

  @Option(
      names = "--evidence",
      paramLabel = "N",
      description =
          "Evidence sentences of the peak period shown at most (default: ${DEFAULT-VALUE}).",
      defaultValue = "5")
  int evidence;

  @Override
  void check() {
    grain(grain);
    checkRange(from, to);
    checkPositive("--evidence", evidence);
  }

  @Override
  void run(SparkSession spark, Settings settings, PrintStream out, PrintStream err) {
    OutputQuery.registerViews(spark, settings.output());
    PairReport.run(
        spark,
        settings.output(),
        NamingConf.canonicalizer(settings),
        new PairReport.Request(
            a, b, grain(grain), date("--from", from), date("--to", to), evidence),
        out);
  }
}
