package org.newsgraph.entities;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsgraph.config.SettingKeys;
import org.newsgraph.config.Settings;
import org.newsgraph.periods.AggregateJob;
import org.newsgraph.tables.TableIO;
import org.newsgraph.tables.Tables;
import org.newsgraph.testing.SparkTestSession;
import org.newsgraph.testing.TestTables;
import org.newsgraph.udfs.AnnotationSchema;
import org.newsgraph.udfs.AnnotationSchema.MentionFields;
import org.newsgraph.udfs.AnnotationSchema.SentenceFields;
import org.newsgraph.udfs.RowBuilder;

/**
 * Rule 11 through the aggregate stage, on articles and annotations written by hand (no CoreNLP):
 * five articles tag "Pence" as Mike Pence and "Sessions" as Jeff Sessions and write "sessions" in
 * lower case, and name Rod Rosenstein in full only; then untagged names are found in the articles
 * CoreNLP tagged them in nowhere, and a bare "Rosenstein" no article resolved takes his name. A
 * bare "Clinton" that rule 9 found ambiguous keeps its name, a span CoreNLP cut ("Kim Jong") takes
 * the person who dominates the names it starts, and a handle that runs a written name together
 * ("@VPMikePence") is a mention of its person.
 */
class UntaggedMentionsTest extends SparkTestSession {

  private static final String KNOWN =
      "Mike Pence spoke. Pence said yes. Jeff Sessions agreed. Sessions added two sessions. Rod"
          + " Rosenstein nodded.";

  private static String output;

  /** An article: its id, text, and its tagged mentions as (surface, type) in text order. */
  private record Article(String id, String text, List<String[]> tagged) {}

  private static final Date DAY = Date.valueOf("2018-07-16");
  private static final RowBuilder ANNOTATION_ROWS = new RowBuilder(Tables.ANNOTATIONS.schema());
  private static final RowBuilder SENTENCE_ROWS = new RowBuilder(AnnotationSchema.SENTENCE);
  private static final RowBuilder MENTION_ROWS = new RowBuilder(AnnotationSchema.MENTION);

  private static Row sentence(int index, int begin, int end) {
    return SENTENCE_ROWS
        .row()
        .set(SentenceFields.INDEX, index)
        .set(SentenceFields.CHAR_BEGIN, begin)
        .set(SentenceFields.CHAR_END, end)
        .set(SentenceFields.TOKENS, 8)
        .set(SentenceFields.SENTIMENT_CLASS, null)
        .set(SentenceFields.SENTIMENT_LABEL, null)
        .set(SentenceFields.SENTIMENT_SCORE, null)
        .set(SentenceFields.SENTIMENT_PROBABILITIES, null)
        .build();
  }

