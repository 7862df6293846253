package org.newsgraph.annotate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.newsgraph.tables.Tables;
import org.newsgraph.testing.SparkTestSession;

/**
 * Annotation partitions packed by words: each article in exactly one partition with its columns
 * unchanged, partitions of near-equal words whatever the spread of article lengths, the counts the
 * progress lines use equal to what the partitions hold, and the progress line's figures.
 */
class TextPartitionsTest extends SparkTestSession {

  private static final StructType SCHEMA =
      new StructType()
          .add(Tables.ARTICLE_ID, DataTypes.StringType)
          .add(Tables.TEXT, DataTypes.StringType)
          .add("other", DataTypes.IntegerType);

  @Test
  void partitionCountFollowsWordsWithinCoresAndArticles() {
    assertThat(TextPartitions.partitions(400, 370_000, 20_000, 2))
        .as("words / target, rounded up to a multiple of the cores")
        .isEqualTo(20);
    assertThat(TextPartitions.partitions(400, 360_000, 20_000, 2))
        .as("words / target")
        .isEqualTo(18);
    assertThat(TextPartitions.partitions(3, 360_000, 20_000, 2))
        .as("at most the articles")
        .isEqualTo(3);
    assertThat(TextPartitions.partitions(20, 9_000, 20_000, 2))
        .as("at least the cores")
        .isEqualTo(2);
    assertThat(TextPartitions.partitions(1, 90_000, 20_000, 2))
        .as("at most the articles")
        .isEqualTo(1);
    assertThat(TextPartitions.partitions(0, 0, 20_000, 2)).as("no articles").isEqualTo(1);
  }

  @Test
  void snakeOrderDealsRanksBackAndForth() {
    List<Integer> slots = new ArrayList<>();
    for (int rank = 0; rank < 9; rank++) {
      slots.add(TextPartitions.slot(rank, 3));
    }
    assertThat(slots).as("slots of ranks 0..8 over 3").containsExactly(0, 1, 2, 2, 1, 0, 0, 1, 2);
  }

  @Test
  void packsEveryArticleOnceIntoPartitionsOfNearEqualWords() {
    Random random = new Random(17);
    List<Row> rows = new ArrayList<>();
    Map<String, Integer> wordsById = new HashMap<>();
    int longest = 0;
    for (int i = 0; i < 300; i++) {
      // Lengths from 1 to ~3,000 words, heavily skewed as news is (a few long features).
      int words = 1 + (int) Math.round(Math.pow(random.nextDouble(), 4) * 3000);
      longest = Math.max(longest, words);
      String id = "a" + i;
      wordsById.put(id, words);
      rows.add(RowFactory.create(id, "word ".repeat(words).strip(), i));
    }
    Dataset<Row> articles = spark.createDataFrame(rows, SCHEMA).repartition(3);

    TextPartitions.Plan plan = TextPartitions.pack(spark, articles, 20_000, 2);

    long total = wordsById.values().stream().mapToLong(Integer::longValue).sum();
    long byWords = (total + 19_999) / 20_000;
    assertThat(plan.partitions()).as("partitions").isEqualTo((int) (byWords + byWords % 2));
    assertThat(plan.totalArticles()).as("articles planned").isEqualTo(300);
    assertThat(plan.totalWords()).as("words planned").isEqualTo(total);
    assertThat(plan.rows().columns()).as("columns").containsExactly(SCHEMA.fieldNames());
    List<List<Row>> partitions = plan.rows().javaRDD().glom().collect();
    assertThat(partitions).as("partitions of the rows").hasSize(plan.partitions());
    Map<String, Integer> seen = new HashMap<>();
    for (int p = 0; p < partitions.size(); p++) {
      long words = 0;
      for (Row row : partitions.get(p)) {
        String id = row.getString(0);
        assertThat(seen.put(id, p)).as("article " + id + " in one partition").isNull();
        assertThat(row.getInt(2))
            .as("other column of " + id)
            .isEqualTo(Integer.parseInt(id.substring(1)));
        words += wordsById.get(id);
      }
      assertThat(partitions.get(p).size())
          .as("articles of partition " + p)
          .isEqualTo(plan.articles()[p]);
      assertThat(words).as("words of partition " + p).isEqualTo(plan.words()[p]);
      assertThat(Math.abs(words - total / (double) plan.partitions()))
          .as("partition " + p + " off the mean by at most the longest article")
          .isLessThanOrEqualTo(longest);
    }
    assertThat(seen).as("articles packed").hasSize(300);
  }

  @Test
  void progressLineGivesCountsRateAndTimeLeft() {
    TextPartitions.Plan plan =
        new TextPartitions.Plan(null, 2, new long[] {10, 30}, new long[] {1_000_000, 3_000_000});
    AnnotationProgress progress = new AnnotationProgress("g", plan, 30);
    assertThat(progress.line(10, 1_000_000, 250_000_000_000L))
        .as("a quarter done in 250 s")
        .isEqualTo(
            "10 of 40 articles (25.0%), 1.0 M of 4.0 M words, 4,000 words/s, about 12 min 30 s left");
    assertThat(progress.line(40, 4_000_000, 1_000_000_000_000L))
        .as("all done")
        .endsWith("4,000 words/s, done");
    assertThat(AnnotationProgress.duration(7_380)).as("hours").isEqualTo("2 h 3 min");
  }
}
