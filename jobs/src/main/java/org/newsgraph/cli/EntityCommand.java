package org.newsgraph.cli;

import java.io.PrintStream;
import org.apache.spark.sql.SparkSession;
import org.newsgraph.config.Settings;
import org.newsgraph.entities.NamingConf;
import org.newsgraph.query.EntityReport;
import org.newsgraph.query.OutputQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code newsgraph entity NAME}: the entity a name stands for, its spellings and partners. */
@Command(
    name = "entity",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = {
      "Prints the canonical entity a name stands for (any spelling the articles used, or an"
          + " alias), its type, counts and dates, its spellings with their counts, and its top"
          + " partners between --from and --to. An unknown name gets suggestions. Read-only.",
      "Example: newsgraph entity \"Kim Jong-un\" --from 2018-06-01 --to 2018-06-30"
    })
final class EntityCommand extends ReadCommand {

  @Parameters(index = "0", paramLabel = "NAME", description = "The entity's name.")
  String name;

  @Option(
      names = "--from",
      paramLabel = "DATE",
      description = "First day of the partners' period, YYYY-MM-DD (default: the first).")
  String from;

  @Option(
      names = "--to",
      paramLabel = "DATE",
      description = "Last day of the partners' period, YYYY-MM-DD (default: the last).")
  String to;

  @Option(
      names = "--top",
      paramLabel = "N",
      description = "Partners and spellings shown at most (default: ${DEFAULT-VALUE}).",
      defaultValue = "10")
  int top;

  @Override
  void check() {
    checkRange(from, to);
    checkPositive("--top", top);
  }

  @Override
  void run(SparkSession spark, Settings settings, PrintStream out, PrintStream err) {
    OutputQuery.registerViews(spark, settings.output());
    EntityReport.run(
        spark,
        settings.output(),
        NamingConf.canonicalizer(settings),
        new EntityReport.Request(name, date("--from", from), date("--to", to), top),
        out);
  }
}
