package org.newsgraph.periods;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsgraph.config.SettingKeys;
import org.newsgraph.config.Settings;
import org.newsgraph.tables.TableDef;
import org.newsgraph.tables.TableIO;
import org.newsgraph.tables.Tables;
import org.newsgraph.testing.PeriodOracle;
import org.newsgraph.testing.SparkTestSession;
import org.newsgraph.testing.TestRules;

/**
 * The period tables on a small corpus written by hand (annotations included, so no CoreNLP): values
 * computed by hand for the cases that matter, every row against {@link PeriodOracle}, ISO weeks
 * across a year end and month boundaries, near-duplicates counted as one story, and incremental
 * re-runs that rewrite only the changed periods.
 *
 * <p>Settings: cap 4 paired entities per article, minimum support 2, surprise window 2 periods, 1
 * baseline period needed, 2 evidence sentences per pair.
 */
public class PeriodTablesTest extends SparkTestSession {

  private static final String FILLER =
      " The meeting followed weeks of preparation by officials from both sides, who spent long"
          + " days agreeing on the agenda, the seating and the wording of a joint statement that"
          + " few observers expect to change much.";

  /** A sentence of the fixture: text, sentiment label and score, and the entities in it. */
  record S(String text, String label, Double score, String... entities) {}

  /** An article of the fixture. */
  public record A(String id, String date, String source, S... sentences) {}

  private static final Map<String, String> TYPES =
      Map.of(
          "Vladimir Putin", "PERSON",
          "Kim Jong Un", "PERSON",
          "Donald Trump", "PERSON",
          "Angela Merkel", "PERSON",
          "Moscow", "LOCATION",
          "Pyongyang", "LOCATION",
          "Paris", "LOCATION");

  private static final S D1_S0 =
      new S(
          "Vladimir Putin met Kim Jong Un in Moscow.",
          "positive",
          0.5,
          "Vladimir Putin",
          "Kim Jong Un",
          "Moscow");
  private static final S D1_S1 =
      new S("Donald Trump was not there.", "negative", -0.5, "Donald Trump");

  /**
   * d1 and d2 are the same story (d2 changes one word of the filler), published by two outlets.
   * 2020-12-30 and 2021-01-01/02 are in ISO week 2020-W53 but in different months; 2021-01-04
   * starts 2021-W01; 2021-01-31 and 2021-02-01 are in different weeks and months.
   */
  public static final List<A> CORPUS =
      List.of(
          new A("d1", "2020-12-30", "Outlet A", D1_S0, D1_S1, new S(FILLER.strip(), null, null)),
          new A(
              "d2",
              "2020-12-30",
              "Outlet B",
              D1_S0,
              D1_S1,
              new S(FILLER.strip().replace("much.", "anything."), null, null)),
          new A(
              "d3",
              "2021-01-01",
              "Outlet A",
              new S(
                  "Kim Jong Un spoke in Pyongyang with Angela Merkel.",
                  "neutral",
                  0.0,
                  "Kim Jong Un",
                  "Pyongyang",
                  "Angela Merkel"),
              new S(
                  "Vladimir Putin replied from Moscow to Kim Jong Un.",
                  "negative",
                  -0.5,
                  "Vladimir Putin",
                  "Moscow",
                  "Kim Jong Un")),
          new A(
              "d7",
              "2021-01-02",
              "Outlet C",
              new S("Angela Merkel visited Paris.", "neutral", 0.0, "Angela Merkel", "Paris")),
          new A(
              "d4",
              "2021-01-04",
              "Outlet A",
              new S(
                  "Donald Trump criticised Kim Jong Un.",
                  "negative",
                  -0.6,
                  "Donald Trump",
                  "Kim Jong Un")),
          new A(
              "d5",
              "2021-01-31",
              "Outlet B",
              new S("Moscow hosted talks.", "neutral", 0.1, "Moscow")),
          new A(
              "d6",
              "2021-02-01",
              "Outlet A",
              new S(
                  "Vladimir Putin and Kim Jong Un signed a deal.",
                  "positive",
                  0.4,
                  "Vladimir Putin",
                  "Kim Jong Un"),
              new S(
                  "Vladimir Putin praised Kim Jong Un.",
                  "very_positive",
                  0.9,
                  "Vladimir Putin",
                  "Kim Jong Un")));

