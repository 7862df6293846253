package org.newsgraph.entities;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsgraph.config.Settings;
import org.newsgraph.nlp.AliasTable;
import org.newsgraph.tables.Tables;
import org.newsgraph.testing.SparkTestSession;
import org.newsgraph.udfs.NewsgraphFunctions;

/**
 * {@link CorpusNames} on mentions written by hand, as {@link Mentions#fromAnnotations} gives them
 * (each named by its article): spellings, corpus-level resolution of short person names with each
 * decision, and one type per entity.
 *
 * <p>The corpus: "Trump" resolves to Donald Trump in 9 articles and to Melania Trump in 1 (share
 * 0.9), and stands alone in 2 more; "Clinton" resolves to Hillary Clinton in 6 and Bill Clinton in
 * 4 (share 0.6) and stands alone in one; "Pelosi" resolves to Nancy Pelosi in 2 (fewer than 5) and
 * stands alone in one; in two more articles "Trump" and "Clinton" come before the longer name they
 * were given (Melania Trump, Bill Clinton); "Schiff" resolves to Adam Schiff in 5 articles, 3 of
 * them before his full name, and stands alone in one; "Washington" resolves to George Washington
 * once but is mostly a LOCATION. "WASHINGTON" is written in capitals in one article. "Nixon" and
 * "Ford" have one dissenting article each.
 */
class CorpusNamesTest extends SparkTestSession {

  private static final StructType NAMED =
      Tables.MENTIONS_TABLE.schema().add(Mentions.BASE_NAME, DataTypes.StringType, false);
  private static final CorpusNames.Options OPTIONS =
      new CorpusNames.Options(List.of("PERSON", "ORGANIZATION", "LOCATION", "MISC"), 0.9, 5);

  private static List<Row> mentions;
  private static List<Row> decisions;

  /** One named mention at the article's start: article, base name, name, types, resolution. */
  private static Row named(
      String article, String base, String entity, String type, String mentionType, String how) {
    return named(article, base, entity, type, mentionType, how, 0);
  }

  /** One named mention beginning at character {@code begin} of its article. */
  private static Row named(
      String article,
      String base,
      String entity,
      String type,
      String mentionType,
      String how,
      int begin) {
    Object[] values = new Object[NAMED.size()];
    Map<String, Object> byName = new TreeMap<>();
    byName.put(Tables.ARTICLE_ID, article);
    byName.put(Tables.DATE, Date.valueOf("2018-07-16"));
    byName.put(Tables.SENTENCE_INDEX, 0);
    byName.put(Tables.ENTITY, entity);
    byName.put(Tables.ENTITY_TYPE, type);
    byName.put(Tables.MENTION_TYPE, mentionType);
    byName.put(Tables.RESOLUTION, how);
    byName.put(Tables.SURFACE, base);
    byName.put(Tables.CHAR_BEGIN, begin);
    byName.put(Tables.CHAR_END, begin + base.length());
    byName.put(Tables.STORY_ID, article);
    byName.put(Tables.SOURCE, "outlet");
    byName.put(Tables.SETTINGS_SIGNATURE, "sig");
    byName.put(Mentions.BASE_NAME, base);
    for (int i = 0; i < values.length; i++) {
      values[i] = byName.get(NAMED.fields()[i].name());
    }
    return RowFactory.create(values);
  }

