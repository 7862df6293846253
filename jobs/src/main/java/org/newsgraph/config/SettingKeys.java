package org.newsgraph.config;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.newsgraph.nlp.EntityCanonicalizer;
import org.newsgraph.nlp.NlpSettings;

/**
 * Every newsgraph setting, with its default and comment, in one place. conf/newsgraph.properties
 * lists the same keys and defaults (a test keeps the two in step). Precedence, highest first:
 * command line ({@code --input}, {@code --conf newsgraph.x=y}), Spark conf ({@code
 * spark.newsgraph.x}), the settings file, the default here.
 */
public final class SettingKeys {

  public static final Setting INPUT =
      new Setting(
          "newsgraph.input",
          "sample-data",
          "Input paths, comma-separated: directories (read recursively), files or globs, on any"
              + " file system Spark reads.");
  public static final Setting OUTPUT =
      new Setting(
          "newsgraph.output", "out", "Output directory; each table is a subdirectory of it.");
  public static final Setting QUARANTINE_RECORD_MAX_CHARS =
      new Setting(
          "newsgraph.ingest.quarantineRecordMaxChars",
          "4096",
          "Raw records kept in the quarantine table are truncated to this many characters.");
  public static final Setting SENTIMENT =
      new Setting(
          "newsgraph.annotate.sentiment",
          "entity_sentences",
          "Which sentences get sentiment: entity_sentences (with an entity mention), all, off.");
  public static final Setting PARSE_MAXLEN =
      new Setting(
          "newsgraph.annotate.parseMaxLen",
          "80",
          "Sentences longer than this many tokens get no sentiment (null) instead of a parse.");
  public static final Setting PARSE_MODEL =
      new Setting(
          "newsgraph.annotate.parseModel",
          NlpSettings.DEFAULT_PARSE_MODEL,
          "Constituency parser model for sentiment; the shift-reduce parser is ~70x faster than"
              + " PCFG.");
  public static final Setting SENTIMENT_MODEL =
      new Setting(
          "newsgraph.annotate.sentimentModel",
          NlpSettings.DEFAULT_SENTIMENT_MODEL,
          "CoreNLP sentiment model.");
  public static final Setting NER_MODELS =
      new Setting(
          "newsgraph.annotate.nerModels",
          NlpSettings.DEFAULT_NER_MODELS,
          "NER CRF models, comma-separated, in order of precedence.");
  public static final Setting SENTIMENT_TRIGGER_TYPES =
      new Setting(
          "newsgraph.annotate.sentimentTriggerTypes",
          String.join(",", NlpSettings.DEFAULT_SENTIMENT_TRIGGER_TYPES),
          "Entity types that make a sentence eligible for sentiment under entity_sentences.");
  public static final Setting PARTITIONS_PER_CORE =
      new Setting(
          "newsgraph.annotate.partitionsPerCore",
          "4",
          "Annotation partitions per core; several per core keep cores busy when documents differ"
              + " in length.");
  public static final Setting TITLES =
      new Setting(
          "newsgraph.entities.titles",
          String.join(",", EntityCanonicalizer.DEFAULT_TITLES),
          "Titles stripped from the front of person names, comma-separated, case-sensitive.");
  public static final Setting NATIONALITIES =
      new Setting(
          "newsgraph.entities.nationalities",
          String.join(",", EntityCanonicalizer.DEFAULT_NATIONALITIES),
          "Words stripped together with a following title (\"Russian President\").");
  public static final Setting ENTITY_TYPES =
      new Setting(
          "newsgraph.aggregate.entityTypes",
          "PERSON,ORGANIZATION,LOCATION,MISC",
          "Entity types counted in entity_daily.");
  public static final Setting PAIR_TYPES =
      new Setting(
          "newsgraph.aggregate.pairTypes",
          "PERSON,ORGANIZATION,LOCATION",
          "Entity types paired in comention_daily.");
  public static final Setting SUMMARY_TOP_PAIRS =
      new Setting(
          "newsgraph.summary.topPairs",
          "10",
          "Number of co-mention pairs listed in the run summary.");

  public static final List<Setting> ALL =
      List.of(
          INPUT,
          OUTPUT,
          QUARANTINE_RECORD_MAX_CHARS,
          SENTIMENT,
          PARSE_MAXLEN,
          PARSE_MODEL,
          SENTIMENT_MODEL,
          NER_MODELS,
          SENTIMENT_TRIGGER_TYPES,
          PARTITIONS_PER_CORE,
          TITLES,
          NATIONALITIES,
          ENTITY_TYPES,
          PAIR_TYPES,
          SUMMARY_TOP_PAIRS);

  public static final Map<String, Setting> BY_KEY =
      ALL.stream().collect(Collectors.toUnmodifiableMap(Setting::key, Function.identity()));

  /** Prefix of newsgraph keys given as Spark conf ({@code spark.newsgraph.output}). */
  public static final String SPARK_CONF_PREFIX = "spark.";

  private SettingKeys() {}
}