  private static final PeriodOracle.Options ORACLE_OPTIONS =
      new PeriodOracle.Options(
          Set.of("PERSON", "ORGANIZATION", "LOCATION", "MISC"),
          Set.of("PERSON", "ORGANIZATION", "LOCATION"),
          4,
          2,
          2,
          1,
          2);

  private static String output;
  private static AggregateReport report;

  /** The output of {@link #fullRunOfTheChangedCorpus()}, once computed. */
  private static String changedFullRun;

  @BeforeAll
  static void aggregate() throws IOException {
    output = tempDir("periods").toString();
    writeCorpus(output, CORPUS);
    report = AggregateJob.run(spark, settings(output));
  }

  public static Settings settings(String out) throws IOException {
    Path aliases = tempDir("no-aliases").resolve("aliases.tsv");
    Files.writeString(aliases, "# none\n");
    return Settings.defaults()
        .with(SettingKeys.OUTPUT.key(), out)
        .with(SettingKeys.ALIAS_FILE.key(), aliases.toString())
        .with(SettingKeys.MAX_PAIRED_ENTITIES.key(), "4")
        .with(SettingKeys.MIN_SUPPORT.key(), "2")
        .with(SettingKeys.SURPRISE_WINDOW.key(), "2")
        .with(SettingKeys.SURPRISE_MIN_PERIODS.key(), "1")
        .with(SettingKeys.EVIDENCE_PER_PAIR.key(), "2");
  }

  private static String text(A a) {
    List<String> parts = new ArrayList<>();
    for (S s : a.sentences()) {
      parts.add(s.text());
    }
    return String.join(" ", parts);
  }

  /** Articles (stories by the real near-duplicate step) and annotations of the corpus. */
  public static void writeCorpus(String out, List<A> corpus) {
    List<Row> articles = new ArrayList<>();
    for (A a : corpus) {
      articles.add(
          RowFactory.create(
              a.id(),
              Date.valueOf(a.date()),
              null,
              a.source(),
              "Title of " + a.id(),
              text(a),
              null,
              "file:/in/" + a.id(),
              false,
              a.id(),
              true,
              null,
              0));
    }
    Dataset<Row> raw = spark.createDataFrame(articles, Tables.ARTICLES.schema());
    Map<String, Row> stories = new HashMap<>();
    for (Row r : TestRules.stories(raw).collectAsList()) {
      stories.put(r.getAs(Tables.ARTICLE_ID), r);
    }
    List<Row> storied = new ArrayList<>();
    for (Row r : articles) {
      Row s = stories.get(r.getString(0));
      Object[] v = new Object[r.length()];
      for (int i = 0; i < v.length; i++) {
        v[i] = r.get(i);
      }
      v[9] = s.getAs(Tables.STORY_ID);
      v[10] = s.getAs(Tables.IS_CANONICAL);
      storied.add(RowFactory.create(v));
    }
    TableIO.replace(spark.createDataFrame(storied, Tables.ARTICLES.schema()), out, Tables.ARTICLES);

    List<String> labels =
        List.of("very_negative", "negative", "neutral", "positive", "very_positive");
    List<Row> annotations = new ArrayList<>();
    for (A a : corpus) {
      List<Row> sentences = new ArrayList<>();
      List<Row> mentions = new ArrayList<>();
      int begin = 0;
      for (int i = 0; i < a.sentences().length; i++) {
        S s = a.sentences()[i];
        Integer cls = s.label() == null ? null : labels.indexOf(s.label());
        sentences.add(
            RowFactory.create(
                i, begin, begin + s.text().length(), 8, cls, s.label(), s.score(), null));
        for (String e : s.entities()) {
          int at = begin + s.text().indexOf(e);
          mentions.add(RowFactory.create(e, TYPES.get(e), at, at + e.length(), i));
        }
        begin += s.text().length() + 1;
      }
      annotations.add(
          RowFactory.create(
              a.id(),
              Date.valueOf(a.date()),
              textHash(text(a)),
              "sig",
              sentences,
              mentions,
              null,
              null));
    }
    TableIO.replace(
        spark.createDataFrame(annotations, Tables.ANNOTATIONS.schema()), out, Tables.ANNOTATIONS);
  }

