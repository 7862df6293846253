package org.newsgraph.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsgraph.config.Settings;
import org.newsgraph.errors.NewsgraphException;

/** Tests {@link IngestConf}: the ingest settings reach the rules, and bad values name their key. */
class IngestConfTest {

  @Test
  void aSourceSpecWithAnUnknownPlaceholderIsASettingsErrorNamingTheKey() {
    Settings s =
        Settings.resolve(Map.of("newsgraph.ingest.textSource", "{file}"), Map.of(), Map.of());
    assertThatThrownBy(() -> IngestConf.rules(s, LocalDate.of(2018, 7, 16)))
        .as("a placeholder other than {dir} or {dir:N}")
        .isInstanceOf(NewsgraphException.class)
        .hasMessageContaining("Setting 'newsgraph.ingest.textSource' has an invalid value '{file}'")
        .hasMessageContaining("{dir:N}")
        .hasMessageContaining("fix:");
    assertThat(
            IngestConf.rules(
                    Settings.resolve(
                        Map.of("newsgraph.ingest.textSource", "{dir:2}"), Map.of(), Map.of()),
                    LocalDate.of(2018, 7, 16))
                .textSource())
        .isEqualTo("{dir:2}");
  }

  @Test
  void aBoilerplateFileThatStartsWithAByteOrderMarkKeepsItsFirstPattern(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("boilerplate.txt");
    Files.writeString(
        file, "\uFEFFRead more at .*\n# comment\nShare this\n", StandardCharsets.UTF_8);
    Settings s =
        Settings.resolve(
            Map.of("newsgraph.ingest.boilerplateFile", file.toString()), Map.of(), Map.of());
    String text = "Warren spoke.\nRead more at example.com\nShare this\nHarris answered.";
    assertThat(IngestConf.rules(s, LocalDate.of(2018, 7, 16)).text().normalize(text).text())
        .as("both patterns of a file written with a byte order mark remove their lines")
        .doesNotContain("Read more")
        .doesNotContain("Share this")
        .contains("Warren spoke.")
        .contains("Harris answered.");
  }

  @Test
  void invalidDatelinePatternIsASettingsErrorNamingTheKey() {
    Settings s =
        Settings.resolve(
            Map.of("newsgraph.ingest.datelinePattern", "WASHINGTON ("), Map.of(), Map.of());
    assertThatThrownBy(() -> IngestConf.rules(s, LocalDate.of(2018, 7, 16)))
        .as("an unclosed group in the dateline pattern")
        .isInstanceOf(NewsgraphException.class)
        .hasMessageContaining("Setting 'newsgraph.ingest.datelinePattern' has an invalid value")
        .hasMessageContaining("WASHINGTON (")
        .hasMessageContaining("a Java regular expression")
        .hasMessageContaining("Unclosed group")
        .hasMessageContaining("fix:");
  }

  @Test
  void ingestTextSettingsReachTheRules() {
    LocalDate day = LocalDate.of(2018, 7, 16);
    String text = "WASHINGTON (Reuters) - Warren and Harris met. HarrisWarren.";
    IngestRules defaults = IngestConf.rules(Settings.defaults(), day);
    assertThat(defaults.datelines().find(text))
        .as("default dateline pattern")
        .isEqualTo("WASHINGTON (Reuters) -");
    assertThat(defaults.text().normalize(text).repairs()).as("repair on by default").isEqualTo(1);
    IngestRules off =
        IngestConf.rules(
            Settings.resolve(
                Map.of(
                    "newsgraph.ingest.datelinePattern", "",
                    "newsgraph.ingest.repairGluedWords", "false"),
                Map.of(),
                Map.of()),
            day);
    assertThat(off.datelines().find(text)).as("empty pattern: detection off").isNull();
    assertThat(off.text().normalize(text).text()).as("repair off").isEqualTo(text);
    Settings notBoolean =
        Settings.resolve(Map.of("newsgraph.ingest.repairGluedWords", "yes"), Map.of(), Map.of());
    assertThatThrownBy(() -> IngestConf.rules(notBoolean, day))
        .as("repairGluedWords must be true or false")
        .isInstanceOf(NewsgraphException.class)
        .hasMessageContaining("newsgraph.ingest.repairGluedWords");
  }
}
