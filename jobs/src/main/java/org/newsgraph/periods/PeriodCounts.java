package org.newsgraph.periods;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.log2;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.newsgraph.tables.Tables;
import org.newsgraph.udfs.AnnotationSchema;
import org.newsgraph.udfs.AnnotationSchema.SentenceFields;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The period tables, computed from the {@code mentions} table and the annotated documents, at the
 * three {@link Grain grains}.
 *
 * <ul>
 *   <li>{@code entity_counts}: per period, entity and type: mentions, documents, stories, sources
 *       and the tone of the distinct sentences that mention the entity.
 *   <li>{@code comention_counts}: per period and pair (entity_a &lt; entity_b) of entities of the
 *       pair types, after the per-article cap: documents, stories, sources, shared sentences and
 *       their tone; document-level association (PMI, NPMI, G², lift) from the period's 2×2 table
 *       when the pair has the minimum support; and the surprise of the period's documents against
 *       the pair's own trailing baseline.
 *   <li>{@code comention_evidence}: per period and pair, the top-k shared sentences, one per story
 *       before any story gives a second.
 * </ul>
 *
 * Everything is computed per period, so computing a subset of periods (plus the baseline periods
 * before them) gives exactly the rows a full computation gives for those periods.
 */
public final class PeriodCounts {

  /** The aggregation settings; {@link #describe()} is part of every period fingerprint. */
  public record Options(
      List<String> entityTypes,
      List<String> pairTypes,
      int maxPairedEntities,
      int minSupport,
      int surpriseWindow,
      int surpriseMinPeriods,
      int evidencePerPair)
      implements Serializable {

    public String describe() {
      return toString();
    }
  }

  /** The inputs of one computation, each row once per grain (see {@link #withPeriods}). */
  public record Inputs(
      Dataset<Row> periodDocuments,
      Dataset<Row> mentions,
      Dataset<Row> entityDocuments,
      Dataset<Row> documentPairs,
      Dataset<Row> sentencePairs) {}

  /**
   * What the surprise baselines of a computation over some periods read besides its own inputs.
   *
   * @param periods every period of the output with documents (grain, period_start)
   * @param pairDocuments stored {@code comention_counts} rows of the periods not recomputed (grain,
   *     period_start, entity_a, entity_b, documents)
   */
  public record Baselines(Dataset<Row> periods, Dataset<Row> pairDocuments) {}

  private static final List<String> NEGATIVE = List.of("very_negative", "negative");
  private static final List<String> NEUTRAL = List.of("neutral");
  private static final List<String> POSITIVE = List.of("positive", "very_positive");
  private static final List<String> PERIOD_KEY = List.of(Tables.GRAIN, Tables.PERIOD_START);
  private static final List<String> PAIR_KEY =
      List.of(Tables.GRAIN, Tables.PERIOD_START, Tables.ENTITY_A, Tables.ENTITY_B);

  private PeriodCounts() {}

  /**
   * The successfully annotated articles, without their text: article_id, date, text_hash, story_id,
   * source, title and is_canonical.
   */
  public static Dataset<Row> documents(Dataset<Row> annotations, Dataset<Row> articles) {
    return annotations
        .where(col(Tables.FAILURE).isNull())
        .select(Tables.ARTICLE_ID, Tables.TEXT_HASH)
        .join(
            articles.select(
                Tables.ARTICLE_ID,
                Tables.DATE,
                Tables.STORY_ID,
                Tables.SOURCE,
                Tables.TITLE,
                Tables.IS_CANONICAL),
            Tables.ARTICLE_ID);
  }

  /** Each row once per grain, with the grain and the start of its period (from {@code date}). */
  public static Dataset<Row> withPeriods(Dataset<Row> df) {
    Column[] periods =
        Arrays.stream(Grain.values())
            .map(
                g ->
                    struct(
                        lit(g.id()).as(Tables.GRAIN),
                        g.startColumn(col(Tables.DATE)).as(Tables.PERIOD_START)))
            .toArray(Column[]::new);
    return df.withColumn("_period", explode(array(periods)))
        .withColumn(Tables.GRAIN, col("_period." + Tables.GRAIN))
        .withColumn(Tables.PERIOD_START, col("_period." + Tables.PERIOD_START))
        .drop("_period");
  }

