package org.newsgraph.transform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.newsgraph.tables.Tables;
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
 * text of each is compared.
 *
 * <p>Connected components are found on the driver: the linked pairs (not the articles) are
 * collected and merged with a union-find, then the article-to-story mapping of the articles in
 * multi-article stories is joined back. That is fine while linked pairs (and articles in
 * multi-article stories) number in the millions at most. The output is deterministic: the same
 * input gives the same rows on every run.
 */
public final class NearDuplicates {

  public static final double DEFAULT_JACCARD_THRESHOLD = 0.8;
  public static final int DEFAULT_SHINGLE_WORDS = 5;

  private static final int BANDS = 20;
  private static final int ROWS = 5;
  private static final long SEED = 20180716L;

  private static final String TEXT_HASH = "text_hash";
  private static final String BANDS_COL = "bands";
  private static final String REPRESENTATIVE = "representative";
  private static final String ID_A = "id_a";
  private static final String ID_B = "id_b";

  private NearDuplicates() {}

  /** {@link #stories(Dataset, double, int)} with Jaccard threshold 0.8 and 5-word shingles. */
  public static Dataset<Row> stories(Dataset<Row> articles) {
    return stories(articles, DEFAULT_JACCARD_THRESHOLD, DEFAULT_SHINGLE_WORDS);
  }

  /**
   * The story of every article; see the class comment for the definition. The pairs are found and
   * collected during the call (Spark jobs run here); the returned rows read the articles' ids and
   * dates again, so an expensive {@code articles} is worth caching.
   *
   * @param jaccardThreshold the least Jaccard similarity of shingle sets that links two articles,
   *     in (0, 1]
   * @param shingleWords words per shingle, at least 1
   */
  public static Dataset<Row> stories(
      Dataset<Row> articles, double jaccardThreshold, int shingleWords) {
    if (!(jaccardThreshold > 0 && jaccardThreshold <= 1)) {
      throw new IllegalArgumentException(
          "jaccardThreshold must be in (0, 1], got " + jaccardThreshold);
    }
    if (shingleWords < 1) {
      throw new IllegalArgumentException("shingleWords must be at least 1, got " + shingleWords);
    }
    // Exact duplicates and similarity candidates both read the signatures: small, so cached.
    Dataset<Row> signed = signed(articles, shingleWords).persist(StorageLevel.MEMORY_AND_DISK());
    Map<String, String> storyOf;
    try {
      UnionFind components = new UnionFind();
      for (Row pair : exactDuplicates(signed).collectAsList()) {
        components.union(pair.getString(0), pair.getString(1));
      }
      for (Row pair :
          similarPairs(articles, signed, jaccardThreshold, shingleWords).collectAsList()) {
        components.union(pair.getString(0), pair.getString(1));
      }
      storyOf = components.roots();
    } finally {
      signed.unpersist();
    }
    return withStories(articles, storyOf);
  }