  private static Row comention(String out, String grain, String start, String a, String b) {
    return TableIO.read(spark, out, Tables.COMENTION_COUNTS)
        .where(col(Tables.GRAIN).equalTo(grain))
        .where(col(Tables.PERIOD_START).equalTo(Date.valueOf(start)))
        .where(col(Tables.ENTITY_A).equalTo(a))
        .where(col(Tables.ENTITY_B).equalTo(b))
        .first();
  }

  @Test
  void nearDuplicatesCountTwoDocumentsButOneStory() {
    Row r = comention(output, "day", "2020-12-30", "Kim Jong Un", "Vladimir Putin");
    assertThat(List.of(r.getAs(Tables.DOCUMENTS), r.getAs(Tables.STORIES), r.getAs(Tables.SOURCES)))
        .as("d1 and d2 (near-identical, two outlets): documents, stories, sources")
        .isEqualTo(List.of(2L, 1L, 2L));
  }

  /**
   * ISO week 2020-W53 (Monday 2020-12-28) holds d1, d2, d3 and d7: N = 4. Kim Jong Un is paired in
   * d1, d2 and d3 (n_a = 3); Vladimir Putin in d1 and d2 only (n_b = 2): d3 has five entities, and
   * the cap of 4 keeps Kim Jong Un (2 mentions), then Angela Merkel, Moscow and Pyongyang before
   * Vladimir Putin by name. n_ab = 2. lift = 2·4 / (3·2) = 4/3; PMI = log2(4/3) = 0.4150375; NPMI =
   * PMI / −log2(2/4) = 0.4150375. G²: cells O/E = 2/1.5, 1/1.5, 0/0.5, 1/0.5, so G² = 2(2 ln(4/3) +
   * ln(2/3) + ln 2) = 1.7260924. Shared sentences: d1 s0 and d2 s0, both positive 0.5. No earlier
   * weeks: no surprise.
   */
  @Test
  void handComputedWeekAcrossTheYearEnd() {
    Row r = comention(output, "week", "2020-12-28", "Kim Jong Un", "Vladimir Putin");
    assertThat(r.<String>getAs(Tables.PERIOD)).as("label").isEqualTo("2020-W53");
    assertThat(
            List.of(
                r.getAs(Tables.PERIOD_DOCUMENTS),
                r.getAs(Tables.DOCUMENTS_A),
                r.getAs(Tables.DOCUMENTS_B),
                r.getAs(Tables.DOCUMENTS),
                r.getAs(Tables.STORIES),
                r.getAs(Tables.SENTENCE_COUNT)))
        .as("N, n_a, n_b, n_ab, stories, sentences")
        .isEqualTo(List.of(4L, 3L, 2L, 2L, 1L, 2L));
    assertThat(r.<Double>getAs(Tables.LIFT)).as("lift").isCloseTo(4.0 / 3, within(1e-12));
    assertThat(r.<Double>getAs(Tables.PMI)).as("PMI").isCloseTo(0.4150375, within(1e-7));
    assertThat(r.<Double>getAs(Tables.NPMI)).as("NPMI").isCloseTo(0.4150375, within(1e-7));
    assertThat(r.<Double>getAs(Tables.LOG_LIKELIHOOD)).as("G²").isCloseTo(1.7260924, within(1e-7));
    assertThat(r.<Double>getAs(Tables.SENTIMENT_MEAN))
        .as("tone mean")
        .isCloseTo(0.5, within(1e-12));
    assertThat(List.of(r.getAs(Tables.NEGATIVE_SHARE), r.getAs(Tables.POSITIVE_SHARE)))
        .as("negative and positive shares")
        .isEqualTo(List.of(0.0, 1.0));
    assertThat(r.<Integer>getAs(Tables.BASELINE_PERIODS)).as("baseline weeks").isZero();
    assertThat(r.<Double>getAs(Tables.SURPRISE)).as("surprise").isNull();

    Row moscow = comention(output, "week", "2020-12-28", "Kim Jong Un", "Moscow");
    // n_ab = n_a = n_b = 3 of N = 4: PMI = log2(4/3), NPMI = PMI / −log2(3/4) = 1.
    assertThat(moscow.<Double>getAs(Tables.NPMI))
        .as("NPMI of Kim Jong Un – Moscow")
        .isCloseTo(1.0, within(1e-12));
  }

