package org.newsgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsgraph.config.SettingKeys;
import org.newsgraph.errors.NewsgraphException;

/**
 * Tests the command line of {@link NewsgraphCli}: parsing, usage texts and usage errors, without
 * ever starting Spark (only help and failing command lines are executed).
 */
class NewsgraphCliTest {

  private static final List<String> COMMANDS =
      List.of("run", "ingest", "annotate", "aggregate", "delete", "vacuum");

  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  private int execute(String... args) {
    return NewsgraphCli.execute(args, out, err);
  }

  private String out() {
    return outBytes.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void noArgumentsPrintsTheGeneralUsage() {
    assertThat(execute()).as("exit code").isZero();
    assertThat(out())
        .as("general usage")
        .startsWith("Usage: newsgraph [-hV] [COMMAND]")
        .contains("run", "ingest", "annotate", "aggregate", "vacuum");
    assertThat(err()).as("error stream").isEmpty();
  }

  @Test
  void generalUsageListsTheCommandsAndPointsToTheSettings() {
    assertThat(execute("--help")).as("exit code").isZero();
    assertThat(out())
        .as("general usage")
        .contains("run", "ingest", "annotate", "aggregate", "delete", "vacuum", "settings")
        .contains("'newsgraph settings' lists every setting");
  }

  @Test
  void helpVariantsAllPrintTheGeneralUsage() {
    for (String help : new String[] {"--help", "-h", "help"}) {
      outBytes.reset();
      assertThat(execute(help)).as("exit code of %s", help).isZero();
      assertThat(out()).as("output of %s", help).startsWith("Usage: newsgraph [-hV] [COMMAND]");
    }
  }

  @Test
  void runHelpNamesItsOptions() {
    assertThat(execute("run", "--help")).as("exit code").isZero();
    assertThat(out())
        .as("run usage")
        .startsWith("Usage: newsgraph run")
        .contains("--input", "--output", "--master", "--conf=KEY=VALUE", "--conf-file", "--help");
    assertThat(err()).as("error stream").isEmpty();
  }

  @Test
  void ingestHelpNamesItsOptions() {
    assertThat(execute("ingest", "-h")).as("exit code").isZero();
    assertThat(out())
        .as("ingest usage")
        .startsWith("Usage: newsgraph ingest")
        .contains(
            "--input", "--output", "--master", "--conf=KEY=VALUE", "--conf-file", ".jsonl.gz");
  }

  @Test
  void annotateHelpHasNoInputOption() {
    assertThat(execute("annotate", "--help")).as("exit code").isZero();
    assertThat(out())
        .as("annotate usage")
        .startsWith("Usage: newsgraph annotate")
        .contains("--output", "--master", "--conf=KEY=VALUE", "--conf-file")
        .doesNotContain("--input");
  }

  @Test
  void aggregateHelpHasNoInputOption() {
    assertThat(execute("aggregate", "--help")).as("exit code").isZero();
    assertThat(out())
        .as("aggregate usage")
        .startsWith("Usage: newsgraph aggregate")
        .contains("--output", "--master", "--conf=KEY=VALUE", "--conf-file", "comention_evidence")
        .doesNotContain("--input");
  }

  @Test
  void helpAfterOtherOptionsStillPrintsHelp() {
    assertThat(execute("run", "--output", "/tmp/x", "--conf", "spark.x=y", "--help"))
        .as("exit code")
        .isZero();
    assertThat(out()).as("run usage").startsWith("Usage: newsgraph run");
  }

  @Test
  void unknownCommandIsAUsageError() {
    assertThat(execute("frobnicate")).as("exit code").isEqualTo(2);
    assertThat(err()).as("error message").contains("Unknown command 'frobnicate'");
    assertThat(out()).as("output stream").isEmpty();
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertThat(execute("run", "--inptu", "x")).as("exit code").isEqualTo(2);
    assertThat(err()).as("error message").contains("Unknown option '--inptu'");
  }

  @Test
  void confWithoutEqualsIsAUsageError() {
    assertThat(execute("run", "--conf", "newsgraph.output")).as("exit code").isEqualTo(2);
    assertThat(err()).as("error message").contains("--conf needs KEY=VALUE");
  }

  @Test
  void confWithEmptyKeyIsAUsageError() {
    assertThat(execute("ingest", "--conf", "=x")).as("exit code").isEqualTo(2);
    assertThat(err()).as("error message").contains("--conf needs KEY=VALUE");
  }

  @Test
  void unknownConfKeyIsAUsageError() {
    assertThat(execute("run", "--conf", "newsgraph.outptu=z")).as("exit code").isEqualTo(2);
    assertThat(err()).as("error message").contains("newsgraph.outptu");
  }

  @Test
  void inputOnAnnotateIsAUsageError() {
    assertThat(execute("annotate", "--input", "corpus")).as("exit code").isEqualTo(2);
    assertThat(err()).as("error message").contains("'annotate' does not take --input");
  }

  @Test
  void inputOnAggregateIsAUsageError() {
    assertThat(execute("aggregate", "--input", "corpus")).as("exit code").isEqualTo(2);
    assertThat(err()).as("error message").contains("'aggregate' does not take --input");
  }

  @Test
  void rebuildIsASettingOfRunAndIngestOnly() {
    assertThat(NewsgraphCli.parse(new String[] {"run", "--rebuild"}).settings())
        .as("settings of run --rebuild")
        .containsEntry(SettingKeys.REBUILD.key(), "true");
    assertThat(NewsgraphCli.parse(new String[] {"ingest"}).settings())
        .as("settings of ingest without --rebuild: adding is the default")
        .doesNotContainKey(SettingKeys.REBUILD.key());
    assertThat(execute("aggregate", "--rebuild")).as("exit code").isEqualTo(2);
    assertThat(err()).as("error message").contains("'aggregate' does not take --rebuild");
  }

  @Test
  void runDateIsAnOptionOfEveryCommand() {
    for (String command : COMMANDS) {
      assertThat(NewsgraphCli.parse(new String[] {command, "--run-date", "2018-09-12"}).settings())
          .as("settings of %s --run-date", command)
          .containsEntry(SettingKeys.RUN_DATE.key(), "2018-09-12");
    }
  }

  @Test
  void vacuumHelpNamesTheRetentionAndTakesNoInput() {
    assertThat(execute("vacuum", "--help")).as("exit code").isZero();
    assertThat(out())
        .as("vacuum usage")
        .startsWith("Usage: newsgraph vacuum")
        .contains("newsgraph.vacuum.retentionHours", "--output", "--run-date")
        .doesNotContain("--input");
    assertThat(execute("vacuum", "--input", "corpus")).as("exit code with --input").isEqualTo(2);
    assertThat(err()).as("error message").contains("'vacuum' does not take --input");
  }

  @Test
  void deleteOptionsSetTheDeleteSettingsAndBelongToDeleteOnly() {
    assertThat(
            NewsgraphCli.parse(
                    new String[] {
                      "delete",
                      "--ids",
                      "a,b",
                      "--source",
                      "S",
                      "--from",
                      "2018-09-01",
                      "--to",
                      "2018-09-30"
                    })
                .settings())
        .as("settings of delete")
        .containsEntry(SettingKeys.DELETE_IDS.key(), "a,b")
        .containsEntry(SettingKeys.DELETE_SOURCE.key(), "S")
        .containsEntry(SettingKeys.DELETE_FROM.key(), "2018-09-01")
        .containsEntry(SettingKeys.DELETE_TO.key(), "2018-09-30");
    assertThat(execute("run", "--source", "S")).as("exit code of run --source").isEqualTo(2);
    assertThat(err()).as("error message").contains("'run' does not take --source");
    assertThat(execute("delete", "--help")).as("exit code of delete --help").isZero();
    assertThat(out())
        .as("delete usage")
        .startsWith("Usage: newsgraph delete")
        .contains("--ids", "--source", "--from", "--to");
  }

  @Test
  void optionWithoutValueIsAUsageError() {
    assertThat(execute("run", "--output")).as("exit code of a trailing --output").isEqualTo(2);
    assertThat(err())
        .as("error message")
        .contains("Missing required parameter for option '--output'");
    errBytes.reset();
    assertThat(execute("run", "--input", "--output", "x"))
        .as("exit code of --input followed by an option")
        .isEqualTo(2);
    assertThat(err())
        .as("error message")
        .contains("Expected parameter for option '--input' but found '--output'");
  }

  @Test
  void parseSplitsConfIntoSparkAndNewsgraphSettings() {
    NewsgraphCli.Command c =
        NewsgraphCli.parse(
            new String[] {
              "run",
              "--conf",
              "spark.x=y",
              "--conf",
              "newsgraph.output=z",
              "--conf",
              "spark.driver.extraJavaOptions=-Da=b"
            });
    assertThat(c.name()).as("command").isEqualTo("run");
    assertThat(c.help()).as("help").isFalse();
    assertThat(c.sparkConf())
        .as("Spark conf; the value keeps its own '='")
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("spark.x", "y", "spark.driver.extraJavaOptions", "-Da=b"));
    assertThat(c.settings())
        .as("newsgraph settings")
        .containsExactlyInAnyOrderEntriesOf(Map.of("newsgraph.output", "z"));
  }

