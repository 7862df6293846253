package org.newsgraph.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options of every command. An option tied to a setting names the setting's key as its {@code
 * descriptionKey}: {@link NewsgraphCli} takes the value of each such option given on the command
 * line as that setting (the highest precedence), and the help shows the setting's default.
 */
final class CommonOptions {

  @Option(
      names = "--output",
      paramLabel = "DIR",
      descriptionKey = "newsgraph.output",
      description =
          "Output directory, one subdirectory per table (newsgraph.output, default:"
              + " ${DEFAULT-VALUE}).")
  String output;

  @Option(
      names = "--run-date",
      paramLabel = "DATE",
      descriptionKey = "newsgraph.runDate",
      description =
          "Day of the run, YYYY-MM-DD, recorded with the run id on the rows it writes"
              + " and in <output>/runs (newsgraph.runDate, default: today in"
              + " newsgraph.ingest.timeZone).")
  String runDate;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description =
          "Spark master, e.g. local[*] or spark://host:7077 (default: from"
              + " spark-submit, or local[*] with bin/newsgraph).")
  String master;

  @Option(
      names = "--conf",
      paramLabel = "KEY=VALUE",
      description =
          "A newsgraph setting (newsgraph.*, see 'newsgraph settings') or a Spark"
              + " setting (spark.*); repeatable. Precedence: command line, then Spark conf"
              + " spark.newsgraph.*, then the settings file, then the default.")
  List<String> conf = new ArrayList<>();

  @Option(
      names = "--conf-file",
      paramLabel = "PATH",
      description =
          "Settings file (default: conf/newsgraph.properties under $NEWSGRAPH_HOME or"
              + " the working directory, if present).")
  String confFile;
}