  /**
   * Month 2021-01 holds d3, d7, d4 and d5. Kim Jong Un – Donald Trump: d4 only (n_ab = 1 < 2: no
   * association). Baseline: the 2 months before with documents: 2020-12, with 2 documents (d1, d2)
   * → mean 2, stddev 0 (floored to 1): surprise = (1 − 2) / 1 = −1. Day 2021-02-01 (d6) for Kim
   * Jong Un – Vladimir Putin: baseline days 2021-01-30..31 with documents: 2021-01-31 (count 0), so
   * surprise = (1 − 0) / 1 = 1.
   */
  @Test
  void handComputedSurpriseAndMonthBoundaries() {
    Row trump = comention(output, "month", "2021-01-01", "Donald Trump", "Kim Jong Un");
    assertThat(trump.<String>getAs(Tables.PERIOD)).as("label").isEqualTo("2021-01");
    assertThat(List.of(trump.getAs(Tables.PERIOD_DOCUMENTS), trump.getAs(Tables.DOCUMENTS)))
        .as("N, n_ab")
        .isEqualTo(List.of(4L, 1L));
    assertThat(trump.<Double>getAs(Tables.PMI)).as("PMI below the minimum support").isNull();
    assertThat(
            List.of(
                trump.getAs(Tables.BASELINE_PERIODS),
                trump.getAs(Tables.BASELINE_MEAN),
                trump.getAs(Tables.BASELINE_STDDEV),
                trump.getAs(Tables.SURPRISE)))
        .as("baseline periods, mean, stddev, surprise")
        .isEqualTo(List.of(1, 2.0, 0.0, -1.0));

    Row day = comention(output, "day", "2021-02-01", "Kim Jong Un", "Vladimir Putin");
    assertThat(List.of(day.getAs(Tables.BASELINE_PERIODS), day.getAs(Tables.SURPRISE)))
        .as("day 2021-02-01: baseline days, surprise")
        .isEqualTo(List.of(1, 1.0));
    // d6 has two shared sentences: positive 0.4 and very positive 0.9.
    assertThat(day.<Double>getAs(Tables.SENTIMENT_MEAN)).as("tone").isCloseTo(0.65, within(1e-12));

    Map<String, String> monthOf = new TreeMap<>();
    Map<String, String> weekOf = new TreeMap<>();
    for (Row r :
        TableIO.read(spark, output, Tables.ENTITY_COUNTS)
            .where(col(Tables.ENTITY).equalTo("Moscow"))
            .collectAsList()) {
      Map<String, String> target =
          r.getAs(Tables.GRAIN).equals("month")
              ? monthOf
              : r.getAs(Tables.GRAIN).equals("week") ? weekOf : null;
      if (target != null) {
        target.put(
            r.getAs(Tables.PERIOD),
            r.getAs(Tables.PERIOD_START).toString() + " " + r.getAs(Tables.DOCUMENTS));
      }
    }
    assertThat(monthOf)
        .as("Moscow by month: period → start and documents (d1, d2 | d3, d5)")
        .isEqualTo(Map.of("2020-12", "2020-12-01 2", "2021-01", "2021-01-01 2"));
    assertThat(weekOf)
        .as("Moscow by ISO week (d1, d2, d3 in 2020-W53; d5 on Sunday 2021-01-31 in 2021-W04)")
        .isEqualTo(Map.of("2020-W53", "2020-12-28 3", "2021-W04", "2021-01-25 1"));
  }

