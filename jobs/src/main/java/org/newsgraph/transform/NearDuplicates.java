package org.newsgraph.transform;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_intersect;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.MinHashLSH;
import org.apache.spark.ml.feature.MinHashLSHModel;
import org.apache.spark.ml.feature.NGram;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.newsgraph.tables.Tables;

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
 * <p>Method. Shingles are hashed into {@value #FEATURES} buckets (binary term vectors, as {@link
 * HashingTF} makes them) and candidate pairs found with {@link MinHashLSH} ({@value #HASH_TABLES}
 * hash tables, fixed seed) and {@code approxSimilarityJoin} at Jaccard distance {@code 1 -
 * jaccardThreshold} (plus a small margin). Every candidate is then verified on the exact shingle
 * sets, so no pair below the threshold is ever linked; LSH may miss a qualifying pair, with
 * probability {@code (1 - J)^}{@value #HASH_TABLES} for a pair of similarity J (at most 0.2^5 =
 * 0.03% at the default threshold), and a missed pair still ends in one story when other links
 * connect it. Exact duplicates are linked by hash alone, and only one text of each is compared.
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

  private static final int FEATURES = 1 << 20;
  private static final int HASH_TABLES = 5;
  private static final long SEED = 20180716L;

  // LSH keeps pairs strictly below its distance threshold, computed on hashed shingles: the
  // margin lets pairs on the threshold, or moved across it by a bucket collision, reach the exact
  // check.
  private static final double CANDIDATE_MARGIN = 0.01;

  private static final String NORMALISED = "normalised";
  private static final String TEXT_HASH = "text_hash";
  private static final String WORDS = "words";
  private static final String NGRAMS = "ngrams";
  private static final String SHINGLES = "shingles";
  private static final String FEATURES_COL = "features";
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
    // Exact duplicates, similarity candidates and their verification all read the shingles.
    Dataset<Row> shingled =
        shingled(articles, shingleWords).persist(StorageLevel.MEMORY_AND_DISK());
    Map<String, String> storyOf;
    try {
      UnionFind components = new UnionFind();
      for (Row pair : exactDuplicates(shingled).collectAsList()) {
        components.union(pair.getString(0), pair.getString(1));
      }
      for (Row pair : similarPairs(shingled, jaccardThreshold).collectAsList()) {
        components.union(pair.getString(0), pair.getString(1));
      }
      storyOf = components.roots();
    } finally {
      shingled.unpersist();
    }
    return withStories(articles, storyOf);
  }

  /**
   * article_id, its shingles and their hashed vector, and its representative: the smallest
   * article_id with the same normalised text (its own id when that text is empty).
   */
  private static Dataset<Row> shingled(Dataset<Row> articles, int shingleWords) {
    Column normalised =
        trim(
            regexp_replace(
                regexp_replace(lower(coalesce(col(Tables.TEXT), lit(""))), "\\p{P}", ""),
                "[\\s\\p{Z}]+",
                " "));
    Dataset<Row> words =
        articles
            .select(col(Tables.ARTICLE_ID), normalised.as(NORMALISED))
            .select(
                col(Tables.ARTICLE_ID),
                when(length(col(NORMALISED)).gt(0), sha2(col(NORMALISED), 256)).as(TEXT_HASH),
                filter(split(col(NORMALISED), " "), w -> length(w).gt(0)).as(WORDS));
    Dataset<Row> ngrams =
        new NGram().setN(shingleWords).setInputCol(WORDS).setOutputCol(NGRAMS).transform(words);
    Dataset<Row> shingles =
        ngrams.select(
            col(Tables.ARTICLE_ID),
            col(TEXT_HASH),
            array_distinct(when(size(col(NGRAMS)).gt(0), col(NGRAMS)).otherwise(col(WORDS)))
                .as(SHINGLES));
    return new HashingTF()
        .setInputCol(SHINGLES)
        .setOutputCol(FEATURES_COL)
        .setNumFeatures(FEATURES)
        .setBinary(true)
        .transform(shingles)
        .withColumn(
            REPRESENTATIVE,
            when(col(TEXT_HASH).isNull(), col(Tables.ARTICLE_ID))
                .otherwise(min(col(Tables.ARTICLE_ID)).over(Window.partitionBy(TEXT_HASH))))
        .drop(TEXT_HASH);
  }

  /** Pairs (article_id, smallest article_id with the same non-empty normalised text). */
  private static Dataset<Row> exactDuplicates(Dataset<Row> shingled) {
    return shingled
        .where(col(Tables.ARTICLE_ID).notEqual(col(REPRESENTATIVE)))
        .select(col(Tables.ARTICLE_ID), col(REPRESENTATIVE));
  }

  /**
   * Pairs (id_a &lt; id_b) of distinct texts whose shingle sets have Jaccard similarity of at least
   * the threshold: LSH candidates, each verified exactly. One article per normalised text takes
   * part; its exact duplicates join its story through {@link #exactDuplicates}.
   */
  private static Dataset<Row> similarPairs(Dataset<Row> shingled, double jaccardThreshold) {
    Dataset<Row> distinctTexts =
        shingled
            .where(col(Tables.ARTICLE_ID).equalTo(col(REPRESENTATIVE)))
            .where(size(col(SHINGLES)).gt(0))
            .select(col(Tables.ARTICLE_ID), col(FEATURES_COL));
    Dataset<Row> candidates =
        lsh(shingled.sparkSession())
            .approxSimilarityJoin(
                distinctTexts, distinctTexts, 1 - jaccardThreshold + CANDIDATE_MARGIN, "distance")
            .select(
                col("datasetA." + Tables.ARTICLE_ID).as(ID_A),
                col("datasetB." + Tables.ARTICLE_ID).as(ID_B))
            .where(col(ID_A).lt(col(ID_B)));
    Dataset<Row> shinglesA =
        shingled.select(col(Tables.ARTICLE_ID).as(ID_A), col(SHINGLES).as("shingles_a"));
    Dataset<Row> shinglesB =
        shingled.select(col(Tables.ARTICLE_ID).as(ID_B), col(SHINGLES).as("shingles_b"));
    Column common = size(array_intersect(col("shingles_a"), col("shingles_b"))).cast("double");
    // Shingle arrays hold distinct values, so |A u B| = |A| + |B| - |A n B|.
    Column union = size(col("shingles_a")).plus(size(col("shingles_b"))).minus(common);
    return candidates
        .join(shinglesA, ID_A)
        .join(shinglesB, ID_B)
        .where(common.divide(union).geq(jaccardThreshold))
        .select(col(ID_A), col(ID_B));
  }

  /**
   * MinHash LSH over the shingle vectors. The model depends only on the vector size and the seed,
   * so it is fitted on a single vector of that size rather than on the articles (which may be
   * none).
   */
  private static MinHashLSHModel lsh(SparkSession spark) {
    StructType schema =
        createStructType(
            List.of(createStructField(FEATURES_COL, SQLDataTypes.VectorType(), false)));
    Dataset<Row> oneVector =
        spark.createDataFrame(
            List.of(RowFactory.create(Vectors.sparse(FEATURES, new int[] {0}, new double[] {1}))),
            schema);
    return new MinHashLSH()
        .setNumHashTables(HASH_TABLES)
        .setSeed(SEED)
        .setInputCol(FEATURES_COL)
        .setOutputCol("hashes")
        .fit(oneVector);
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
