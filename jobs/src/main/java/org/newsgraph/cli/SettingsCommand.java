package org.newsgraph.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.newsgraph.config.Setting;
import org.newsgraph.config.SettingKeys;
import org.newsgraph.config.Settings;
import org.newsgraph.maintenance.VacuumJob;
import org.newsgraph.runs.RunRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code newsgraph settings}: every setting with its resolved value, where the value came from and
 * what it does; then checks them all as run, ingest, annotate, aggregate and vacuum would, without
 * starting Spark or touching the output.
 */
@Command(
    name = "settings",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = {
      "Prints every setting with its resolved value and where it came from (default, settings"
          + " file, Spark conf, command line), then checks them as the other commands would."
          + " Takes the options of run to show their effect; starts no Spark."
    })
final class SettingsCommand {

  @Mixin CommonOptions common = new CommonOptions();

  @Mixin InputOptions input = new InputOptions();

  /** Prints the settings, then checks them: a bad value throws (exit code 2). */
  static void print(Settings settings, String settingsFile, PrintStream out) {
    out.printf(
        "newsgraph settings; precedence, highest first: command line, Spark conf"
            + " (spark.newsgraph.*), settings file (%s), default%n%n",
        settingsFile == null ? "none found" : settingsFile);
    int width = SettingKeys.ALL.stream().mapToInt(s -> s.key().length()).max().orElse(0);
    for (Setting s : SettingKeys.ALL) {
      out.printf(
          Locale.ROOT,
          "%-" + width + "s = %s   [%s]%n    %s%n",
          s.key(),
          settings.get(s),
          settings.origin(s),
          s.comment());
    }
    settings.check();
    RunJob.check(settings, RunRecord.start("settings", settings));
    VacuumJob.check(settings);
    out.println();
    out.println("All settings are valid for run, ingest, annotate, aggregate and vacuum.");
  }
}