  /**
   * Entity tone in week 2020-W53: Kim Jong Un is in d1 s0 (positive 0.5), d2 s0 (positive 0.5), d3
   * s0 (neutral 0) and d3 s1 (negative −0.5): 4 sentences, mean 0.125, shares 1/4, 1/4, 1/2; 4
   * mentions in 3 documents, 2 stories, 2 outlets.
   */
  @Test
  void handComputedEntityTone() {
    Row r =
        TableIO.read(spark, output, Tables.ENTITY_COUNTS)
            .where(col(Tables.GRAIN).equalTo("week"))
            .where(col(Tables.PERIOD_START).equalTo(Date.valueOf("2020-12-28")))
            .where(col(Tables.ENTITY).equalTo("Kim Jong Un"))
            .first();
    assertThat(
            List.of(
                r.getAs(Tables.MENTION_COUNT),
                r.getAs(Tables.DOCUMENTS),
                r.getAs(Tables.STORIES),
                r.getAs(Tables.SOURCES),
                r.getAs(Tables.SENTIMENT_SENTENCES)))
        .as("mentions, documents, stories, sources, sentiment sentences")
        .isEqualTo(List.of(4L, 3L, 2L, 2L, 4L));
    assertThat(
            List.of(
                r.getAs(Tables.SENTIMENT_MEAN),
                r.getAs(Tables.NEGATIVE_SHARE),
                r.getAs(Tables.NEUTRAL_SHARE),
                r.getAs(Tables.POSITIVE_SHARE)))
        .as("mean, negative, neutral, positive")
        .isEqualTo(List.of(0.125, 0.25, 0.25, 0.5));
  }

  /**
   * Evidence for Kim Jong Un – Moscow in 2020-W53: shared sentences d1 s0, d2 s0 (story d1) and d3
   * s1. One per story first: d1 s0 (canonical), then d3 s1; d2 s0 would come third.
   */
  @Test
  void evidenceGivesOneSentencePerStoryFirst() {
    List<Row> rows =
        TableIO.read(spark, output, Tables.COMENTION_EVIDENCE)
            .where(col(Tables.GRAIN).equalTo("week"))
            .where(col(Tables.ENTITY_A).equalTo("Kim Jong Un"))
            .where(col(Tables.ENTITY_B).equalTo("Moscow"))
            .where(col(Tables.PERIOD_START).equalTo(Date.valueOf("2020-12-28")))
            .orderBy(Tables.RANK)
            .collectAsList();
    List<String> got = new ArrayList<>();
    for (Row r : rows) {
      got.add(
          r.getAs(Tables.RANK)
              + " "
              + r.getAs(Tables.ARTICLE_ID)
              + " "
              + r.getAs(Tables.DATE)
              + " "
              + r.getAs(Tables.SOURCE)
              + " / "
              + r.getAs(Tables.TITLE)
              + ": "
              + r.getAs(Tables.SENTENCE)
              + " ("
              + r.getAs(Tables.SENTIMENT_LABEL)
              + ")");
    }
    assertThat(got)
        .as("evidence rows")
        .containsExactly(
            "1 d1 2020-12-30 Outlet A / Title of d1: Vladimir Putin met Kim Jong Un in Moscow. (positive)",
            "2 d3 2021-01-01 Outlet A / Title of d3: Vladimir Putin replied from Moscow to Kim Jong Un."
                + " (negative)");
  }

  private static List<PeriodOracle.Doc> oracleDocs(String out) {
    List<PeriodOracle.Doc> docs = new ArrayList<>();
    for (Row r : TableIO.read(spark, out, Tables.ARTICLES).collectAsList()) {
      docs.add(
          new PeriodOracle.Doc(
              r.getAs(Tables.ARTICLE_ID),
              r.<Date>getAs(Tables.DATE).toLocalDate(),
              r.getAs(Tables.STORY_ID),
              r.getAs(Tables.SOURCE),
              r.getAs(Tables.IS_CANONICAL)));
    }
    return docs;
  }

