package org.newsgraph.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsgraph.jobs.SparkTestSession;
import org.newsgraph.tables.Tables;

/**
 * Tests {@link DailyCounts} on a hand-built mentions table: entity_daily and comention_daily values
 * against counts and means worked out by hand.
 */
class DailyCountsTest extends SparkTestSession {

  private static final String D1 = "2018-07-16";
  private static final String D2 = "2018-07-17";
  private static final String PUTIN = "Vladimir Putin";
  private static final String TRUMP = "Donald Trump";
  private static final String NATO = "NATO";
  private static final String HELSINKI = "Helsinki";
  private static final List<String> ENTITY_TYPES =
      List.of("PERSON", "ORGANIZATION", "LOCATION", "MISC");
  private static final List<String> PAIR_TYPES = List.of("PERSON", "ORGANIZATION", "LOCATION");

  private static Dataset<Row> mentions;

  /*
   * The mentions, by article and sentence (score in brackets):
   *
   * a1, D1  s0 [0.5]   Vladimir Putin, Vladimir Putin, Donald Trump
   *         s1 [-0.25] Vladimir Putin, Helsinki (LOCATION), Russian (MISC)
   *         s2 [null]  Donald Trump, Monday (DATE)
   *         s3 [1.0]   NATO (ORGANIZATION)
   * a2, D1  s0 [-1.0]  Donald Trump, NATO
   *         s1 [null]  Vladimir Putin
   * a3, D2  s0 [0.25]  Vladimir Putin, Donald Trump
   *         s1 [null]  Donald Trump, Vladimir Putin
   */
  @BeforeAll
  static void buildMentions() {
    List<Row> rows = new ArrayList<>();
    rows.add(mention("a1", D1, 0, PUTIN, "PERSON", 0.5));
    rows.add(mention("a1", D1, 0, PUTIN, "PERSON", 0.5));
    rows.add(mention("a1", D1, 0, TRUMP, "PERSON", 0.5));
    rows.add(mention("a1", D1, 1, PUTIN, "PERSON", -0.25));
    rows.add(mention("a1", D1, 1, HELSINKI, "LOCATION", -0.25));
    rows.add(mention("a1", D1, 1, "Russian", "MISC", -0.25));
    rows.add(mention("a1", D1, 2, TRUMP, "PERSON", null));
    rows.add(mention("a1", D1, 2, "Monday", "DATE", null));
    rows.add(mention("a1", D1, 3, NATO, "ORGANIZATION", 1.0));
    rows.add(mention("a2", D1, 0, TRUMP, "PERSON", -1.0));
    rows.add(mention("a2", D1, 0, NATO, "ORGANIZATION", -1.0));
    rows.add(mention("a2", D1, 1, PUTIN, "PERSON", null));
    rows.add(mention("a3", D2, 0, PUTIN, "PERSON", 0.25));
    rows.add(mention("a3", D2, 0, TRUMP, "PERSON", 0.25));
    rows.add(mention("a3", D2, 1, TRUMP, "PERSON", null));
    rows.add(mention("a3", D2, 1, PUTIN, "PERSON", null));
    mentions = spark.createDataFrame(rows, Tables.MENTIONS_TABLE.schema());
  }

  private static Row mention(
      String article, String date, int sentence, String entity, String type, Double score) {
    return RowFactory.create(
        article,
        Date.valueOf(date),
        sentence,
        entity,
        type,
        "exact",
        entity,
        0,
        entity.length(),
        null,
        score,
        "test");
  }

  /** Rows as "date | entity | type | mentions | documents | sentiment_mean | sentences". */
  private static List<String> entityRows(Dataset<Row> df) {
    List<String> out = new ArrayList<>();
    for (Row r : df.collectAsList()) {
      out.add(
          String.join(
              " | ",
              r.getAs(Tables.DATE).toString(),
              r.getAs(Tables.ENTITY),
              r.getAs(Tables.ENTITY_TYPE),
              String.valueOf((Object) r.getAs(Tables.MENTIONS)),
              String.valueOf((Object) r.getAs(Tables.DOCUMENTS)),
              String.valueOf((Object) r.getAs(Tables.SENTIMENT_MEAN)),
              String.valueOf((Object) r.getAs(Tables.SENTIMENT_SENTENCES))));
    }
    return out;
  }

  /** Rows as "date | a | b | documents | sentences | sentiment_mean | sentiment_sentences". */
  private static List<String> pairRows(Dataset<Row> df) {
    List<String> out = new ArrayList<>();
    for (Row r : df.collectAsList()) {
      out.add(
          String.join(
              " | ",
              r.getAs(Tables.DATE).toString(),
              r.getAs(Tables.ENTITY_A),
              r.getAs(Tables.ENTITY_B),
              String.valueOf((Object) r.getAs(Tables.DOCUMENTS)),
              String.valueOf((Object) r.getAs(Tables.SENTENCES)),
              String.valueOf((Object) r.getAs(Tables.SENTIMENT_MEAN)),
              String.valueOf((Object) r.getAs(Tables.SENTIMENT_SENTENCES))));
    }
    return out;
  }

