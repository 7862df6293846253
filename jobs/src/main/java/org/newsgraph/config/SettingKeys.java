package org.newsgraph.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.newsgraph.nlp.EditDistance;
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
          new SettingKind.ListOf(),
          "Input paths, comma-separated: directories (read recursively), files or globs, on any"
              + " file system Spark reads.");
  public static final Setting OUTPUT =
      new Setting(
          "newsgraph.output",
          "out",
          new SettingKind.Text(),
          "Output directory; each table is a subdirectory of it.");
  public static final Setting RUN_DATE =
      new Setting(
          "newsgraph.runDate",
          "",
          new SettingKind.Day(true),
          "Day of the run (YYYY-MM-DD, the night a scheduler runs for), recorded with the run id on"
              + " the rows it writes and in runs; empty means today in newsgraph.ingest.timeZone.");
  public static final Setting GC_THRASH_SECONDS =
      new Setting(
          "newsgraph.gcThrashSeconds",
          "15",
          new SettingKind.Whole(0),
          "A command whose JVM spends 90% of this many seconds collecting garbage, the old"
              + " generation of its heap still 95% full after collecting, stops as out of memory"
              + " (exit code 5); 0 waits for the JVM's own OutOfMemoryError.");
  public static final Setting VACUUM_RETENTION_HOURS =
      new Setting(
          "newsgraph.vacuum.retentionHours",
          "168",
          new SettingKind.Whole(0),
          "vacuum deletes the files no table version of the last this many hours uses; time travel"
              + " reaches back this far (Delta refuses less than 168 unless its check is off).");
  public static final Setting DELETE_IDS =
      new Setting(
          "newsgraph.delete.ids",
          "",
          new SettingKind.ListOf(),
          "delete: article ids (comma-separated) whose articles are removed with everything derived"
              + " from them; empty for any id.");
  public static final Setting DELETE_SOURCE =
      new Setting(
          "newsgraph.delete.source",
          "",
          new SettingKind.Text(),
          "delete: the source (outlet) whose articles are removed; empty for any source.");
  public static final Setting DELETE_FROM =
      new Setting(
          "newsgraph.delete.from",
          "",
          new SettingKind.Day(true),
          "delete: the first day (YYYY-MM-DD) of the articles removed; empty for no lower bound.");
  public static final Setting DELETE_TO =
      new Setting(
          "newsgraph.delete.to",
          "",
          new SettingKind.Day(true),
          "delete: the last day (YYYY-MM-DD) of the articles removed; empty for no upper bound.");
  public static final Setting QUARANTINE_RECORD_MAX_CHARS =
      new Setting(
          "newsgraph.ingest.quarantineRecordMaxChars",
          "4096",
          new SettingKind.Whole(1),
          "Raw records kept in the quarantine table are truncated to this many characters.");
  public static final Setting FORMAT =
      new Setting(
          "newsgraph.ingest.format",
          "auto",
          new SettingKind.Choice(List.of("auto", "text", "jsonl", "csv", "parquet")),
          "Input format: auto (by extension: .txt[.gz], .jsonl[.gz], .csv[.gz], .parquet), text,"
              + " jsonl, csv or parquet for every file.");
  public static final Setting FIELD_ID =
      new Setting(
          "newsgraph.ingest.field.id",
          "id",
          new SettingKind.ListOf(),
          "Fields holding the input's article id in JSON/CSV/Parquet records (alternatives,"
              + " comma-separated; dots for nested fields).");
  public static final Setting FIELD_PUBLISHED =
      new Setting(
          "newsgraph.ingest.field.published",
          "published,date,published_at,publishedAt,pubDate",
          new SettingKind.ListOf(),
          "Fields holding the publication date or time (the first present one is used).");
  public static final Setting FIELD_SOURCE =
      new Setting(
          "newsgraph.ingest.field.source",
          "source,outlet,publisher",
          new SettingKind.ListOf(),
          "Fields holding the outlet.");
  public static final Setting FIELD_TITLE =
      new Setting(
          "newsgraph.ingest.field.title",
          "title,headline",
          new SettingKind.ListOf(),
          "Fields holding the headline.");
  public static final Setting FIELD_TEXT =
      new Setting(
          "newsgraph.ingest.field.text",
          "text,body,content",
          new SettingKind.ListOf(),
          "Fields holding the article text.");
  public static final Setting FIELD_URL =
      new Setting(
          "newsgraph.ingest.field.url",
          "url,link",
          new SettingKind.ListOf(),
          "Fields holding the article URL.");
  public static final Setting CSV_DELIMITER =
      new Setting(
          "newsgraph.ingest.csv.delimiter",
          ",",
          new SettingKind.Text(),
          "Field delimiter of CSV files.");
  public static final Setting TIME_ZONE =
      new Setting(
          "newsgraph.ingest.timeZone",
          "UTC",
          new SettingKind.Zone(),
          "Time zone of the date column, and of input date-times that carry no zone.");
  public static final Setting MIN_DATE =
      new Setting(
          "newsgraph.ingest.minDate",
          "1900-01-01",
          new SettingKind.Day(false),
          "Earliest plausible publication day; earlier dates are quarantined (date_out_of_range).");
  public static final Setting MAX_DATE =
      new Setting(
          "newsgraph.ingest.maxDate",
          "",
          new SettingKind.Day(true),
          "Latest plausible publication day; empty means two days after the day of the run.");
  public static final Setting MAX_CHARS =
      new Setting(
          "newsgraph.ingest.maxChars",
          "100000",
          new SettingKind.Whole(1),
          "Longer article texts are truncated to this many characters and flagged truncated.");
  public static final Setting MAX_FILE_BYTES =
      new Setting(
          "newsgraph.ingest.maxFileBytes",
          "268435456",
          new SettingKind.Whole(1),
          "A dated-text or CSV file larger than this many bytes, once decompressed, is quarantined"
              + " as too_large (these files are read whole).");
  public static final Setting MAX_RECORD_BYTES =
      new Setting(
          "newsgraph.ingest.maxRecordBytes",
          "16777216",
          new SettingKind.Whole(1),
          "A JSON Lines line longer than this many bytes is quarantined as too_large, unread.");
  public static final Setting BOILERPLATE_FILE =
      new Setting(
          "newsgraph.ingest.boilerplateFile",
          "",
          new SettingKind.Text(),
          "File of regular expressions, one per line, for whole lines to remove from texts;"
              + " empty uses the built-in list (README, Input).");
  public static final Setting REPAIR_GLUED_WORDS =
      new Setting(
          "newsgraph.ingest.repairGluedWords",
          "true",
          new SettingKind.Flag(),
          "true: split words a scraped page ran together (UnTrump -> Un Trump) when the article uses"
              + " both parts alone; the count is the articles column repairs.");
  public static final Setting DATELINE_PATTERN =
      new Setting(
          "newsgraph.ingest.datelinePattern",
          DefaultDatelinePattern.VALUE,
          new SettingKind.Regex(),
          "Java regular expression for the wire dateline at the start of a text (stored as the"
              + " articles column dateline); empty turns detection off.");
  public static final Setting ID_NAMESPACE =
      new Setting(
          "newsgraph.ingest.idNamespace",
          "{dir}",
          new SettingKind.Text(),
          "Prefix of input ids in article_id: {dir} for the input file's directory name, {dir:N}"
              + " for the N-th directory above the file, empty for none, or a fixed name.");
  public static final Setting TEXT_SOURCE =
      new Setting(
          "newsgraph.ingest.textSource",
          "{dir}",
          new SettingKind.Text(),
          "Source of dated-text files: {dir} for the file's directory name, {dir:N} for the N-th"
              + " directory above the file, empty for none, or a fixed name.");
  public static final Setting LANGUAGES =
      new Setting(
          "newsgraph.ingest.languages",
          "en",
          new SettingKind.ListOf(),
          "ISO 639-1 codes of the languages the pipeline accepts; clearly other articles are"
              + " quarantined (language:<code>); empty turns language detection off.");
  public static final Setting LANGUAGE_MIN_LETTERS =
      new Setting(
          "newsgraph.ingest.language.minLetters",
          "200",
          new SettingKind.Whole(0),
          "Texts with fewer letters than this in their first 1,000 characters are never called"
              + " foreign.");
  public static final Setting LANGUAGE_MAX_ACCEPTED_CONFIDENCE =
      new Setting(
          "newsgraph.ingest.language.maxAcceptedConfidence",
          "0.9",
          new SettingKind.Decimal(0, 1),
          "A text is foreign only if every accepted language scores below this, relative to the"
              + " most likely language (1.0).");
  public static final Setting NEAR_DUPLICATE_JACCARD =
      new Setting(
          "newsgraph.ingest.nearDuplicateJaccard",
          "0.8",
          new SettingKind.Decimal(0.01, 1),
          "Articles whose word-shingle Jaccard similarity reaches this belong to one story.");
  public static final Setting SHINGLE_WORDS =
      new Setting(
          "newsgraph.ingest.shingleWords",
          "5",
          new SettingKind.Whole(1),
          "Words per shingle for near-duplicate detection.");
  public static final Setting FAIL_FAST =
      new Setting(
          "newsgraph.ingest.failFast",
          "false",
          new SettingKind.Flag(),
          "true: stop at the first bad record (exit code 3) instead of quarantining it.");
  public static final Setting REBUILD =
      new Setting(
          "newsgraph.ingest.rebuild",
          "false",
          new SettingKind.Flag(),
          "true: the input replaces the articles of the output instead of adding to them"
              + " (every derived table follows; run logs and quarantine keep their history).");
  public static final Setting SENTIMENT =
      new Setting(
          "newsgraph.annotate.sentiment",
          "entity_sentences",
          new SettingKind.Choice(List.of("entity_sentences", "all", "off")),
          "Which sentences get sentiment: entity_sentences (with an entity mention), all, off.");
  public static final Setting PARSE_MAXLEN =
      new Setting(
          "newsgraph.annotate.parseMaxLen",
          "80",
          new SettingKind.Whole(1),
          "Sentences longer than this many tokens get no sentiment (null) instead of a parse.");
  public static final Setting PARSE_MODEL =
      new Setting(
          "newsgraph.annotate.parseModel",
          NlpSettings.DEFAULT_PARSE_MODEL,
          new SettingKind.Text(),
          "Constituency parser model for sentiment; the shift-reduce parser is ~70x faster than"
              + " PCFG.");
  public static final Setting SENTIMENT_MODEL =
      new Setting(
          "newsgraph.annotate.sentimentModel",
          NlpSettings.DEFAULT_SENTIMENT_MODEL,
          new SettingKind.Text(),
          "CoreNLP sentiment model.");
  public static final Setting TIMEOUT_SECONDS =
      new Setting(
          "newsgraph.annotate.timeoutSeconds",
          Integer.toString(NlpSettings.DEFAULT_TIMEOUT_SECONDS),
          new SettingKind.Whole(0),
          "An article CoreNLP takes longer on is given up and quarantined (annotation_timeout);"
              + " 0 for no limit.");
  public static final Setting MAX_SENTENCE_TOKENS =
      new Setting(
          "newsgraph.annotate.maxSentenceTokens",
          Integer.toString(NlpSettings.DEFAULT_MAX_SENTENCE_TOKENS),
          new SettingKind.Whole(1),
          "An article with a longer sentence (text without punctuation) is quarantined"
              + " (annotation_error:...SentenceTooLongException) instead of tagged.");
  public static final Setting MAX_ABANDONED_THREADS =
      new Setting(
          "newsgraph.annotate.maxAbandonedThreads",
          Integer.toString(NlpSettings.DEFAULT_MAX_ABANDONED_THREADS),
          new SettingKind.Whole(1),
          "At this many annotation threads of a JVM still running articles given up after"
              + " timeoutSeconds (code that ignores interruption), the Spark task fails so that"
              + " Spark retries it.");
  public static final Setting CUSTOM_ANNOTATORS =
      new Setting(
          "newsgraph.annotate.customAnnotators",
          "",
          new SettingKind.ListOf(),
          "Extra CoreNLP annotators run after NER, as name=fully.qualified.Class entries separated"
              + " by commas (CoreNLP's customAnnotatorClass); the class must be on the classpath.");
  public static final Setting NER_MODELS =
      new Setting(
          "newsgraph.annotate.nerModels",
          NlpSettings.DEFAULT_NER_MODELS,
          new SettingKind.ListOf(),
          "NER CRF models, comma-separated, in order of precedence.");
  public static final Setting SENTIMENT_TRIGGER_TYPES =
      new Setting(
          "newsgraph.annotate.sentimentTriggerTypes",
          String.join(",", NlpSettings.DEFAULT_SENTIMENT_TRIGGER_TYPES),
          new SettingKind.ListOf(),
          "Entity types that make a sentence eligible for sentiment under entity_sentences.");
  public static final Setting WORDS_PER_PARTITION =
      new Setting(
          "newsgraph.annotate.wordsPerPartition",
          "20000",
          new SettingKind.Whole(100),
          "Words of article text per annotation task; partitions are packed to this size, and"
              + " there are at least as many as cores (when there are as many articles).");
  public static final Setting PROGRESS_SECONDS =
      new Setting(
          "newsgraph.annotate.progressSeconds",
          "30",
          new SettingKind.Whole(1),
          "Seconds between annotation progress lines (articles and words done, words/s, time"
              + " left).");
  public static final Setting TITLES =
      new Setting(
          "newsgraph.entities.titles",
          String.join(",", EntityCanonicalizer.DEFAULT_TITLES),
          new SettingKind.ListOf(),
          "Titles stripped from the front of person names, comma-separated, case-sensitive.");
  public static final Setting NATIONALITIES =
      new Setting(
          "newsgraph.entities.nationalities",
          String.join(",", EntityCanonicalizer.DEFAULT_NATIONALITIES),
          new SettingKind.ListOf(),
          "Words stripped together with a following title (\"Russian President\").");
  public static final Setting ALIAS_FILE =
      new Setting(
          "newsgraph.entities.aliasFile",
          "conf/aliases.tsv",
          new SettingKind.Text(),
          "Alias table (alias TAB canonical name TAB type) applied at aggregation; empty for none."
              + " Read by the driver.");
  public static final Setting NAME_TYPES =
      new Setting(
          "newsgraph.entities.nameTypes",
          "PERSON,ORGANIZATION,LOCATION,MISC",
          new SettingKind.ListOf(),
          "Types of named entities: names differing only in case are one entity with one type (the"
              + " most mentioned; ties go to the earlier type here).");
  public static final Setting CORPUS_MIN_SHARE =
      new Setting(
          "newsgraph.entities.corpus.minShare",
          "0.9",
          new SettingKind.Decimal(0.5, 1),
          "Share of a short person name's in-article resolutions the top full name needs before the"
              + " name takes it where its article gives no full name (one dissenting article is let"
              + " pass when at least minDocuments articles vote for the top name).");
  public static final Setting CORPUS_MIN_DOCUMENTS =
      new Setting(
          "newsgraph.entities.corpus.minDocuments",
          "5",
          new SettingKind.Whole(1),
          "Articles that must resolve a short person name to the top full name before it is used"
              + " corpus-wide.");
  public static final Setting UNTAGGED_NAMES =
      new Setting(
          "newsgraph.entities.untaggedNames",
          "true",
          new SettingKind.Flag(),
          "true: a written name the corpus tags for one person (minShare of minDocuments articles"
              + " or more) is a mention where CoreNLP left it untagged (resolution gazetteer).");
  public static final Setting ENTITY_TYPES =
      new Setting(
          "newsgraph.aggregate.entityTypes",
          "PERSON,ORGANIZATION,LOCATION,MISC",
          new SettingKind.ListOf(),
          "Entity types counted in entity_counts; each one of newsgraph.entities.nameTypes.");
  public static final Setting PAIR_TYPES =
      new Setting(
          "newsgraph.aggregate.pairTypes",
          "PERSON,ORGANIZATION,LOCATION",
          new SettingKind.ListOf(),
          "Entity types paired in comention_counts and comention_evidence; each one of"
              + " newsgraph.entities.nameTypes.");
  public static final Setting MAX_PAIRED_ENTITIES =
      new Setting(
          "newsgraph.aggregate.maxPairedEntitiesPerArticle",
          "1000",
          new SettingKind.Whole(2),
          "Safety cap for pathological articles: at most this many entities of an article are"
              + " paired (the most mentioned); every capped article is listed in capped_articles.");
  public static final Setting MIN_SUPPORT =
      new Setting(
          "newsgraph.aggregate.minSupport",
          "3",
          new SettingKind.Whole(1),
          "Co-mention documents a pair needs in a period before PMI, NPMI, G2 and lift are given.");
  public static final Setting SURPRISE_WINDOW =
      new Setting(
          "newsgraph.aggregate.surpriseWindow",
          "8",
          new SettingKind.Whole(1),
          "Previous periods (of the same grain) that form a pair's baseline for the surprise score.");
  public static final Setting SURPRISE_MIN_PERIODS =
      new Setting(
          "newsgraph.aggregate.surpriseMinPeriods",
          "3",
          new SettingKind.Whole(1),
          "Baseline periods with annotated documents needed before a surprise score is given.");
  public static final Setting EVIDENCE_PER_PAIR =
      new Setting(
          "newsgraph.aggregate.evidencePerPair",
          "5",
          new SettingKind.Whole(1),
          "Sentences kept in comention_evidence per pair and period (one per story first).");
  public static final Setting SUMMARY_TOP_PAIRS =
      new Setting(
          "newsgraph.summary.topPairs",
          "10",
          new SettingKind.Whole(0),
          "Number of co-mention pairs listed in the run summary.");
  public static final Setting SUMMARY_GRAIN =
      new Setting(
          "newsgraph.summary.grain",
          "month",
          new SettingKind.Choice(List.of("day", "week", "month")),
          "Grain (day, week or month) of the last period whose top pairs the run summary lists.");

  public static final List<Setting> ALL =
      List.of(
          INPUT,
          OUTPUT,
          RUN_DATE,
          GC_THRASH_SECONDS,
          VACUUM_RETENTION_HOURS,
          DELETE_IDS,
          DELETE_SOURCE,
          DELETE_FROM,
          DELETE_TO,
          QUARANTINE_RECORD_MAX_CHARS,
          FORMAT,
          FIELD_ID,
          FIELD_PUBLISHED,
          FIELD_SOURCE,
          FIELD_TITLE,
          FIELD_TEXT,
          FIELD_URL,
          CSV_DELIMITER,
          TIME_ZONE,
          MIN_DATE,
          MAX_DATE,
          MAX_CHARS,
          MAX_FILE_BYTES,
          MAX_RECORD_BYTES,
          BOILERPLATE_FILE,
          REPAIR_GLUED_WORDS,
          DATELINE_PATTERN,
          ID_NAMESPACE,
          TEXT_SOURCE,
          LANGUAGES,
          LANGUAGE_MIN_LETTERS,
          LANGUAGE_MAX_ACCEPTED_CONFIDENCE,
          NEAR_DUPLICATE_JACCARD,
          SHINGLE_WORDS,
          FAIL_FAST,
          REBUILD,
          SENTIMENT,
          PARSE_MAXLEN,
          PARSE_MODEL,
          SENTIMENT_MODEL,
          NER_MODELS,
          TIMEOUT_SECONDS,
          MAX_SENTENCE_TOKENS,
          MAX_ABANDONED_THREADS,
          CUSTOM_ANNOTATORS,
          SENTIMENT_TRIGGER_TYPES,
          WORDS_PER_PARTITION,
          PROGRESS_SECONDS,
          TITLES,
          NATIONALITIES,
          ALIAS_FILE,
          NAME_TYPES,
          CORPUS_MIN_SHARE,
          CORPUS_MIN_DOCUMENTS,
          UNTAGGED_NAMES,
          ENTITY_TYPES,
          PAIR_TYPES,
          MAX_PAIRED_ENTITIES,
          MIN_SUPPORT,
          SURPRISE_WINDOW,
          SURPRISE_MIN_PERIODS,
          EVIDENCE_PER_PAIR,
          SUMMARY_TOP_PAIRS,
          SUMMARY_GRAIN);

  public static final Map<String, Setting> BY_KEY =
      ALL.stream().collect(Collectors.toUnmodifiableMap(Setting::key, Function.identity()));

  /** Prefix of newsgraph keys given as Spark conf ({@code spark.newsgraph.output}). */
  public static final String SPARK_CONF_PREFIX = "spark.";

  /** The prefix of every key. */
  private static final String PREFIX = "newsgraph.";

  private SettingKeys() {}

  /**
   * The key spelt most like {@code key} (case-insensitive edit distance), or null when even the
   * nearest differs in more than a third of its characters: a suggestion for a misspelt key.
   */
  public static String nearest(String key) {
    // Compared without the prefix every key shares: "newsgraph.zzz" is not close to anything.
    String given = unprefixed(key);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (Setting s : ALL) {
      int d = EditDistance.levenshtein(given, unprefixed(s.key()));
      if (d < bestDistance) {
        best = s.key();
        bestDistance = d;
      }
    }
    return best != null && bestDistance * 3 <= unprefixed(best).length() ? best : null;
  }

  private static String unprefixed(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.startsWith(PREFIX) ? k.substring(PREFIX.length()) : k;
  }
}