  /**
   * article_id, its band hashes, and its representative: the smallest article_id with the same
   * normalised text (its own id when that text is empty). The per-word work runs in plain Java
   * ({@link MinHashBands}); no shingle strings are kept.
   */
  private static Dataset<Row> signed(Dataset<Row> articles, int shingleWords) {
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
                  return RowFactory.create(
                      normalised.isEmpty() ? null : MinHashBands.sha256(normalised), bands);
                },
            createStructType(
                List.of(
                    createStructField(TEXT_HASH, StringType, true),
                    createStructField(BANDS_COL, createArrayType(LongType, false), false))));
    return articles
        .select(col(Tables.ARTICLE_ID), signature.apply(col(Tables.TEXT)).as("s"))
        .select(
            col(Tables.ARTICLE_ID),
            col("s." + TEXT_HASH).as(TEXT_HASH),
            col("s." + BANDS_COL).as(BANDS_COL))
        .withColumn(
            REPRESENTATIVE,
            when(col(TEXT_HASH).isNull(), col(Tables.ARTICLE_ID))
                .otherwise(min(col(Tables.ARTICLE_ID)).over(Window.partitionBy(TEXT_HASH))))
        .drop(TEXT_HASH);
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
    Dataset<Row> buckets =
        signed
            .where(col(Tables.ARTICLE_ID).equalTo(col(REPRESENTATIVE)))
            .select(
                col(Tables.ARTICLE_ID),
                posexplode(col(BANDS_COL)).as(new String[] {"band", "bucket"}));
    Dataset<Row> a = buckets.select(col(Tables.ARTICLE_ID).as(ID_A), col("band"), col("bucket"));
    Dataset<Row> b = buckets.select(col(Tables.ARTICLE_ID).as(ID_B), col("band"), col("bucket"));
    Dataset<Row> candidates =
        a.join(b, seq(List.of("band", "bucket")))
            .where(col(ID_A).lt(col(ID_B)))
            .select(col(ID_A), col(ID_B))
            .distinct();
    UserDefinedFunction jaccard =
        udf(
            (UDF2<String, String, Double>) (x, y) -> MinHashBands.jaccard(x, y, shingleWords),
            DoubleType);
    Dataset<Row> textA =
        articles.select(col(Tables.ARTICLE_ID).as(ID_A), col(Tables.TEXT).as("text_a"));
    Dataset<Row> textB =
        articles.select(col(Tables.ARTICLE_ID).as(ID_B), col(Tables.TEXT).as("text_b"));
    return candidates
        .join(textA, ID_A)
        .join(textB, ID_B)
        .where(jaccard.apply(col("text_a"), col("text_b")).geq(jaccardThreshold))
        .select(col(ID_A), col(ID_B));
  }

  private static Seq<String> seq(List<String> names) {
    return CollectionConverters.asScala(names).toSeq();
  }

  /** The articles with their story (their own id when not in the mapping) and canonical flag. */
  private static Dataset<Row> withStories(Dataset<Row> articles, Map<String, String> storyOf) {
    List<Row> rows = new ArrayList<>(storyOf.size());
    storyOf.forEach((id, story) -> rows.add(RowFactory.create(id, story)));
    StructType schema =
        createStructType(
            List.of(
                createStructField(Tables.ARTICLE_ID, StringType, false),
                createStructField(Tables.STORY_ID, StringType, false)));
    Dataset<Row> mapping = articles.sparkSession().createDataFrame(rows, schema);
    var byStory =
        Window.partitionBy(Tables.STORY_ID)
            .orderBy(col(Tables.DATE).asc_nulls_last(), col(Tables.ARTICLE_ID).asc());
    return articles
        .select(col(Tables.ARTICLE_ID), col(Tables.DATE))
        .join(mapping, new String[] {Tables.ARTICLE_ID}, "left")
        .withColumn(Tables.STORY_ID, coalesce(col(Tables.STORY_ID), col(Tables.ARTICLE_ID)))
        .withColumn(Tables.IS_CANONICAL, row_number().over(byStory).equalTo(1))
        .select(col(Tables.ARTICLE_ID), col(Tables.STORY_ID), col(Tables.IS_CANONICAL));
  }

  /**
   * Union-find over article ids in which the smaller root always becomes the parent, so every root
   * is the smallest id of its component.
   */
  private static final class UnionFind {
    private final Map<String, String> parent = new HashMap<>();

    void union(String a, String b) {
      String rootA = find(a);
      String rootB = find(b);
      int order = rootA.compareTo(rootB);
      if (order < 0) {
        parent.put(rootB, rootA);
      } else if (order > 0) {
        parent.put(rootA, rootB);
      }
    }

    String find(String id) {
      String root = id;
      while (parent.containsKey(root)) {
        root = parent.get(root);
      }
      // Path compression: point every id on the way straight at the root.
      String next = id;
      while (!next.equals(root)) {
        next = parent.put(next, root);
      }
      return root;
    }

    /** Every id that is not the smallest of its component, mapped to that smallest id. */
    Map<String, String> roots() {
      Map<String, String> roots = new HashMap<>();
      for (String id : new ArrayList<>(parent.keySet())) {
        roots.put(id, find(id));
      }
      return roots;
    }
  }
}