  @Test
  void everyRowMatchesAnIndependentComputation() {
    PeriodOracle oracle =
        PeriodOracle.fromTables(
            TableIO.read(spark, output, Tables.MENTIONS_TABLE).collectAsList(),
            oracleDocs(output),
            ORACLE_OPTIONS);
    oracle.assertTablesMatch(spark, output);
    assertThat(report.periodsWritten()).as("periods written by the first run").isEqualTo(13);
  }

  /** Names of the data files of a table's current version, by partition directory. */
  private static Map<String, String> files(String out, TableDef table) {
    Map<String, Set<String>> byPartition = new TreeMap<>();
    Path root = Path.of(out, table.name());
    for (String f : TableIO.read(spark, out, table).inputFiles()) {
      Path p = Path.of(java.net.URI.create(f));
      byPartition
          .computeIfAbsent(root.relativize(p.getParent()).toString(), k -> new TreeSet<>())
          .add(p.getFileName().toString());
    }
    Map<String, String> out2 = new TreeMap<>();
    byPartition.forEach((k, v) -> out2.put(k, String.join(",", v)));
    return out2;
  }

  private static Map<TableDef, Map<String, String>> allFiles(String out) {
    Map<TableDef, Map<String, String>> all = new LinkedHashMap<>();
    for (TableDef t :
        List.of(Tables.ENTITY_COUNTS, Tables.COMENTION_COUNTS, Tables.COMENTION_EVIDENCE)) {
      all.put(t, files(out, t));
    }
    return all;
  }

  /**
   * Re-running on unchanged input writes nothing. Changing d5 (2021-01-31) and deleting d4
   * (2021-01-04) rewrites day 2021-01-31 and the next day with documents within the window
   * (2021-02-01), weeks 2021-01-25 and 2021-02-01, months 2021-01 and 2021-02, and removes day and
   * week 2021-01-04; every other partition keeps its files. The periods of February are only
   * rebaselined (their inputs are the same, their surprise baselines hold a changed period): only
   * their comention_counts rows are rewritten, entity_counts and comention_evidence keep their
   * files. The result equals a full computation.
   */
  @Test
  void reRunsRewriteOnlyChangedPeriods() throws IOException {
    String out = copyOfTheFirstRun("incremental");
    Map<TableDef, Map<String, String>> before = allFiles(out);

    AggregateReport again = AggregateJob.run(spark, settings(out));
    assertThat(List.of(again.periodsWritten(), again.periodsUnchanged(), again.periodsRemoved()))
        .as("unchanged input: periods written, unchanged, removed")
        .isEqualTo(List.of(0, 13, 0));
    assertThat(allFiles(out)).as("files after an unchanged re-run").isEqualTo(before);

    List<A> changed = changedCorpus();
    writeCorpus(out, changed);
    AggregateReport third = AggregateJob.run(spark, settings(out));
    assertThat(List.of(third.periodsWritten(), third.periodsUnchanged(), third.periodsRemoved()))
        .as("after changing d5 and removing d4: periods written, unchanged, removed")
        .isEqualTo(List.of(6, 5, 2));
    Map<TableDef, Map<String, String>> after = allFiles(out);
    Set<String> rewritten =
        Set.of(
            "grain=day/period_start=2021-01-31",
            "grain=day/period_start=2021-02-01",
            "grain=week/period_start=2021-01-25",
            "grain=week/period_start=2021-02-01",
            "grain=month/period_start=2021-01-01",
            "grain=month/period_start=2021-02-01");
    Set<String> rebaselined =
        Set.of(
            "grain=day/period_start=2021-02-01",
            "grain=week/period_start=2021-02-01",
            "grain=month/period_start=2021-02-01");
    Set<String> removed =
        Set.of("grain=day/period_start=2021-01-04", "grain=week/period_start=2021-01-04");
    for (TableDef t : after.keySet()) {
      Map<String, String> old = before.get(t);
      Map<String, String> now = after.get(t);
      boolean surprise = t == Tables.COMENTION_COUNTS;
      for (String partition : old.keySet()) {
        if (removed.contains(partition)) {
          assertThat(now)
              .as("%s: removed partition %s", t.name(), partition)
              .doesNotContainKey(partition);
        } else if (surprise && rebaselined.contains(partition)) {
          assertThat(now.get(partition))
              .as(
                  "%s: files of rebaselined partition %s (its surprise rewritten)",
                  t.name(), partition)
              .isNotEqualTo(old.get(partition));
        } else if (!rewritten.contains(partition) || rebaselined.contains(partition)) {
          assertThat(now.get(partition))
              .as(
                  "%s: files of untouched partition %s (rebaselined periods included)",
                  t.name(), partition)
              .isEqualTo(old.get(partition));
        }
      }
    }

    assertSameAsAFullRunOfTheChangedCorpus(out);
  }

