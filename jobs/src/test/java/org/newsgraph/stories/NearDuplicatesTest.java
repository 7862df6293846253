package org.newsgraph.stories;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Date;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsgraph.tables.Tables;
import org.newsgraph.testing.SparkTestSession;
import org.newsgraph.testing.TestRules;

/**
 * Tests {@link NearDuplicates} on hand-made articles: exact and syndicated copies, a rewrite that
 * shares one paragraph, a chain of edits joined by transitivity, and texts too short or empty to
 * shingle. Expected Jaccard similarities are worked out by hand below and checked against an
 * independent shingling in {@link #jaccard}.
 */
class NearDuplicatesTest extends SparkTestSession {

  private static final String HEADLINE =
      "Harborview council approves emergency work on the Old Mill Bridge.";
  private static final String P1 =
      "The city council of Harborview voted seven to two on Monday night to spend four million"
          + " dollars on urgent repairs to the Old Mill Bridge, which engineers closed to heavy"
          + " trucks last month after inspectors found cracks in two of its steel support beams.";
  private static final String P2 =
      "Mayor Ellen Okafor said the vote ended weeks of uncertainty for commuters and for the"
          + " businesses along the river, many of which depend on deliveries that now take a"
          + " detour of almost twenty minutes through the industrial district north of the"
          + " harbor.";
  private static final String P3 =
      "Work is expected to begin in early September and to last about five months. During that"
          + " time the bridge will stay open to cars and buses in one lane each way, while"
          + " pedestrians will use a temporary walkway on its eastern side.";
  private static final String P4 =
      "The two council members who voted against the plan argued that the city should replace"
          + " the bridge entirely rather than patch a structure built in 1931. A full replacement"
          + " would cost an estimated thirty million dollars and take at least three years to"
          + " plan, according to a report the council received in May.";

  /*
   * Words after normalisation: headline 10, P1 44, P2 42, P3 42, P4 53; every 5-word shingle of
   * the original is distinct.
   */
  private static final String ORIGINAL = String.join("\n\n", HEADLINE, P1, P2, P3, P4);

  /** The original in capitals, with its whitespace changed: the same normalised text. */
  private static final String EXACT_COPY =
      "  "
          + ORIGINAL.toUpperCase(Locale.ROOT).replace(". ", ".\n\n   ").replace(", ", " ,\t")
          + "\n";

  /** Another headline sentence (12 words) and "night" edited to "evening" in P1. */
  private static final String SYNDICATED =
      String.join(
          "\n\n",
          "Old Mill Bridge to get a $4 million fix, Harborview council decides.",
          P1.replace("Monday night", "Monday evening"),
          P2,
          P3,
          P4);

  /** The same news in other words, sharing only P2 with the original. */
  private static final String REWRITE =
      String.join(
          "\n\n",
          "Commuters in Harborview will have to live with a narrowed Old Mill Bridge until early"
              + " next year, after the council approved repairs that will close one lane in each"
              + " direction from September.",
          P2,
          "Critics say the patch only delays a decision the city cannot avoid forever, and a"
              + " group of residents has started a petition calling for a new crossing further"
              + " downstream, closer to the ferry terminal.");

  /*
   * A chain of edits on a 204-word text of distinct words (200 shingles). B replaces 4 words,
   * C 4 more, each at least 5 words from any other edit, so each edit replaces 5 shingles:
   * J(A, B) = J(B, C) = (200 - 20) / (200 + 20) = 0.818 and J(A, C) = 160 / 240 = 0.667.
   */
  private static final String CHAIN_A = chainText(List.of());
  private static final String CHAIN_B = chainText(List.of(20, 60, 100, 140));
  private static final String CHAIN_C = chainText(List.of(20, 60, 100, 140, 40, 80, 120, 160));

  // The columns stories() reads, and one it ignores.
  private static final StructType SCHEMA =
      createStructType(
          List.of(
              createStructField(Tables.ARTICLE_ID, StringType, false),
              createStructField(Tables.DATE, DateType, false),
              createStructField(Tables.SOURCE, StringType, true),
              createStructField(Tables.TEXT, StringType, false)));

  private static Dataset<Row> articles;
  private static Dataset<Row> stories;
  private static Map<String, Row> byId;

