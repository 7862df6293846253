package org.newsgraph.periods;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.newsgraph.tables.Cached;
import org.newsgraph.tables.Tables;

/**
 * The inputs of one computation of the period tables, each row once per grain (see {@link
 * #withPeriods}): the documents of the periods, their mentions, the documents per entity and the
 * document and sentence pairs after the per-article cap; with the steps that build them and the
 * fingerprints that say whether a period's inputs changed. The entity sentences, entity documents
 * and pairs are computed once, before the period tables are (each table's query reads them several
 * times); {@link #release} frees them.
 *
 * @param cached the datasets computed once, which {@link #release} unpersists
 */
public record PeriodInputs(
    Dataset<Row> periodDocuments,
    Dataset<Row> mentions,
    Dataset<Row> entityDocuments,
    Dataset<Row> documentPairs,
    Dataset<Row> sentencePairs,
    List<Dataset<Row>> cached) {

  /** Unpersists the datasets computed once for the period tables. */
  public void release() {
    Cached.release(cached);
  }

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
      Dataset<Row> documents, Dataset<Row> mentions, PeriodOptions options) {
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
            .join(mentionHashes, PeriodKeys.seq(List.of(Tables.ARTICLE_ID)), "left")
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
  public static PeriodInputs of(
      Dataset<Row> allDocuments,
      Dataset<Row> allMentions,
      PeriodOptions options,
      Dataset<Row> periods) {
    Dataset<Row> documents = allDocuments;
    Dataset<Row> mentions = allMentions;
    if (periods != null) {
      // The articles of the periods first: the pairs below are a join of each article with itself.
      Dataset<Row> ids =
          PeriodKeys.only(withPeriods(allDocuments.select(Tables.ARTICLE_ID, Tables.DATE)), periods)
              .select(Tables.ARTICLE_ID)
              .distinct();
      documents = allDocuments.join(ids, PeriodKeys.seq(List.of(Tables.ARTICLE_ID)), "left_semi");
      mentions = allMentions.join(ids, PeriodKeys.seq(List.of(Tables.ARTICLE_ID)), "left_semi");
    }
    Dataset<Row> periodDocuments =
        PeriodKeys.only(withPeriods(documents.select(Tables.ARTICLE_ID, Tables.DATE)), periods)
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
        Cached.of(
            mentions
                .where(col(Tables.ENTITY_TYPE).isin(options.pairTypes().toArray()))
                .join(
                    paired, PeriodKeys.seq(List.of(Tables.ARTICLE_ID, Tables.ENTITY)), "left_semi")
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
                    first(col(Tables.SENTIMENT_SCORE), true).as(Tables.SENTIMENT_SCORE)));
    Dataset<Row> entityDocuments =
        Cached.of(
            entitySentences
                .select(
                    Tables.ARTICLE_ID,
                    Tables.DATE,
                    Tables.STORY_ID,
                    Tables.SOURCE,
                    Tables.ENTITY,
                    Tables.ENTITY_TYPE)
                .distinct());
    // An entity has one type (CorpusNames), so the types travel with the pair's names.
    Dataset<Row> documentPairs =
        Cached.of(
            entityDocuments
                .withColumnRenamed(Tables.ENTITY, Tables.ENTITY_A)
                .withColumnRenamed(Tables.ENTITY_TYPE, Tables.ENTITY_TYPE_A)
                .join(
                    entityDocuments.select(
                        col(Tables.ARTICLE_ID),
                        col(Tables.ENTITY).as(Tables.ENTITY_B),
                        col(Tables.ENTITY_TYPE).as(Tables.ENTITY_TYPE_B)),
                    PeriodKeys.seq(List.of(Tables.ARTICLE_ID)))
                .where(col(Tables.ENTITY_A).lt(col(Tables.ENTITY_B))));
    Dataset<Row> sentencePairs =
        Cached.of(
            entitySentences
                .withColumnRenamed(Tables.ENTITY, Tables.ENTITY_A)
                .withColumnRenamed(Tables.ENTITY_TYPE, Tables.ENTITY_TYPE_A)
                .join(
                    entitySentences.select(
                        col(Tables.ARTICLE_ID),
                        col(Tables.SENTENCE_INDEX),
                        col(Tables.ENTITY).as(Tables.ENTITY_B),
                        col(Tables.ENTITY_TYPE).as(Tables.ENTITY_TYPE_B)),
                    PeriodKeys.seq(List.of(Tables.ARTICLE_ID, Tables.SENTENCE_INDEX)))
                .where(col(Tables.ENTITY_A).lt(col(Tables.ENTITY_B))));
    return new PeriodInputs(
        periodDocuments,
        PeriodKeys.only(withPeriods(mentions), periods),
        PeriodKeys.only(withPeriods(entityDocuments), periods),
        PeriodKeys.only(withPeriods(documentPairs), periods),
        PeriodKeys.only(withPeriods(sentencePairs), periods),
        List.of(entitySentences, entityDocuments, documentPairs, sentencePairs));
  }

  /**
   * Articles whose entities of the pair types exceed the cap (some were left unpaired), as rows of
   * the {@code capped_articles} table.
   */
  public static Dataset<Row> cappedArticles(Dataset<Row> mentions, PeriodOptions options) {
    return mentions
        .where(col(Tables.ENTITY_TYPE).isin(options.pairTypes().toArray()))
        .groupBy(Tables.ARTICLE_ID, Tables.DATE)
        .agg(countDistinct(col(Tables.ENTITY)).as(Tables.PAIR_ENTITIES))
        .where(col(Tables.PAIR_ENTITIES).gt(options.maxPairedEntities()))
        .withColumn(Tables.PAIRED_ENTITIES, lit((long) options.maxPairedEntities()))
        .select(Tables.CAPPED_ARTICLES.cols());
  }
}
