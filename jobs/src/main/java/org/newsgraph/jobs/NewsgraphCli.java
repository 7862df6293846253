package org.newsgraph.jobs;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.newsgraph.config.Setting;
import org.newsgraph.config.SettingKeys;
import org.newsgraph.config.Settings;
import org.newsgraph.tables.DeltaSession;
import org.newsgraph.tables.OutputLock;
import scala.Tuple2;

/**
 * The command line: {@code newsgraph run|ingest|annotate|aggregate|delete|vacuum [options]}. Used
 * by bin/newsgraph (embedded Spark) and by spark-submit ({@code --class
 * org.newsgraph.jobs.NewsgraphCli}). It parses options, builds the SparkSession (never choosing a
 * master itself: {@code --master}, spark-submit or the {@code spark.master} system property does),
 * resolves settings, takes the output's lock, runs the job as one {@link RunRecord} (one run id and
 * run date, one row in the runs table, also when it fails) and exits 0 on success, non-zero with a
 * message on any failure.
 */
public final class NewsgraphCli {

  static final String DEFAULT_SETTINGS_FILE = "conf/newsgraph.properties";

  /** The commands, in the order of the usage text. */
  static final List<String> COMMANDS =
      List.of("run", "ingest", "annotate", "aggregate", "delete", "vacuum");

  /** The options of delete and the settings they set. */
  private static final Map<String, Setting> DELETE_OPTIONS =
      Map.of(
          "--ids", SettingKeys.DELETE_IDS,
          "--source", SettingKeys.DELETE_SOURCE,
          "--from", SettingKeys.DELETE_FROM,
          "--to", SettingKeys.DELETE_TO);

  /** The commands that take input options (--input, --format, --fail-fast, --rebuild). */
  private static final List<String> INPUT_COMMANDS = List.of("run", "ingest");

  /** A parsed command line. */
  record Command(
      String name,
      boolean help,
      String master,
      String settingsFile,
      Map<String, String> settings,
      Map<String, String> sparkConf) {}

  private NewsgraphCli() {}

  public static void main(String[] args) {
    System.exit(execute(args, System.out, System.err));
  }

  /** Runs a command line and returns the process exit code. */
  static int execute(String[] args, PrintStream out, PrintStream err) {
    Command command;
    try {
      command = parse(args);
    } catch (NewsgraphException e) {
      err.println("newsgraph: " + e.getMessage());
      return e.exitCode();
    }
    if (command.help()) {
      out.print(usage(command.name()));
      return 0;
    }
    SparkSession spark = null;
    try {
      Map<String, String> fileSettings = readSettingsFile(command.settingsFile());
      SparkSession.Builder builder = SparkSession.builder().appName("newsgraph " + command.name());
      if (command.master() != null) {
        builder.master(command.master());
      }
      command.sparkConf().forEach(builder::config);
      DeltaSession.configure(builder, command.sparkConf());
      spark = DeltaSession.tune(builder.getOrCreate());
      Map<String, String> sparkConf = new LinkedHashMap<>();
      for (Tuple2<String, String> kv : spark.sparkContext().getConf().getAll()) {
        sparkConf.put(kv._1(), kv._2());
      }
      Settings settings = Settings.resolve(command.settings(), sparkConf, fileSettings);
      run(command.name(), spark, settings, out);
      return 0;
    } catch (NewsgraphException e) {
      err.println("newsgraph " + command.name() + " failed: " + e.getMessage());
      return e.exitCode();
    } catch (Exception | Error e) {
      err.println("newsgraph " + command.name() + " failed with an unexpected error: " + e);
      e.printStackTrace(err);
      err.println(
          "  fix: this is likely a bug or an environment problem (memory, classpath);"
              + " the stack trace above says where it happened.");
      return 1;
    } finally {
      if (spark != null) {
        spark.stop();
      }
    }
  }

