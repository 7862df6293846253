package org.newsgraph.tables;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.newsgraph.udfs.AnnotationSchema;

/**
 * Every table newsgraph writes: names, column names and schemas live here and nowhere else. All
 * tables are Delta Lake tables under {@code <output>/<name>/}, partitioned by date except where
 * stated. docs/tables.md describes each column.
 */
public final class Tables {

  // Column names shared by several tables.
  public static final String ARTICLE_ID = "article_id";
  public static final String DATE = "date";
  public static final String SOURCE = "source";
  public static final String TITLE = "title";
  public static final String TEXT = "text";
  public static final String URL = "url";
  public static final String INPUT_FILE = "input_file";
  public static final String PUBLISHED_TS = "published_ts";
  public static final String TRUNCATED = "truncated";
  public static final String DATELINE = "dateline";
  public static final String REPAIRS = "repairs";
  public static final String STORY_ID = "story_id";
  public static final String IS_CANONICAL = "is_canonical";
  public static final String RUN_ID = "run_id";
  public static final String RUN_STARTED = "run_started";
  public static final String RUN_DATE = "run_date";
  public static final String COMMAND = "command";
  public static final String STARTED = "started";
  public static final String ENDED = "ended";
  public static final String STATUS = "status";
  public static final String STAGES = "stages";
  public static final String SECONDS = "seconds";
  public static final String COUNTS = "counts";
  public static final String TABLE_VERSIONS = "table_versions";
  public static final String COMMITTED_TABLES = "committed_tables";
  public static final String RECORDS_READ = "records_read";
  public static final String ARTICLES_COUNT = "articles";
  public static final String QUARANTINED_COUNT = "quarantined";
  public static final String SENTENCE_INDEX = "sentence_index";
  public static final String ENTITY = "entity";
  public static final String ENTITY_TYPE = "entity_type";
  public static final String MENTION_TYPE = "mention_type";
  public static final String ENTITY_TYPE_A = "entity_type_a";
  public static final String ENTITY_TYPE_B = "entity_type_b";
  public static final String SHORT_NAME = "short_name";
  public static final String DECISION = "decision";
  public static final String SHARE = "share";
  public static final String CANDIDATES = "candidates";
  public static final String TOP_DOCUMENTS = "top_documents";
  public static final String SHORT_DOCUMENTS = "short_documents";
  public static final String PAIR_ENTITIES = "pair_entities";
  public static final String PAIRED_ENTITIES = "paired_entities";
  public static final String SURFACE = "surface";
  public static final String RESOLUTION = "resolution";
  public static final String CHAR_BEGIN = "char_begin";
  public static final String CHAR_END = "char_end";
  public static final String SENTIMENT_LABEL = "sentiment_label";
  public static final String SENTIMENT_SCORE = "sentiment_score";
  public static final String SETTINGS_SIGNATURE = AnnotationSchema.SIGNATURE;
  // Count columns of entity_counts, comention_counts and resolution_stats: named *_COUNT here
  // because "mentions" and "sentences" are also the arrays of an annotation (AnnotationSchema).
  public static final String MENTION_COUNT = "mentions";
  public static final String DOCUMENTS = "documents";
  public static final String SENTENCE_COUNT = "sentences";
  public static final String SENTIMENT_MEAN = "sentiment_mean";
  public static final String SENTIMENT_SENTENCES = "sentiment_sentences";
  public static final String ENTITY_A = "entity_a";
  public static final String ENTITY_B = "entity_b";
  public static final String STAGE = "stage";
  public static final String RECORD_REF = "record_ref";
  public static final String RAW_RECORD = "raw_record";
  public static final String REASON = "reason";
  public static final String DETAIL = "detail";
  public static final String ERROR = AnnotationSchema.ERROR;
  public static final String FAILURE = AnnotationSchema.FAILURE;
  public static final String TEXT_HASH = "text_hash";
  public static final String CORENLP_VERSION = "corenlp_version";
  public static final String SETTINGS = "settings";
  public static final String REUSED = "reused";
  public static final String ANNOTATED = "annotated";
  public static final String ANNOTATION_ERRORS = "annotation_errors";
  public static final String ANNOTATION_TIMEOUTS = "annotation_timeouts";
  public static final String GRAIN = "grain";
  public static final String PERIOD_START = "period_start";
  public static final String PERIOD = "period";
  public static final String STORIES = "stories";
  public static final String SOURCES = "sources";
  public static final String NEGATIVE_SHARE = "negative_share";
  public static final String NEUTRAL_SHARE = "neutral_share";
  public static final String POSITIVE_SHARE = "positive_share";
  public static final String PERIOD_DOCUMENTS = "period_documents";
  public static final String DOCUMENTS_A = "documents_a";
  public static final String DOCUMENTS_B = "documents_b";
  public static final String PMI = "pmi";
  public static final String NPMI = "npmi";
  public static final String LOG_LIKELIHOOD = "log_likelihood";
  public static final String LIFT = "lift";
  public static final String BASELINE_PERIODS = "baseline_periods";
  public static final String BASELINE_MEAN = "baseline_mean";
  public static final String BASELINE_STDDEV = "baseline_stddev";
  public static final String SURPRISE = "surprise";
  public static final String RANK = "rank";
  public static final String SENTENCE = "sentence";
  public static final String FINGERPRINT = "fingerprint";
  public static final String NORMALISED_HASH = "normalised_hash";
  public static final String BANDS = "bands";
  public static final String SHINGLE_WORDS = "shingle_words";
  public static final String JACCARD_THRESHOLD = "jaccard_threshold";
  public static final String FIRST_DATE = "first_date";
  public static final String LAST_DATE = "last_date";
  public static final String VARIANTS = "variants";