  /**
   * A fingerprint per grain and period of everything its rows are computed from: every document of
   * the period (id, text hash, story, source, title, canonical flag), its mentions (sentence,
   * canonical name, type, offsets, sentiment) and the options. Columns: grain, period_start,
   * period_documents, fingerprint.
   */
  public static Dataset<Row> fingerprints(
      Dataset<Row> documents, Dataset<Row> mentions, Options options) {
    Dataset<Row> mentionHashes =
        mentions
            .groupBy(Tables.ARTICLE_ID)
            .agg(
                sort_array(
                        collect_list(
                            xxhash64(
                                col(Tables.SENTENCE_INDEX),
                                col(Tables.ENTITY),
                                col(Tables.ENTITY_TYPE),
                                col(Tables.CHAR_BEGIN),
                                col(Tables.CHAR_END),
                                coalesce(col(Tables.SENTIMENT_LABEL), lit("-")),
                                coalesce(col(Tables.SENTIMENT_SCORE), lit(-9.0)))))
                    .as("_mentions"));
    Dataset<Row> documentHashes =
        documents
            .join(mentionHashes, seq(List.of(Tables.ARTICLE_ID)), "left")
            .select(
                col(Tables.DATE),
                xxhash64(
                        col(Tables.ARTICLE_ID),
                        col(Tables.DATE),
                        col(Tables.TEXT_HASH),
                        col(Tables.STORY_ID),
                        coalesce(col(Tables.SOURCE), lit("\u0000")),
                        coalesce(col(Tables.TITLE), lit("\u0000")),
                        col(Tables.IS_CANONICAL),
                        coalesce(col("_mentions"), array()))
                    .cast("string")
                    .as("_hash"));
    return withPeriods(documentHashes)
        .groupBy(Tables.GRAIN, Tables.PERIOD_START)
        .agg(
            count(lit(1)).as(Tables.PERIOD_DOCUMENTS),
            sha2(
                    concat_ws(
                        ",",
                        lit(options.describe()),
                        concat_ws(",", sort_array(collect_list(col("_hash"))))),
                    256)
                .as(Tables.FINGERPRINT));
  }