  @BeforeAll
  static void aggregateHandWrittenArticles() throws IOException {
    List<Article> corpus = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      corpus.add(
          new Article(
              "k" + i,
              KNOWN,
              List.of(
                  new String[] {"Mike Pence", "PERSON"},
                  new String[] {"Pence", "PERSON"},
                  new String[] {"Jeff Sessions", "PERSON"},
                  new String[] {"Sessions", "PERSON"},
                  new String[] {"Rod Rosenstein", "PERSON"})));
    }
    corpus.add(
        new Article(
            "bare",
            "Rosenstein testified. Donald Trump listened.",
            List.of(
                new String[] {"Rosenstein", "PERSON"}, new String[] {"Donald Trump", "PERSON"})));
    corpus.add(
        new Article(
            "untagged",
            "Donald Trump met Vice President Pence today. Sessions of the court began. Then"
                + " Sessions left.",
            List.<String[]>of(new String[] {"Donald Trump", "PERSON"})));
    corpus.add(
        new Article(
            "handle",
            "The aide thanked @VPMikePence and @pence today. Write to aide@Pence.example.",
            List.of()));
    corpus.add(
        new Article(
            "run-together",
            "Links: Sessions Pence. The aide left.",
            List.<String[]>of(new String[] {"Sessions Pence", "PERSON"})));
    corpus.add(
        new Article(
            "another-pence",
            "Donald Trump met Karen Pence. Pence smiled.",
            List.of(
                new String[] {"Donald Trump", "PERSON"}, new String[] {"Karen Pence", "PERSON"})));
    // Clinton: three articles resolve the bare name to Hillary Clinton and one to Bill Clinton,
    // too split for rule 9 (ambiguous); among the full names Hillary Clinton dominates (10 of 11
    // articles), so the gazetteer has the family name.
    for (int i = 1; i <= 3; i++) {
      corpus.add(
          new Article(
              "clinton-h" + i,
              "Hillary Clinton spoke. Clinton left.",
              List.of(
                  new String[] {"Hillary Clinton", "PERSON"}, new String[] {"Clinton", "PERSON"})));
    }
    corpus.add(
        new Article(
            "clinton-b",
            "Bill Clinton spoke. Clinton left.",
            List.of(new String[] {"Bill Clinton", "PERSON"}, new String[] {"Clinton", "PERSON"})));
    for (int i = 1; i <= 7; i++) {
      corpus.add(
          new Article(
              "hillary-" + i,
              "Hillary Clinton campaigned.",
              List.<String[]>of(new String[] {"Hillary Clinton", "PERSON"})));
    }
    corpus.add(
        new Article(
            "clinton-bare",
            "Clinton testified.",
            List.<String[]>of(new String[] {"Clinton", "PERSON"})));
    corpus.add(new Article("clinton-untagged", "The report named Clinton twice.", List.of()));
    // Kim Jong Un has all 10 articles of the longer names that start with "Kim Jong", the span
    // CoreNLP cut in the last article, which is alone in 1 article beside his 10.
    for (int i = 1; i <= 10; i++) {
      corpus.add(
          new Article(
              "kim-" + i,
              "Kim Jong Un spoke.",
              List.<String[]>of(new String[] {"Kim Jong Un", "PERSON"})));
    }
    corpus.add(
        new Article(
            "kim-cut",
            "Kim Jong met Donald Trump.",
            List.of(new String[] {"Kim Jong", "PERSON"}, new String[] {"Donald Trump", "PERSON"})));
    output = tempDir("untagged-output").toString();
    List<Row> annotations = new ArrayList<>();
    List<Row> articles = new ArrayList<>();
    for (Article a : corpus) {
      List<Row> sentences = new ArrayList<>();
      int begin = 0;
      for (int end = a.text().indexOf(". "); ; end = a.text().indexOf(". ", begin)) {
        int stop = end < 0 ? a.text().length() : end + 1;
        sentences.add(sentence(sentences.size(), begin, stop));
        if (end < 0) {
          break;
        }
        begin = end + 2;
      }
      List<Row> mentions = new ArrayList<>();
      int from = 0;
      for (String[] m : a.tagged()) {
        int at = a.text().indexOf(m[0], from);
        int s = 0;
        while (s + 1 < sentences.size() && sentences.get(s + 1).getInt(1) <= at) {
          s++;
        }
        mentions.add(
            MENTION_ROWS
                .row()
                .set(MentionFields.TEXT, m[0])
                .set(MentionFields.TYPE, m[1])
                .set(MentionFields.CHAR_BEGIN, at)
                .set(MentionFields.CHAR_END, at + m[0].length())
                .set(MentionFields.SENTENCE_INDEX, s)
                .build());
        from = at + m[0].length();
      }
      annotations.add(
          ANNOTATION_ROWS
              .row()
              .set(Tables.ARTICLE_ID, a.id())
              .set(Tables.DATE, DAY)
              .set(Tables.TEXT_HASH, textHash(a.text()))
              .set(Tables.SETTINGS_SIGNATURE, "sig")
              .set(AnnotationSchema.SENTENCES, sentences)
              .set(AnnotationSchema.MENTIONS, mentions)
              .set(Tables.FAILURE, null)
              .set(Tables.ERROR, null)
              .build());
      articles.add(TestTables.article(a.id(), DAY, "outlet", a.text()));
    }
    TableIO.replace(
        spark.createDataFrame(annotations, Tables.ANNOTATIONS.schema()),
        output,
        Tables.ANNOTATIONS);
    TableIO.replace(
        spark.createDataFrame(articles, Tables.ARTICLES.schema()), output, Tables.ARTICLES);
    AggregateJob.run(spark, Settings.defaults().with(SettingKeys.OUTPUT.key(), output));
  }

  private static List<String> untagged(String article) {
    List<String> found = new ArrayList<>();
    for (Row r :
        TableIO.read(spark, output, Tables.MENTIONS_TABLE)
            .where(col(Tables.ARTICLE_ID).equalTo(article))
            .where(col(Tables.RESOLUTION).equalTo(UntaggedMentions.GAZETTEER))
            .orderBy(Tables.CHAR_BEGIN)
            .collectAsList()) {
      found.add(
          r.getAs(Tables.SURFACE)
              + "@"
              + r.getAs(Tables.CHAR_BEGIN)
              + " -> "
              + r.getAs(Tables.ENTITY)
              + " "
              + r.getAs(Tables.ENTITY_TYPE)
              + "/"
              + r.getAs(Tables.MENTION_TYPE)
              + " sentence "
              + r.getAs(Tables.SENTENCE_INDEX));
    }
    return found;
  }

  @Test
  void aNameTheCorpusWritesForOnePersonIsAMentionWhereCoreNlpMissedIt() {
    assertThat(untagged("untagged"))
        .as("Pence after a title; the common word Sessions only inside its sentence")
        .containsExactly(
            "Pence@32 -> Mike Pence PERSON/O sentence 0",
            "Sessions@79 -> Jeff Sessions PERSON/O sentence 2");
    assertThat(untagged("another-pence"))
        .as("an article that gives Pence to another person")
        .isEmpty();
    assertThat(untagged("k1")).as("every name tagged already").isEmpty();
    assertThat(untagged("bare"))
        .as("a tagged bare family name that rule 9 had no votes for")
        .containsExactly("Rosenstein@0 -> Rod Rosenstein PERSON/PERSON sentence 0");
    Row pair =
        TableIO.read(spark, output, Tables.COMENTION_COUNTS)
            .where(col(Tables.GRAIN).equalTo("day"))
            .where(col(Tables.ENTITY_A).equalTo("Donald Trump"))
            .where(col(Tables.ENTITY_B).equalTo("Mike Pence"))
            .first();
    assertThat(pair.<Long>getAs(Tables.DOCUMENTS))
        .as("Trump and Pence: the untagged article counts, the Karen Pence one does not")
        .isEqualTo(1L);
  }

  @Test
  void aHandleThatEndsWithAWrittenNameIsAMentionOfItsPerson() {
    assertThat(untagged("handle"))
        .as(
            "the written name Mike Pence run together in a handle, at its words; not a handle in"
                + " lower case, not an address")
        .containsExactly("MikePence@20 -> Mike Pence PERSON/O sentence 0");
  }

  @Test
  void aRarePersonOfTwoWrittenNamesRunTogetherIsBothPersons() {
    assertThat(untagged("run-together"))
        .as("one person mention of link texts run together, as the two persons at their words")
        .containsExactly(
            "Sessions@7 -> Jeff Sessions PERSON/PERSON sentence 0",
            "Pence@16 -> Mike Pence PERSON/PERSON sentence 0");
    assertThat(
            TableIO.read(spark, output, Tables.MENTIONS_TABLE)
                .where(col(Tables.ENTITY).equalTo("Sessions Pence"))
                .count())
        .as("mentions still named Sessions Pence")
        .isZero();
  }

  @Test
  void aSpanCoreNlpCutTakesThePersonWhoDominatesTheNamesItStarts() {
    assertThat(
            TableIO.read(spark, output, Tables.MENTIONS_TABLE)
                .where(col(Tables.ARTICLE_ID).equalTo("kim-cut"))
                .orderBy(Tables.CHAR_BEGIN)
                .select(Tables.SURFACE, Tables.ENTITY, Tables.RESOLUTION)
                .collectAsList())
        .as("the cut span \"Kim Jong\" is Kim Jong Un (1 article beside his 10)")
        .containsExactly(
            RowFactory.create("Kim Jong", "Kim Jong Un", UntaggedMentions.GAZETTEER),
            RowFactory.create("Donald Trump", "Donald Trump", "exact"));
    assertThat(
            TableIO.read(spark, output, Tables.COMENTION_COUNTS)
                .where(col(Tables.GRAIN).equalTo("day"))
                .where(col(Tables.ENTITY_A).equalTo("Donald Trump"))
                .where(col(Tables.ENTITY_B).equalTo("Kim Jong Un"))
                .select(Tables.DOCUMENTS)
                .collectAsList())
        .as("the article counts for the pair")
        .containsExactly(RowFactory.create(1L));
  }

  /**
   * The guard of the bare-name renaming: a tagged bare name that rule 9 found ambiguous keeps its
   * name, though the gazetteer names it where CoreNLP tagged nothing.
   */
  @Test
  void aBareNameRuleNineFoundAmbiguousKeepsItsName() {
    assertThat(
            TableIO.read(spark, output, Tables.NAME_RESOLUTION)
                .where(col(Tables.SHORT_NAME).equalTo("Clinton"))
                .select(Tables.DECISION)
                .collectAsList())
        .as("rule 9's decision for Clinton (3 votes Hillary, 1 Bill)")
        .containsExactly(RowFactory.create(CorpusNames.AMBIGUOUS));
    assertThat(untagged("clinton-untagged"))
        .as("the gazetteer has Clinton: its dominant full name where nothing is tagged")
        .containsExactly("Clinton@17 -> Hillary Clinton PERSON/O sentence 0");
    assertThat(
            TableIO.read(spark, output, Tables.MENTIONS_TABLE)
                .where(col(Tables.ARTICLE_ID).equalTo("clinton-bare"))
                .select(Tables.ENTITY, Tables.RESOLUTION)
                .collectAsList())
        .as("the tagged bare Clinton of an article that does not say who")
        .containsExactly(RowFactory.create("Clinton", "exact"));
  }
}