  /** The corpus with d5 (2021-01-31) changed and d4 (2021-01-04) removed. */
  private static List<A> changedCorpus() {
    List<A> changed = new ArrayList<>();
    for (A a : CORPUS) {
      if (a.id().equals("d5")) {
        changed.add(
            new A(
                "d5",
                a.date(),
                a.source(),
                new S("Moscow hosted Kim Jong Un.", "neutral", 0.1, "Moscow", "Kim Jong Un")));
      } else if (!a.id().equals("d4")) {
        changed.add(a);
      }
    }
    return changed;
  }

  /**
   * A copy of the output of the class's run on {@link #CORPUS}: the tables of a first run, to run
   * again on, without computing them again.
   */
  private static String copyOfTheFirstRun(String name) throws IOException {
    Path copy = tempDir(name).resolve("out");
    copyRecursively(Path.of(output), copy);
    return copy.toString();
  }

  /**
   * The output of one run on {@link #changedCorpus()} into a fresh output, computed once: two tests
   * compare their incremental results with it.
   */
  private static String fullRunOfTheChangedCorpus() throws IOException {
    if (changedFullRun == null) {
      String fresh = tempDir("full-run-of-the-changed-corpus").toString();
      writeCorpus(fresh, changedCorpus());
      AggregateJob.run(spark, settings(fresh));
      changedFullRun = fresh;
    }
    return changedFullRun;
  }

  /** The period tables under out equal those of one run on the changed corpus. */
  private static void assertSameAsAFullRunOfTheChangedCorpus(String out) throws IOException {
    String fresh = fullRunOfTheChangedCorpus();
    for (TableDef t :
        List.of(Tables.ENTITY_COUNTS, Tables.COMENTION_COUNTS, Tables.COMENTION_EVIDENCE)) {
      Dataset<Row> incremental = TableIO.read(spark, out, t);
      Dataset<Row> full = TableIO.read(spark, fresh, t);
      assertThat(incremental.count())
          .as(t.name() + " rows, incremental vs full")
          .isEqualTo(full.count());
      assertThat(incremental.exceptAll(full).count())
          .as(t.name() + " rows only in the incremental result")
          .isZero();
      assertThat(full.exceptAll(incremental).count())
          .as(t.name() + " rows only in the full result")
          .isZero();
    }
  }

  /**
   * A run that dies after committing the period tables but before the fingerprints (simulated by
   * restoring {@code aggregate_periods} to its version before that run) leaves the fingerprints of
   * the run before; the next run rewrites the same periods, removes the same ones, and ends with
   * the tables of an uninterrupted run.
   */
  @Test
  void aRunThatDiedBeforeItsFingerprintsIsCompletedByTheNext() throws IOException {
    String out = copyOfTheFirstRun("killed");
    DeltaTable fingerprints =
        DeltaTable.forPath(spark, TableIO.path(out, Tables.AGGREGATE_PERIODS));
    long before = fingerprints.history(1).first().<Long>getAs("version");
    List<A> changed = changedCorpus();
    writeCorpus(out, changed);
    AggregateJob.run(spark, settings(out));
    fingerprints.restoreToVersion(before);

    AggregateReport next = AggregateJob.run(spark, settings(out));

    assertThat(List.of(next.periodsWritten(), next.periodsRemoved()))
        .as("periods written and removed by the next run")
        .isEqualTo(List.of(6, 2));
    assertSameAsAFullRunOfTheChangedCorpus(out);
  }