  @BeforeAll
  static void findStories() {
    List<Row> rows = new ArrayList<>();
    // The copy is the smallest id of its story but a day later than the original; the
    // syndicated copy has the original's date and a larger id.
    rows.add(article("story-original", "2018-07-16", ORIGINAL));
    rows.add(article("story-copy", "2018-07-17", EXACT_COPY));
    rows.add(article("story-syndicated", "2018-07-16", SYNDICATED));
    rows.add(article("story-rewrite", "2018-07-16", REWRITE));
    // B is the earliest of the chain, A the smallest id.
    rows.add(article("chain-a", "2018-07-18", CHAIN_A));
    rows.add(article("chain-b", "2018-07-17", CHAIN_B));
    rows.add(article("chain-c", "2018-07-19", CHAIN_C));
    rows.add(article("short", "2018-07-16", "Read more here."));
    // Nothing is left of these after normalisation.
    rows.add(article("empty-1", "2018-07-16", "  ...  "));
    rows.add(article("empty-2", "2018-07-16", "\u2014 !"));
    articles = spark.createDataFrame(rows, SCHEMA);
    byId = new TreeMap<>();
    stories = TestRules.stories(articles);
    for (Row r : stories.collectAsList()) {
      byId.put(r.getAs(Tables.ARTICLE_ID), r);
    }
  }

  private static Row article(String id, String date, String text) {
    return RowFactory.create(id, Date.valueOf(date), "Test Wire", text);
  }

