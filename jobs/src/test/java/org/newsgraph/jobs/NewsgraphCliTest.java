package org.newsgraph.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsgraph.config.SettingKeys;

/**
 * Tests the command line of {@link NewsgraphCli}: parsing, usage texts and usage errors, without
 * ever starting Spark (only help and failing command lines are executed).
 */
class NewsgraphCliTest {

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
        .startsWith("usage: newsgraph <command> [options]")
        .contains("run", "ingest", "annotate", "aggregate", "vacuum");
    assertThat(err()).as("error stream").isEmpty();
  }

  @Test
  void generalUsageListsEverySetting() {
    assertThat(execute("--help")).as("exit code").isZero();
    for (var s : SettingKeys.ALL) {
      assertThat(out()).as("usage mentions %s", s.key()).contains(s.key());
    }
  }

  @Test
  void helpVariantsAllPrintTheGeneralUsage() {
    for (String help : new String[] {"--help", "-h", "help"}) {
      outBytes.reset();
      assertThat(execute(help)).as("exit code of %s", help).isZero();
      assertThat(out()).as("output of %s", help).startsWith("usage: newsgraph <command> [options]");
    }
  }

  @Test
  void runHelpNamesItsOptions() {
    assertThat(execute("run", "--help")).as("exit code").isZero();
    assertThat(out())
        .as("run usage")
        .startsWith("usage: newsgraph run")
        .contains("--input", "--output", "--master", "--conf ", "--conf-file", "--help");
    assertThat(err()).as("error stream").isEmpty();
  }

  @Test
  void ingestHelpNamesItsOptions() {
    assertThat(execute("ingest", "-h")).as("exit code").isZero();
    assertThat(out())
        .as("ingest usage")
        .startsWith("usage: newsgraph ingest")
        .contains("--input", "--output", "--master", "--conf ", "--conf-file", ".jsonl.gz");
  }

  @Test
  void annotateHelpHasNoInputOption() {
    assertThat(execute("annotate", "--help")).as("exit code").isZero();
    assertThat(out())
        .as("annotate usage")
        .startsWith("usage: newsgraph annotate")
        .contains("--output", "--master", "--conf ", "--conf-file")
        .doesNotContain("--input");
  }

  @Test
  void aggregateHelpHasNoInputOption() {
    assertThat(execute("aggregate", "--help")).as("exit code").isZero();
    assertThat(out())
        .as("aggregate usage")
        .startsWith("usage: newsgraph aggregate")
        .contains("--output", "--master", "--conf ", "--conf-file", "comention_evidence")
        .doesNotContain("--input");
  }

  @Test
  void helpAfterOtherOptionsStillPrintsHelp() {
    assertThat(execute("run", "--output", "/tmp/x", "--conf", "spark.x=y", "--help"))
        .as("exit code")
        .isZero();
    assertThat(out()).as("run usage").startsWith("usage: newsgraph run");
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
    for (String command : NewsgraphCli.COMMANDS) {
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
        .startsWith("usage: newsgraph vacuum")
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
        .startsWith("usage: newsgraph delete")
        .contains("--ids", "--source", "--from", "--to");
  }

  @Test
  void optionWithoutValueIsAUsageError() {
    assertThat(execute("run", "--output")).as("exit code of a trailing --output").isEqualTo(2);
    assertThat(err()).as("error message").contains("Option --output needs a value");
    errBytes.reset();
    assertThat(execute("run", "--input", "--output", "x"))
        .as("exit code of --input followed by an option")
        .isEqualTo(2);
    assertThat(err()).as("error message").contains("Option --input needs a value");
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
}