  public static final TableDef ARTICLES =
      new TableDef(
          "articles",
          schema(
              field(ARTICLE_ID, StringType, false),
              field(DATE, DateType, false),
              field(PUBLISHED_TS, TimestampType, true),
              field(SOURCE, StringType, true),
              field(TITLE, StringType, true),
              field(TEXT, StringType, false),
              field(URL, StringType, true),
              field(INPUT_FILE, StringType, false),
              field(TRUNCATED, BooleanType, false),
              field(STORY_ID, StringType, false),
              field(IS_CANONICAL, BooleanType, false),
              field(DATELINE, StringType, true),
              field(REPAIRS, IntegerType, false)),
          List.of(DATE),
          "ingest",
          List.of(ARTICLE_ID, SOURCE, PUBLISHED_TS));

  /**
   * One row per article: the near-duplicate signature of its text (see NearDuplicates) and the
   * settings its story was found with, so that a night compares only its new articles with the
   * stored ones. Not partitioned; written by ingest beside {@link #ARTICLES}.
   */
  public static final TableDef ARTICLE_SIGNATURES =
      new TableDef(
          "article_signatures",
          schema(
              field(ARTICLE_ID, StringType, false),
              field(NORMALISED_HASH, StringType, true),
              field(BANDS, DataTypes.createArrayType(LongType, false), false),
              field(SHINGLE_WORDS, IntegerType, false),
              field(JACCARD_THRESHOLD, DoubleType, false)),
          List.of(),
          "ingest",
          List.of(ARTICLE_ID));

  /**
   * One row per input file per ingest run: the accounting {@code read = articles + quarantined}.
   */
  public static final TableDef INGEST_RUNS =
      new TableDef(
          "ingest_runs",
          schema(
              field(RUN_ID, StringType, false),
              field(RUN_DATE, DateType, false),
              field(RUN_STARTED, TimestampType, false),
              field(INPUT_FILE, StringType, false),
              field(RECORDS_READ, LongType, false),
              field(ARTICLES_COUNT, LongType, false),
              field(QUARANTINED_COUNT, LongType, false)),
          List.of(),
          "ingest");

  /** Stored CoreNLP output, one row per article: what mentions (and later tables) derive from. */
  public static final TableDef ANNOTATIONS =
      new TableDef(
          "annotations",
          schema(
              field(ARTICLE_ID, StringType, false),
              field(DATE, DateType, false),
              field(TEXT_HASH, StringType, false),
              field(SETTINGS_SIGNATURE, StringType, false),
              field(AnnotationSchema.SENTENCES, AnnotationSchema.SENTENCES_TYPE, false),
              field(AnnotationSchema.MENTIONS, AnnotationSchema.MENTIONS_TYPE, false),
              field(FAILURE, StringType, true),
              field(ERROR, StringType, true)),
          List.of(DATE),
          "annotate",
          List.of(ARTICLE_ID));

