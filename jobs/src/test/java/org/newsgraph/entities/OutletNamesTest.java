package org.newsgraph.entities;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.newsgraph.tables.Tables;
import org.newsgraph.testing.SparkTestSession;
import org.newsgraph.testing.TestTables;
import org.newsgraph.udfs.RowBuilder;

/** Tests {@link OutletNames}: places that start the name of one of the corpus's outlets. */
class OutletNamesTest extends SparkTestSession {

  private static final Date DAY = Date.valueOf("2019-02-14");
  private static final RowBuilder MENTION_ROWS = new RowBuilder(Tables.MENTIONS_TABLE.schema());

  // Hand-written in the shape of the bylines and attributions of the corpus's news.
  private static final String BYLINE =
      "Jane Roe, USA TODAY WASHINGTON – The United States and USA Today agreed. Officials told"
          + " USA TODAY's editors. A USA tour began.";
  private static final String TIMES =
      "In Washington times are hard. The Washington Times reported it. A Washington Timesheet"
          + " and the New York Times too.";

  @Test
  void aPlaceThatStartsTheNameOfAnOutletOfTheCorpusIsTheOutlet() {
    List<Row> articles =
        List.of(
            TestTables.article("byline", DAY, "USA TODAY", BYLINE),
            TestTables.article("times", DAY, "Washington Times - News", TIMES),
            TestTables.article("other", DAY, "CNN (Web News)", "CNN Tonight aired."));
    List<Row> mentions = new ArrayList<>();
    mentions.addAll(
        mentions(
            "byline",
            BYLINE,
            new String[][] {
              {"USA", "United States", "LOCATION"},
              {"WASHINGTON", "Washington", "LOCATION"},
              {"United States", "United States", "LOCATION"},
              {"USA", "United States", "LOCATION"},
              {"USA", "USA", "ORGANIZATION", "same place"},
              {"USA", "United States", "LOCATION"},
              {"USA", "United States", "LOCATION"}
            }));
    mentions.addAll(
        mentions(
            "times",
            TIMES,
            new String[][] {
              {"Washington", "Washington", "LOCATION"},
              {"Washington", "Washington", "LOCATION"},
              {"Washington", "Washington", "LOCATION"},
              {"New York", "New York", "LOCATION"}
            }));
    Dataset<Row> all = spark.createDataFrame(mentions, Tables.MENTIONS_TABLE.schema());
    Dataset<Row> kept =
        OutletNames.without(
            all,
            OutletNames.placesOfOutlets(
                all, spark.createDataFrame(articles, Tables.ARTICLES.schema())));
    assertThat(surfaces(kept, "byline"))
        .as(
            "the places of 'USA TODAY', 'USA Today' and 'USA TODAY's' are the outlet; the other"
                + " places, an organisation there and 'USA tour' stay")
        .containsExactly(
            "WASHINGTON@" + BYLINE.indexOf("WASHINGTON"),
            "United States@" + BYLINE.indexOf("United States"),
            "USA@" + BYLINE.indexOf("USA Today"),
            "USA@" + BYLINE.indexOf("USA tour"));
    assertThat(surfaces(kept, "times"))
        .as(
            "the place of 'The Washington Times' is the outlet; not before 'times' in lower case"
                + " nor before a longer word, and no outlet of the corpus is the New York Times")
        .containsExactly(
            "Washington@" + TIMES.indexOf("Washington times"),
            "Washington@" + TIMES.indexOf("Washington Timesheet"),
            "New York@" + TIMES.indexOf("New York"));
  }

  private static List<String> surfaces(Dataset<Row> mentions, String article) {
    List<String> found = new ArrayList<>();
    for (Row r :
        mentions
            .where(col(Tables.ARTICLE_ID).equalTo(article))
            .orderBy(Tables.CHAR_BEGIN, Tables.ENTITY_TYPE)
            .collectAsList()) {
      found.add(r.getAs(Tables.SURFACE) + "@" + r.getAs(Tables.CHAR_BEGIN));
    }
    return found;
  }

  /**
   * The mentions (surface, entity, type) of an article, each at the next place of its surface in
   * the text.
   */
  private static List<Row> mentions(String article, String text, String[][] tagged) {
    List<Row> rows = new ArrayList<>();
    int from = 0;
    int previous = -1;
    for (String[] m : tagged) {
      // A fourth field puts a second mention at the place of the one before.
      int at = m.length > 3 ? previous : text.indexOf(m[0], from);
      rows.add(
          MENTION_ROWS
              .row()
              .set(Tables.ARTICLE_ID, article)
              .set(Tables.DATE, DAY)
              .set(Tables.SENTENCE_INDEX, 0)
              .set(Tables.ENTITY, m[1])
              .set(Tables.ENTITY_TYPE, m[2])
              .set(Tables.MENTION_TYPE, m[2])
              .set(Tables.RESOLUTION, "exact")
              .set(Tables.SURFACE, m[0])
              .set(Tables.CHAR_BEGIN, at)
              .set(Tables.CHAR_END, at + m[0].length())
              .set(Tables.SENTIMENT_LABEL, null)
              .set(Tables.SENTIMENT_SCORE, null)
              .set(Tables.STORY_ID, article)
              .set(Tables.SOURCE, null)
              .set(Tables.SETTINGS_SIGNATURE, "sig")
              .build());
      previous = at;
      from = at + m[0].length();
    }
    return rows;
  }
}
