package org.newsgraph.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsgraph.annotate.AnnotateConf;
import org.newsgraph.entities.NamingConf;
import org.newsgraph.errors.NewsgraphException;
import org.newsgraph.nlp.AliasTable;
import org.newsgraph.nlp.EntityCanonicalizer;
import org.newsgraph.nlp.SentimentScope;

/**
 * Tests {@link Settings}: precedence of the sources with origins, rejection of unknown keys and bad
 * values, and that conf/newsgraph.properties matches {@link SettingKeys}.
 */
class SettingsTest {

  private static final Path SETTINGS_FILE = Path.of("..", "conf", "newsgraph.properties");
  private static final String OUTPUT = "newsgraph.output";

  @Test
  void commandLineWinsOverSparkConfFileAndDefault() {
    Settings s =
        Settings.resolve(
            Map.of(OUTPUT, "from-cli"),
            Map.of("spark.newsgraph.output", "from-spark"),
            Map.of(OUTPUT, "from-file"));
    assertThat(s.output()).as("value").isEqualTo("from-cli");
    assertThat(s.origin(SettingKeys.OUTPUT)).as("origin").isEqualTo("command line");
  }

  @Test
  void sparkConfWinsOverFileAndDefault() {
    Settings s =
        Settings.resolve(
            Map.of(),
            Map.of("spark.newsgraph.output", "from-spark", "spark.master", "local[1]"),
            Map.of(OUTPUT, "from-file"));
    assertThat(s.output()).as("value").isEqualTo("from-spark");
    assertThat(s.origin(SettingKeys.OUTPUT)).as("origin").isEqualTo("Spark conf");
  }

  @Test
  void fileWinsOverDefault() {
    Settings s = Settings.resolve(Map.of(), Map.of(), Map.of(OUTPUT, " from-file "));
    assertThat(s.output()).as("value, stripped").isEqualTo("from-file");
    assertThat(s.origin(SettingKeys.OUTPUT)).as("origin").isEqualTo("settings file");
    assertThat(s.input()).as("a key the file does not set").isEqualTo("sample-data");
    assertThat(s.origin(SettingKeys.INPUT)).as("origin of that key").isEqualTo("default");
  }

  @Test
  void defaultsApplyWithoutSources() {
    Settings s = Settings.defaults();
    assertThat(s.output()).as("default output").isEqualTo("out");
    assertThat(s.origin(SettingKeys.OUTPUT)).as("origin").isEqualTo("default");
    assertThat(s.getInt(SettingKeys.PARSE_MAXLEN)).as("default parse limit").isEqualTo(80);
    assertThat(AnnotateConf.nlp(s).sentimentScope())
        .as("default sentiment scope")
        .isEqualTo(SentimentScope.ENTITY_SENTENCES);
    assertThat(s.getList(SettingKeys.PAIR_TYPES))
        .as("default pair types")
        .containsExactly("PERSON", "ORGANIZATION", "LOCATION");
  }

  @Test
  void eachKeyComesFromItsOwnHighestSource() {
    Settings s =
        Settings.resolve(
            Map.of("newsgraph.annotate.sentiment", "off"),
            Map.of("spark.newsgraph.annotate.parseMaxLen", "40"),
            Map.of("newsgraph.input", "corpus", "newsgraph.annotate.parseMaxLen", "60"));
    assertThat(AnnotateConf.nlp(s).sentimentScope())
        .as("scope from the command line")
        .isEqualTo(SentimentScope.OFF);
    assertThat(AnnotateConf.nlp(s).parseMaxLen())
        .as("parse limit from Spark conf, over the file")
        .isEqualTo(40);
    assertThat(s.input()).as("input from the file").isEqualTo("corpus");
    assertThat(s.describe())
        .as("description of three keys")
        .containsEntry("newsgraph.annotate.sentiment", "off  (command line)")
        .containsEntry("newsgraph.annotate.parseMaxLen", "40  (Spark conf)")
        .containsEntry("newsgraph.input", "corpus  (settings file)")
        .containsEntry("newsgraph.output", "out  (default)");
  }

  @Test
  void withChangesOneKeyAsFromTheCommandLine() {
    Settings s = Settings.defaults().with(OUTPUT, "/tmp/x");
    assertThat(s.output()).as("changed value").isEqualTo("/tmp/x");
    assertThat(s.origin(SettingKeys.OUTPUT)).as("origin").isEqualTo("command line");
    assertThat(Settings.defaults().output()).as("defaults unchanged").isEqualTo("out");
  }

