package org.newsgraph.annotate;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.struct;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.newsgraph.tables.Tables;
import scala.Tuple2;

/**
 * Annotation partitions packed by text volume: CoreNLP's time grows with the words of a document,
 * so partitions of equal article counts finish at very different times and leave cores idle at the
 * end. The articles are ranked by words (longest first, then by id) and dealt to the partitions in
 * snake order (0..P-1, then P-1..0, ...), so every partition gets about {@code total / P} words and
 * no two partitions differ by more than the longest article.
 *
 * <p>P is the words over the target words per partition, rounded up to a multiple of the cores (a
 * small input keeps every core busy, and so does the last round of tasks) and at most the articles
 * (no empty partition). The plan knows the articles and words of every partition before annotation
 * starts, which is what the progress lines count ({@link AnnotationProgress}). Only the ids and
 * word counts of the articles travel to the driver, which ranks them and sends each id's partition
 * back in a broadcast join; the texts are shuffled once, into their partitions.
 */
public final class TextPartitions {

  /**
   * The packed articles.
   *
   * @param rows the input rows (their columns unchanged) in {@code partitions} partitions
   * @param partitions the number of partitions
   * @param articles articles per partition, by partition index
   * @param words words per partition, by partition index
   */
  public record Plan(Dataset<Row> rows, int partitions, long[] articles, long[] words) {

    public long totalArticles() {
      long n = 0;
      for (long a : articles) {
        n += a;
      }
      return n;
    }

    public long totalWords() {
      long n = 0;
      for (long w : words) {
        n += w;
      }
      return n;
    }
  }

  private static final String WORDS = "_newsgraph_words";
  private static final String SLOT = "_newsgraph_slot";
  private static final String ROW = "_newsgraph_row";

  private TextPartitions() {}

  /**
   * Packs {@code articles} (any rows with a {@link Tables#TEXT} and a unique {@link
   * Tables#ARTICLE_ID} column) into partitions of about {@code wordsPerPartition} words.
   */
  public static Plan pack(
      SparkSession spark, Dataset<Row> articles, long wordsPerPartition, int cores) {
    Dataset<Row> withWords =
        articles.withColumn(
            WORDS, coalesce(size(split(col(Tables.TEXT), "\\s+")), lit(0)).cast("long"));
    // Only ids and word counts travel to the driver; it ranks them (longest first, then by id).
    List<Row> lengths =
        new ArrayList<>(withWords.select(col(Tables.ARTICLE_ID), col(WORDS)).collectAsList());
    lengths.sort(
        Comparator.<Row>comparingLong(r -> -r.getLong(1)).thenComparing(r -> r.getString(0)));
    long total = 0;
    for (Row r : lengths) {
      total += r.getLong(1);
    }
    int p = partitions(lengths.size(), total, wordsPerPartition, cores);
    long[] perArticles = new long[p];
    long[] perWords = new long[p];
    List<Row> slots = new ArrayList<>(lengths.size());
    for (int rank = 0; rank < lengths.size(); rank++) {
      int slot = slot(rank, p);
      perArticles[slot]++;
      perWords[slot] += lengths.get(rank).getLong(1);
      slots.add(RowFactory.create(lengths.get(rank).getString(0), slot));
    }
    StructType slotSchema =
        new StructType()
            .add(Tables.ARTICLE_ID, DataTypes.StringType, false)
            .add(SLOT, DataTypes.IntegerType, false);
    Dataset<Row> slotted =
        articles.join(broadcast(spark.createDataFrame(slots, slotSchema)), Tables.ARTICLE_ID);
    Dataset<Row> ordered =
        slotted.select(slotted.col(SLOT), struct(articleColumns(articles)).as(ROW));
    JavaRDD<Row> packed =
        ordered
            .javaRDD()
            .mapToPair(r -> new Tuple2<>(r.getInt(0), r.getStruct(1)))
            .partitionBy(new SlotPartitioner(p))
            .values();
    return new Plan(spark.createDataFrame(packed, articles.schema()), p, perArticles, perWords);
  }

  private static Column[] articleColumns(Dataset<Row> articles) {
    String[] names = articles.columns();
    Column[] columns = new Column[names.length];
    for (int i = 0; i < names.length; i++) {
      columns[i] = articles.col(names[i]);
    }
    return columns;
  }

  /**
   * The number of partitions: {@code ceil(words / wordsPerPartition)} rounded up to a multiple of
   * {@code cores} (so that the last round of tasks keeps every core busy), at most {@code
   * articles}, and 1 for no articles.
   */
  static int partitions(long articles, long words, long wordsPerPartition, int cores) {
    long byWords = (words + wordsPerPartition - 1) / wordsPerPartition;
    long rounds = Math.max(1, (byWords + cores - 1) / cores);
    long p = Math.min(articles, rounds * cores);
    return (int) Math.max(1, Math.min(p, Integer.MAX_VALUE));
  }

  /** The partition of the article of this rank (0 = most words): snake order over {@code p}. */
  static int slot(long rank, int p) {
    long round = rank / p;
    int pos = (int) (rank % p);
    return round % 2 == 0 ? pos : p - 1 - pos;
  }

  /** Sends a row to the partition its slot names. */
  private static final class SlotPartitioner extends Partitioner {
    private final int partitions;

    SlotPartitioner(int partitions) {
      this.partitions = partitions;
    }

    @Override
    public int numPartitions() {
      return partitions;
    }

    @Override
    public int getPartition(Object key) {
      return (Integer) key;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof SlotPartitioner s && s.partitions == partitions;
    }

    @Override
    public int hashCode() {
      return partitions;
    }
  }
}