  /**
   * Runs a command on a session while holding the output's lock ({@link OutputLock}): a second run
   * on the same output fails before it reads or writes a table.
   */
  static void run(String command, SparkSession spark, Settings settings, PrintStream out) {
    // The run date and the command's settings are checked before the lock is taken or a table
    // read: a bad value changes nothing and records no run.
    RunRecord run = RunRecord.start(command, settings);
    switch (command) {
      case "run" -> RunJob.check(settings, run);
      case "ingest" -> IngestJob.check(settings, run);
      case "annotate" -> AnnotateJob.check(settings);
      case "aggregate" -> AggregateJob.check(settings);
      case "delete" -> DeleteJob.check(settings);
      case "vacuum" -> VacuumJob.check(spark, settings);
      default -> throw new IllegalStateException("unhandled command " + command);
    }
    try (OutputLock lock =
        OutputLock.acquire(
            spark.sparkContext().hadoopConfiguration(), settings.output(), run.runId(), command)) {
      run.record(
          spark,
          settings.output(),
          () -> {
            runLocked(command, spark, settings, run, out);
            return command;
          });
    }
  }

  private static void runLocked(
      String command, SparkSession spark, Settings settings, RunRecord run, PrintStream out) {
    switch (command) {
      case "run" -> RunJob.run(spark, settings, run).print(out, settings.output());
      case "ingest" -> {
        IngestJob.Report r = IngestJob.run(spark, settings, run);
        out.printf(
            "ingest: %d read = %d articles + %d quarantined %s; %d added, %d updated, %d in the"
                + " output; %d with a dateline, %d glued words split in %d articles%n",
            r.read(),
            r.articles(),
            r.quarantined(),
            r.quarantineReasons(),
            r.added(),
            r.updated(),
            r.corpusArticles(),
            r.datelines(),
            r.repairs(),
            r.repairedArticles());
      }
      case "annotate" -> {
        AnnotateJob.Report r = AnnotateJob.run(spark, settings, run);
        out.printf(
            "annotate: %d articles annotated, %d reused, %d errors, %d timeouts, %d mentions%n",
            r.annotated(), r.reused(), r.errors(), r.timeouts(), r.mentions());
      }
      case "aggregate" -> {
        AggregateJob.Report r = AggregateJob.run(spark, settings, run);
        out.printf(
            "aggregate: %d entities, %d co-mention pairs, mentions by resolution %s%n",
            r.entities(), r.pairs(), r.resolutions());
      }
      case "delete" -> {
        DeleteJob.Report r = DeleteJob.run(spark, settings, run);
        out.printf(
            "delete: %d articles and %d annotations deleted, %d remaining articles changed"
                + " story; %d periods recomputed, %d removed%n",
            r.articles(),
            r.annotations(),
            r.restoried(),
            r.aggregate().periodsWritten(),
            r.aggregate().periodsRemoved());
      }
      case "vacuum" -> {
        VacuumJob.Report r = VacuumJob.run(spark, settings, run);
        out.printf(
            "vacuum: %d tables, %d data files removed (unused and older than %d hours), %d kept%n",
            r.tables(), r.filesRemoved(), r.retentionHours(), r.filesKept());
      }
      default -> throw new IllegalStateException("unhandled command " + command);
    }
  }