  @Test
  void unknownKeyFromTheCommandLineIsRejected() {
    assertThatThrownBy(() -> Settings.resolve(Map.of("newsgraph.outptu", "x"), Map.of(), Map.of()))
        .as("misspelt key on the command line")
        .isInstanceOf(NewsgraphException.class)
        .hasMessageContaining("newsgraph.outptu")
        .hasMessageContaining("command line");
  }

  @Test
  void unknownKeyFromSparkConfIsRejected() {
    assertThatThrownBy(
            () -> Settings.resolve(Map.of(), Map.of("spark.newsgraph.outptu", "x"), Map.of()))
        .as("misspelt key in Spark conf")
        .isInstanceOf(NewsgraphException.class)
        .hasMessageContaining("newsgraph.outptu")
        .hasMessageContaining("Spark conf");
  }

  @Test
  void unknownKeyFromTheFileIsRejected() {
    assertThatThrownBy(() -> Settings.resolve(Map.of(), Map.of(), Map.of("newsgraph.outptu", "x")))
        .as("misspelt key in the settings file")
        .isInstanceOf(NewsgraphException.class)
        .hasMessageContaining("newsgraph.outptu")
        .hasMessageContaining("settings file");
  }

  @Test
  void unknownKeyInWithIsRejected() {
    assertThatThrownBy(() -> Settings.defaults().with("newsgraph.outptu", "x"))
        .as("misspelt key given to with()")
        .isInstanceOf(NewsgraphException.class)
        .hasMessageContaining("newsgraph.outptu");
  }

  @Test
  void badIntegerNamesTheKey() {
    Settings s =
        Settings.resolve(Map.of("newsgraph.annotate.parseMaxLen", "eighty"), Map.of(), Map.of());
    assertThatThrownBy(() -> s.getInt(SettingKeys.PARSE_MAXLEN))
        .as("a word for an integer")
        .isInstanceOf(NewsgraphException.class)
        .hasMessageContaining("newsgraph.annotate.parseMaxLen")
        .hasMessageContaining("eighty");
    assertThatThrownBy(() -> AnnotateConf.nlp(s))
        .as("building annotation settings from it")
        .isInstanceOf(NewsgraphException.class)
        .hasMessageContaining("newsgraph.annotate.parseMaxLen");
  }

  @Test
  void integerBelowMinimumNamesTheKey() {
    Settings s =
        Settings.resolve(
            Map.of("newsgraph.ingest.quarantineRecordMaxChars", "0"), Map.of(), Map.of());
    assertThatThrownBy(() -> s.getInt(SettingKeys.QUARANTINE_RECORD_MAX_CHARS))
        .as("0 where at least 1 is needed")
        .isInstanceOf(NewsgraphException.class)
        .hasMessageContaining("newsgraph.ingest.quarantineRecordMaxChars")
        .hasMessageContaining(">= 1");
  }

  @Test
  void runDateIsTheGivenDayOrTodayInTheTimeZone() {
    Instant now = Instant.parse("2018-09-12T23:30:00Z");
    assertThat(Settings.defaults().runDate(now))
        .as("run date by default: the day in UTC")
        .isEqualTo(LocalDate.parse("2018-09-12"));
    assertThat(Settings.defaults().with(SettingKeys.TIME_ZONE.key(), "Asia/Tokyo").runDate(now))
        .as("run date by default in Tokyo: already the next day")
        .isEqualTo(LocalDate.parse("2018-09-13"));
    assertThat(Settings.defaults().with(SettingKeys.RUN_DATE.key(), "2018-07-31").runDate(now))
        .as("run date given")
        .isEqualTo(LocalDate.parse("2018-07-31"));
  }

  @Test
  void badRunDateNamesTheKey() {
    Settings s = Settings.defaults().with(SettingKeys.RUN_DATE.key(), "2018-09-31");
    assertThatThrownBy(() -> s.runDate(Instant.now()))
        .as("an impossible run date")
        .isInstanceOf(NewsgraphException.class)
        .hasMessageContaining("newsgraph.runDate")
        .hasMessageContaining("2018-09-31")
        .extracting(e -> ((NewsgraphException) e).exitCode())
        .as("exit code")
        .isEqualTo(2);
  }

