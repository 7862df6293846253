package org.newsgraph.stories;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.newsgraph.nlp.Sha256;
import org.newsgraph.tables.Cached;
import org.newsgraph.tables.Tables;
import org.newsgraph.udfs.RowBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Groups near-duplicate articles (the same story syndicated, re-published or lightly edited) into
 * stories and picks one canonical article per story.
 *
 * <p>Reads {@code article_id} (string, unique), {@code date} (date) and {@code text} (string) of
 * the articles; other columns are ignored. Returns one row per input article with {@code
 * article_id}, {@code story_id} (string) and {@code is_canonical} (boolean).
 *
 * <p>Definition. A text is normalised by lowercasing it, removing punctuation (Unicode category P)
 * and collapsing whitespace; its words are the normalised text split on spaces, and its shingles
 * the distinct runs of {@code shingleWords} consecutive words (a text with fewer words than that
 * has its distinct words as shingles). Two articles are linked if their normalised texts are
 * identical (found by hashing) or if the Jaccard similarity of their shingle sets is at least
 * {@code jaccardThreshold}. Stories are the connected components of the links, so A and C share a
 * story when A is linked to B and B to C even if A and C are not similar. {@code story_id} is the
 * smallest article_id of the story (a singleton's own id); {@code is_canonical} is true for exactly
 * one article per story: the earliest date, ties broken by the smallest article_id. An article
 * whose normalised text is empty has nothing to compare and is always a story of its own.
 *
 * <p>Method. Shingles are hashed (xxhash64) and each text gets a banded MinHash signature ({@link
 * MinHashBands}: {@value #BANDS} bands of {@value #ROWS} rows, fixed seed). Texts that share a band
 * hash are candidates, and every candidate is verified on the exact shingle sets, so no pair below
 * the threshold is ever linked. LSH may miss a qualifying pair, with probability {@code (1 -
 * J^5)^20} for a pair of similarity J (0.04% at J = 0.8, less above), and a missed pair still ends
 * in one story when other links connect it. Exact duplicates are linked by hash alone, and only one
 * text of each is compared. A band bucket of more than {@value #MAX_BUCKET} texts is not searched
 * pair by pair (its pairs grow with the square of its size): each of its texts is compared with the
 * next {@value #NEIGHBOURS} in id order, which still joins near-identical texts into one story; the
 * search logs such buckets. Only there can the stories found when articles are added differ from
 * those of the whole corpus at once.
 *
 * <p>Connected components are found in Spark ({@link ConnectedComponents}): the linked pairs stay
 * distributed, and no step holds more than one article's texts or one story's rows in one place.
 * The output is deterministic: the same input gives the same rows on every run.
 */
public final class NearDuplicates {

  private static final int BANDS = 20;
  private static final int ROWS = 5;
  private static final long SEED = 20180716L;

  /** Buckets up to this size are searched in full; see {@link #bucketPairs}. */
  private static final int MAX_BUCKET = 1000;

  /** Members of a larger bucket are compared with this many next members. */
  private static final int NEIGHBOURS = 16;

  private static final Logger LOG = LoggerFactory.getLogger(NearDuplicates.class);

  private static final String BAND = "band";
  private static final String BUCKET = "bucket";
  private static final String IS_ADDED = "is_added";
  private static final String REPRESENTATIVE = "representative";
  private static final String ID_A = "id_a";
  private static final String ID_B = "id_b";

  /** (normalised_hash, bands): the text signature of one article. */
  private static final StructType SIGNATURE =
      createStructType(
          List.of(
              createStructField(Tables.NORMALISED_HASH, StringType, true),
              createStructField(Tables.BANDS, createArrayType(LongType, false), false)));

  private static final RowBuilder SIGNATURE_ROWS = new RowBuilder(SIGNATURE);

  private NearDuplicates() {}

  /**
   * The story of every article; see the class comment for the definition. The stories are found
   * during the call (Spark jobs run here) and returned persisted and computed; the caller
   * unpersists them.
   *
   * @param jaccardThreshold the least Jaccard similarity of shingle sets that links two articles,
   *     in (0, 1]
   * @param shingleWords words per shingle, at least 1
   */
  public static Dataset<Row> stories(
      Dataset<Row> articles, double jaccardThreshold, int shingleWords) {
    check(jaccardThreshold, shingleWords);
    Dataset<Row> signatures =
        signatures(articles, jaccardThreshold, shingleWords)
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      return stories(articles, signatures, jaccardThreshold, shingleWords);
    } finally {
      signatures.unpersist();
    }
  }

  /**
   * {@link #stories(Dataset, double, int)} from signatures already computed by {@link #signatures}
   * with the same settings (one row per article of {@code articles}).
   */
  public static Dataset<Row> stories(
      Dataset<Row> articles, Dataset<Row> signatures, double jaccardThreshold, int shingleWords) {
    check(jaccardThreshold, shingleWords);
    Dataset<Row> signed = withRepresentatives(signatures).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> roots = null;
    try {
      Dataset<Row> links =
          exactDuplicates(signed)
              .select(col(Tables.ARTICLE_ID).as(ID_A), col(REPRESENTATIVE).as(ID_B))
              .unionByName(similarPairs(articles, signed, jaccardThreshold, shingleWords));
      roots = ConnectedComponents.smallestOf(links, ID_A, ID_B);
      return Cached.of(withStories(articles, roots));
    } finally {
      signed.unpersist();
      if (roots != null) {
        roots.unpersist();
      }
    }
  }

  /**
   * The stories that change when articles are added to a corpus whose stories were found with the
   * same settings, computed in proportion to the added articles: each added article is compared
   * only with the articles that share one of its band hashes, and the rest of the corpus is read
   * for its signatures (a few numbers per article), never hashed again. The result equals {@link
   * #stories(Dataset, double, int)} over the whole corpus: a link of the whole corpus either joins
   * two stored articles (and is already in their stories) or has an added article at one end.
   *
   * @param stored the corpus before: {@code article_id}, {@code date}, {@code text}, {@code
   *     story_id}, {@code is_canonical}; the text is read only for the candidates of added articles
   * @param storedSignatures signatures ({@link #signatures}) of every stored article; rows of ids
   *     not in {@code stored} are ignored
   * @param added the added articles: {@code article_id}, {@code date}, {@code text}, with ids not
   *     in {@code stored}
   * @param addedSignatures the signatures of the added articles
   * @return {@code article_id}, {@code story_id}, {@code is_canonical} of every added article and
   *     of every stored article whose story or canonical flag changes, persisted and computed (the
   *     caller unpersists them)
   */
  public static Dataset<Row> addedStories(
      Dataset<Row> stored,
      Dataset<Row> storedSignatures,
      Dataset<Row> added,
      Dataset<Row> addedSignatures,
      double jaccardThreshold,
      int shingleWords) {
    check(jaccardThreshold, shingleWords);
    if (added.isEmpty()) {
      // No link has an added end: no story changes. (A night re-run with nothing new spared the
      // band join and the components' rounds: about 10 s of Spark jobs on the sample corpus.)
      return Cached.of(
          stored
              .select(col(Tables.ARTICLE_ID), col(Tables.STORY_ID), col(Tables.IS_CANONICAL))
              .limit(0));
    }
    Dataset<Row> current =
        storedSignatures.join(stored.select(Tables.ARTICLE_ID), Tables.ARTICLE_ID, "left_semi");
    Dataset<Row> links =
        addedLinks(stored, current, added, addedSignatures, jaccardThreshold, shingleWords)
            .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> roots = null;
    try {
      // An added article linked to a stored one joins that article's story: the story's id (its
      // smallest article id) stands for the whole stored story in the graph.
      roots =
          ConnectedComponents.smallestOf(
              links.select(col(ID_A), coalesce(col(Tables.STORY_ID), col(ID_B)).as(ID_B)),
              ID_A,
              ID_B);
      return Cached.of(changedStories(stored, added, links, roots));
    } finally {
      links.unpersist();
      if (roots != null) {
        roots.unpersist();
      }
    }
  }

  /**
   * The rows of {@link #addedStories}: the added articles with their stories, and the stored
   * articles of every stored story an added article joins, where their story or flag changes.
   */
  private static Dataset<Row> changedStories(
      Dataset<Row> stored, Dataset<Row> added, Dataset<Row> links, Dataset<Row> roots) {
    // Every stored story an added article joins, mapped to the story it becomes (the smallest id).
    Dataset<Row> moves =
        links
            .where(col(Tables.STORY_ID).isNotNull())
            .select(col(Tables.STORY_ID).as("was_story"))
            .distinct()
            .join(roots, col("was_story").equalTo(col(ConnectedComponents.ID)), "left")
            .select(
                col("was_story"),
                coalesce(col(ConnectedComponents.ROOT), col("was_story")).as(Tables.STORY_ID));
    Dataset<Row> addedStory =
        added
            .select(col(Tables.ARTICLE_ID), col(Tables.DATE))
            .join(storiesOf(roots), new String[] {Tables.ARTICLE_ID}, "left")
            .withColumn(Tables.STORY_ID, coalesce(col(Tables.STORY_ID), col(Tables.ARTICLE_ID)))
            .withColumn("was_story", lit(null).cast(StringType))
            .withColumn("was_canonical", lit(null).cast("boolean"));
    Dataset<Row> movedStored =
        stored
            .select(
                col(Tables.ARTICLE_ID),
                col(Tables.DATE),
                col(Tables.STORY_ID).as("was_story"),
                col(Tables.IS_CANONICAL).as("was_canonical"))
            .join(moves, "was_story")
            .select(
                col(Tables.ARTICLE_ID),
                col(Tables.DATE),
                col(Tables.STORY_ID),
                col("was_story"),
                col("was_canonical"));
    var byStory =
        Window.partitionBy(Tables.STORY_ID)
            .orderBy(col(Tables.DATE).asc_nulls_last(), col(Tables.ARTICLE_ID).asc());
    return addedStory
        .unionByName(movedStored)
        .withColumn(Tables.IS_CANONICAL, row_number().over(byStory).equalTo(1))
        .where(
            col("was_story")
                .isNull()
                .or(col("was_story").notEqual(col(Tables.STORY_ID)))
                .or(col("was_canonical").notEqual(col(Tables.IS_CANONICAL))))
        .select(col(Tables.ARTICLE_ID), col(Tables.STORY_ID), col(Tables.IS_CANONICAL));
  }

  /**
   * The links with an added article at one end: (added id, other id, the other's stored story or
   * null when the other is added too). Exact duplicates are linked by their hash; the other
   * candidates share a band hash and are verified on their texts.
   */
  private static Dataset<Row> addedLinks(
      Dataset<Row> stored,
      Dataset<Row> storedSignatures,
      Dataset<Row> added,
      Dataset<Row> addedSignatures,
      double jaccardThreshold,
      int shingleWords) {
    Dataset<Row> all =
        storedSignatures
            .select(col(Tables.ARTICLE_ID), col(Tables.NORMALISED_HASH), col(Tables.BANDS))
            .withColumn(IS_ADDED, lit(false))
            .unionByName(
                addedSignatures
                    .select(col(Tables.ARTICLE_ID), col(Tables.NORMALISED_HASH), col(Tables.BANDS))
                    .withColumn(IS_ADDED, lit(true)));
    Dataset<Row> exact =
        addedSignatures
            .where(col(Tables.NORMALISED_HASH).isNotNull())
            .select(col(Tables.ARTICLE_ID).as(ID_A), col(Tables.NORMALISED_HASH))
            .join(
                all.select(
                    col(Tables.ARTICLE_ID).as(ID_B), col(Tables.NORMALISED_HASH), col(IS_ADDED)),
                Tables.NORMALISED_HASH)
            .where(col(ID_A).notEqual(col(ID_B)))
            .select(col(ID_A), col(ID_B));
    // Only the buckets an added article is in matter; a pair of two added articles is compared
    // once, with either as the added end.
    Dataset<Row> members =
        buckets(all)
            .select(col(Tables.ARTICLE_ID), col(IS_ADDED), col(BAND), col(BUCKET))
            .join(
                buckets(addedSignatures).select(col(BAND), col(BUCKET)).distinct(),
                seq(List.of(BAND, BUCKET)),
                "left_semi");
    Dataset<Row> candidates =
        bucketPairs(members)
            .where(col("added_a").or(col("added_b")))
            .select(
                when(col("added_a"), col(ID_A)).otherwise(col(ID_B)).as(ID_A),
                when(col("added_a"), col(ID_B)).otherwise(col(ID_A)).as(ID_B))
            .distinct();
    Dataset<Row> texts =
        added
            .select(col(Tables.ARTICLE_ID), col(Tables.TEXT))
            .unionByName(stored.select(col(Tables.ARTICLE_ID), col(Tables.TEXT)));
    Dataset<Row> similar = verified(candidates, texts, jaccardThreshold, shingleWords);
    return exact
        .unionByName(similar)
        .distinct()
        .join(
            stored.select(col(Tables.ARTICLE_ID).as(ID_B), col(Tables.STORY_ID)),
            new String[] {ID_B},
            "left")
        .select(col(ID_A), col(ID_B), col(Tables.STORY_ID));
  }

  /**
   * One row per article: {@code article_id}, {@code normalised_hash} (SHA-256 of the normalised
   * text, null when it is empty), {@code bands} (its band hashes, empty for an empty text) and the
   * settings they and the stories are found with ({@code shingle_words}, {@code
   * jaccard_threshold}): the rows of the {@code article_signatures} table. The per-word work runs
   * in plain Java ({@link MinHashBands}); no shingle strings are kept.
   */
  public static Dataset<Row> signatures(
      Dataset<Row> articles, double jaccardThreshold, int shingleWords) {
    check(jaccardThreshold, shingleWords);
    MinHashBands minHash = new MinHashBands(BANDS, ROWS, SEED);
    UserDefinedFunction signature =
        udf(
            (UDF1<String, Row>)
                text -> {
                  String normalised = MinHashBands.normalise(text);
                  List<Long> bands = new ArrayList<>(BANDS);
                  for (long b :
                      minHash.bands(MinHashBands.shingleHashes(normalised, shingleWords))) {
                    bands.add(b);
                  }
                  return SIGNATURE_ROWS
                      .row()
                      .set(
                          Tables.NORMALISED_HASH,
                          normalised.isEmpty() ? null : Sha256.hex(normalised))
                      .set(Tables.BANDS, bands)
                      .build();
                },
            SIGNATURE);
    return articles
        .select(col(Tables.ARTICLE_ID), signature.apply(col(Tables.TEXT)).as("s"))
        .select(
            col(Tables.ARTICLE_ID),
            col("s." + Tables.NORMALISED_HASH).as(Tables.NORMALISED_HASH),
            col("s." + Tables.BANDS).as(Tables.BANDS),
            lit(shingleWords).as(Tables.SHINGLE_WORDS),
            lit(jaccardThreshold).as(Tables.JACCARD_THRESHOLD));
  }

  private static void check(double jaccardThreshold, int shingleWords) {
    if (!(jaccardThreshold > 0 && jaccardThreshold <= 1)) {
      throw new IllegalArgumentException(
          "jaccardThreshold must be in (0, 1], got " + jaccardThreshold);
    }
    if (shingleWords < 1) {
      throw new IllegalArgumentException("shingleWords must be at least 1, got " + shingleWords);
    }
  }

  /**
   * article_id, its band hashes, and its representative: the smallest article_id with the same
   * normalised text (its own id when that text is empty).
   */
  private static Dataset<Row> withRepresentatives(Dataset<Row> signatures) {
    return signatures
        .select(col(Tables.ARTICLE_ID), col(Tables.NORMALISED_HASH), col(Tables.BANDS))
        .withColumn(
            REPRESENTATIVE,
            when(col(Tables.NORMALISED_HASH).isNull(), col(Tables.ARTICLE_ID))
                .otherwise(
                    min(col(Tables.ARTICLE_ID)).over(Window.partitionBy(Tables.NORMALISED_HASH))))
        .drop(Tables.NORMALISED_HASH);
  }

  /** (article_id, band, bucket) for each band hash of each signature, other columns kept. */
  private static Dataset<Row> buckets(Dataset<Row> signatures) {
    return signatures.select(
        col("*"), posexplode(col(Tables.BANDS)).as(new String[] {BAND, BUCKET}));
  }

  /**
   * The candidate pairs of the members of LSH buckets (article_id, is_added, band, bucket): (id_a
   * &lt; id_b, added_a, added_b). Members of a bucket of at most {@value #MAX_BUCKET} are paired
   * with each other. In a larger bucket (thousands of near-identical texts, or a band every text of
   * some template shares) all pairs would grow with the square of its size, so each member is
   * paired with the next {@value #NEIGHBOURS} members in id order: near-identical texts still end
   * in one story through the chain, and the candidates stay in proportion to the bucket. Such
   * buckets are logged (one small aggregation finds them; without them the search is as before).
   */
  private static Dataset<Row> bucketPairs(Dataset<Row> members) {
    Seq<String> bucket = seq(List.of(BAND, BUCKET));
    Dataset<Row> large =
        members
            .groupBy(BAND, BUCKET)
            .agg(count(lit(1)).as("_size"))
            .where(col("_size").gt(MAX_BUCKET));
    Row sizes = large.agg(count(lit(1)), coalesce(sum(col("_size")), lit(0L))).first();
    Dataset<Row> small = members;
    Dataset<Row> chained = null;
    if (sizes.getLong(0) > 0) {
      LOG.warn(
          "near-duplicate search: {} band buckets hold more than {} articles ({} memberships);"
              + " each of their articles is compared with its next {} in id order, not with all",
          sizes.getLong(0),
          MAX_BUCKET,
          sizes.getLong(1),
          NEIGHBOURS);
      small = members.join(large, bucket, "left_anti");
      Dataset<Row> ranked =
          members
              .join(large.select(BAND, BUCKET), bucket, "left_semi")
              .withColumn(
                  "_rank",
                  row_number().over(Window.partitionBy(BAND, BUCKET).orderBy(Tables.ARTICLE_ID)));
      chained =
          side(ranked, ID_A, "added_a")
              .withColumn(
                  "_rank", explode(sequence(col("_rank").plus(1), col("_rank").plus(NEIGHBOURS))))
              .join(side(ranked, ID_B, "added_b"), seq(List.of(BAND, BUCKET, "_rank")));
    }
    Dataset<Row> pairs =
        side(small, ID_A, "added_a")
            .join(side(small, ID_B, "added_b"), bucket)
            .where(col(ID_A).lt(col(ID_B)));
    List<Column> columns = List.of(col(ID_A), col(ID_B), col("added_a"), col("added_b"));
    Dataset<Row> result = pairs.select(columns.toArray(Column[]::new));
    // Ranks follow ids, so id_a < id_b in the chained pairs too.
    return chained == null
        ? result
        : result.unionByName(chained.select(columns.toArray(Column[]::new)));
  }

  /** One side of a bucket self-join: the member's id and added flag renamed. */
  private static Dataset<Row> side(Dataset<Row> members, String id, String added) {
    return members.withColumnRenamed(Tables.ARTICLE_ID, id).withColumnRenamed(IS_ADDED, added);
  }

  /** Pairs (article_id, smallest article_id with the same non-empty normalised text). */
  private static Dataset<Row> exactDuplicates(Dataset<Row> signed) {
    return signed
        .where(col(Tables.ARTICLE_ID).notEqual(col(REPRESENTATIVE)))
        .select(col(Tables.ARTICLE_ID), col(REPRESENTATIVE));
  }

  /**
   * Pairs (id_a &lt; id_b) of distinct texts whose shingle sets have Jaccard similarity of at least
   * the threshold: texts sharing a band hash are candidates, each verified exactly on the texts.
   * One article per normalised text takes part; its exact duplicates join its story through {@link
   * #exactDuplicates}.
   */
  private static Dataset<Row> similarPairs(
      Dataset<Row> articles, Dataset<Row> signed, double jaccardThreshold, int shingleWords) {
    Dataset<Row> members =
        buckets(signed.where(col(Tables.ARTICLE_ID).equalTo(col(REPRESENTATIVE))))
            .select(col(Tables.ARTICLE_ID), lit(false).as(IS_ADDED), col(BAND), col(BUCKET));
    Dataset<Row> candidates = bucketPairs(members).select(col(ID_A), col(ID_B)).distinct();
    return verified(
        candidates,
        articles.select(col(Tables.ARTICLE_ID), col(Tables.TEXT)),
        jaccardThreshold,
        shingleWords);
  }

  /** The candidate pairs (id_a, id_b) whose texts have at least the threshold's similarity. */
  private static Dataset<Row> verified(
      Dataset<Row> candidates, Dataset<Row> texts, double jaccardThreshold, int shingleWords) {
    UserDefinedFunction jaccard =
        udf(
            (UDF2<String, String, Double>) (x, y) -> MinHashBands.jaccard(x, y, shingleWords),
            DoubleType);
    Dataset<Row> textA =
        texts.select(col(Tables.ARTICLE_ID).as(ID_A), col(Tables.TEXT).as("text_a"));
    Dataset<Row> textB =
        texts.select(col(Tables.ARTICLE_ID).as(ID_B), col(Tables.TEXT).as("text_b"));
    return candidates
        .join(textA, ID_A)
        .join(textB, ID_B)
        .where(jaccard.apply(col("text_a"), col("text_b")).geq(jaccardThreshold))
        .select(col(ID_A), col(ID_B));
  }

  private static Seq<String> seq(List<String> names) {
    return CollectionConverters.asScala(names).toSeq();
  }

  /** The articles with their story (their own id when it has no root) and canonical flag. */
  private static Dataset<Row> withStories(Dataset<Row> articles, Dataset<Row> roots) {
    var byStory =
        Window.partitionBy(Tables.STORY_ID)
            .orderBy(col(Tables.DATE).asc_nulls_last(), col(Tables.ARTICLE_ID).asc());
    return articles
        .select(col(Tables.ARTICLE_ID), col(Tables.DATE))
        .join(storiesOf(roots), new String[] {Tables.ARTICLE_ID}, "left")
        .withColumn(Tables.STORY_ID, coalesce(col(Tables.STORY_ID), col(Tables.ARTICLE_ID)))
        .withColumn(Tables.IS_CANONICAL, row_number().over(byStory).equalTo(1))
        .select(col(Tables.ARTICLE_ID), col(Tables.STORY_ID), col(Tables.IS_CANONICAL));
  }

  /** The (id, root) rows of the components as (article_id, story_id). */
  private static Dataset<Row> storiesOf(Dataset<Row> roots) {
    return roots.select(
        col(ConnectedComponents.ID).as(Tables.ARTICLE_ID),
        col(ConnectedComponents.ROOT).as(Tables.STORY_ID));
  }
}
