package org.newsgraph.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** The top of the command line: {@code newsgraph <command> [options]}. */
@Command(
    name = "newsgraph",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = {
      "Entity co-mention and tone time series from news corpora (Spark + Stanford CoreNLP)."
    },
    subcommands = {
      RunCommand.class,
      IngestCommand.class,
      AnnotateCommand.class,
      AggregateCommand.class,
      DeleteCommand.class,
      VacuumCommand.class,
      SettingsCommand.class,
      QueryCommand.class,
      PairCommand.class,
      EntityCommand.class,
      ReportCommand.class,
      HelpCommand.class
    },
    footer = {
      "",
      "'newsgraph <command> --help' lists a command's options; 'newsgraph settings' lists every"
          + " setting with its value, its origin and what it does."
    })
final class NewsgraphCommand {}