  /**
   * The per-article rows everything is aggregated from, each once per grain; {@code periods}
   * (grain, period_start), when given, keeps only those periods, and only their articles are read.
   */
  public static Inputs inputs(
      Dataset<Row> allDocuments, Dataset<Row> allMentions, Options options, Dataset<Row> periods) {
    Dataset<Row> documents = allDocuments;
    Dataset<Row> mentions = allMentions;
    if (periods != null) {
      // The articles of the periods first: the pairs below are a join of each article with itself.
      Dataset<Row> ids =
          only(withPeriods(allDocuments.select(Tables.ARTICLE_ID, Tables.DATE)), periods)
              .select(Tables.ARTICLE_ID)
              .distinct();
      documents = allDocuments.join(ids, seq(List.of(Tables.ARTICLE_ID)), "left_semi");
      mentions = allMentions.join(ids, seq(List.of(Tables.ARTICLE_ID)), "left_semi");
    }
    Dataset<Row> periodDocuments =
        only(withPeriods(documents.select(Tables.ARTICLE_ID, Tables.DATE)), periods)
            .groupBy(Tables.GRAIN, Tables.PERIOD_START)
            .agg(count(lit(1)).as(Tables.PERIOD_DOCUMENTS));

    // The cap: an article's most-mentioned entities of the pair types, ties broken by name.
    WindowSpec byMentions =
        Window.partitionBy(Tables.ARTICLE_ID).orderBy(col("_n").desc(), col(Tables.ENTITY));
    Dataset<Row> paired =
        mentions
            .where(col(Tables.ENTITY_TYPE).isin(options.pairTypes().toArray()))
            .groupBy(Tables.ARTICLE_ID, Tables.ENTITY)
            .agg(count(lit(1)).as("_n"))
            .withColumn("_rank", row_number().over(byMentions))
            .where(col("_rank").leq(options.maxPairedEntities()))
            .select(Tables.ARTICLE_ID, Tables.ENTITY);

    Dataset<Row> entitySentences =
        mentions
            .where(col(Tables.ENTITY_TYPE).isin(options.pairTypes().toArray()))
            .join(paired, seq(List.of(Tables.ARTICLE_ID, Tables.ENTITY)), "left_semi")
            .groupBy(
                Tables.ARTICLE_ID,
                Tables.DATE,
                Tables.STORY_ID,
                Tables.SOURCE,
                Tables.SENTENCE_INDEX,
                Tables.ENTITY,
                Tables.ENTITY_TYPE)
            .agg(
                first(col(Tables.SENTIMENT_LABEL), true).as(Tables.SENTIMENT_LABEL),
                first(col(Tables.SENTIMENT_SCORE), true).as(Tables.SENTIMENT_SCORE));
    Dataset<Row> entityDocuments =
        entitySentences
            .select(
                Tables.ARTICLE_ID,
                Tables.DATE,
                Tables.STORY_ID,
                Tables.SOURCE,
                Tables.ENTITY,
                Tables.ENTITY_TYPE)
            .distinct();
    // An entity has one type (CorpusNames), so the types travel with the pair's names.
    Dataset<Row> documentPairs =
        entityDocuments
            .withColumnRenamed(Tables.ENTITY, Tables.ENTITY_A)
            .withColumnRenamed(Tables.ENTITY_TYPE, Tables.ENTITY_TYPE_A)
            .join(
                entityDocuments.select(
                    col(Tables.ARTICLE_ID),
                    col(Tables.ENTITY).as(Tables.ENTITY_B),
                    col(Tables.ENTITY_TYPE).as(Tables.ENTITY_TYPE_B)),
                seq(List.of(Tables.ARTICLE_ID)))
            .where(col(Tables.ENTITY_A).lt(col(Tables.ENTITY_B)));
    Dataset<Row> sentencePairs =
        entitySentences
            .withColumnRenamed(Tables.ENTITY, Tables.ENTITY_A)
            .withColumnRenamed(Tables.ENTITY_TYPE, Tables.ENTITY_TYPE_A)
            .join(
                entitySentences.select(
                    col(Tables.ARTICLE_ID),
                    col(Tables.SENTENCE_INDEX),
                    col(Tables.ENTITY).as(Tables.ENTITY_B),
                    col(Tables.ENTITY_TYPE).as(Tables.ENTITY_TYPE_B)),
                seq(List.of(Tables.ARTICLE_ID, Tables.SENTENCE_INDEX)))
            .where(col(Tables.ENTITY_A).lt(col(Tables.ENTITY_B)));
    return new Inputs(
        periodDocuments,
        only(withPeriods(mentions), periods),
        only(withPeriods(entityDocuments), periods),
        only(withPeriods(documentPairs), periods),
        only(withPeriods(sentencePairs), periods));
  }

  /**
   * Articles whose entities of the pair types exceed the cap (some were left unpaired), as rows of
   * the {@code capped_articles} table.
   */
  public static Dataset<Row> cappedArticles(Dataset<Row> mentions, Options options) {
    return mentions
        .where(col(Tables.ENTITY_TYPE).isin(options.pairTypes().toArray()))
        .groupBy(Tables.ARTICLE_ID, Tables.DATE)
        .agg(countDistinct(col(Tables.ENTITY)).as(Tables.PAIR_ENTITIES))
        .where(col(Tables.PAIR_ENTITIES).gt(options.maxPairedEntities()))
        .withColumn(Tables.PAIRED_ENTITIES, lit((long) options.maxPairedEntities()))
        .select(Tables.CAPPED_ARTICLES.columns().stream().map(c -> col(c)).toArray(Column[]::new));
  }

