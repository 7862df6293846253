package org.newsgraph.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.newsgraph.jobs.NewsgraphErrors;
import org.newsgraph.nlp.EntityCanonicalizer;
import org.newsgraph.nlp.NlpSettings;
import org.newsgraph.nlp.SentimentScope;

/**
 * Resolved settings of one run: every key of {@link SettingKeys} with its value and where it came
 * from. Immutable; typed getters parse and report bad values with the key's name.
 */
public final class Settings implements Serializable {

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
            throw NewsgraphErrors.unknownSetting(k, origin);
          }
          values.put(k, v.strip());
          origins.put(k, origin);
        });
  }

  /** Reads a settings file (Java properties format, UTF-8). */
  public static Map<String, String> readFile(Path path) {
    if (!Files.isRegularFile(path)) {
      throw NewsgraphErrors.settingsFileUnreadable(path.toString(), null);
    }
    try (InputStream in = Files.newInputStream(path);
        Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
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
      throw NewsgraphErrors.unknownSetting(key, "code");
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

  public int getInt(Setting s, int min) {
    String v = get(s);
    try {
      int i = Integer.parseInt(v.strip());
      if (i < min) {
        throw NewsgraphErrors.badSettingValue(s.key(), v, "an integer >= " + min, null);
      }
      return i;
    } catch (NumberFormatException e) {
      throw NewsgraphErrors.badSettingValue(s.key(), v, "an integer >= " + min, e);
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

  /** The annotation settings that travel to executors. */
  public NlpSettings nlp() {
    SentimentScope scope;
    try {
      scope = SentimentScope.parse(get(SettingKeys.SENTIMENT));
    } catch (IllegalArgumentException e) {
      throw NewsgraphErrors.badSettingValue(
          SettingKeys.SENTIMENT.key(),
          get(SettingKeys.SENTIMENT),
          "entity_sentences, all or off",
          e);
    }
    return new NlpSettings(
        scope,
        getInt(SettingKeys.PARSE_MAXLEN, 1),
        get(SettingKeys.PARSE_MODEL),
        get(SettingKeys.SENTIMENT_MODEL),
        get(SettingKeys.NER_MODELS),
        getList(SettingKeys.SENTIMENT_TRIGGER_TYPES));
  }

  public EntityCanonicalizer canonicalizer() {
    return new EntityCanonicalizer(getList(SettingKeys.TITLES), getList(SettingKeys.NATIONALITIES));
  }

  /** Every key with its value and origin, for logs and the run record. */
  public Map<String, String> describe() {
    Map<String, String> out = new TreeMap<>();
    values.forEach((k, v) -> out.put(k, v + "  (" + origins.get(k) + ")"));
    return out;
  }
}