  /**
   * One row per annotate run: the CoreNLP version, the settings signature and every setting that
   * went into it, and how many articles were annotated, reused or failed.
   */
  public static final TableDef ANNOTATE_RUNS =
      new TableDef(
          "annotate_runs",
          schema(
              field(RUN_ID, StringType, false),
              field(RUN_DATE, DateType, false),
              field(RUN_STARTED, TimestampType, false),
              field(CORENLP_VERSION, StringType, false),
              field(SETTINGS_SIGNATURE, StringType, false),
              field(SETTINGS, StringType, false),
              field(ARTICLES_COUNT, LongType, false),
              field(ANNOTATED, LongType, false),
              field(REUSED, LongType, false),
              field(ANNOTATION_ERRORS, LongType, false),
              field(ANNOTATION_TIMEOUTS, LongType, false)),
          List.of(),
          "annotate");

  /**
   * One row per entity mention, with its canonical name and the one type of that entity (the type
   * CoreNLP gave this mention is {@code mention_type}): derived by aggregate from the stored
   * annotations with the current rules, alias table and corpus statistics, so editing aliases needs
   * no re-annotation. A compound mention of two persons ("Trump-Kim") is two rows with the same
   * offsets; mentions inside a wire dateline are not mentions.
   */
  public static final TableDef MENTIONS_TABLE =
      new TableDef(
          "mentions",
          schema(
              field(ARTICLE_ID, StringType, false),
              field(DATE, DateType, false),
              field(SENTENCE_INDEX, IntegerType, false),
              field(ENTITY, StringType, false),
              field(ENTITY_TYPE, StringType, false),
              field(MENTION_TYPE, StringType, false),
              field(RESOLUTION, StringType, false),
              field(SURFACE, StringType, false),
              field(CHAR_BEGIN, IntegerType, false),
              field(CHAR_END, IntegerType, false),
              field(SENTIMENT_LABEL, StringType, true),
              field(SENTIMENT_SCORE, DoubleType, true),
              field(STORY_ID, StringType, false),
              field(SOURCE, StringType, true),
              field(SETTINGS_SIGNATURE, StringType, false)),
          List.of(DATE),
          "aggregate",
          List.of(ARTICLE_ID, ENTITY));

  /** One spelling of an entity in {@code entities.variants}: how often the text said it. */
  public static final org.apache.spark.sql.types.StructType VARIANT =
      schema(
          field(SURFACE, StringType, false),
          field(MENTION_COUNT, LongType, false),
          field(DOCUMENTS, LongType, false));

  /**
   * One row per entity of {@code mentions}: its canonical name and type, how often and over which
   * dates it was mentioned, and every spelling the articles used for it (most mentioned first): the
   * directory analysts look names up in. Replaced by every aggregate run.
   */
  public static final TableDef ENTITIES =
      new TableDef(
          "entities",
          schema(
              field(ENTITY, StringType, false),
              field(ENTITY_TYPE, StringType, false),
              field(MENTION_COUNT, LongType, false),
              field(DOCUMENTS, LongType, false),
              field(SOURCES, LongType, false),
              field(FIRST_DATE, DateType, false),
              field(LAST_DATE, DateType, false),
              field(VARIANTS, DataTypes.createArrayType(VARIANT, false), false)),
          List.of(),
          "aggregate");

  /**
   * One row per short person name (a one-word name, or the first or last words of a longer name)
   * that some article resolved to a longer name: the longer names it stood for, in how many
   * articles, and the corpus-level decision for the articles that give it no longer name. Replaced
   * by every aggregate run.
   */
  public static final TableDef NAME_RESOLUTION =
      new TableDef(
          "name_resolution",
          schema(
              field(SHORT_NAME, StringType, false),
              field(DECISION, StringType, false),
              field(ENTITY, StringType, true),
              field(DOCUMENTS, LongType, false),
              field(TOP_DOCUMENTS, LongType, false),
              field(SHARE, DoubleType, false),
              field(SHORT_DOCUMENTS, LongType, false),
              field(
                  CANDIDATES,
                  org.apache.spark.sql.types.DataTypes.createArrayType(
                      schema(field(ENTITY, StringType, false), field(DOCUMENTS, LongType, false)),
                      false),
                  false)),
          List.of(),
          "aggregate");