  static Command parse(String[] args) {
    if (args.length == 0) {
      return new Command("", true, null, null, Map.of(), Map.of());
    }
    String name = args[0];
    if (name.equals("--help") || name.equals("-h") || name.equals("help")) {
      return new Command("", true, null, null, Map.of(), Map.of());
    }
    if (!COMMANDS.contains(name)) {
      throw NewsgraphErrors.usage(
          "Unknown command '" + name + "'.",
          "Use one of " + String.join(", ", COMMANDS) + " (--help).");
    }
    boolean help = false;
    String master = null;
    String settingsFile = null;
    Map<String, String> settings = new LinkedHashMap<>();
    Map<String, String> sparkConf = new LinkedHashMap<>();
    List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
    for (int i = 0; i < rest.size(); i++) {
      String opt = rest.get(i);
      switch (opt) {
        case "--help", "-h" -> help = true;
        case "--input" -> {
          requireInputOption(name, opt);
          settings.put(SettingKeys.INPUT.key(), value(rest, ++i, opt));
        }
        case "--output" -> settings.put(SettingKeys.OUTPUT.key(), value(rest, ++i, opt));
        case "--run-date" -> settings.put(SettingKeys.RUN_DATE.key(), value(rest, ++i, opt));
        case "--ids", "--source", "--from", "--to" -> {
          if (!name.equals("delete")) {
            throw NewsgraphErrors.usage(
                "'" + name + "' does not take " + opt + ".",
                "It selects the articles of 'delete' (--help).");
          }
          settings.put(DELETE_OPTIONS.get(opt).key(), value(rest, ++i, opt));
        }
        case "--format" -> {
          requireInputOption(name, opt);
          settings.put(SettingKeys.FORMAT.key(), value(rest, ++i, opt));
        }
        case "--fail-fast" -> {
          requireInputOption(name, opt);
          settings.put(SettingKeys.FAIL_FAST.key(), "true");
        }
        case "--rebuild" -> {
          requireInputOption(name, opt);
          settings.put(SettingKeys.REBUILD.key(), "true");
        }
        case "--master" -> master = value(rest, ++i, opt);
        case "--conf-file" -> settingsFile = value(rest, ++i, opt);
        case "--conf" -> {
          String kv = value(rest, ++i, opt);
          int eq = kv.indexOf('=');
          if (eq <= 0) {
            throw NewsgraphErrors.usage(
                "--conf needs KEY=VALUE, got '" + kv + "'.",
                "Write it as --conf newsgraph.annotate.sentiment=off or --conf spark.x=y.");
          }
          String key = kv.substring(0, eq).strip();
          String v = kv.substring(eq + 1);
          if (key.startsWith("spark.")) {
            sparkConf.put(key, v);
          } else if (SettingKeys.BY_KEY.containsKey(key)) {
            settings.put(key, v);
          } else {
            throw NewsgraphErrors.unknownSetting(key, "--conf");
          }
        }
        default ->
            throw NewsgraphErrors.usage(
                "Unknown option '" + opt + "' for '" + name + "'.",
                "Run 'newsgraph " + name + " --help' for its options.");
      }
    }
    return new Command(name, help, master, settingsFile, settings, sparkConf);
  }

  private static void requireInputOption(String command, String opt) {
    if (!INPUT_COMMANDS.contains(command)) {
      throw NewsgraphErrors.usage(
          "'" + command + "' does not take " + opt + ".",
          "It reads the tables under --output; give --input to 'ingest' or 'run'.");
    }
  }

  private static String value(List<String> args, int i, String opt) {
    if (i >= args.size() || args.get(i).startsWith("--")) {
      throw NewsgraphErrors.usage("Option " + opt + " needs a value.", "Write " + opt + " VALUE.");
    }
    return args.get(i);
  }

  /**
   * The settings file: the one named by --conf-file (which must exist), else
   * conf/newsgraph.properties under $NEWSGRAPH_HOME or the working directory when present.
   */
  static Map<String, String> readSettingsFile(String explicit) {
    if (explicit != null) {
      return Settings.readFile(Path.of(explicit));
    }
    String home = System.getenv("NEWSGRAPH_HOME");
    Path candidate =
        home == null ? Path.of(DEFAULT_SETTINGS_FILE) : Path.of(home, DEFAULT_SETTINGS_FILE);
    return Files.isRegularFile(candidate) ? Settings.readFile(candidate) : Map.of();
  }