  public static Dataset<Row> entityCounts(Inputs in, Options options) {
    Dataset<Row> perSentence =
        in.mentions()
            .where(col(Tables.ENTITY_TYPE).isin(options.entityTypes().toArray()))
            .groupBy(
                Tables.GRAIN,
                Tables.PERIOD_START,
                Tables.ENTITY,
                Tables.ENTITY_TYPE,
                Tables.ARTICLE_ID,
                Tables.SENTENCE_INDEX)
            .agg(
                count(lit(1)).as(Tables.MENTIONS),
                first(col(Tables.STORY_ID)).as(Tables.STORY_ID),
                first(col(Tables.SOURCE), true).as(Tables.SOURCE),
                first(col(Tables.SENTIMENT_LABEL), true).as(Tables.SENTIMENT_LABEL),
                first(col(Tables.SENTIMENT_SCORE), true).as(Tables.SENTIMENT_SCORE));
    List<Column> aggregates = new ArrayList<>();
    aggregates.add(countDistinct(col(Tables.ARTICLE_ID)).as(Tables.DOCUMENTS));
    aggregates.add(countDistinct(col(Tables.STORY_ID)).as(Tables.STORIES));
    aggregates.add(countDistinct(col(Tables.SOURCE)).as(Tables.SOURCES));
    aggregates.addAll(tone());
    return perSentence
        .groupBy(Tables.GRAIN, Tables.PERIOD_START, Tables.ENTITY, Tables.ENTITY_TYPE)
        .agg(sum(Tables.MENTIONS).as(Tables.MENTIONS), aggregates.toArray(Column[]::new))
        .withColumn(Tables.PERIOD, Grain.label());
  }

  /**
   * The {@code comention_counts} rows of the periods of {@code in}.
   *
   * @param baselines what the surprise baselines read besides {@code in}; null when {@code in}
   *     holds every period
   */
  public static Dataset<Row> comentionCounts(Inputs in, Options options, Baselines baselines) {
    Dataset<Row> documents =
        in.documentPairs()
            .groupBy(
                Tables.GRAIN,
                Tables.PERIOD_START,
                Tables.ENTITY_A,
                Tables.ENTITY_B,
                Tables.ENTITY_TYPE_A,
                Tables.ENTITY_TYPE_B)
            .agg(
                count(lit(1)).as(Tables.DOCUMENTS),
                countDistinct(col(Tables.STORY_ID)).as(Tables.STORIES),
                countDistinct(col(Tables.SOURCE)).as(Tables.SOURCES));
    List<Column> tone = tone();
    Dataset<Row> sentences =
        in.sentencePairs()
            .groupBy(Tables.GRAIN, Tables.PERIOD_START, Tables.ENTITY_A, Tables.ENTITY_B)
            .agg(count(lit(1)).as(Tables.SENTENCES), tone.toArray(Column[]::new));
    Dataset<Row> entityDocuments =
        in.entityDocuments()
            .groupBy(Tables.GRAIN, Tables.PERIOD_START, Tables.ENTITY)
            .agg(count(lit(1)).as("_n"));
    // Every sentence pair is also a document pair, so a left join keeps every pair.
    Dataset<Row> counts =
        documents
            .join(sentences, seq(PAIR_KEY), "left")
            .join(in.periodDocuments(), seq(PERIOD_KEY))
            .join(
                entityDocuments.select(
                    col(Tables.GRAIN),
                    col(Tables.PERIOD_START),
                    col(Tables.ENTITY).as(Tables.ENTITY_A),
                    col("_n").as(Tables.DOCUMENTS_A)),
                seq(List.of(Tables.GRAIN, Tables.PERIOD_START, Tables.ENTITY_A)))
            .join(
                entityDocuments.select(
                    col(Tables.GRAIN),
                    col(Tables.PERIOD_START),
                    col(Tables.ENTITY).as(Tables.ENTITY_B),
                    col("_n").as(Tables.DOCUMENTS_B)),
                seq(List.of(Tables.GRAIN, Tables.PERIOD_START, Tables.ENTITY_B)))
            .withColumn(Tables.SENTENCES, coalesce(col(Tables.SENTENCES), lit(0L)))
            .withColumn(
                Tables.SENTIMENT_SENTENCES, coalesce(col(Tables.SENTIMENT_SENTENCES), lit(0L)));
    Baselines all =
        baselines == null
            ? new Baselines(
                in.periodDocuments().select(Tables.GRAIN, Tables.PERIOD_START), documents)
            : new Baselines(
                baselines.periods(),
                documents
                    .select(
                        Tables.GRAIN,
                        Tables.PERIOD_START,
                        Tables.ENTITY_A,
                        Tables.ENTITY_B,
                        Tables.DOCUMENTS)
                    .unionByName(baselines.pairDocuments()));
    return surprise(
            association(counts, options.minSupport()),
            in.periodDocuments().select(Tables.GRAIN, Tables.PERIOD_START),
            all,
            options)
        .withColumn(Tables.PERIOD, Grain.label());
  }