  @Test
  void parseReadsEveryOption() {
    NewsgraphCli.Command c =
        NewsgraphCli.parse(
            new String[] {
              "ingest",
              "--input",
              "a,b",
              "--output",
              "/tmp/out",
              "--master",
              "local[2]",
              "--conf-file",
              "my.properties"
            });
    assertThat(c.name()).as("command").isEqualTo("ingest");
    assertThat(c.master()).as("master").isEqualTo("local[2]");
    assertThat(c.settingsFile()).as("settings file").isEqualTo("my.properties");
    assertThat(c.settings())
        .as("settings from --input and --output")
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("newsgraph.input", "a,b", "newsgraph.output", "/tmp/out"));
    assertThat(c.sparkConf()).as("Spark conf").isEmpty();
  }

  @Test
  void parseOfNoArgumentsIsHelp() {
    NewsgraphCli.Command c = NewsgraphCli.parse(new String[0]);
    assertThat(c.help()).as("help").isTrue();
    assertThat(c.name()).as("command name").isEmpty();
  }

  @Test
  void parseOfUnknownCommandThrowsWithExitCodeTwo() {
    assertThatThrownBy(() -> NewsgraphCli.parse(new String[] {"Run"}))
        .as("command names are case-sensitive")
        .isInstanceOf(NewsgraphException.class)
        .hasMessageContaining("'Run'")
        .extracting(e -> ((NewsgraphException) e).exitCode())
        .as("exit code")
        .isEqualTo(2);
  }

  @Test
  void versionPrintsTheVersionsOfNewsgraphSparkDeltaAndCoreNlp() {
    for (String[] args : new String[][] {{"--version"}, {"-V"}, {"run", "--version"}}) {
      outBytes.reset();
      assertThat(execute(args)).as("exit code of %s", List.of(args)).isZero();
      assertThat(out())
          .as("version text of %s", List.of(args))
          .startsWith("newsgraph " + VersionInfo.newsgraphVersion())
          .contains("Spark 4.0.", "Delta Lake 4.0.", "Stanford CoreNLP 4.5.10");
    }
    assertThat(VersionInfo.newsgraphVersion())
        .as("the build filled in the project version")
        .matches("\\d+\\.\\d+\\.\\d+.*");
  }

  @Test
  void optionsTakeTheirValueAfterAnEqualsSign() {
    assertThat(
            NewsgraphCli.parse(new String[] {"run", "--output=/x", "--input=a,b", "--fail-fast"})
                .settings())
        .as("settings of --output=/x --input=a,b --fail-fast")
        .containsEntry(SettingKeys.OUTPUT.key(), "/x")
        .containsEntry(SettingKeys.INPUT.key(), "a,b")
        .containsEntry(SettingKeys.FAIL_FAST.key(), "true");
  }

  @Test
  void misspeltOptionGetsASuggestion() {
    assertThat(execute("run", "--inptu", "x")).as("exit code").isEqualTo(2);
    assertThat(err()).as("error message").contains("Did you mean --input");
  }

  @Test
  void misspeltCommandGetsASuggestion() {
    assertThat(execute("agregate")).as("exit code").isEqualTo(2);
    assertThat(err())
        .as("error message")
        .contains("Unknown command 'agregate'", "Did you mean aggregate");
  }

  @Test
  void misspeltSettingKeyGetsASuggestion() {
    assertThat(execute("run", "--conf", "newsgraph.aggregate.minSuport=3"))
        .as("exit code")
        .isEqualTo(2);
    assertThat(err())
        .as("error message")
        .contains("Did you mean 'newsgraph.aggregate.minSupport'?");
    errBytes.reset();
    assertThat(execute("run", "--conf", "newsgraph.zzz=3")).as("exit code").isEqualTo(2);
    assertThat(err()).as("no suggestion when nothing is close").doesNotContain("Did you mean");
  }

  @Test
  void helpShowsTheDefaultsOfTheSettingsOptionsSet() {
    assertThat(execute("run", "--help")).as("exit code").isZero();
    assertThat(out())
        .as("run usage")
        .contains("default: " + SettingKeys.OUTPUT.defaultValue() + ")")
        .contains("default: " + SettingKeys.INPUT.defaultValue() + ")")
        .contains("default: " + SettingKeys.FORMAT.defaultValue() + ")");
  }

  @Test
  void ingestHelpNamesEveryInputFormat() {
    assertThat(execute("ingest", "--help")).as("exit code").isZero();
    assertThat(out())
        .as("ingest usage")
        .contains(".txt.gz", ".jsonl.gz", ".csv.gz", ".parquet", "text, jsonl, csv or parquet");
  }

  @Test
  void helpCommandPrintsACommandsUsage() {
    assertThat(execute("help", "ingest")).as("exit code").isZero();
    assertThat(out()).as("help ingest").startsWith("Usage: newsgraph ingest");
  }

  @Test
  void emptyInputIsNamedAsSuch() {
    assertThat(execute("run", "--input", "")).as("exit code").isEqualTo(2);
    assertThat(err())
        .as("error message")
        .contains("No input given: newsgraph.input (--input) is empty")
        .doesNotContain("No input files found under .");
  }

  @Test
  void missingInputFailsBeforeSpark(@TempDir Path dir) {
    String missing = dir.resolve("no-such-corpus").toString();
    assertThat(execute("ingest", "--input", missing, "--output", dir.resolve("out").toString()))
        .as("exit code")
        .isEqualTo(3);
    assertThat(err()).as("error message").contains("Input path " + missing + " does not exist");
    assertThat(SparkSession.getActiveSession().isDefined()).as("Spark started").isFalse();
  }

  @Test
  void outputThatIsAFileFailsBeforeSpark(@TempDir Path dir) throws IOException {
    Path input = Files.createDirectories(dir.resolve("corpus"));
    Path file = Files.writeString(dir.resolve("out.txt"), "not a directory");
    assertThat(execute("ingest", "--input", input.toString(), "--output", file.toString()))
        .as("exit code")
        .isEqualTo(2);
    assertThat(err())
        .as("error message")
        .contains("Output " + file + " is a file")
        .doesNotContain("not found");
    assertThat(SparkSession.getActiveSession().isDefined()).as("Spark started").isFalse();
  }

  @Test
  void anOutputInsideTheInputOrTheReverseFailsBeforeSpark(@TempDir Path dir) throws IOException {
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    Files.writeString(corpus.resolve("a.txt"), "date 2018-07-16\nWarren spoke.\n");
    Path inside = corpus.resolve("out");
    assertThat(execute("run", "--input", corpus.toString(), "--output", inside.toString()))
        .as("exit code, output inside the input")
        .isEqualTo(2);
    assertThat(err())
        .as("error message")
        .contains("Output file:" + inside + " overlaps the input " + corpus)
        .contains("outside every --input path");
    assertThat(inside).as("the output was not created").doesNotExist();
    Path output = Files.createDirectories(dir.resolve("output"));
    Path stored = Files.createDirectories(output.resolve("articles"));
    errBytes.reset();
    assertThat(execute("ingest", "--input", stored.toString(), "--output", output.toString()))
        .as("exit code, input inside the output")
        .isEqualTo(2);
    assertThat(err()).as("error message").contains("overlaps the input " + stored);
    errBytes.reset();
    int globbed = execute("ingest", "--input", dir + "/*", "--output", output.toString());
    assertThat(globbed).as("exit code, a glob matching the output: %s", err()).isEqualTo(2);
    assertThat(err()).as("error message").contains("overlaps the input " + dir + "/*");
    assertThat(SparkSession.getActiveSession().isDefined()).as("Spark started").isFalse();
  }

  @Test
  void outputThatCannotBeCreatedFailsBeforeSpark(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("file"), "x");
    String output = file.resolve("out").toString();
    assertThat(execute("annotate", "--output", output)).as("exit code").isEqualTo(2);
    assertThat(err())
        .as("error message")
        .contains("Cannot write to the output directory " + output);
    assertThat(SparkSession.getActiveSession().isDefined()).as("Spark started").isFalse();
  }

  @Test
  void aBadSettingOfAnyStageFailsRunBeforeSpark(@TempDir Path dir) {
    Map<String, String> bad =
        Map.of(
            "newsgraph.ingest.shingleWords", "0",
            "newsgraph.annotate.wordsPerPartition", "0",
            "newsgraph.aggregate.minSupport", "zero",
            "newsgraph.summary.grain", "year");
    bad.forEach(
        (key, value) -> {
          errBytes.reset();
          assertThat(
                  execute(
                      "run",
                      "--input",
                      dir.toString(),
                      "--output",
                      dir.resolve("out").toString(),
                      "--conf",
                      key + "=" + value))
              .as("exit code with %s=%s", key, value)
              .isEqualTo(2);
          assertThat(err()).as("error message for %s", key).contains("'" + key + "'");
        });
    assertThat(dir.resolve("out"))
        .as("output created by a run that failed its checks")
        .doesNotExist();
    assertThat(SparkSession.getActiveSession().isDefined()).as("Spark started").isFalse();
  }

  @Test
  void settingsPrintsEveryValueWithItsOrigin(@TempDir Path dir) throws IOException {
    Path file =
        Files.writeString(dir.resolve("my.properties"), "newsgraph.aggregate.minSupport = 3\n");
    assertThat(
            execute(
                "settings",
                "--conf-file",
                file.toString(),
                "--output",
                "/data/news-out",
                "--conf",
                "spark.newsgraph.summary.topPairs=7"))
        .as("exit code")
        .isZero();
    String text = out();
    for (var s : SettingKeys.ALL) {
      assertThat(text).as("settings lists %s", s.key()).contains(s.key(), s.comment());
    }
    assertThat(text)
        .as("values and origins")
        .containsPattern("newsgraph\\.output +\\= /data/news-out +\\[command line\\]")
        .containsPattern("newsgraph\\.aggregate\\.minSupport +\\= 3 +\\[settings file\\]")
        .containsPattern("newsgraph\\.summary\\.topPairs +\\= 7 +\\[Spark conf\\]")
        .containsPattern("newsgraph\\.input +\\= sample-data +\\[default\\]")
        .contains("All settings are valid");
  }

  @Test
  void settingsReportsABadValue() {
    assertThat(execute("settings", "--conf", "newsgraph.summary.grain=year"))
        .as("exit code")
        .isEqualTo(2);
    assertThat(out()).as("the values are printed first").contains("newsgraph.summary.grain");
    assertThat(err()).as("error message").contains("'newsgraph.summary.grain'", "year");
  }

  @Test
  void queryHelpNamesItsOptionsAndTheViews() {
    assertThat(execute("query", "--help")).as("exit code").isZero();
    assertThat(out())
        .as("query usage")
        .startsWith("Usage: newsgraph query")
        .contains("SQL", "--format", "--limit", "comention_counts", "default: table");
  }

  @Test
  void queryOfAnOutputWithoutTablesFailsBeforeSpark(@TempDir Path dir) {
    String missing = dir.resolve("no-output").toString();
    assertThat(execute("query", "--output", missing, "SELECT 1")).as("exit code").isEqualTo(3);
    assertThat(err())
        .as("error message")
        .contains("Output " + missing + " holds no newsgraph tables");
    assertThat(SparkSession.getActiveSession().isDefined()).as("Spark started").isFalse();
  }

  @Test
  void queryWithABadFormatOrLimitIsAUsageError(@TempDir Path dir) {
    assertThat(execute("query", "--output", dir.toString(), "--format", "xml", "SELECT 1"))
        .as("exit code of --format xml")
        .isEqualTo(2);
    assertThat(err()).as("error message").contains("Unknown --format 'xml'");
    errBytes.reset();
    assertThat(execute("query", "--output", dir.toString(), "--limit", "0", "SELECT 1"))
        .as("exit code of --limit 0")
        .isEqualTo(2);
    assertThat(err()).as("error message").contains("--limit must be at least 1");
    errBytes.reset();
    assertThat(execute("query")).as("exit code without SQL").isEqualTo(2);
    assertThat(err()).as("error message").contains("SQL");
  }

  @Test
  void analystCommandsHaveHelp() {
    for (String command : new String[] {"pair", "entity", "report"}) {
      outBytes.reset();
      assertThat(execute(command, "--help")).as("exit code of " + command + " --help").isZero();
      assertThat(out()).as(command + " usage").startsWith("Usage: newsgraph " + command);
    }
    assertThat(out()).as("report options").contains("--pair", "--top", "--grain", "--to");
  }

  @Test
  void pairAndEntityOptionsAreCheckedBeforeSpark(@TempDir Path dir) {
    String output = dir.toString();
    assertThat(execute("pair", "--output", output, "--grain", "year", "A", "B"))
        .as("exit code of --grain year")
        .isEqualTo(2);
    assertThat(err()).as("error message").contains("Unknown --grain 'year'", "day, week or month");
    errBytes.reset();
    assertThat(execute("pair", "--output", output, "--from", "2018-13-01", "A", "B"))
        .as("exit code of a bad --from")
        .isEqualTo(2);
    assertThat(err()).as("error message").contains("--from '2018-13-01' is not a date");
    errBytes.reset();
    assertThat(
            execute(
                "entity", "--output", output, "--from", "2018-07-01", "--to", "2018-06-01", "A"))
        .as("exit code of --from after --to")
        .isEqualTo(2);
    assertThat(err()).as("error message").contains("--from 2018-07-01 is after --to 2018-06-01");
    errBytes.reset();
    assertThat(execute("pair", "--output", output, "A")).as("exit code of one name").isEqualTo(2);
    assertThat(err()).as("error message").contains("B");
    assertThat(SparkSession.getActiveSession().isDefined()).as("Spark started").isFalse();
  }

  @Test
  void reportRefusesATargetThatIsNoReport(@TempDir Path dir) throws Exception {
    Path other = Files.createDirectories(dir.resolve("other"));
    Files.writeString(other.resolve("notes.txt"), "mine");
    assertThat(execute("report", "--output", dir.toString(), "--to", other.toString()))
        .as("exit code of a directory with other files")
        .isEqualTo(2);
    assertThat(err()).as("error message").contains("holds files that are not a newsgraph report");
    errBytes.reset();
    assertThat(
            execute(
                "report",
                "--output",
                dir.toString(),
                "--to",
                other.resolve("notes.txt").toString()))
        .as("exit code of a file")
        .isEqualTo(2);
    assertThat(err()).as("error message").contains("is a file");
    assertThat(Files.readString(other.resolve("notes.txt")))
        .as("the file is left")
        .isEqualTo("mine");
    assertThat(SparkSession.getActiveSession().isDefined()).as("Spark started").isFalse();
  }
}