  static String usage(String command) {
    StringBuilder s = new StringBuilder();
    String common =
        """
          --output DIR         output directory (newsgraph.output, default: out)
          --run-date DATE      day of the run, YYYY-MM-DD, recorded with the run id on the rows it
                               writes and in <output>/runs (newsgraph.runDate, default: today in
                               newsgraph.ingest.timeZone)
          --master URL         Spark master, e.g. local[*] or spark://host:7077
                               (default: from spark-submit, or local[*] with bin/newsgraph)
          --conf KEY=VALUE     a newsgraph setting (newsgraph.*) or a Spark setting (spark.*);
                               repeatable. Precedence: command line, then Spark conf
                               spark.newsgraph.*, then the settings file, then the default.
          --conf-file PATH     settings file (default: conf/newsgraph.properties if present)
          -h, --help           this help
        """;
    String input =
        """
          --input PATHS        comma-separated directories, files or globs on any file system
                               Spark reads (newsgraph.input, default: sample-data)
          --format FORMAT      auto (by extension), text, jsonl, csv or parquet
                               (newsgraph.ingest.format, default: auto)
          --fail-fast          stop at the first bad record (exit code 3) instead of
                               quarantining it (newsgraph.ingest.failFast)
          --rebuild            start from scratch: the input replaces the articles of the output
                               instead of adding to them (newsgraph.ingest.rebuild)
        """;
    switch (command) {
      case "run" ->
          s.append(
                  "usage: newsgraph run [--input PATHS] [--output DIR] [options]\n\n"
                      + "Ingest, annotate and aggregate in one go; prints a summary.\n\n")
              .append(input)
              .append(common);
      case "ingest" ->
          s.append(
                  "usage: newsgraph ingest [--input PATHS] [--output DIR] [options]\n\n"
                      + "Reads dated text files (.txt, .txt.gz) and JSON Lines (.jsonl, .jsonl.gz) into\n"
                      + "<output>/articles; unreadable records go to <output>/quarantine.\n\n")
              .append(input)
              .append(common);
      case "annotate" ->
          s.append(
                  "usage: newsgraph annotate [--output DIR] [options]\n\n"
                      + "Runs CoreNLP once per new or changed article of <output>/articles into\n"
                      + "<output>/annotations (stored annotations with the same settings are reused).\n\n")
              .append(common);
      case "aggregate" ->
          s.append(
                  "usage: newsgraph aggregate [--output DIR] [options]\n\n"
                      + "Gives canonical names (rules + the alias file) to the stored annotations\n"
                      + "(<output>/mentions, <output>/resolution_stats), then computes, by day, ISO\n"
                      + "week and month, <output>/entity_counts, <output>/comention_counts (with PMI,\n"
                      + "NPMI, G2, lift and surprise) and <output>/comention_evidence. Only periods\n"
                      + "whose inputs changed are recomputed (<output>/aggregate_periods). No CoreNLP:\n"
                      + "re-run it after editing conf/aliases.tsv.\n\n")
              .append(common);
      case "delete" ->
          s.append(
                  "usage: newsgraph delete [--ids IDS] [--source S] [--from DATE] [--to DATE]"
                      + " [--output DIR] [options]\n\n"
                      + "Removes the selected articles (publisher takedowns) with their annotations\n"
                      + "and mentions, recomputes the stories of the rest and the periods they were\n"
                      + "counted in. Every criterion given must hold; at least one is needed.\n\n"
                      + """
                        --ids IDS            article ids, comma-separated (newsgraph.delete.ids)
                        --source S           articles of this source (newsgraph.delete.source)
                        --from DATE          articles dated on or after DATE (newsgraph.delete.from)
                        --to DATE            articles dated on or before DATE (newsgraph.delete.to)
                      """)
              .append(common);
      case "vacuum" ->
          s.append(
                  "usage: newsgraph vacuum [--output DIR] [options]\n\n"
                      + "Deletes the data files no table version of the last\n"
                      + "newsgraph.vacuum.retentionHours hours (default 168) uses (Delta VACUUM on\n"
                      + "every table); time travel reaches back that far afterwards.\n\n")
              .append(common);
      default -> {
        s.append(
            """
            usage: newsgraph <command> [options]

            Entity co-mention and tone time series from news corpora (Spark + Stanford CoreNLP).

            commands:
              run         ingest, annotate and aggregate in one go, then print a summary
              ingest      read input files into <output>/articles (bad records to quarantine)
              annotate    CoreNLP entities and sentiment into <output>/annotations
              aggregate   entity and co-mention counts by day, week and month, with evidence
              delete      remove articles by id, source or dates with everything derived
              vacuum      delete table files older than the retention that no version uses

            'newsgraph <command> --help' lists a command's options. Settings:
            """);
        for (Setting st : SettingKeys.ALL) {
          s.append("  ").append(st.key()).append("\n      ").append(st.comment()).append('\n');
        }
      }
    }
    return s.toString();
  }
}