  /**
   * PMI (log base 2), NPMI, Dunning's G² and lift from the period's document 2×2 table: N =
   * period_documents, n_a = documents_a, n_b = documents_b, n_ab = documents. Null when n_ab is
   * below the minimum support.
   */
  private static Dataset<Row> association(Dataset<Row> counts, int minSupport) {
    Column n = col(Tables.PERIOD_DOCUMENTS).cast("double");
    Column na = col(Tables.DOCUMENTS_A).cast("double");
    Column nb = col(Tables.DOCUMENTS_B).cast("double");
    Column nab = col(Tables.DOCUMENTS).cast("double");
    Column lift = nab.multiply(n).divide(na.multiply(nb));
    Column pmi = log2(lift);
    Column npmi =
        when(nab.equalTo(n), lit(1.0)).otherwise(pmi.divide(log2(nab.divide(n)).multiply(-1)));
    Column g2 =
        greatest(
            lit(0.0),
            cell(nab, na.multiply(nb).divide(n))
                .plus(cell(na.minus(nab), na.multiply(n.minus(nb)).divide(n)))
                .plus(cell(nb.minus(nab), n.minus(na).multiply(nb).divide(n)))
                .plus(
                    cell(
                        n.minus(na).minus(nb).plus(nab),
                        n.minus(na).multiply(n.minus(nb)).divide(n)))
                .multiply(2));
    Column supported = col(Tables.DOCUMENTS).geq(minSupport);
    return counts
        .withColumn(Tables.PMI, when(supported, pmi))
        .withColumn(Tables.NPMI, when(supported, npmi))
        .withColumn(Tables.LOG_LIKELIHOOD, when(supported, g2))
        .withColumn(Tables.LIFT, when(supported, lift));
  }

  /** One cell of G²: O ln(O / E), 0 when O is 0 (E is then never needed). */
  private static Column cell(Column observed, Column expected) {
    return when(observed.gt(0), observed.multiply(log(observed.divide(expected)))).otherwise(0.0);
  }

