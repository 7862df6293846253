package org.newsgraph.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.newsgraph.config.Settings;
import org.newsgraph.entities.NamingConf;
import org.newsgraph.report.ReportJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code newsgraph report}: a static HTML site of the output's pairs, for a browser. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = {
      "Writes a static HTML site under --to: the latest period's top and rising pairs (by"
          + " surprise), a page per pair with its documents, NPMI and tone over time and the"
          + " evidence sentences of every period, and a page per entity with its partners over"
          + " time. Needs no network to view: open index.html from the file system. Read-only"
          + " on --output.",
      "Example: newsgraph report --pair Putin \"Kim Jong Un\" --top 10 --to report/"
    })
final class ReportCommand extends ReadCommand {

  @Option(
      names = "--pair",
      arity = "2",
      paramLabel = "NAME",
      description =
          "A pair to give a page whatever its rank (two names, any spelling); repeatable.")
  List<String> pairs = new ArrayList<>();

  @Option(
      names = "--top",
      paramLabel = "N",
      description = "Top and rising pairs of the latest period (default: ${DEFAULT-VALUE}).",
      defaultValue = "10")
  int top;

  @Option(
      names = "--grain",
      paramLabel = "GRAIN",
      description = "day, week or month: the charts' periods (default: ${DEFAULT-VALUE}).",
      defaultValue = "week")
  String grain;

  @Option(
      names = "--to",
      paramLabel = "DIR",
      description =
          "Directory of the site: new, empty, or an earlier report (default: ${DEFAULT-VALUE}).",
      defaultValue = "report")
  String to;

  @Override
  void check() {
    grain(grain);
    checkPositive("--top", top);
    ReportJob.checkTarget(Path.of(to));
  }

  @Override
  void run(SparkSession spark, Settings settings, PrintStream out, PrintStream err) {
    List<String[]> named = new ArrayList<>();
    for (int i = 0; i + 1 < pairs.size(); i += 2) {
      named.add(new String[] {pairs.get(i), pairs.get(i + 1)});
    }
    ReportJob.run(
        spark,
        settings.output(),
        NamingConf.canonicalizer(settings),
        new ReportJob.Request(named, top, grain(grain), Path.of(to)),
        out);
  }
}