  /**
   * Articles with more entities of the pair types than {@code
   * newsgraph.aggregate.maxPairedEntitiesPerArticle}: only their most-mentioned ones were paired.
   * Replaced by every aggregate run; empty when no article reaches the cap.
   */
  public static final TableDef CAPPED_ARTICLES =
      new TableDef(
          "capped_articles",
          schema(
              field(ARTICLE_ID, StringType, false),
              field(DATE, DateType, false),
              field(PAIR_ENTITIES, LongType, false),
              field(PAIRED_ENTITIES, LongType, false)),
          List.of(),
          "aggregate");

  /** One row per aggregate run and resolution rule: how many mentions each rule named. */
  public static final TableDef RESOLUTION_STATS =
      new TableDef(
          "resolution_stats",
          schema(
              field(RUN_ID, StringType, false),
              field(RUN_DATE, DateType, false),
              field(RUN_STARTED, TimestampType, false),
              field(RESOLUTION, StringType, false),
              field(MENTION_COUNT, LongType, false)),
          List.of(),
          "aggregate");

  // Every period table starts with these columns; the tone columns are shared too.
  private static final StructField[] PERIOD_KEY = {
    field(GRAIN, StringType, false),
    field(PERIOD_START, DateType, false),
    field(PERIOD, StringType, false)
  };
  private static final StructField[] TONE = {
    field(SENTIMENT_SENTENCES, LongType, false),
    field(SENTIMENT_MEAN, DoubleType, true),
    field(NEGATIVE_SHARE, DoubleType, true),
    field(NEUTRAL_SHARE, DoubleType, true),
    field(POSITIVE_SHARE, DoubleType, true)
  };

  /**
   * Per period and entity: how often and in what tone it was mentioned. Partitioned by grain and
   * period start, like every period table.
   */
  public static final TableDef ENTITY_COUNTS =
      new TableDef(
          "entity_counts",
          schema(
              PERIOD_KEY,
              new StructField[] {
                field(ENTITY, StringType, false),
                field(ENTITY_TYPE, StringType, false),
                field(MENTION_COUNT, LongType, false),
                field(DOCUMENTS, LongType, false),
                field(STORIES, LongType, false),
                field(SOURCES, LongType, false)
              },
              TONE),
          List.of(GRAIN, PERIOD_START),
          "aggregate",
          List.of(ENTITY));

  /**
   * Per period and unordered pair of entities: co-mention counts, tone of the shared sentences,
   * association at document level and surprise against the pair's own trailing baseline.
   */
  public static final TableDef COMENTION_COUNTS =
      new TableDef(
          "comention_counts",
          schema(
              PERIOD_KEY,
              new StructField[] {
                field(ENTITY_A, StringType, false),
                field(ENTITY_B, StringType, false),
                field(ENTITY_TYPE_A, StringType, false),
                field(ENTITY_TYPE_B, StringType, false),
                field(DOCUMENTS, LongType, false),
                field(STORIES, LongType, false),
                field(SOURCES, LongType, false),
                field(SENTENCE_COUNT, LongType, false)
              },
              TONE,
              new StructField[] {
                field(PERIOD_DOCUMENTS, LongType, false),
                field(DOCUMENTS_A, LongType, false),
                field(DOCUMENTS_B, LongType, false),
                field(PMI, DoubleType, true),
                field(NPMI, DoubleType, true),
                field(LOG_LIKELIHOOD, DoubleType, true),
                field(LIFT, DoubleType, true),
                field(BASELINE_PERIODS, IntegerType, false),
                field(BASELINE_MEAN, DoubleType, true),
                field(BASELINE_STDDEV, DoubleType, true),
                field(SURPRISE, DoubleType, true)
              }),
          List.of(GRAIN, PERIOD_START),
          "aggregate",
          List.of(ENTITY_A, ENTITY_B));

