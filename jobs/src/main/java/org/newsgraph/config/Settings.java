package org.newsgraph.config;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.newsgraph.errors.NewsgraphErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolved settings of one run: every key of {@link SettingKeys} with its value and where it came
 * from. Immutable; typed getters parse and report bad values with the key's name.
 */
public final class Settings implements Serializable {

  private static final Logger LOG = LoggerFactory.getLogger(Settings.class);

  private final Map<String, String> values;
  private final Map<String, String> origins;

  private Settings(Map<String, String> values, Map<String, String> origins) {
    this.values = Map.copyOf(values);
    this.origins = Map.copyOf(origins);
  }

  /** All defaults. */
  public static Settings defaults() {
    return resolve(Map.of(), Map.of(), Map.of());
  }

  /**
   * Resolves settings from the sources in precedence order.
   *
   * @param commandLine keys given on the command line (highest precedence)
   * @param sparkConf all Spark conf entries; {@code spark.newsgraph.*} keys are used
   * @param file entries of the settings file
   */
  public static Settings resolve(
      Map<String, String> commandLine, Map<String, String> sparkConf, Map<String, String> file) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> origins = new LinkedHashMap<>();
    for (Setting s : SettingKeys.ALL) {
      values.put(s.key(), s.defaultValue());
      origins.put(s.key(), "default");
    }
    apply(values, origins, file, "settings file");
    Map<String, String> fromSpark = new LinkedHashMap<>();
    sparkConf.forEach(
        (k, v) -> {
          if (k.startsWith(SettingKeys.SPARK_CONF_PREFIX + "newsgraph.")) {
            fromSpark.put(k.substring(SettingKeys.SPARK_CONF_PREFIX.length()), v);
          }
        });
    apply(values, origins, fromSpark, "Spark conf");
    apply(values, origins, commandLine, "command line");
    return new Settings(values, origins);
  }

  private static void apply(
      Map<String, String> values,
      Map<String, String> origins,
      Map<String, String> source,
      String origin) {
    source.forEach(
        (k, v) -> {
          if (!SettingKeys.BY_KEY.containsKey(k)) {
            throw NewsgraphErrors.unknownSetting(k, origin, SettingKeys.nearest(k));
          }
          values.put(k, v.strip());
          origins.put(k, origin);
        });
  }

  /** Reads a settings file (Java properties format, UTF-8, a byte order mark allowed). */
  public static Map<String, String> readFile(Path path) {
    if (!Files.isRegularFile(path)) {
      throw NewsgraphErrors.settingsFileUnreadable(path.toString(), null);
    }
    try (Reader reader = new StringReader(TextFiles.read(path))) {
      Properties p = new Properties();
      p.load(reader);
      Map<String, String> map = new TreeMap<>();
      p.stringPropertyNames().forEach(k -> map.put(k, p.getProperty(k)));
      return map;
    } catch (IOException e) {
      throw NewsgraphErrors.settingsFileUnreadable(path.toString(), e);
    }
  }

  /** A copy with one key changed (as from the command line). */
  public Settings with(String key, String value) {
    if (!SettingKeys.BY_KEY.containsKey(key)) {
      throw NewsgraphErrors.unknownSetting(key, "code", SettingKeys.nearest(key));
    }
    Map<String, String> v = new LinkedHashMap<>(values);
    Map<String, String> o = new LinkedHashMap<>(origins);
    v.put(key, value);
    o.put(key, "command line");
    return new Settings(v, o);
  }

  public String get(Setting s) {
    return values.get(s.key());
  }

  public String origin(Setting s) {
    return origins.get(s.key());
  }

  /**
   * Checks every value against its setting's kind (type and bounds): the first bad one throws (exit
   * code 2), naming the key, the value and what is expected. Run right after the settings are
   * resolved, before any work, so a bad value of any stage fails at once.
   */
  public Settings check() {
    for (Setting s : SettingKeys.ALL) {
      checked(s);
    }
    return this;
  }

  /** The stripped value, checked against the setting's kind. */
  private String checked(Setting s) {
    String v = get(s).strip();
    if (!s.kind().accepts(v)) {
      throw NewsgraphErrors.badSettingValue(s.key(), get(s), s.kind().expected(), null);
    }
    return v;
  }

  public int getInt(Setting s) {
    requireKind(s, SettingKind.Whole.class);
    return Integer.parseInt(checked(s));
  }

  public double getDouble(Setting s) {
    requireKind(s, SettingKind.Decimal.class);
    return Double.parseDouble(checked(s));
  }

  public boolean getBoolean(Setting s) {
    requireKind(s, SettingKind.Flag.class);
    return Boolean.parseBoolean(checked(s));
  }

  /** A choice setting's value, lower case. */
  public String getChoice(Setting s) {
    requireKind(s, SettingKind.Choice.class);
    return checked(s).toLowerCase(Locale.ROOT);
  }

  private static void requireKind(Setting s, Class<? extends SettingKind> kind) {
    if (!kind.isInstance(s.kind())) {
      throw new IllegalArgumentException(
          s.key()
              + " is a "
              + s.kind().getClass().getSimpleName()
              + " setting, not a "
              + kind.getSimpleName());
    }
  }

  /** A comma-separated list, entries trimmed, empty entries dropped. */
  public List<String> getList(Setting s) {
    return Arrays.stream(get(s).split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
  }

  public String input() {
    return get(SettingKeys.INPUT);
  }

  public String output() {
    return get(SettingKeys.OUTPUT);
  }

  /** The time zone of dates ({@code newsgraph.ingest.timeZone}). */
  public ZoneId zone() {
    return ZoneId.of(checked(SettingKeys.TIME_ZONE));
  }

  /**
   * The day of the run ({@code newsgraph.runDate}, {@code --run-date}): the given date, or, when
   * empty, the day of {@code now} in {@link #zone()}.
   */
  public LocalDate runDate(java.time.Instant now) {
    return getDate(SettingKeys.RUN_DATE, LocalDate.ofInstant(now, zone()));
  }

  /** Hours of history vacuum keeps ({@code newsgraph.vacuum.retentionHours}). */
  public int vacuumRetentionHours() {
    return getInt(SettingKeys.VACUUM_RETENTION_HOURS);
  }

  /** A day setting that may be empty; null when it is. */
  public LocalDate getOptionalDate(Setting s) {
    return getDate(s, null);
  }

  /** A day setting; {@code ifEmpty} when it is empty (an optional day setting). */
  public LocalDate getDate(Setting s, LocalDate ifEmpty) {
    requireKind(s, SettingKind.Day.class);
    String v = checked(s);
    return v.isEmpty() ? ifEmpty : LocalDate.parse(v);
  }

  /** Every key with its value and origin, for logs and the run record. */
  public Map<String, String> describe() {
    Map<String, String> out = new TreeMap<>();
    values.forEach((k, v) -> out.put(k, v + "  (" + origins.get(k) + ")"));
    return out;
  }
}