  @Test
  void vacuumRetentionIsAnIntegerOfHours() {
    assertThat(Settings.defaults().vacuumRetentionHours())
        .as("default retention: a week")
        .isEqualTo(168);
    Settings s = Settings.defaults().with(SettingKeys.VACUUM_RETENTION_HOURS.key(), "-1");
    assertThatThrownBy(s::vacuumRetentionHours)
        .as("a negative retention")
        .isInstanceOf(NewsgraphException.class)
        .hasMessageContaining("newsgraph.vacuum.retentionHours");
  }

  @Test
  void badSentimentScopeNamesTheKey() {
    Settings s =
        Settings.resolve(Map.of("newsgraph.annotate.sentiment", "sometimes"), Map.of(), Map.of());
    assertThatThrownBy(() -> AnnotateConf.nlp(s))
        .as("unknown sentiment scope")
        .isInstanceOf(NewsgraphException.class)
        .hasMessageContaining("newsgraph.annotate.sentiment")
        .hasMessageContaining("sometimes");
  }

  @Test
  void listsAreTrimmedAndEmptyEntriesDropped() {
    Settings s =
        Settings.resolve(
            Map.of("newsgraph.aggregate.pairTypes", " PERSON , ,LOCATION,"), Map.of(), Map.of());
    assertThat(s.getList(SettingKeys.PAIR_TYPES))
        .as("pair types")
        .containsExactly("PERSON", "LOCATION");
  }

  @Test
  void titlesSettingReachesTheCanonicalizer() {
    Settings s = Settings.resolve(Map.of("newsgraph.entities.titles", "Chief"), Map.of(), Map.of());
    EntityCanonicalizer c = NamingConf.canonicalizer(s);
    assertThat(c.normalize("Chief Joseph", "PERSON")).as("custom title").isEqualTo("Joseph");
    assertThat(c.normalize("President Putin", "PERSON"))
        .as("default title no longer stripped")
        .isEqualTo("President Putin");
  }

  @Test
  void readFileReadsUtf8Properties(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("s.properties");
    Files.writeString(file, "# comment\nnewsgraph.output = /data/Zürich\n", StandardCharsets.UTF_8);
    assertThat(Settings.readFile(file))
        .as("entries of a one-key file")
        .containsExactlyEntriesOf(Map.of(OUTPUT, "/data/Zürich"));
  }

  @Test
  void filesWrittenWithAByteOrderMarkKeepTheirFirstLine(@TempDir Path dir) throws IOException {
    Path settings = dir.resolve("s.properties");
    Files.writeString(settings, "\uFEFFnewsgraph.output = /data/out\n", StandardCharsets.UTF_8);
    assertThat(Settings.readFile(settings))
        .as("the first key of a settings file with a byte order mark")
        .containsExactlyEntriesOf(Map.of(OUTPUT, "/data/out"));
    Path aliases = dir.resolve("aliases.tsv");
    Files.writeString(
        aliases,
        "\uFEFFPOTUS\tDonald Trump\tPERSON\nKim Jong Eun\tKim Jong Un\tPERSON\n",
        StandardCharsets.UTF_8);
    AliasTable table =
        NamingConf.aliases(
            Settings.resolve(
                Map.of("newsgraph.entities.aliasFile", aliases.toString()), Map.of(), Map.of()));
    assertThat(table.lookup("POTUS", "PERSON"))
        .as("the first alias of a file with a byte order mark")
        .isEqualTo(new AliasTable.Target("Donald Trump", "PERSON"));
    assertThat(table.size()).as("both aliases").isEqualTo(2);
  }

  @Test
  void missingFileIsRejected(@TempDir Path dir) {
    Path missing = dir.resolve("absent.properties");
    assertThatThrownBy(() -> Settings.readFile(missing))
        .as("a settings file that does not exist")
        .isInstanceOf(NewsgraphException.class)
        .hasMessageContaining("absent.properties");
  }

  @Test
  void shippedSettingsFileListsEveryKeyWithItsDefault() {
    Map<String, String> file = Settings.readFile(SETTINGS_FILE);
    Map<String, String> defaults = new LinkedHashMap<>();
    for (Setting s : SettingKeys.ALL) {
      defaults.put(s.key(), s.defaultValue());
    }
    assertThat(file)
        .as("keys and values of conf/newsgraph.properties")
        .containsExactlyInAnyOrderEntriesOf(defaults);
  }