  @BeforeAll
  static void resolveTheCorpus() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      rows.add(named("dt" + i, "Donald Trump", "Donald Trump", "PERSON", "PERSON", "exact"));
      rows.add(named("dt" + i, "Trump", "Donald Trump", "PERSON", "PERSON", "in_article"));
    }
    rows.add(named("mt", "Melania Trump", "Melania Trump", "PERSON", "PERSON", "exact"));
    rows.add(named("mt", "Trump", "Melania Trump", "PERSON", "PERSON", "in_article"));
    rows.add(named("t1", "Trump", "Trump", "PERSON", "PERSON", "exact"));
    rows.add(named("t2", "Trump", "Trump", "ORGANIZATION", "ORGANIZATION", "exact"));
    rows.add(named("t3", "Donald Trump", "Donald Trump", "PERSON", "PERSON", "exact"));
    rows.add(named("t3", "Melania Trump", "Melania Trump", "PERSON", "PERSON", "exact"));
    rows.add(named("t3", "Trump", "Trump", "PERSON", "PERSON", "unresolved"));
    for (int i = 0; i < 10; i++) {
      String full = i < 6 ? "Hillary Clinton" : "Bill Clinton";
      rows.add(named("c" + i, full, full, "PERSON", "PERSON", "exact"));
      rows.add(named("c" + i, "Clinton", full, "PERSON", "PERSON", "in_article"));
    }
    rows.add(named("c10", "Clinton", "Clinton", "PERSON", "PERSON", "exact"));
    // Short names before the longer name they were given: not introduced by it.
    rows.add(named("mr", "Trump", "Melania Trump", "PERSON", "PERSON", "in_article", 0));
    rows.add(named("mr", "Melania Trump", "Melania Trump", "PERSON", "PERSON", "exact", 50));
    rows.add(named("mr", "Trump", "Melania Trump", "PERSON", "PERSON", "in_article", 100));
    rows.add(named("cb", "Clinton", "Bill Clinton", "PERSON", "PERSON", "in_article", 0));
    rows.add(named("cb", "Bill Clinton", "Bill Clinton", "PERSON", "PERSON", "exact", 40));
    for (int i = 0; i < 2; i++) {
      rows.add(named("p" + i, "Nancy Pelosi", "Nancy Pelosi", "PERSON", "PERSON", "exact"));
      rows.add(named("p" + i, "Pelosi", "Nancy Pelosi", "PERSON", "PERSON", "in_article"));
    }
    rows.add(named("p2", "Pelosi", "Pelosi", "PERSON", "PERSON", "exact"));
    // "Schiff" introduced by Adam Schiff in 2 articles, before him in 3 more, alone in one.
    for (int i = 0; i < 5; i++) {
      int full = i < 2 ? 0 : 30;
      rows.add(named("as" + i, "Adam Schiff", "Adam Schiff", "PERSON", "PERSON", "exact", full));
      rows.add(
          named("as" + i, "Schiff", "Adam Schiff", "PERSON", "PERSON", "in_article", 50 - full));
    }
    rows.add(named("as5", "Schiff", "Schiff", "PERSON", "PERSON", "exact"));
    rows.add(named("w0", "George Washington", "George Washington", "PERSON", "PERSON", "exact"));
    rows.add(named("w0", "Washington", "George Washington", "PERSON", "PERSON", "in_article"));
    for (int i = 1; i <= 3; i++) {
      rows.add(named("w" + i, "Washington", "Washington", "LOCATION", "LOCATION", "exact"));
    }
    rows.add(named("w4", "Washington", "Washington", "PERSON", "PERSON", "exact"));
    rows.add(named("w5", "WASHINGTON", "WASHINGTON", "LOCATION", "LOCATION", "exact"));
    rows.add(named("w5", "May", "May", "DATE", "DATE", "exact"));
    // One person written three ways; two presidents whose middle initials tell them apart.
    for (int i = 0; i < 3; i++) {
      rows.add(named("s" + i, "Chuck Schumer", "Chuck Schumer", "PERSON", "PERSON", "exact"));
    }
    rows.add(named("s3", "Charles Schumer", "Charles Schumer", "PERSON", "PERSON", "exact"));
    rows.add(named("s4", "Charles E. Schumer", "Charles E. Schumer", "PERSON", "PERSON", "exact"));
    rows.add(named("b0", "George W. Bush", "George W. Bush", "PERSON", "PERSON", "exact"));
    rows.add(named("b1", "George H.W. Bush", "George H.W. Bush", "PERSON", "PERSON", "exact"));
    rows.add(named("b2", "George Bush", "George Bush", "PERSON", "PERSON", "exact"));
    rows.add(named("j0", "Donald Trump Jr.", "Donald Trump Jr.", "PERSON", "PERSON", "exact"));
    // One dissenting article: "Nixon" is Richard Nixon in 6 and Pat Nixon in 1 (share 0.857),
    // "Ford" Gerald Ford in 4 and Betty Ford in 1 (fewer than 5 votes for the top name).
    for (int i = 0; i < 7; i++) {
      String full = i < 6 ? "Richard Nixon" : "Pat Nixon";
      rows.add(named("n" + i, full, full, "PERSON", "PERSON", "exact"));
      rows.add(named("n" + i, "Nixon", full, "PERSON", "PERSON", "in_article", 20));
    }
    rows.add(named("n7", "Nixon", "Nixon", "PERSON", "PERSON", "exact"));
    for (int i = 0; i < 5; i++) {
      String full = i < 4 ? "Gerald Ford" : "Betty Ford";
      rows.add(named("f" + i, full, full, "PERSON", "PERSON", "exact"));
      rows.add(named("f" + i, "Ford", full, "PERSON", "PERSON", "in_article", 20));
    }
    rows.add(named("f5", "Ford", "Ford", "PERSON", "PERSON", "exact"));
    // A person CoreNLP once tagged an organisation, hyphen kept; companies with a hyphen.
    for (int i = 0; i < 2; i++) {
      String aoc = "Alexandria Ocasio Cortez";
      rows.add(named("ao" + i, aoc, aoc, "PERSON", "PERSON", "exact"));
    }
    rows.add(
        named(
            "ao2",
            "Alexandria Ocasio-Cortez",
            "Alexandria Ocasio-Cortez",
            "ORGANIZATION",
            "ORGANIZATION",
            "exact"));
    // A given name misspelt by a letter, in a family of one person; and three that stay apart: a
    // family of several people, two people mentioned alike, a given name of three letters.
    rows.add(
        named(
            "ao3",
            "Alexandra Ocasio Cortez",
            "Alexandra Ocasio Cortez",
            "PERSON",
            "PERSON",
            "exact"));
    rows.add(named("iv", "Ivana Trump", "Ivana Trump", "PERSON", "PERSON", "exact"));
    for (int i = 0; i < 5; i++) {
      String cuomo = i < 3 ? "Mario Cuomo" : "Maria Cuomo";
      rows.add(named("cu" + i, cuomo, cuomo, "PERSON", "PERSON", "exact"));
    }
    for (int i = 0; i < 4; i++) {
      String jones = i < 3 ? "Anna Jones" : "Ann Jones";
      rows.add(named("aj" + i, jones, jones, "PERSON", "PERSON", "exact"));
    }
    rows.add(named("rr", "Rolls-Royce", "Rolls-Royce", "ORGANIZATION", "ORGANIZATION", "exact"));
    // A company named after people, tagged a person in three articles and so a person name.
    for (int i = 0; i < 3; i++) {
      rows.add(named("hd" + i, "Harley-Davidson", "Harley Davidson", "PERSON", "PERSON", "exact"));
    }
    rows.add(
        named(
            "hd3", "Harley-Davidson", "Harley-Davidson", "ORGANIZATION", "ORGANIZATION", "exact"));
    NewsgraphFunctions.registerCanonicalNames(
        spark, NamingConf.canonicalizer(Settings.defaults(), AliasTable.EMPTY));
    Dataset<Row> input = spark.createDataFrame(rows, NAMED);
    CorpusNames.Result result = CorpusNames.resolve(input, OPTIONS);
    assertThat(List.of(result.mentions().columns()))
        .as("the mentions table's columns")
        .isEqualTo(Tables.MENTIONS_TABLE.columns());
    assertThat(List.of(result.decisions().columns()))
        .as("the name_resolution table's columns")
        .isEqualTo(Tables.NAME_RESOLUTION.columns());
    mentions = result.mentions().collectAsList();
    decisions = result.decisions().collectAsList();
  }

  private static Row mention(String article, String surface) {
    return mentions.stream()
        .filter(r -> r.getAs(Tables.ARTICLE_ID).equals(article))
        .filter(r -> r.getAs(Tables.SURFACE).equals(surface))
        .findFirst()
        .orElseThrow();
  }

  private static List<Object> nameTypeHow(Row r) {
    return List.of(
        r.getAs(Tables.ENTITY),
        r.getAs(Tables.ENTITY_TYPE),
        r.getAs(Tables.MENTION_TYPE),
        r.getAs(Tables.RESOLUTION));
  }

  private static Row decision(String shortName) {
    return decisions.stream()
        .filter(r -> r.getAs(Tables.SHORT_NAME).equals(shortName))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no name_resolution row for " + shortName));
  }

  @Test
  void aShortNameWhoseFullNameDominatesTakesItWhereItStandsAlone() {
    assertThat(nameTypeHow(mention("t1", "Trump")))
        .as("'Trump' alone in t1: Donald Trump in 9 of 10 resolving articles")
        .containsExactly("Donald Trump", "PERSON", "PERSON", "corpus");
    assertThat(nameTypeHow(mention("t2", "Trump")))
        .as("'Trump' tagged ORGANIZATION alone in t2: the same entity, with the person's type")
        .containsExactly("Donald Trump", "PERSON", "ORGANIZATION", "corpus");
    assertThat(nameTypeHow(mention("t3", "Trump")))
        .as("'Trump' beside two full names in t3 stays unresolved")
        .containsExactly("Trump", "PERSON", "PERSON", "unresolved");
    Row trump = decision("Trump");
    assertThat(
            List.of(
                trump.getAs(Tables.DECISION),
                trump.getAs(Tables.ENTITY),
                trump.getAs(Tables.DOCUMENTS),
                trump.getAs(Tables.TOP_DOCUMENTS),
                trump.getAs(Tables.SHORT_DOCUMENTS)))
        .as("name_resolution of Trump: decision, entity, documents, top, alone")
        .containsExactly("resolved", "Donald Trump", 10L, 9L, 2L);
    assertThat(trump.<Double>getAs(Tables.SHARE)).as("share").isEqualTo(0.9);
    assertThat(
            trump.<Row>getList(trump.fieldIndex(Tables.CANDIDATES)).stream()
                .map(c -> c.getAs(Tables.ENTITY) + "=" + c.getAs(Tables.DOCUMENTS))
                .toList())
        .as("candidates by documents")
        .containsExactly("Donald Trump=9", "Melania Trump=1");
  }

  private static Row mentionAt(String article, int begin) {
    return mentions.stream()
        .filter(r -> r.getAs(Tables.ARTICLE_ID).equals(article))
        .filter(r -> r.<Integer>getAs(Tables.CHAR_BEGIN) == begin)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aShortNameBeforeTheLongerNameOfItsArticleIsNotIntroducedByIt() {
    assertThat(nameTypeHow(mentionAt("mr", 0)))
        .as("'Trump' before 'Melania Trump': the corpus's Trump")
        .containsExactly("Donald Trump", "PERSON", "PERSON", "corpus");
    assertThat(nameTypeHow(mentionAt("mr", 100)))
        .as("'Trump' after 'Melania Trump' stays hers")
        .containsExactly("Melania Trump", "PERSON", "PERSON", "in_article");
    assertThat(nameTypeHow(mentionAt("cb", 0)))
        .as("'Clinton' before 'Bill Clinton', with no corpus decision, keeps its article's name")
        .containsExactly("Bill Clinton", "PERSON", "PERSON", "in_article");
    assertThat(decision("Trump").<Long>getAs(Tables.DOCUMENTS))
        .as("article mr does not count among Trump's resolutions (else Melania 2, share 0.82)")
        .isEqualTo(10L);
    assertThat(decision("Clinton").<Long>getAs(Tables.DOCUMENTS))
        .as("nor does cb among Clinton's")
        .isEqualTo(10L);
  }

  @Test
  void personNamesWrittenOtherwiseAreOneEntityUnlessTheirInitialsDiffer() {
    assertThat(nameTypeHow(mention("s3", "Charles Schumer")))
        .as("'Charles Schumer': Chuck Schumer, the name the corpus mostly writes")
        .containsExactly("Chuck Schumer", "PERSON", "PERSON", "exact");
    assertThat(nameTypeHow(mention("s4", "Charles E. Schumer")))
        .as("'Charles E. Schumer', a middle initial")
        .containsExactly("Chuck Schumer", "PERSON", "PERSON", "exact");
    assertThat(
            List.of(
                mention("b0", "George W. Bush").getAs(Tables.ENTITY),
                mention("b1", "George H.W. Bush").getAs(Tables.ENTITY),
                mention("b2", "George Bush").getAs(Tables.ENTITY)))
        .as("two sets of middle initials: father and son stay apart, and the bare name too")
        .containsExactly("George W. Bush", "George H.W. Bush", "George Bush");
    assertThat(mention("j0", "Donald Trump Jr.").<String>getAs(Tables.ENTITY))
        .as("a suffix makes another person")
        .isEqualTo("Donald Trump Jr.");
  }

  @Test
  void aGivenNameMisspeltByALetterIsTheDominantPersonOfItsFamily() {
    assertThat(nameTypeHow(mention("ao3", "Alexandra Ocasio Cortez")))
        .as("'Alexandra' beside 'Alexandria' (3 mentions against 1), no other given name")
        .containsExactly("Alexandria Ocasio Cortez", "PERSON", "PERSON", "exact");
    assertThat(mention("iv", "Ivana Trump").<String>getAs(Tables.ENTITY))
        .as("'Ivana' is a letter from 'Ivanka', but Trump is a family of several given names")
        .isEqualTo("Ivana Trump");
    assertThat(
            List.of(
                mention("cu0", "Mario Cuomo").getAs(Tables.ENTITY),
                mention("cu3", "Maria Cuomo").getAs(Tables.ENTITY)))
        .as("3 mentions against 2: two people, not a misspelling")
        .containsExactly("Mario Cuomo", "Maria Cuomo");
    assertThat(mention("aj3", "Ann Jones").<String>getAs(Tables.ENTITY))
        .as("a given name of three letters is too short to judge by a letter")
        .isEqualTo("Ann Jones");
  }

  @Test
  void articlesThatNamedThePersonLaterCountTowardsTheMinimumButDoNotVote() {
    assertThat(nameTypeHow(mention("as5", "Schiff")))
        .as("'Schiff' alone: Adam Schiff in 2 votes and 5 articles")
        .containsExactly("Adam Schiff", "PERSON", "PERSON", "corpus");
    Row schiff = decision("Schiff");
    assertThat(
            List.of(
                schiff.getAs(Tables.DECISION),
                schiff.getAs(Tables.DOCUMENTS),
                schiff.getAs(Tables.TOP_DOCUMENTS)))
        .as("Schiff: decision, votes, articles of the top name")
        .containsExactly("resolved", 2L, 5L);
    assertThat(schiff.<Double>getAs(Tables.SHARE)).as("share of the votes").isEqualTo(1.0);
  }

  @Test
  void oneDissentingArticleDoesNotBlockANameThatEnoughArticlesGive() {
    assertThat(nameTypeHow(mention("n7", "Nixon")))
        .as("'Nixon' alone: Richard Nixon in 6 votes, Pat Nixon in 1")
        .containsExactly("Richard Nixon", "PERSON", "PERSON", "corpus");
    assertThat(decision("Nixon").<Double>getAs(Tables.SHARE))
        .as("Nixon's share, under minShare")
        .isLessThan(0.9);
    assertThat(nameTypeHow(mention("f5", "Ford")))
        .as("'Ford' alone: Gerald Ford in only 4 votes, Betty Ford in 1")
        .containsExactly("Ford", "PERSON", "PERSON", "exact");
    assertThat(decision("Ford").<String>getAs(Tables.DECISION))
        .as("Ford's decision")
        .isEqualTo("ambiguous");
  }

  @Test
  void aShortNameWithoutADominantOrFrequentFullNameStaysAsItIs() {
    assertThat(nameTypeHow(mention("c10", "Clinton")))
        .as("'Clinton': Hillary 6, Bill 4")
        .containsExactly("Clinton", "PERSON", "PERSON", "exact");
    assertThat(decision("Clinton").<String>getAs(Tables.DECISION))
        .as("Clinton's decision")
        .isEqualTo("ambiguous");
    assertThat(decision("Clinton").<String>getAs(Tables.ENTITY)).as("no entity").isNull();
    assertThat(nameTypeHow(mention("p2", "Pelosi")))
        .as("'Pelosi': Nancy Pelosi in only 2 articles")
        .containsExactly("Pelosi", "PERSON", "PERSON", "exact");
    assertThat(decision("Pelosi").<String>getAs(Tables.DECISION))
        .as("Pelosi's decision")
        .isEqualTo("too_rare");
  }

  @Test
  void aPersonsNameTaggedAsAnotherTypeIsThatPerson() {
    assertThat(nameTypeHow(mention("ao2", "Alexandria Ocasio-Cortez")))
        .as("an organisation whose parts, joined as a person's are, name a person of the corpus")
        .containsExactly("Alexandria Ocasio Cortez", "PERSON", "ORGANIZATION", "exact");
    assertThat(nameTypeHow(mention("rr", "Rolls-Royce")))
        .as("a hyphenated name that names no person stays as it is")
        .containsExactly("Rolls-Royce", "ORGANIZATION", "ORGANIZATION", "exact");
    assertThat(nameTypeHow(mention("hd3", "Harley-Davidson")))
        .as("one hyphenated word stays as it is, even where it joins to a person name")
        .containsExactly("Harley-Davidson", "ORGANIZATION", "ORGANIZATION", "exact");
  }

  @Test
  void namesDifferingInCaseAreOneEntityWithOneType() {
    assertThat(decision("Washington").<String>getAs(Tables.DECISION))
        .as("'Washington' is mostly a place")
        .isEqualTo("not_a_person");
    assertThat(nameTypeHow(mention("w5", "WASHINGTON")))
        .as("a dateline-style capital spelling joins the mixed-case entity")
        .containsExactly("Washington", "LOCATION", "LOCATION", "exact");
    assertThat(nameTypeHow(mention("w4", "Washington")))
        .as("a PERSON-tagged 'Washington' alone is the same entity, typed LOCATION")
        .containsExactly("Washington", "LOCATION", "PERSON", "exact");
    assertThat(nameTypeHow(mention("w5", "May")))
        .as("values keep their name and type")
        .containsExactly("May", "DATE", "DATE", "exact");
    Map<String, java.util.Set<String>> types = new TreeMap<>();
    for (Row r : mentions) {
      if (!"DATE".equals(r.getAs(Tables.ENTITY_TYPE))) {
        types
            .computeIfAbsent(r.getAs(Tables.ENTITY), k -> new java.util.TreeSet<>())
            .add(r.getAs(Tables.ENTITY_TYPE));
      }
    }
    assertThat(types.values())
        .as("every named entity has one type: %s", types)
        .allSatisfy(t -> assertThat(t).hasSize(1));
  }
}