  private static String chainText(List<Integer> edited) {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < 204; i++) {
      words.add(edited.contains(i) ? "edited" + i : "word" + i);
    }
    return String.join(" ", words);
  }

  private static String story(String id) {
    return byId.get(id).getAs(Tables.STORY_ID);
  }

  private static boolean canonical(String id) {
    return byId.get(id).getAs(Tables.IS_CANONICAL);
  }

  /** Jaccard similarity of 5-word shingle sets, shingled here independently of the class. */
  private static double jaccard(String a, String b) {
    Set<String> shinglesA = shingles(a);
    Set<String> common = new HashSet<>(shinglesA);
    common.retainAll(shingles(b));
    Set<String> union = new HashSet<>(shinglesA);
    union.addAll(shingles(b));
    return (double) common.size() / union.size();
  }

  private static Set<String> shingles(String text) {
    String[] words =
        text.toLowerCase(Locale.ROOT).replaceAll("\\p{P}", "").trim().split("[\\s\\p{Z}]+");
    Set<String> shingles = new HashSet<>();
    for (int i = 0; i + 5 <= words.length; i++) {
      shingles.add(String.join(" ", List.of(words).subList(i, i + 5)));
    }
    return shingles;
  }

  @Test
  void fixtureSimilaritiesAreTheOnesWorkedOutByHand() {
    // Original 191 words, 187 shingles; syndicated 193 words, 189 shingles. They share the
    // shingles inside P1..P4 (181 words, 177 shingles) except the 5 that contain "night"/"evening":
    // 172 common, 187 + 189 - 172 = 204 in the union.
    assertThat(jaccard(ORIGINAL, SYNDICATED)).as("J(original, syndicated)").isEqualTo(172.0 / 204);
    // Only P2's 38 shingles are common; the rewrite has 104: 187 + 104 - 38 = 253.
    assertThat(jaccard(ORIGINAL, REWRITE)).as("J(original, rewrite)").isEqualTo(38.0 / 253);
    assertThat(jaccard(ORIGINAL, EXACT_COPY)).as("J(original, exact copy)").isEqualTo(1.0);
    assertThat(jaccard(CHAIN_A, CHAIN_B)).as("J(chain A, B)").isEqualTo(180.0 / 220);
    assertThat(jaccard(CHAIN_B, CHAIN_C)).as("J(chain B, C)").isEqualTo(180.0 / 220);
    assertThat(jaccard(CHAIN_A, CHAIN_C)).as("J(chain A, C)").isEqualTo(160.0 / 240);
  }

  @Test
  void exactAndSyndicatedCopiesShareTheOriginalsStory() {
    assertThat(story("story-original"))
        .as("story of the original: the smallest id of its story, the exact copy's")
        .isEqualTo("story-copy");
    assertThat(story("story-copy")).as("story of the exact copy").isEqualTo("story-copy");
    assertThat(story("story-syndicated"))
        .as("story of the syndicated copy (J = 0.843)")
        .isEqualTo("story-copy");
  }

  @Test
  void aRewriteSharingOneParagraphIsAStoryOfItsOwn() {
    assertThat(story("story-rewrite"))
        .as("story of the rewrite (J = 0.150 with the original)")
        .isEqualTo("story-rewrite");
    assertThat(canonical("story-rewrite")).as("the rewrite is canonical").isTrue();
  }

  @Test
  void aChainOfEditsIsOneStoryByTransitivity() {
    assertThat(List.of(story("chain-a"), story("chain-b"), story("chain-c")))
        .as("stories of chain A, B, C (A and C not similar, both similar to B)")
        .containsOnly("chain-a");
  }

  @Test
  void theThresholdIsExact() {
    double syndicated = 172.0 / 204;
    assertThat(storiesAt(syndicated).get("story-syndicated"))
        .as("story of the syndicated copy at a threshold of exactly its similarity")
        .isEqualTo("story-copy");
    assertThat(storiesAt(Math.nextUp(syndicated)).get("story-syndicated"))
        .as("story of the syndicated copy at a threshold just above its similarity")
        .isEqualTo("story-syndicated");
  }

  private static Map<String, String> storiesAt(double threshold) {
    Map<String, String> stories = new TreeMap<>();
    for (Row r : NearDuplicates.stories(articles, threshold, 5).collectAsList()) {
      stories.put(r.getAs(Tables.ARTICLE_ID), r.getAs(Tables.STORY_ID));
    }
    return stories;
  }

  @Test
  void shortAndEmptyTextsAreStoriesOfTheirOwn() {
    // Three words, fewer than a shingle: its words are its shingles.
    assertThat(story("short")).as("story of the 3-word text").isEqualTo("short");
    // Two empty normalised texts are identical, but there is nothing to compare: never linked.
    assertThat(story("empty-1")).as("story of the first empty text").isEqualTo("empty-1");
    assertThat(story("empty-2")).as("story of the second empty text").isEqualTo("empty-2");
    assertThat(List.of(canonical("short"), canonical("empty-1"), canonical("empty-2")))
        .as("short and empty texts are canonical")
        .containsOnly(true);
  }

  @Test
  void theEarliestArticleOfAStoryIsCanonicalTiesToTheSmallestId() {
    assertThat(canonical("story-original"))
        .as(
            "the original (2018-07-16, before the exact copy, same day as the syndicated copy"
                + " but a smaller id) is canonical")
        .isTrue();
    assertThat(List.of(canonical("story-copy"), canonical("story-syndicated")))
        .as("the copies are not canonical")
        .containsOnly(false);
    assertThat(canonical("chain-b"))
        .as("chain B, the earliest of the chain, is canonical")
        .isTrue();
    assertThat(List.of(canonical("chain-a"), canonical("chain-c")))
        .as("chain A and C are not canonical")
        .containsOnly(false);
  }

  @Test
  void everyArticleHasOneRowAndEveryStoryOneCanonicalArticle() {
    assertThat(byId).as("one row per article").hasSize((int) articles.count());
    Map<String, Integer> canonicalPerStory = new TreeMap<>();
    for (Row r : byId.values()) {
      canonicalPerStory.merge(
          r.getAs(Tables.STORY_ID), (boolean) r.getAs(Tables.IS_CANONICAL) ? 1 : 0, Integer::sum);
    }
    assertThat(canonicalPerStory)
        .as("the 6 stories of the 10 articles, with their canonical article counts")
        .containsOnlyKeys("story-copy", "story-rewrite", "chain-a", "short", "empty-1", "empty-2")
        .allSatisfy((story, n) -> assertThat(n).as("canonical articles of %s", story).isEqualTo(1));
  }

  @Test
  void theOutputHasTheStoryColumns() {
    assertThat(stories.schema().fieldNames())
        .as("columns of the stories")
        .containsExactly(Tables.ARTICLE_ID, Tables.STORY_ID, Tables.IS_CANONICAL);
  }

  @Test
  void aSecondRunGivesTheSameRows() {
    assertThat(sortedRows(TestRules.stories(articles)))
        .as("rows of a second run")
        .isEqualTo(sortedRows(stories));
  }

  @Test
  void thresholdsOutsideTheirRangeAreRejected() {
    assertThatThrownBy(() -> NearDuplicates.stories(articles, 0, 5))
        .as("a Jaccard threshold of 0")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NearDuplicates.stories(articles, 0.8, 0))
        .as("shingles of 0 words")
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Articles added to a corpus whose stories are stored get the stories a search over the whole
   * corpus gives: a copy with a smaller id renames the stored story, a middle link of the chain
   * joins two stored stories, several added at once link to each other, and adding to nothing is a
   * search over the added articles. Only added articles and stored ones whose story or canonical
   * flag changes are returned.
   */
  @Test
  void addingArticlesGivesTheStoriesOfTheWholeCorpus() {
    List<Set<String>> additions =
        List.of(
            Set.of("story-copy"),
            Set.of("chain-b"),
            Set.of("story-syndicated", "story-copy"),
            Set.of("story-original", "chain-c", "empty-1", "short"),
            new HashSet<>(byId.keySet()));
    for (Set<String> added : additions) {
      Adding adding = adding(added);
      Map<String, List<Object>> after = new TreeMap<>();
      for (Row r : adding.stored()) {
        after.put(
            r.getAs(Tables.ARTICLE_ID),
            List.of(r.getAs(Tables.STORY_ID), r.getAs(Tables.IS_CANONICAL)));
      }
      Set<String> changed = new HashSet<>();
      for (Row r : adding.changes()) {
        String id = r.getAs(Tables.ARTICLE_ID);
        List<Object> value = List.of(r.getAs(Tables.STORY_ID), r.getAs(Tables.IS_CANONICAL));
        assertThat(added.contains(id) || !value.equals(after.get(id)))
            .as("%s returned when adding %s: added, or its story changed", id, added)
            .isTrue();
        assertThat(changed.add(id)).as("%s returned once when adding %s", id, added).isTrue();
        after.put(id, value);
      }
      Map<String, List<Object>> whole = new TreeMap<>();
      byId.forEach(
          (id, r) ->
              whole.put(id, List.of(r.getAs(Tables.STORY_ID), r.getAs(Tables.IS_CANONICAL))));
      assertThat(after).as("stories after adding %s", added).isEqualTo(whole);
      assertThat(changed).as("rows returned when adding %s", added).containsAll(added);
    }
  }

  @Test
  void aCopyWithASmallerIdRenamesTheStoredStory() {
    assertThat(story("story-copy"))
        .as("the fixture: the copy's id is the story's")
        .isEqualTo("story-copy");
    Map<String, String> storyOf = new TreeMap<>();
    for (Row r : adding(Set.of("story-copy")).changes()) {
      storyOf.put(r.getAs(Tables.ARTICLE_ID), r.getAs(Tables.STORY_ID));
    }
    assertThat(storyOf)
        .as("the copy, and the stored articles of its story, now under the copy's id")
        .isEqualTo(
            Map.of(
                "story-copy", "story-copy",
                "story-original", "story-copy",
                "story-syndicated", "story-copy"));
  }

  @Test
  void aBucketOfMoreThanAThousandNearCopiesIsChainedIntoOneStory() {
    // 1,100 texts that differ in one word share nearly every band: buckets over the cap of 1,000,
    // whose members are each compared with their next 16 (about 18,000 candidate pairs, where all
    // pairs would be about 600,000).
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 1100; i++) {
      rows.add(
          article(
              String.format(Locale.ROOT, "copy-%04d", i), "2018-07-16", P1 + " Copy number " + i));
    }
    Dataset<Row> copies = spark.createDataFrame(rows, SCHEMA);
    Dataset<Row> stories = NearDuplicates.stories(copies, 0.8, 5);
    assertThat(
            stories
                .select(Tables.STORY_ID)
                .distinct()
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList())
        .as("the stories of 1,100 near copies")
        .containsExactly("copy-0000");
    assertThat(stories.where(functions.col(Tables.IS_CANONICAL)).count())
        .as("one canonical article")
        .isEqualTo(1);
  }

  /** The stored articles with their stories, and what adding the others returns. */
  private record Adding(List<Row> stored, List<Row> changes) {}

  /** Stores the articles not in {@code added} with their stories, then adds the others. */
  private static Adding adding(Set<String> added) {
    Dataset<Row> storedArticles =
        articles.where(functions.not(functions.col(Tables.ARTICLE_ID).isin(added.toArray())));
    Dataset<Row> addedArticles =
        articles.where(functions.col(Tables.ARTICLE_ID).isin(added.toArray()));
    Dataset<Row> stored = storedArticles.join(TestRules.stories(storedArticles), Tables.ARTICLE_ID);
    List<Row> changes =
        NearDuplicates.addedStories(
                stored,
                NearDuplicates.signatures(storedArticles, 0.8, 5),
                addedArticles,
                NearDuplicates.signatures(addedArticles, 0.8, 5),
                0.8,
                5)
            .collectAsList();
    return new Adding(stored.collectAsList(), changes);
  }

  private static List<String> sortedRows(Dataset<Row> stories) {
    List<String> rows = new ArrayList<>();
    for (Row r : stories.collectAsList()) {
      rows.add(r.mkString(" | "));
    }
    rows.sort(null);
    return rows;
  }
}