  /**
   * The surprise of a pair's documents in a period against its baseline: the previous {@code
   * surpriseWindow} periods of the same grain that hold annotated documents (the pair's count is 0
   * in those where it does not occur). z = (x - mean) / max(stddev, 1), the population standard
   * deviation floored at 1 so that a flat baseline does not make every change infinite. Null when
   * fewer than {@code surpriseMinPeriods} baseline periods exist.
   *
   * @param periods the periods of {@code counts}
   * @param sources the periods a baseline may hold and their pair counts
   */
  private static Dataset<Row> surprise(
      Dataset<Row> counts, Dataset<Row> periods, Baselines sources, Options options) {
    int w = options.surpriseWindow();
    Column start = col(Tables.PERIOD_START);
    Column grain = col(Tables.GRAIN);
    Column windowStart =
        when(grain.equalTo(Grain.DAY.id()), date_sub(start, w))
            .when(grain.equalTo(Grain.WEEK.id()), date_sub(start, 7 * w))
            .otherwise(add_months(start, -w));
    Dataset<Row> earlier =
        sources
            .periods()
            .select(col(Tables.GRAIN).as("_grain"), col(Tables.PERIOD_START).as("_earlier"));
    Dataset<Row> baselines =
        periods
            .join(
                earlier,
                grain
                    .equalTo(col("_grain"))
                    .and(col("_earlier").lt(start))
                    .and(col("_earlier").geq(windowStart)))
            .select(Tables.GRAIN, Tables.PERIOD_START, "_earlier");
    Dataset<Row> baselinePeriods =
        baselines
            .groupBy(Tables.GRAIN, Tables.PERIOD_START)
            .agg(count(lit(1)).cast("int").as(Tables.BASELINE_PERIODS));
    Dataset<Row> baselineSums =
        baselines
            .join(
                sources
                    .pairDocuments()
                    .select(
                        col(Tables.GRAIN),
                        col(Tables.PERIOD_START).as("_earlier"),
                        col(Tables.ENTITY_A),
                        col(Tables.ENTITY_B),
                        col(Tables.DOCUMENTS).cast("double").as("_x")),
                seq(List.of(Tables.GRAIN, "_earlier")))
            .groupBy(Tables.GRAIN, Tables.PERIOD_START, Tables.ENTITY_A, Tables.ENTITY_B)
            .agg(sum("_x").as("_sum"), sum(col("_x").multiply(col("_x"))).as("_squares"));
    Column k = col(Tables.BASELINE_PERIODS).cast("double");
    Column enough = col(Tables.BASELINE_PERIODS).geq(options.surpriseMinPeriods());
    Column mean = coalesce(col("_sum"), lit(0.0)).divide(k);
    Column variance = coalesce(col("_squares"), lit(0.0)).divide(k).minus(mean.multiply(mean));
    return counts
        .join(baselinePeriods, seq(PERIOD_KEY), "left")
        .withColumn(Tables.BASELINE_PERIODS, coalesce(col(Tables.BASELINE_PERIODS), lit(0)))
        .join(baselineSums, seq(PAIR_KEY), "left")
        .withColumn(Tables.BASELINE_MEAN, when(enough, mean))
        .withColumn(Tables.BASELINE_STDDEV, when(enough, sqrt(greatest(lit(0.0), variance))))
        .withColumn(
            Tables.SURPRISE,
            when(
                enough,
                col(Tables.DOCUMENTS)
                    .minus(col(Tables.BASELINE_MEAN))
                    .divide(greatest(col(Tables.BASELINE_STDDEV), lit(1.0)))))
        .drop("_sum", "_squares");
  }

