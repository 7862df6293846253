package org.newsgraph.stories;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsgraph.tables.Tables;
import org.newsgraph.testing.SparkTestSession;
import org.newsgraph.testing.TestRules;

/**
 * {@link NearDuplicates} with its defaults on a real year: the 4,199 AllSides articles of 2018
 * (read from ../shared at run time, never copied into the project). Checks the number of
 * multi-article stories against what was measured, stories inspected by hand, and pairs of articles
 * on one event that must stay apart.
 */
class NearDuplicatesAllSidesIT extends SparkTestSession {

  private static final Path CORPUS =
      CORPORA.resolve("allsides-article-bias/allsides-2018.jsonl.gz");
  private static final StructType CORPUS_SCHEMA =
      createStructType(
          List.of(
              createStructField("id", StringType, false),
              createStructField("published", StringType, false),
              createStructField("source", StringType, true),
              createStructField("title", StringType, true),
              createStructField("text", StringType, false),
              createStructField("url", StringType, true)));

  private static final Map<String, String> storyOf = new HashMap<>();
  private static final Map<String, Boolean> canonical = new HashMap<>();
  private static final Map<String, Integer> storySizes = new TreeMap<>();

  @BeforeAll
  static void findStories() {
    assertThat(CORPUS)
        .as("the AllSides corpus, read from ../shared/corpora beside the project root")
        .isRegularFile();
    // A .gz file is one partition: spread the articles over both cores.
    Dataset<Row> articles =
        spark
            .read()
            .schema(CORPUS_SCHEMA)
            .json(CORPUS.toString())
            .select(
                col("id").as(Tables.ARTICLE_ID),
                to_date(col("published")).as(Tables.DATE),
                col("text").as(Tables.TEXT))
            .repartition(2);
    long start = System.nanoTime();
    for (Row r : TestRules.stories(articles).collectAsList()) {
      String id = r.getAs(Tables.ARTICLE_ID);
      String story = r.getAs(Tables.STORY_ID);
      storyOf.put(id, story);
      canonical.put(id, r.getAs(Tables.IS_CANONICAL));
      storySizes.merge(story, 1, Integer::sum);
    }
    System.out.printf(
        "NearDuplicatesAllSidesIT: %d articles, %d stories, %d with more than one article"
            + " holding %d articles (%.1f s)%n",
        storyOf.size(),
        storySizes.size(),
        multiArticleStories(),
        articlesInMultiArticleStories(),
        (System.nanoTime() - start) / 1e9);
  }

  private static long multiArticleStories() {
    return storySizes.values().stream().filter(n -> n > 1).count();
  }

  private static int articlesInMultiArticleStories() {
    return storySizes.values().stream().filter(n -> n > 1).mapToInt(Integer::intValue).sum();
  }

  @Test
  void everyArticleHasOneStoryAndEveryStoryOneCanonicalArticle() {
    assertThat(storyOf).as("articles with a story (SOURCE.md: 4,199 in 2018)").hasSize(4199);
    assertThat(canonical.values().stream().filter(c -> c).count())
        .as("canonical articles, one per story")
        .isEqualTo(storySizes.size());
  }

  @Test
  void multiArticleStoriesAreFewAsMeasured() {
    // Measured 2026-11-29: 3 multi-article stories holding 6 articles, the 3 checked below. An
    // exhaustive exact computation over all pairs (outside the project) found the same 3 pairs
    // at Jaccard >= 0.8, and no pair between 0.45 and 0.8: AllSides links one article per outlet
    // and event, so syndicated copies are rare. With the fixed seed the run is deterministic,
    // and the 3 stories below are the floor; the ceiling catches stories glued by boilerplate.
    assertThat(multiArticleStories()).as("stories with more than one article").isBetween(3L, 10L);
    assertThat(articlesInMultiArticleStories())
        .as("articles in stories with more than one article")
        .isBetween(6, 25);
  }

  @Test
  void storiesInspectedByHandAreFound() {
    // AP's "Democratic socialism surging in the age of Trump" (2018-07-21) and CBN's "Could
    // Democratic Socialism Take Control of the Democratic Party?" (2018-07-22): the same AP
    // story; CBN drops the photo captions and adds the AP copyright line (J = 0.93).
    assertThat(storyOf.get("allsides-pxu01RPJb0tZI2c4"))
        .as("story of the AP article (the CBN copy has the smaller id)")
        .isEqualTo("allsides-5T1XcI6oUzSsPwLA");
    assertThat(storyOf.get("allsides-5T1XcI6oUzSsPwLA"))
        .as("story of the CBN copy of the AP article")
        .isEqualTo("allsides-5T1XcI6oUzSsPwLA");
    assertThat(canonical.get("allsides-pxu01RPJb0tZI2c4"))
        .as("the AP article, a day before the CBN copy, is canonical")
        .isTrue();

    // Bloomberg's "Trump Roils Jobs Day With Thumbs-Up Tweet Before Data Released" and Newsmax's
    // "Kudlow on Trump Jobs Tweet" (both 2018-06-01): Bloomberg's text under a new headline,
    // without the share buttons, a photo credit and the closing credits (J = 0.87).
    assertThat(storyOf.get("allsides-GlyQjpAGol7wame3"))
        .as("story of the Newsmax copy of the Bloomberg article")
        .isEqualTo("allsides-EdiYzgxRFG6uX40G");
    assertThat(storyOf.get("allsides-EdiYzgxRFG6uX40G"))
        .as("story of the Bloomberg article")
        .isEqualTo("allsides-EdiYzgxRFG6uX40G");

    // Two USA TODAY crawls of one live page (same URL, 2018-12-15) under different headlines:
    // "President Trump: Ruling against Obamacare offers another chance..." and "White House:
    // Obamacare remains intact..."; one opens with the bylines, the other with a video caption
    // and ends with a tweet (J = 0.84).
    assertThat(storyOf.get("allsides-CyvxypLnQxy8o3aB"))
        .as("story of the second USA TODAY crawl")
        .isEqualTo("allsides-AxwOee6XBlkypGok");
    assertThat(storyOf.get("allsides-AxwOee6XBlkypGok"))
        .as("story of the first USA TODAY crawl")
        .isEqualTo("allsides-AxwOee6XBlkypGok");
  }

  @Test
  void articlesOnOneEventByDifferentWritersAreDifferentStories() {
    // AP's "Trump sends troops to border, pushing an issue key to base" and The Guardian's "US
    // plans to send 800 troops to border as caravan travels through Mexico" (2018-10-25): the
    // Guardian quotes some wire passages, but the articles differ (J = 0.34).
    assertThat(storyOf.get("allsides-A5ZYE42H2MkDfP0c"))
        .as("story of the AP troops-to-the-border article, apart from The Guardian's")
        .isNotEqualTo(storyOf.get("allsides-iK7MuLKJ8B4y9ZkM"));
    // The Washington Times' "Trump labels European Union, Russia, China 'foes' of U.S." and The
    // Hill's "Trump labels the European Union a 'foe'" (2018-07-15): they share only quotes from
    // the same interview (J = 0.12).
    assertThat(storyOf.get("allsides-7GK2mPl8eEywyjD1"))
        .as("story of the Washington Times 'foe' article, apart from The Hill's")
        .isNotEqualTo(storyOf.get("allsides-VHYxV9UVEGja5pID"));
  }
}