  @Test
  void entityDailyCountsMentionsDocumentsAndSentenceSentiment() {
    assertThat(entityRows(DailyCounts.entityDaily(mentions, ENTITY_TYPES)))
        .as("entity_daily rows")
        .containsExactlyInAnyOrder(
            // 4 mentions (twice in a1 s0); a1 and a2; sentences a1s0 0.5, a1s1 -0.25, a2s1 null:
            // mean (0.5 - 0.25) / 2 = 0.125 over 2 scored sentences (0.25 if weighted by mention).
            D1 + " | Vladimir Putin | PERSON | 4 | 2 | 0.125 | 2",
            // a1s0 0.5, a1s2 null, a2s0 -1.0: mean (0.5 - 1.0) / 2 = -0.25.
            D1 + " | Donald Trump | PERSON | 3 | 2 | -0.25 | 2",
            D1 + " | Helsinki | LOCATION | 1 | 1 | -0.25 | 1",
            D1 + " | Russian | MISC | 1 | 1 | -0.25 | 1",
            // a1s3 1.0, a2s0 -1.0: mean 0.
            D1 + " | NATO | ORGANIZATION | 2 | 2 | 0.0 | 2",
            // a3s0 0.25, a3s1 null.
            D2 + " | Vladimir Putin | PERSON | 2 | 1 | 0.25 | 1",
            D2 + " | Donald Trump | PERSON | 2 | 1 | 0.25 | 1");
  }

  @Test
  void entityDailyKeepsOnlyTheGivenTypes() {
    assertThat(entityRows(DailyCounts.entityDaily(mentions, List.of("LOCATION", "DATE"))))
        .as("entity_daily rows of LOCATION and DATE only")
        .containsExactlyInAnyOrder(
            D1 + " | Helsinki | LOCATION | 1 | 1 | -0.25 | 1",
            // Monday is only in a1s2, which has no sentiment.
            D1 + " | Monday | DATE | 1 | 1 | null | 0");
  }

  @Test
  void entityDailyHasTheTableSchema() {
    assertThat(DailyCounts.entityDaily(mentions, ENTITY_TYPES).schema().fieldNames())
        .as("columns of entity_daily")
        .containsExactlyInAnyOrder(
            "date",
            "entity",
            "entity_type",
            "mentions",
            "documents",
            "sentiment_mean",
            "sentiment_sentences");
  }

  @Test
  void comentionDailyCountsDocumentsAndSentencesOfEachPair() {
    assertThat(pairRows(DailyCounts.comentionDaily(mentions, PAIR_TYPES)))
        .as("comention_daily rows")
        .containsExactlyInAnyOrder(
            // Documents on D1: a1 {Putin, Trump, Helsinki, NATO}, a2 {Trump, NATO, Putin}.
            // Sentences with two entities of pair types: a1s0 {Putin, Trump} 0.5,
            // a1s1 {Putin, Helsinki} -0.25, a2s0 {Trump, NATO} -1.0. Russian (MISC) and
            // Monday (DATE) are not paired.
            D1 + " | Donald Trump | Vladimir Putin | 2 | 1 | 0.5 | 1",
            D1 + " | Donald Trump | NATO | 2 | 1 | -1.0 | 1",
            D1 + " | Helsinki | Vladimir Putin | 1 | 1 | -0.25 | 1",
            D1 + " | NATO | Vladimir Putin | 2 | 0 | null | 0",
            D1 + " | Donald Trump | Helsinki | 1 | 0 | null | 0",
            D1 + " | Helsinki | NATO | 1 | 0 | null | 0",
            // D2: a3 only; both sentences hold both names, one scored 0.25, one unscored.
            D2 + " | Donald Trump | Vladimir Putin | 1 | 2 | 0.25 | 1");
  }

  @Test
  void comentionPairsAreOrderedAndNeverSelfPairs() {
    for (Row r : DailyCounts.comentionDaily(mentions, PAIR_TYPES).collectAsList()) {
      String a = r.getAs(Tables.ENTITY_A);
      String b = r.getAs(Tables.ENTITY_B);
      assertThat(a.compareTo(b)).as("entity_a < entity_b in pair %s / %s", a, b).isNegative();
    }
  }

  @Test
  void comentionDailyPairsOnlyTheGivenTypes() {
    assertThat(pairRows(DailyCounts.comentionDaily(mentions, List.of("PERSON", "DATE"))))
        .as("pairs of PERSON and DATE names only")
        .containsExactlyInAnyOrder(
            // a1 has Putin, Trump and Monday; a2 Trump and Putin; sentence a1s2 holds
            // Trump and Monday (no sentiment); a1s0 and a2's sentences as above.
            D1 + " | Donald Trump | Vladimir Putin | 2 | 1 | 0.5 | 1",
            D1 + " | Donald Trump | Monday | 1 | 1 | null | 0",
            D1 + " | Monday | Vladimir Putin | 1 | 0 | null | 0",
            D2 + " | Donald Trump | Vladimir Putin | 1 | 2 | 0.25 | 1");
  }
}