  /**
   * The top-k shared sentences per pair and period. Order: each story's first sentence (from its
   * canonical article if that article has one, then the earliest date, article_id, sentence) before
   * any story's second; then by date, article_id and sentence index.
   */
  public static Dataset<Row> evidence(
      Inputs in,
      Dataset<Row> documents,
      Dataset<Row> annotations,
      Dataset<Row> articles,
      Options options) {
    Dataset<Row> withCanonical =
        in.sentencePairs()
            .join(
                documents.select(Tables.ARTICLE_ID, Tables.IS_CANONICAL),
                seq(List.of(Tables.ARTICLE_ID)));
    WindowSpec inStory =
        Window.partitionBy(
                col(Tables.GRAIN),
                col(Tables.PERIOD_START),
                col(Tables.ENTITY_A),
                col(Tables.ENTITY_B),
                col(Tables.STORY_ID))
            .orderBy(
                col(Tables.IS_CANONICAL).desc(),
                col(Tables.DATE),
                col(Tables.ARTICLE_ID),
                col(Tables.SENTENCE_INDEX));
    WindowSpec inPair =
        Window.partitionBy(
                col(Tables.GRAIN),
                col(Tables.PERIOD_START),
                col(Tables.ENTITY_A),
                col(Tables.ENTITY_B))
            .orderBy(
                col("_in_story"),
                col(Tables.DATE),
                col(Tables.ARTICLE_ID),
                col(Tables.SENTENCE_INDEX));
    Dataset<Row> top =
        withCanonical
            .withColumn("_in_story", row_number().over(inStory))
            .withColumn(Tables.RANK, row_number().over(inPair))
            .where(col(Tables.RANK).leq(options.evidencePerPair()))
            .drop("_in_story", Tables.IS_CANONICAL);
    var sentence = element_at(col(AnnotationSchema.SENTENCES), col(Tables.SENTENCE_INDEX).plus(1));
    List<String> columns = Tables.COMENTION_EVIDENCE.columns();
    List<Column> selected = new ArrayList<>();
    // The text travels in the sentence column's place; SentenceText cuts the sentence out of it.
    columns.forEach(c -> selected.add(col(c.equals(Tables.SENTENCE) ? Tables.TEXT : c)));
    selected.add(sentence.getField(SentenceFields.CHAR_BEGIN));
    selected.add(sentence.getField(SentenceFields.CHAR_END));
    // Only the top rows meet the texts and sentence offsets.
    return top.join(
            documents.select(Tables.ARTICLE_ID, Tables.TITLE), seq(List.of(Tables.ARTICLE_ID)))
        .join(articles.select(Tables.ARTICLE_ID, Tables.TEXT), seq(List.of(Tables.ARTICLE_ID)))
        .join(
            annotations.select(Tables.ARTICLE_ID, AnnotationSchema.SENTENCES),
            seq(List.of(Tables.ARTICLE_ID)))
        .withColumn(Tables.PERIOD, Grain.label())
        .select(selected.toArray(Column[]::new))
        .mapPartitions(
            new SentenceText(columns.indexOf(Tables.SENTENCE), columns.size()),
            Encoders.row(Tables.COMENTION_EVIDENCE.schema()));
  }

  /**
   * Replaces the article text at {@code index} by the sentence between the two offsets that follow
   * the row's columns. In Java because CoreNLP's offsets count UTF-16 units, and Spark's substring
   * counts code points.
   */
  private record SentenceText(int index, int width) implements MapPartitionsFunction<Row, Row> {
    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public Row next() {
          Row r = rows.next();
          Object[] values = new Object[width];
          for (int i = 0; i < width; i++) {
            values[i] = r.get(i);
          }
          String text = r.getString(index);
          values[index] = text.substring(r.getInt(width), r.getInt(width + 1));
          return RowFactory.create(values);
        }
      };
    }
  }

  /** Tone aggregates over rows holding one sentence each (sentiment_label, sentiment_score). */
  private static List<Column> tone() {
    Column labelled = count(col(Tables.SENTIMENT_LABEL));
    return List.of(
        count(col(Tables.SENTIMENT_SCORE)).as(Tables.SENTIMENT_SENTENCES),
        avg(col(Tables.SENTIMENT_SCORE)).as(Tables.SENTIMENT_MEAN),
        share(NEGATIVE, labelled).as(Tables.NEGATIVE_SHARE),
        share(NEUTRAL, labelled).as(Tables.NEUTRAL_SHARE),
        share(POSITIVE, labelled).as(Tables.POSITIVE_SHARE));
  }

  private static Column share(List<String> labels, Column labelled) {
    Column matching =
        sum(when(col(Tables.SENTIMENT_LABEL).isin(labels.toArray()), 1L).otherwise(0L));
    return when(labelled.gt(0), matching.cast("double").divide(labelled));
  }

  private static Dataset<Row> only(Dataset<Row> df, Dataset<Row> periods) {
    return periods == null ? df : df.join(periods, seq(PERIOD_KEY), "left_semi");
  }

  private static Seq<String> seq(List<String> names) {
    return CollectionConverters.asScala(names).toSeq();
  }
}