  /** Per period and pair, the top-k sentences that mention both entities: the evidence. */
  public static final TableDef COMENTION_EVIDENCE =
      new TableDef(
          "comention_evidence",
          schema(
              PERIOD_KEY,
              new StructField[] {
                field(ENTITY_A, StringType, false),
                field(ENTITY_B, StringType, false),
                field(ENTITY_TYPE_A, StringType, false),
                field(ENTITY_TYPE_B, StringType, false),
                field(RANK, IntegerType, false),
                field(ARTICLE_ID, StringType, false),
                field(DATE, DateType, false),
                field(SOURCE, StringType, true),
                field(TITLE, StringType, true),
                field(STORY_ID, StringType, false),
                field(SENTENCE_INDEX, IntegerType, false),
                field(SENTENCE, StringType, false),
                field(SENTIMENT_LABEL, StringType, true),
                field(SENTIMENT_SCORE, DoubleType, true)
              }),
          List.of(GRAIN, PERIOD_START),
          "aggregate",
          List.of(ENTITY_A, ENTITY_B, ARTICLE_ID));

  /**
   * One row per grain and period: a fingerprint of everything the period tables of that period were
   * computed from, so that the next aggregate recomputes only the periods whose inputs changed.
   * Written last, as a whole.
   */
  public static final TableDef AGGREGATE_PERIODS =
      new TableDef(
          "aggregate_periods",
          schema(
              field(GRAIN, StringType, false),
              field(PERIOD_START, DateType, false),
              field(PERIOD_DOCUMENTS, LongType, false),
              field(FINGERPRINT, StringType, false),
              field(RUN_ID, StringType, false),
              field(RUN_DATE, DateType, false)),
          List.of(),
          "aggregate");

  /**
   * Records that could not become articles or annotations, partitioned by the stage; each run
   * appends the records it quarantined, with its run id.
   */
  public static final TableDef QUARANTINE =
      new TableDef(
          "quarantine",
          schema(
              field(RUN_ID, StringType, false),
              field(RUN_DATE, DateType, false),
              field(STAGE, StringType, false),
              field(INPUT_FILE, StringType, false),
              field(RECORD_REF, StringType, true),
              field(ARTICLE_ID, StringType, true),
              field(RAW_RECORD, StringType, true),
              field(REASON, StringType, false),
              field(DETAIL, StringType, true)),
          List.of(STAGE),
          "ingest");

  /** One stage of a run in {@code runs.stages}: its name, wall-clock seconds and counts. */
  public static final org.apache.spark.sql.types.StructType RUN_STAGE =
      schema(
          field(STAGE, StringType, false),
          field(SECONDS, DoubleType, false),
          field(COUNTS, DataTypes.createMapType(StringType, LongType, false), false));

  /**
   * One row per run of a command (run, ingest, annotate, aggregate, vacuum), appended when it ends:
   * its id and date, start and end, whether it succeeded, what each stage did and took, and the
   * Delta version of every table at its end, from which the tables as of that run can be read.
   */
  public static final TableDef RUNS =
      new TableDef(
          "runs",
          schema(
              field(RUN_ID, StringType, false),
              field(RUN_DATE, DateType, false),
              field(COMMAND, StringType, false),
              field(STARTED, TimestampType, false),
              field(ENDED, TimestampType, false),
              field(STATUS, StringType, false),
              field(ERROR, StringType, true),
              field(STAGES, DataTypes.createArrayType(RUN_STAGE, false), false),
              field(TABLE_VERSIONS, DataTypes.createMapType(StringType, LongType, false), false),
              field(COMMITTED_TABLES, DataTypes.createArrayType(StringType, false), false)),
          List.of(),
          "run");

  public static final List<TableDef> ALL =
      List.of(
          ARTICLES,
          ARTICLE_SIGNATURES,
          INGEST_RUNS,
          ANNOTATIONS,
          ANNOTATE_RUNS,
          MENTIONS_TABLE,
          ENTITIES,
          NAME_RESOLUTION,
          CAPPED_ARTICLES,
          RESOLUTION_STATS,
          ENTITY_COUNTS,
          COMENTION_COUNTS,
          COMENTION_EVIDENCE,
          AGGREGATE_PERIODS,
          QUARANTINE,
          RUNS);

  private Tables() {}

  private static org.apache.spark.sql.types.StructType schema(StructField... fields) {
    return createStructType(fields);
  }

  private static org.apache.spark.sql.types.StructType schema(StructField[]... parts) {
    return createStructType(
        Arrays.stream(parts).flatMap(Arrays::stream).toArray(StructField[]::new));
  }

  private static StructField field(
      String name, org.apache.spark.sql.types.DataType type, boolean nullable) {
    return createStructField(name, type, nullable);
  }
}
