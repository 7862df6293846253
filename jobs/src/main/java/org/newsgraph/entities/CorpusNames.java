package org.newsgraph.entities;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.call_udf;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.levenshtein;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.newsgraph.nlp.EntityCanonicalizer;
import org.newsgraph.nlp.EntityCanonicalizer.Resolution;
import org.newsgraph.nlp.PersonVariants;
import org.newsgraph.tables.Cached;
import org.newsgraph.tables.Tables;
import org.newsgraph.udfs.AnnotationSchema;
import org.newsgraph.udfs.NewsgraphFunctions;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The corpus-level naming rules, applied after each article has named its own mentions ({@link
 * Mentions#fromAnnotations}): one name and one type per entity across the corpus.
 *
 * <ol>
 *   <li><b>Case.</b> Names of the name types that differ only in letter case ("WASHINGTON",
 *       "Washington") are one entity, spelled as the corpus usually spells it: the most mentioned
 *       spelling that is not all capitals (ties by the spelling's order), or the most mentioned
 *       spelling when every one is in capitals.
 *   <li><b>One written name per person.</b> Person names that are one name written otherwise
 *       ({@link PersonVariants}: "Charles E. Schumer", "Charles Schumer" and "Chuck Schumer"; a
 *       short given name that stands for one full given name, middle initials dropped) are one
 *       entity, spelled as an alias names it, else as the corpus mostly writes it. Names whose
 *       variants carry two different sets of middle initials ("George W. Bush", "George H.W. Bush")
 *       stay apart, all of them; a suffix ("Jr.") makes another person.
 *   <li><b>Short person names.</b> A short person name is the own name of a mention that some
 *       article resolved to a longer person name (a one-word name such as "Trump", or the first or
 *       last words of a longer name such as "Kim Jong"). Over the corpus, the articles that
 *       resolved it vote for their longer name, but only the articles that introduced the longer
 *       name first: an article whose short name comes before the first mention of the longer name
 *       it resolved to ("President Reagan said ... his wife, Nancy Reagan") used the short name for
 *       someone the reader already knew, and casts no vote (a short name whose every resolution
 *       came first counts them all). Where an article gives the short name no longer name (its
 *       mentions stayed {@code exact}) and the short name is a person (its most frequent type), it
 *       takes the top longer name when that name has at least {@code minShare} of the votes (or all
 *       votes but one, and at least {@code minDocuments} of them: one dissenting article does not
 *       decide) and at least {@code minDocuments} articles resolving to it, voting or not
 *       (resolution {@code corpus}); otherwise it stays as it is ("Clinton", split between Hillary
 *       and Bill Clinton). The short mentions before the longer name of their article take that top
 *       longer name too when it is another person ("Reagan" above is Ronald Reagan; the "Reagan"
 *       after "Nancy Reagan" stays hers). The statistics and the decision of every short name are
 *       the {@code name_resolution} table. Mentions that stayed {@code unresolved} in their article
 *       (two candidates there) are never renamed: their article names its people in full anyway.
 *   <li><b>One type.</b> Every entity of the name types has one type, the type of most of its
 *       mentions after the rules above (as the article named them: an ORGANIZATION "Xi" resolved to
 *       Xi Jinping counts as PERSON), ties going to the type listed first in {@code nameTypes}. The
 *       type CoreNLP gave the mention is kept as {@code mention_type}.
 * </ol>
 *
 * Mentions of other types (DATE, MONEY, …) keep their names and types. Every decision is a function
 * of the whole corpus's mentions, with every tie broken by name, so the same mentions always give
 * the same tables.
 */
public final class CorpusNames {

  /**
   * The settings of the corpus-level rules.
   *
   * @param nameTypes the types of named entities, in order of precedence for ties
   * @param minShare the share the top longer name needs among a short name's resolutions
   * @param minDocuments the articles the top longer name needs among a short name's resolutions
   */
  public record Options(List<String> nameTypes, double minShare, int minDocuments)
      implements Serializable {}

  /**
   * The result.
   *
   * @param mentions rows of the {@code mentions} table
   * @param decisions rows of the {@code name_resolution} table
   * @param cached what both read, computed once: {@link #release} unpersists them
   */
  public record Result(Dataset<Row> mentions, Dataset<Row> decisions, List<Dataset<Row>> cached) {

    /** Unpersists what the mentions and the decisions were computed from, once both are written. */
    public void release() {
      Cached.release(cached);
    }
  }

  /** Decisions of the {@code name_resolution} table. */
  public static final String RESOLVED = "resolved";

  public static final String AMBIGUOUS = "ambiguous";
  public static final String TOO_RARE = "too_rare";
  public static final String NOT_A_PERSON = "not_a_person";

  private static final String KEY = "_key";
  private static final String SHORT = "_short";
  private static final String N = "_n";
  private static final String TYPE = "_type";
  private static final String TOTAL = "_total";
  private static final String EARLY = "_early";
  private static final String VARIANT = "_variant";
  private static final String GIVEN = "_given";
  private static final String FAMILY = "_family";
  private static final String TOP_GIVEN = "_top_given";
  private static final String GROUP = "_group";
  private static final String INTRODUCED = "_introduced";
  private static final String ALL_ARTICLES = "_all_articles";

  private CorpusNames() {}

  /**
   * Applies the rules to the mentions named by their articles.
   *
   * @param named the rows of {@link Mentions#fromAnnotations}; read several times, so persist it
   */
  public static Result resolve(Dataset<Row> named, Options options) {
    Column inScope = col(Tables.ENTITY_TYPE).isin(options.nameTypes().toArray());
    Dataset<Row> keyed =
        personsWrittenAsOtherNames(named, inScope)
            .withColumn(KEY, when(inScope, lower(col(Tables.ENTITY))));

    // Rule 1: one spelling per name.
    Dataset<Row> spellings = spellings(keyed);
    Dataset<Row> cased =
        keyed
            .join(spellings, seq(KEY), "left")
            .withColumn(Tables.ENTITY, coalesce(col("_spelling"), col(Tables.ENTITY)))
            .drop("_spelling");
    // Rule 2: one written name per person.
    Dataset<Row> spelled =
        cased
            .join(variants(cased, options.nameTypes()), seq(KEY), "left")
            .withColumn(Tables.ENTITY, coalesce(col(VARIANT), col(Tables.ENTITY)))
            .withColumn(KEY, when(inScope, lower(col(Tables.ENTITY))))
            .drop(VARIANT);

    // Rule 3: short person names.
    Column isShort =
        col(Tables.RESOLUTION)
            .equalTo(Resolution.IN_ARTICLE.value())
            .and(col(Tables.ENTITY_TYPE).equalTo(EntityCanonicalizer.PERSON))
            .and(lower(col(Mentions.BASE_NAME)).notEqual(col(KEY)));
    // A short mention before the first mention of the longer name it was given was not introduced
    // by that name: "President Reagan ... his wife, Nancy Reagan".
    Column firstFull =
        min(when(not(isShort), col(Tables.CHAR_BEGIN)))
            .over(Window.partitionBy(Tables.ARTICLE_ID, Tables.ENTITY));
    // Computed once: the statistics, the types, the short documents and the renamed mentions below
    // all read it, and each would otherwise repeat the spelling and variant joins (on the sample
    // data 172 Spark stages for the decisions alone).
    Dataset<Row> flagged =
        Cached.of(
            spelled
                .withColumn(SHORT, when(isShort, lower(col(Mentions.BASE_NAME))))
                .withColumn(
                    EARLY,
                    coalesce(isShort.and(col(Tables.CHAR_BEGIN).lt(firstFull)), lit(false))));
    Dataset<Row> statistics =
        flagged
            .where(col(SHORT).isNotNull())
            .groupBy(SHORT, Tables.ENTITY, Tables.ARTICLE_ID)
            .agg(max(col(EARLY)).as(EARLY))
            .groupBy(SHORT, Tables.ENTITY)
            .agg(
                sum(when(col(EARLY), 0L).otherwise(1L)).as(INTRODUCED),
                count(lit(1)).as(ALL_ARTICLES));
    Dataset<Row> shortTypes =
        dominantType(flagged.where(col(KEY).isNotNull()), KEY, options.nameTypes())
            .withColumnRenamed(KEY, SHORT);
    Column eligible =
        col(Tables.RESOLUTION).equalTo(Resolution.EXACT.value()).and(col(KEY).isNotNull());
    Dataset<Row> shortDocuments =
        flagged
            .where(eligible)
            .groupBy(col(KEY).as(SHORT))
            .agg(countDistinct(col(Tables.ARTICLE_ID)).as(Tables.SHORT_DOCUMENTS));
    // Computed once: the mentions below and the name_resolution table both read the decisions.
    Dataset<Row> decisions =
        Cached.of(decide(statistics, shortTypes, shortDocuments, spellings, options));

    Dataset<Row> renamed =
        flagged
            .withColumn(KEY, coalesce(col(SHORT), col(KEY)))
            .join(
                decisions
                    .where(col(Tables.DECISION).equalTo(RESOLVED))
                    .select(col("_key_short").as(KEY), col(Tables.ENTITY).as("_corpus")),
                seq(KEY),
                "left")
            .withColumn(
                "_apply",
                eligible
                    .or(col(EARLY).and(col("_corpus").notEqual(col(Tables.ENTITY))))
                    .and(col("_corpus").isNotNull()))
            .withColumn(
                Tables.ENTITY, when(col("_apply"), col("_corpus")).otherwise(col(Tables.ENTITY)))
            .withColumn(
                Tables.RESOLUTION,
                when(col("_apply"), lit(Resolution.CORPUS.value()))
                    .otherwise(col(Tables.RESOLUTION)))
            .withColumn(KEY, when(inScope, lower(col(Tables.ENTITY))))
            .drop("_corpus", "_apply", SHORT, EARLY);

    // Rule 4: one type per entity.
    Dataset<Row> types =
        dominantType(renamed.where(col(KEY).isNotNull()), KEY, options.nameTypes());
    List<Column> columns = new ArrayList<>();
    for (String c : Tables.MENTIONS_TABLE.columns()) {
      columns.add(
          c.equals(Tables.ENTITY_TYPE)
              ? coalesce(col(TYPE), col(Tables.ENTITY_TYPE)).as(Tables.ENTITY_TYPE)
              : col(c));
    }
    Dataset<Row> mentions =
        renamed.join(types, seq(KEY), "left").select(columns.toArray(Column[]::new));
    List<Column> decisionColumns = new ArrayList<>();
    Tables.NAME_RESOLUTION.columns().forEach(c -> decisionColumns.add(col(c)));
    return new Result(
        mentions,
        decisions.select(decisionColumns.toArray(Column[]::new)),
        List.of(flagged, decisions));
  }

  /**
   * Names of another type that are a person's name written as names of that type are: CoreNLP tags
   * "Alexandria Ocasio-Cortez" an organisation now and then, and the article's rules join the parts
   * of hyphenated names of persons only ("Ocasio Cortez"). Such a name of two or more words whose
   * parts joined by a space give a person name of the corpus (letter case aside) is written so, and
   * the rules below make it that person (one spelling, then one type). One hyphenated word stays as
   * it is: companies named after people are written so ("Harley-Davidson", which CoreNLP tags a
   * person often enough to make "Harley Davidson" a person name of June 2018).
   */
  private static Dataset<Row> personsWrittenAsOtherNames(Dataset<Row> named, Column inScope) {
    Column joined = regexp_replace(col(Tables.ENTITY), "(?<=\\p{L})[-‐‑](?=\\p{L})", " ");
    Column person = col(Tables.ENTITY_TYPE).equalTo(EntityCanonicalizer.PERSON);
    Dataset<Row> hyphenated =
        named
            .where(
                inScope
                    .and(not(person))
                    .and(col(Tables.ENTITY).contains(" "))
                    .and(col(Tables.ENTITY).rlike("\\p{L}[-‐‑]\\p{L}")))
            .select(col(Tables.ENTITY).as("_hyphenated"), joined.as("_joined"))
            .distinct();
    Dataset<Row> personKeys =
        named.where(person).select(lower(col(Tables.ENTITY)).as("_person_key")).distinct();
    // Collected, a few names: a join with plans derived from the mentions would repeat their
    // whole plan in every later plan that reads the result (and Spark prints each in full).
    Dataset<Row> found =
        hyphenated
            .join(personKeys, lower(col("_joined")).equalTo(col("_person_key")))
            .select("_hyphenated", "_joined");
    List<Row> written = found.collectAsList();
    if (written.isEmpty()) {
      return named;
    }
    return named
        .join(
            broadcast(named.sparkSession().createDataFrame(written, found.schema())),
            not(person).and(col(Tables.ENTITY).equalTo(col("_hyphenated"))),
            "left")
        .withColumn(Tables.ENTITY, coalesce(col("_joined"), col(Tables.ENTITY)))
        .drop("_hyphenated", "_joined");
  }

  /** Per lower-case name: its spelling (column {@code _spelling}). */
  private static Dataset<Row> spellings(Dataset<Row> keyed) {
    Column shouted = col(Tables.ENTITY).equalTo(upper(col(Tables.ENTITY)));
    return keyed
        .where(col(KEY).isNotNull())
        .groupBy(KEY, Tables.ENTITY)
        .agg(count(lit(1)).as(N))
        .withColumn(
            "_rank",
            row_number()
                .over(
                    Window.partitionBy(KEY)
                        .orderBy(shouted.asc(), col(N).desc(), col(Tables.ENTITY).asc())))
        .where(col("_rank").equalTo(1))
        .select(col(KEY), col(Tables.ENTITY).as("_spelling"));
  }

  /**
   * Per lower-case person name written otherwise elsewhere: the written name of its person (column
   * {@link #VARIANT}). Names of one {@link PersonVariants} key are one person when at most one set
   * of middle initials occurs among them; so are the names of a key whose given name misspells the
   * dominant one of its family by a letter ({@link #misspeltGivenNames}). The name is the one an
   * alias names, else the most mentioned, ties by name.
   */
  private static Dataset<Row> variants(Dataset<Row> cased, List<String> nameTypes) {
    Dataset<Row> named = cased.where(col(KEY).isNotNull());
    Dataset<Row> persons =
        dominantType(named, KEY, nameTypes).where(col(TYPE).equalTo(EntityCanonicalizer.PERSON));
    Column variant = call_udf(NewsgraphFunctions.PERSON_VARIANT, col(Tables.ENTITY));
    Dataset<Row> names =
        named
            .groupBy(KEY)
            .agg(
                count(lit(1)).as(N),
                min(col(Tables.ENTITY)).as(Tables.ENTITY),
                max(col(Tables.RESOLUTION).equalTo(Resolution.ALIAS.value())).as("_alias"))
            .join(persons, seq(KEY))
            .withColumn("_v", variant)
            .where(col("_v").isNotNull());
    // A variant key has two words or more: a given name and the rest, its family here.
    Column parts = split(col("_v." + AnnotationSchema.VARIANT_KEY), " ", 2);
    Dataset<Row> keyed =
        names.withColumn(GIVEN, element_at(parts, 1)).withColumn(FAMILY, element_at(parts, 2));
    Dataset<Row> grouped =
        keyed
            .join(misspeltGivenNames(keyed), seq(FAMILY, GIVEN), "left")
            .withColumn(
                GROUP,
                when(col(TOP_GIVEN).isNotNull(), concat_ws(" ", col(TOP_GIVEN), col(FAMILY)))
                    .otherwise(col("_v." + AnnotationSchema.VARIANT_KEY)));
    WindowSpec byKey = Window.partitionBy(col(GROUP));
    Column initials = col("_v." + AnnotationSchema.INITIALS);
    return grouped
        .withColumn(
            "_initials", size(collect_set(when(initials.notEqual(""), initials)).over(byKey)))
        .withColumn("_names", count(lit(1)).over(byKey))
        .withColumn(
            VARIANT,
            first(col(Tables.ENTITY))
                .over(
                    byKey
                        .orderBy(col("_alias").desc(), col(N).desc(), col(Tables.ENTITY).asc())
                        .rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing())))
        .where(col("_names").gt(1))
        .where(col("_initials").leq(1))
        .where(col(VARIANT).notEqual(col(Tables.ENTITY)))
        .select(col(KEY), col(VARIANT));
  }

  /**
   * The given names (of the variant keys in {@code keyed}: columns {@link #FAMILY}, {@link #GIVEN}
   * and the mentions {@link #N}) that misspell, by one letter, the given name of the person who
   * dominates their family, with that given name (column {@link #TOP_GIVEN}): "Alexandra Ocasio
   * Cortez" beside "Alexandria Ocasio Cortez". A family qualifies only when every given name of it
   * is within one letter (inserted, dropped or changed) of the top one, each has four letters or
   * more, and the top one is written in at least twice as many mentions as all the others together.
   * A family of several people ("Donald", "Melania" and "Ivana Trump") keeps every name apart, and
   * so does one of two people mentioned alike ("Mario" and "Maria Cuomo").
   */
  private static Dataset<Row> misspeltGivenNames(Dataset<Row> keyed) {
    WindowSpec byFamily = Window.partitionBy(FAMILY);
    Column top =
        first(col(GIVEN))
            .over(
                byFamily
                    .orderBy(col(N).desc(), col(GIVEN).asc())
                    .rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing()));
    Column close = length(col(GIVEN)).geq(4).and(levenshtein(col(GIVEN), col(TOP_GIVEN)).leq(1));
    return keyed
        .groupBy(FAMILY, GIVEN)
        .agg(sum(col(N)).as(N))
        .withColumn(TOP_GIVEN, top)
        .withColumn("_top_n", max(col(N)).over(byFamily))
        .withColumn("_family_n", sum(col(N)).over(byFamily))
        .withColumn("_all_close", min(close).over(byFamily))
        .where(col("_all_close"))
        .where(col("_top_n").geq(col("_family_n").minus(col("_top_n")).multiply(2)))
        .where(col(GIVEN).notEqual(col(TOP_GIVEN)))
        .select(FAMILY, GIVEN, TOP_GIVEN);
  }

  /** Per value of {@code key}: the type of most of its rows (column {@code _type}). */
  private static Dataset<Row> dominantType(Dataset<Row> df, String key, List<String> precedence) {
    Column order = lit(precedence.size());
    for (int i = precedence.size() - 1; i >= 0; i--) {
      order = when(col(Tables.ENTITY_TYPE).equalTo(precedence.get(i)), lit(i)).otherwise(order);
    }
    return df.groupBy(key, Tables.ENTITY_TYPE)
        .agg(count(lit(1)).as(N))
        .withColumn(
            "_rank",
            row_number()
                .over(
                    Window.partitionBy(key)
                        .orderBy(col(N).desc(), order.asc(), col(Tables.ENTITY_TYPE).asc())))
        .where(col("_rank").equalTo(1))
        .select(col(key), col(Tables.ENTITY_TYPE).as(TYPE));
  }

  /** The {@code name_resolution} rows, plus the short name's key as {@code _key_short}. */
  private static Dataset<Row> decide(
      Dataset<Row> statistics,
      Dataset<Row> shortTypes,
      Dataset<Row> shortDocuments,
      Dataset<Row> spellings,
      Options options) {
    // The votes are the introduced resolutions; a short name whose every resolution came before
    // its longer name has only those to go by.
    WindowSpec byShort = Window.partitionBy(SHORT);
    Dataset<Row> ranked =
        statistics
            .withColumn(
                Tables.DOCUMENTS,
                when(sum(col(INTRODUCED)).over(byShort).equalTo(0), col(ALL_ARTICLES))
                    .otherwise(col(INTRODUCED)))
            .withColumn(TOTAL, sum(col(Tables.DOCUMENTS)).over(byShort))
            .withColumn(
                "_rank",
                row_number()
                    .over(
                        byShort.orderBy(
                            col(Tables.DOCUMENTS).desc(),
                            col(ALL_ARTICLES).desc(),
                            col(Tables.ENTITY).asc())));
    // Candidates by votes, then name: sorting (-documents, name) structs ascending.
    Column isTop = col("_rank").equalTo(1);
    Dataset<Row> perShort =
        ranked
            .groupBy(SHORT)
            .agg(
                first(col(TOTAL)).as(Tables.DOCUMENTS),
                sum(when(isTop, col(Tables.DOCUMENTS)).otherwise(0L)).as("_top_votes"),
                sum(when(isTop, col(ALL_ARTICLES)).otherwise(0L)).as(Tables.TOP_DOCUMENTS),
                first(when(isTop, col(Tables.ENTITY)), true).as("_top"),
                sort_array(
                        collect_list(
                            when(
                                col(Tables.DOCUMENTS).gt(0),
                                struct(
                                    col(Tables.DOCUMENTS).multiply(-1).as("_order"),
                                    col(Tables.ENTITY).as(Tables.ENTITY),
                                    col(Tables.DOCUMENTS).as(Tables.DOCUMENTS)))))
                    .as("_candidates"));
    Column share = col("_top_votes").cast("double").divide(col(Tables.DOCUMENTS));
    Column person = col(TYPE).equalTo(EntityCanonicalizer.PERSON);
    // One article that reads the short name otherwise does not block a name that minDocuments
    // articles vote for: under ten votes a share of 0.9 would ask every article to agree, and
    // in-article readings err now and then ("Michael Reagan, son of President Reagan").
    Column oneDissent =
        col(Tables.DOCUMENTS)
            .minus(col("_top_votes"))
            .leq(1)
            .and(col("_top_votes").geq(options.minDocuments()));
    Column decision =
        when(person.isNull().or(person.equalTo(false)), lit(NOT_A_PERSON))
            .when(share.lt(options.minShare()).and(not(oneDissent)), lit(AMBIGUOUS))
            .when(col(Tables.TOP_DOCUMENTS).lt(options.minDocuments()), lit(TOO_RARE))
            .otherwise(lit(RESOLVED));
    return perShort
        .join(shortTypes, seq(SHORT), "left")
        .join(shortDocuments, seq(SHORT), "left")
        .join(spellings.withColumnRenamed(KEY, SHORT), seq(SHORT), "left")
        .withColumn(Tables.SHARE, share)
        .withColumn(Tables.DECISION, decision)
        .withColumn(Tables.SHORT_NAME, coalesce(col("_spelling"), col(SHORT)))
        .withColumn(Tables.ENTITY, when(col(Tables.DECISION).equalTo(RESOLVED), col("_top")))
        .withColumn(Tables.SHORT_DOCUMENTS, coalesce(col(Tables.SHORT_DOCUMENTS), lit(0L)))
        .withColumn(
            Tables.CANDIDATES,
            transform(
                col("_candidates"),
                c ->
                    struct(
                        c.getField(Tables.ENTITY).as(Tables.ENTITY),
                        c.getField(Tables.DOCUMENTS).as(Tables.DOCUMENTS))))
        .withColumn("_key_short", col(SHORT));
  }

  private static scala.collection.immutable.Seq<String> seq(String... names) {
    return CollectionConverters.asScala(List.of(names)).toSeq();
  }
}