  /** Articles without entities give empty period tables, readable by the next run. */
  @Test
  void aCorpusWithoutEntitiesGivesEmptyPeriodTables() throws IOException {
    String out = tempDir("no-entities").toString();
    writeCorpus(
        out,
        List.of(new A("e1", "2021-03-01", "Outlet A", new S("Nothing happened.", "neutral", 0.0))));
    AggregateReport first = AggregateJob.run(spark, settings(out));
    assertThat(List.of(first.entities(), first.pairs(), (long) first.periodsWritten()))
        .as("entities, pairs, periods written")
        .isEqualTo(List.of(0L, 0L, 3L));
    assertThat(first.lastPeriod()).as("last period with pairs").isNull();
    assertThat(TableIO.read(spark, out, Tables.COMENTION_COUNTS).count())
        .as("comention_counts rows")
        .isZero();
    AggregateReport again = AggregateJob.run(spark, settings(out));
    assertThat(again.periodsWritten()).as("periods written by the re-run").isZero();
  }

  /**
   * The Spark period columns agree with java.time's ISO weeks on every day of 2015–2032, and
   * consecutive periods of a grain have consecutive numbers (what the surprise window counts on).
   */
  @Test
  void periodStartsAndLabelsAgreeWithJavaTime() {
    List<Row> days = new ArrayList<>();
    for (LocalDate d = LocalDate.of(2015, 1, 1); d.getYear() < 2033; d = d.plusDays(1)) {
      days.add(RowFactory.create(Date.valueOf(d)));
    }
    Dataset<Row> df =
        spark.createDataFrame(
            days,
            new org.apache.spark.sql.types.StructType()
                .add(Tables.DATE, org.apache.spark.sql.types.DataTypes.DateType));
    int checked = 0;
    Map<String, Long> numbers = new HashMap<>();
    for (Row r :
        org.newsgraph.periods.PeriodInputs.withPeriods(df)
            .withColumn(Tables.PERIOD, org.newsgraph.periods.Grain.label())
            .withColumn("_number", org.newsgraph.periods.Grain.number())
            .collectAsList()) {
      LocalDate d = r.<Date>getAs(Tables.DATE).toLocalDate();
      String grain = r.getAs(Tables.GRAIN);
      LocalDate start = PeriodOracle.start(grain, d);
      assertThat(r.<Date>getAs(Tables.PERIOD_START).toLocalDate())
          .as("%s start of %s", grain, d)
          .isEqualTo(start);
      assertThat(r.<String>getAs(Tables.PERIOD))
          .as("%s label of %s", grain, d)
          .isEqualTo(PeriodOracle.label(grain, start));
      numbers.put(grain + " " + start, r.<Long>getAs("_number"));
      checked++;
    }
    assertThat(checked).as("days × grains checked").isEqualTo(days.size() * 3);
    int steps = 0;
    for (var e : numbers.entrySet()) {
      String[] key = e.getKey().split(" ");
      Grain grain = Grain.of(key[0]);
      LocalDate next = grain.plus(LocalDate.parse(key[1]), 1);
      Long nextNumber = numbers.get(grain.id() + " " + next);
      if (nextNumber != null) {
        assertThat(nextNumber)
            .as("number of the %s after %s", grain.id(), key[1])
            .isEqualTo(e.getValue() + 1);
        steps++;
      }
    }
    assertThat(steps).as("consecutive periods checked").isEqualTo(numbers.size() - 3);
  }
}
