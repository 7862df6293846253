package org.newsgraph.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.newsgraph.config.SettingKeys;
import org.newsgraph.config.Settings;
import org.newsgraph.errors.GcThrash;
import org.newsgraph.errors.NewsgraphErrors;
import org.newsgraph.errors.NewsgraphException;
import org.newsgraph.errors.UncaughtErrors;
import org.newsgraph.ingest.InputFiles;
import org.newsgraph.runs.RunRecord;
import org.newsgraph.tables.DeltaSession;
import org.newsgraph.tables.OutputDirectory;
import org.newsgraph.tables.OutputLock;
import picocli.CommandLine;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import scala.Tuple2;

/**
 * The command line: {@code newsgraph run|ingest|annotate|aggregate|delete|vacuum|settings
 * [options]}. Used by bin/newsgraph (embedded Spark) and by spark-submit ({@code --class
 * org.newsgraph.cli.NewsgraphCli}).
 *
 * <p>Order of work: parse the options (picocli; a usage error exits 2 with a suggestion), resolve
 * the settings (command line, Spark conf, settings file, default), check every setting the command
 * uses, that the input paths exist and that the output is a writable directory; only then start
 * Spark (never choosing a master itself: {@code --master}, spark-submit or the {@code spark.master}
 * system property does), take the output's lock and run the command as one {@link RunRecord} (one
 * run id and run date, one row in the runs table, also when it fails). Exits 0 on success, non-zero
 * with a message on any failure.
 */
public final class NewsgraphCli {

  static final String DEFAULT_SETTINGS_FILE = "conf/newsgraph.properties";

  private static final String MASTER = "spark.master";
  private static final String KILL_ON_FATAL_ERROR = "spark.executor.killOnFatalError.depth";

  /** The prefix of Spark settings that Spark passes on to Hadoop's configuration. */
  private static final String SPARK_HADOOP_PREFIX = "spark.hadoop.";