  @Test
  void shippedSettingsFileCommentsEveryKey() throws IOException {
    List<String> lines = Files.readAllLines(SETTINGS_FILE, StandardCharsets.UTF_8);
    int keyLines = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("newsgraph.")) {
        keyLines++;
        String key = line.substring(0, line.indexOf('=')).strip();
        assertThat(SettingKeys.BY_KEY).as("known keys").containsKey(key);
        assertThat(i).as("line number of %s", key).isPositive();
        assertThat(lines.get(i - 1))
            .as("line before %s", key)
            .isEqualTo("# " + SettingKeys.BY_KEY.get(key).comment());
      }
    }
    assertThat(keyLines).as("key lines in the file").isEqualTo(SettingKeys.ALL.size());
  }

  @Test
  void checkRejectsABadValueOfEveryKindNamingTheKeyAndWhatIsExpected() {
    Map<Setting, String> bad = new LinkedHashMap<>();
    bad.put(SettingKeys.SHINGLE_WORDS, "0");
    bad.put(SettingKeys.MIN_SUPPORT, "three");
    bad.put(SettingKeys.CORPUS_MIN_SHARE, "0.2");
    bad.put(SettingKeys.NEAR_DUPLICATE_JACCARD, "high");
    bad.put(SettingKeys.REBUILD, "yes");
    bad.put(SettingKeys.FORMAT, "xml");
    bad.put(SettingKeys.SUMMARY_GRAIN, "year");
    bad.put(SettingKeys.MIN_DATE, "");
    bad.put(SettingKeys.DELETE_FROM, "2018-13-01");
    bad.put(SettingKeys.TIME_ZONE, "Mars/Olympus");
    bad.put(SettingKeys.DATELINE_PATTERN, "WASHINGTON (");
    bad.forEach(
        (setting, value) ->
            assertThatThrownBy(
                    () ->
                        Settings.resolve(Map.of(setting.key(), value), Map.of(), Map.of()).check())
                .as("check of %s = '%s'", setting.key(), value)
                .isInstanceOf(NewsgraphException.class)
                .hasMessageContaining("Setting '" + setting.key() + "' has an invalid value")
                .hasMessageContaining("expected " + setting.kind().expected())
                .extracting(e -> ((NewsgraphException) e).exitCode())
                .as("exit code")
                .isEqualTo(2));
  }

  @Test
  void checkAcceptsTheDefaultsAndGoodValues() {
    assertThatCode(() -> Settings.defaults().check()).as("defaults").doesNotThrowAnyException();
    Map<String, String> good =
        Map.of(
            SettingKeys.FORMAT.key(), "CSV",
            SettingKeys.SUMMARY_GRAIN.key(), "week",
            SettingKeys.DELETE_FROM.key(), "2018-09-01",
            SettingKeys.RUN_DATE.key(), "",
            SettingKeys.CORPUS_MIN_SHARE.key(), "1");
    Settings s = Settings.resolve(good, Map.of(), Map.of());
    assertThatCode(s::check).as("good values").doesNotThrowAnyException();
    assertThat(s.getChoice(SettingKeys.FORMAT)).as("choices are case-insensitive").isEqualTo("csv");
    assertThat(s.getOptionalDate(SettingKeys.DELETE_TO)).as("an empty optional day").isNull();
  }

  @Test
  void everyKeyHasAKindThatAcceptsItsDefault() {
    for (Setting s : SettingKeys.ALL) {
      assertThat(s.kind().accepts(s.defaultValue().strip()))
          .as("default '%s' of %s is %s", s.defaultValue(), s.key(), s.kind().expected())
          .isTrue();
    }
    assertThatThrownBy(
            () -> new Setting("newsgraph.x", "many", new SettingKind.Whole(1), "a bad default"))
        .as("a default the kind rejects")
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTypedGetterOfTheWrongKindIsAProgrammingError() {
    assertThatThrownBy(() -> Settings.defaults().getInt(SettingKeys.OUTPUT))
        .as("getInt of a text setting")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("newsgraph.output");
  }

  @Test
  void nearestKeySuggestsCloseSpellingsOnly() {
    assertThat(SettingKeys.nearest("newsgraph.aggregate.minSuport"))
        .as("one letter missing")
        .isEqualTo("newsgraph.aggregate.minSupport");
    assertThat(SettingKeys.nearest("newsgraph.ingest.TIMEZONE"))
        .as("case differs")
        .isEqualTo("newsgraph.ingest.timeZone");
    assertThat(SettingKeys.nearest("newsgraph.zzz")).as("nothing close").isNull();
  }
}