  /**
   * A parsed command line.
   *
   * @param name the command, empty for none
   * @param help whether help or the version was asked for (printed by {@link #execute})
   * @param settings newsgraph settings given on the command line (options and --conf)
   * @param sparkConf Spark settings given with --conf
   * @param line picocli's view of the command, for help and version
   * @param command the command object, null for none
   */
  record Command(
      String name,
      boolean help,
      String master,
      String settingsFile,
      Map<String, String> settings,
      Map<String, String> sparkConf,
      CommandLine line,
      Object command) {}

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
      printHelp(command.line(), out);
      return 0;
    }
    // An out-of-memory error in a thread other than this one (Spark's context cleaner, the model
    // preload) reaches this method only as its consequence; the handler records it.
    UncaughtErrors.install();
    long uncaughtMark = UncaughtErrors.mark();
    SparkSession spark = null;
    GcThrash thrash = null;
    try {
      String settingsFile = settingsFile(command.settingsFile());
      Map<String, String> fileSettings =
          settingsFile == null ? Map.of() : Settings.readFile(Path.of(settingsFile));
      Map<String, String> sparkConf = sparkConf(command);
      Settings settings = Settings.resolve(command.settings(), sparkConf, fileSettings);
      if (command.command() instanceof SettingsCommand) {
        SettingsCommand.print(settings, settingsFile, out);
        return 0;
      }
      settings.check();
      thrash = watchForThrashing(settings, command.name(), err);
      if (command.command() instanceof ReadCommand read) {
        read.check();
        OutputDirectory.checkReadable(hadoopConf(sparkConf), settings.output());
        spark = startSpark(command);
        read.run(spark, settings, out, err);
        return 0;
      }
      StageCommand stage = (StageCommand) command.command();
      // Everything that can be checked without Spark is checked first: a bad setting, a missing
      // input or an unwritable output fails in seconds, before Spark starts or an article is read.
      RunRecord run = RunRecord.start(command.name(), settings);
      stage.check(settings, run);
      Configuration hadoopConf = hadoopConf(sparkConf);
      if (stage.readsInput()) {
        List<String> inputs = settings.getList(SettingKeys.INPUT);
        if (inputs.isEmpty()) {
          throw NewsgraphErrors.emptyInput();
        }
        InputFiles.checkExist(inputs, hadoopConf);
        InputFiles.checkApart(inputs, settings.output(), hadoopConf);
      }
      OutputDirectory.check(hadoopConf, settings.output());

      spark = startSpark(command);
      run(stage, command.name(), spark, settings, run, out);
      return 0;
    } catch (NewsgraphException e) {
      err.println("newsgraph " + command.name() + " failed: " + e.getMessage());
      return e.exitCode();
    } catch (Exception | Error e) {
      var known = NewsgraphErrors.known(e, uncaughtMark);
      if (known.isPresent()) {
        err.println("newsgraph " + command.name() + " failed: " + known.get().getMessage());
        err.println("  detail: " + e);
        return known.get().exitCode();
      }
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
      if (thrash != null) {
        thrash.close();
      }
    }
  }

  /**
   * Ends this JVM with the out-of-memory exit code when it thrashes (see {@link GcThrash}); null
   * when the setting turns the watch off.
   */
  private static GcThrash watchForThrashing(Settings settings, String name, PrintStream err) {
    int seconds = settings.getInt(SettingKeys.GC_THRASH_SECONDS);
    if (seconds == 0) {
      return null;
    }
    String setting = SettingKeys.GC_THRASH_SECONDS.key();
    // Built now: when the watch calls, the heap may have no room to format the figures.
    String prefix = "newsgraph " + name + " failed: ";
    NewsgraphException withoutFigures = NewsgraphErrors.gcThrash(null, setting);
    // Encoded ahead too: printing a string encodes it into new buffers, and a CI run once ended
    // with this exit code and no line at all (stop 51).
    byte[] withoutFiguresLine =
        (prefix + withoutFigures.getMessage() + System.lineSeparator())
            .getBytes(StandardCharsets.UTF_8);
    int exitCode = withoutFigures.exitCode();
    return GcThrash.watch(
        seconds,
        verdict -> {
          try {
            err.println(prefix + NewsgraphErrors.gcThrash(verdict, setting).getMessage());
          } catch (OutOfMemoryError e) {
            // No room to format the figures: the message built ahead says the rest.
            err.write(withoutFiguresLine, 0, withoutFiguresLine.length);
          } finally {
            err.flush();
            // A JVM in this state can neither finish the run nor stop Spark in good time: it
            // ends at once, as a killed run does, and the next run removes the lock it leaves.
            Runtime.getRuntime().halt(exitCode);
          }
        });
  }

  /** The session of a command: its master and Spark conf, with Delta Lake configured. */
  private static SparkSession startSpark(Command command) {
    SparkSession.Builder builder = SparkSession.builder().appName("newsgraph " + command.name());
    String master = command.master();
    if (master != null) {
      builder.master(master);
    } else {
      master = command.sparkConf().getOrDefault(MASTER, System.getProperty(MASTER, ""));
    }
    if (master.startsWith("local") && !command.sparkConf().containsKey(KILL_ON_FATAL_ERROR)) {
      // Spark ends a JVM whose task ran out of memory (exit code 52, no message of ours). In local
      // mode that JVM is the driver: let the task fail instead, so the run reports it (exit 5).
      builder.config(KILL_ON_FATAL_ERROR, "0");
    }
    command.sparkConf().forEach(builder::config);
    DeltaSession.configure(builder, command.sparkConf());
    return DeltaSession.tune(builder.getOrCreate());
  }

  /**
   * Runs a command on a session while holding the output's lock ({@link OutputLock}): a second run
   * on the same output fails before it reads or writes a table. The command's settings are checked
   * before the lock is taken or a table read: a bad value changes nothing and records no run.
   */
  public static void run(String name, SparkSession spark, Settings settings, PrintStream out) {
    StageCommand stage = (StageCommand) parse(new String[] {name}).command();
    RunRecord run = RunRecord.start(name, settings);
    stage.check(settings, run);
    run(stage, name, spark, settings, run, out);
  }

  private static void run(
      StageCommand stage,
      String name,
      SparkSession spark,
      Settings settings,
      RunRecord run,
      PrintStream out) {
    stage.check(spark, settings);
    try (OutputLock lock =
        OutputLock.acquire(
            spark.sparkContext().hadoopConfiguration(), settings.output(), run.runId(), name)) {
      run.record(
          spark,
          settings.output(),
          () -> {
            stage.run(spark, settings, run, out);
            return name;
          });
    }
  }

  /** Parses a command line; a usage error throws with exit code 2 and a suggestion. */
  static Command parse(String[] args) {
    CommandLine top = commandLine();
    ParseResult parsed;
    try {
      parsed = top.parseArgs(args);
    } catch (ParameterException e) {
      throw usageError(e, top);
    }
    ParseResult sub = parsed.subcommand();
    if (sub == null) {
      // No command: help (also for no arguments at all) or the version.
      return new Command("", true, null, null, Map.of(), Map.of(), top, null);
    }
    CommandLine line = sub.commandSpec().commandLine();
    Object command = sub.commandSpec().userObject();
    if (command instanceof HelpCommand) {
      // 'newsgraph help' is the general usage, 'newsgraph help ingest' that of ingest.
      String of = sub.matchedPositionalValue(0, null);
      CommandLine target = of == null ? top : top.getSubcommands().get(of);
      if (target == null) {
        throw NewsgraphErrors.usage(
            "Unknown command '" + of + "'.",
            "Use one of " + String.join(", ", top.getSubcommands().keySet()) + ".");
      }
      return new Command(of == null ? "" : of, true, null, null, Map.of(), Map.of(), target, null);
    }
    if (sub.isUsageHelpRequested() || sub.isVersionHelpRequested()) {
      return new Command(
          sub.commandSpec().name(), true, null, null, Map.of(), Map.of(), line, command);
    }
    Map<String, String> settings = new LinkedHashMap<>();
    for (OptionSpec o : sub.matchedOptions()) {
      if (SettingKeys.BY_KEY.containsKey(o.descriptionKey())) {
        settings.put(o.descriptionKey(), String.valueOf((Object) o.getValue()));
      }
    }
    CommonOptions common;
    if (command instanceof StageCommand s) {
      common = s.common;
    } else if (command instanceof SettingsCommand s) {
      common = s.common;
    } else {
      common = ((ReadCommand) command).common;
    }
    Map<String, String> sparkConf = new LinkedHashMap<>();
    for (String kv : common.conf) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw NewsgraphErrors.usage(
            "--conf needs KEY=VALUE, got '" + kv + "'.",
            "Write it as --conf newsgraph.annotate.sentiment=off or --conf spark.x=y.");
      }
      String key = kv.substring(0, eq).strip();
      String value = kv.substring(eq + 1);
      if (key.startsWith("spark.")) {
        sparkConf.put(key, value);
      } else if (SettingKeys.BY_KEY.containsKey(key)) {
        settings.put(key, value);
      } else {
        throw NewsgraphErrors.unknownSetting(key, "--conf", SettingKeys.nearest(key));
      }
    }
    return new Command(
        sub.commandSpec().name(),
        false,
        common.master,
        common.confFile,
        settings,
        sparkConf,
        line,
        command);
  }

  /** The picocli command line; the help shows each setting's default. */
  private static CommandLine commandLine() {
    CommandLine line = new CommandLine(new NewsgraphCommand());
    line.setDefaultValueProvider(NewsgraphCli::defaultValue);
    // Wide enough that setting keys in option descriptions rarely wrap.
    line.setUsageHelpWidth(120);
    return line;
  }

  /** The default of an option tied to a setting (only shown in help: see {@link #parse}). */
  private static String defaultValue(ArgSpec arg) {
    if (arg instanceof OptionSpec o && SettingKeys.BY_KEY.containsKey(o.descriptionKey())) {
      return SettingKeys.BY_KEY.get(o.descriptionKey()).defaultValue();
    }
    return null;
  }

  private static NewsgraphException usageError(ParameterException e, CommandLine top) {
    CommandLine where = e.getCommandLine();
    String name = where.getCommandName();
    boolean atTop = where == top;
    if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String arg = u.getUnmatched().get(0);
      List<String> suggestions = u.getSuggestions();
      String didYouMean =
          suggestions.isEmpty() ? "" : "Did you mean " + String.join(" or ", suggestions) + "? ";
      if (atTop) {
        return NewsgraphErrors.usage(
            "Unknown command '" + arg + "'.",
            didYouMean
                + "Use one of "
                + String.join(", ", top.getSubcommands().keySet())
                + " ('newsgraph --help').");
      }
      if (!arg.startsWith("-")) {
        return NewsgraphErrors.usage(
            "'" + name + "' takes no argument '" + arg + "'.",
            "Options come as --name VALUE or --name=VALUE; 'newsgraph "
                + name
                + " --help' lists"
                + " them.");
      }
      String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      List<String> owners = new ArrayList<>();
      top.getSubcommands()
          .forEach(
              (other, line) -> {
                if (line.getCommandSpec().findOption(option) != null) {
                  owners.add(other);
                }
              });
      if (!owners.isEmpty()) {
        return NewsgraphErrors.usage(
            "'" + name + "' does not take " + option + ".",
            option
                + " is an option of "
                + String.join(", ", owners)
                + "; 'newsgraph "
                + name
                + " --help' lists the options of "
                + name
                + ".");
      }
      return NewsgraphErrors.usage(
          "Unknown option '" + option + "' for '" + name + "'.",
          didYouMean + "'newsgraph " + name + " --help' lists its options.");
    }
    if (e instanceof CommandLine.MissingParameterException) {
      return NewsgraphErrors.usage(
          e.getMessage() + ".",
          "Write the option with its value: --name VALUE or --name=VALUE ('newsgraph "
              + name
              + " --help').");
    }
    return NewsgraphErrors.usage(
        e.getMessage() + ".",
        "'newsgraph " + (atTop ? "" : name + " ") + "--help' lists the options.");
  }

  private static void printHelp(CommandLine line, PrintStream out) {
    PrintWriter writer = new PrintWriter(out, true, StandardCharsets.UTF_8);
    ParseResult parsed = line.getParseResult();
    if (parsed != null && parsed.isVersionHelpRequested()) {
      line.printVersionHelp(writer);
    } else {
      line.usage(writer);
    }
    writer.flush();
  }

  /**
   * The settings file: the one named by --conf-file (which must exist), else
   * conf/newsgraph.properties under $NEWSGRAPH_HOME or the working directory when present; null
   * when there is none.
   */
  static String settingsFile(String explicit) {
    if (explicit != null) {
      return explicit;
    }
    String home = System.getenv("NEWSGRAPH_HOME");
    Path candidate =
        home == null ? Path.of(DEFAULT_SETTINGS_FILE) : Path.of(home, DEFAULT_SETTINGS_FILE);
    return Files.isRegularFile(candidate) ? candidate.toString() : null;
  }

  /**
   * The Spark conf the session will have, read before it starts: spark.* system properties (as
   * spark-submit passes them to the driver) overridden by --conf spark.* and --master.
   */
  private static Map<String, String> sparkConf(Command command) {
    Map<String, String> conf = new LinkedHashMap<>();
    for (Tuple2<String, String> kv : new SparkConf(true).getAll()) {
      conf.put(kv._1(), kv._2());
    }
    conf.putAll(command.sparkConf());
    if (command.master() != null) {
      conf.put("spark.master", command.master());
    }
    return conf;
  }

  /** Hadoop's configuration as Spark will build it: the defaults plus spark.hadoop.* entries. */
  private static Configuration hadoopConf(Map<String, String> sparkConf) {
    Configuration conf = new Configuration();
    new TreeSet<>(sparkConf.keySet())
        .stream()
            .filter(k -> k.startsWith(SPARK_HADOOP_PREFIX))
            .forEach(k -> conf.set(k.substring(SPARK_HADOOP_PREFIX.length()), sparkConf.get(k)));
    return conf;
  }
}
