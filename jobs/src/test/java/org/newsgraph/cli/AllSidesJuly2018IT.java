package org.newsgraph.cli;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsgraph.bench.GoldCounter;
import org.newsgraph.bench.RecallGold;
import org.newsgraph.bench.RecallReport;
import org.newsgraph.bench.RecallScorer;
import org.newsgraph.config.SettingKeys;
import org.newsgraph.config.Settings;
import org.newsgraph.nlp.EditDistance;
import org.newsgraph.tables.TableIO;
import org.newsgraph.tables.Tables;
import org.newsgraph.testing.IdentityInvariant;
import org.newsgraph.testing.SparkTestSession;
import org.newsgraph.testing.TestTables;

/**
 * The pipeline on a real slice: the July 2018 articles of the AllSides corpus (read from ../shared
 * at run time, written to temporary .jsonl.gz files, one per nightly drop, never into the project).
 * The Putin–Kim Jong Un document co-mentions are checked against an independent count: the articles
 * whose text matches both names by regular expression. The same run is scored by the recall
 * benchmark's gold (docs/benchmarks.md). The month is also run drop by drop, as two nights into
 * another output, beside the run over the whole month (on the same session, as two jobs of one
 * Spark application run: neither keeps both cores busy all along), and one test compares every
 * table of the nights with the month's.
 */
class AllSidesJuly2018IT extends SparkTestSession {

  private static final Path CORPUS =
      CORPORA.resolve("allsides-article-bias/allsides-2018.jsonl.gz");
  private static final Pattern PUTIN = Pattern.compile("\\bPutin\\b");
  private static final Pattern KIM = Pattern.compile("\\bKim Jong[\\s-]?[Uu]n\\b");

  private static final Set<String> namingBoth = new TreeSet<>();
  private static final List<GoldCounter.Article> sliceTexts = new ArrayList<>();
  private static int sliceArticles;
  private static String output;
  private static RunJob.Summary summary;

  /**
   * Run dates of the nightly drops: the day after the first fourteen days of July 2018 (a Saturday:
   * the ISO week of 9-15 July is split between the nights), and the day after the month. Two drops,
   * not more: each night pays a run's fixed cost (about 45 s here), and two already give late
   * articles landing in periods the first night wrote and weeks split between nights. Here the
   * second night's names change mentions of nearly every day, so it recomputes every period;
   * periods recomputed only for their surprise baseline are PeriodTablesTest's.
   */
  private static final List<String> NIGHTS = List.of("2018-07-15", "2018-08-01");

  /** Days of July per nightly drop (the last drop takes the rest of the month). */
  private static final int DROP_DAYS = 14;

  /** The slice's files, one per nightly drop. */
  private static final List<String> dropFiles = new ArrayList<>();

  /** The output of the nightly runs, and each night's summary. */
  private static String nights;

  private static List<RunJob.Summary> nightSummaries;

  @BeforeAll
  static void runOnJuly2018() throws Exception {
    assertThat(CORPUS)
        .as("the AllSides corpus, read from ../shared/corpora beside the project root")
        .isRegularFile();
    ObjectMapper json = new ObjectMapper();
    List<List<String>> drops = new ArrayList<>();
    NIGHTS.forEach(n -> drops.add(new ArrayList<>()));
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(CORPUS)), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        JsonNode article = json.readTree(line);
        if (article.get("published").asText().startsWith("2018-07")) {
          sliceArticles++;
          drops.get(drop(article)).add(line);
          String text = article.get("text").asText();
          // Input ids are namespaced by the name of the file's directory.
          String id = "allsides-slice:" + article.get("id").asText();
          sliceTexts.add(new GoldCounter.Article(id, text));
          if (PUTIN.matcher(text).find() && KIM.matcher(text).find()) {
            namingBoth.add(id);
          }
        }
      }
    }
    // The month is written as its nightly drops: the night-by-night test reads them one by one,
    // the run below all at once, so both read the same files.
    for (int i = 0; i < NIGHTS.size(); i++) {
      // One directory name for all drops: input ids are namespaced by it.
      Path file =
          tempDir("allsides-night-" + i).resolve("allsides-slice/allsides-2018-07.jsonl.gz");
      Files.createDirectories(file.getParent());
      try (Writer w =
          new OutputStreamWriter(
              new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8)) {
        for (String line : drops.get(i)) {
          w.write(line);
          w.write('\n');
        }
      }
      dropFiles.add(file.toString());
    }
    output = tempDir("allsides-run").toString();
    nights = tempDir("allsides-nights-output").toString();
    // Sentiment is off here: this test is about entities and co-mentions, and parsing would
    // triple its run time; the sample-data test covers sentiment.
    CompletableFuture<List<RunJob.Summary>> nightly =
        beside(
            () -> {
              List<RunJob.Summary> runs = new ArrayList<>();
              for (int i = 0; i < NIGHTS.size(); i++) {
                runs.add(
                    RunJob.run(
                        spark,
                        Settings.defaults()
                            .with(SettingKeys.INPUT.key(), dropFiles.get(i))
                            .with(SettingKeys.OUTPUT.key(), nights)
                            .with(SettingKeys.SENTIMENT.key(), "off")
                            .with(SettingKeys.RUN_DATE.key(), NIGHTS.get(i))));
              }
              return runs;
            });
    Settings settings =
        Settings.defaults()
            .with(SettingKeys.INPUT.key(), String.join(",", dropFiles))
            .with(SettingKeys.OUTPUT.key(), output)
            .with(SettingKeys.SENTIMENT.key(), "off");
    summary = RunJob.run(spark, settings);
    nightSummaries = nightly.get(BESIDE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * The nightly drop an article arrives in: the one of the days it was published in, or the next
   * one for about one article in eight (by its id), as late news arrives.
   */
  private static int drop(JsonNode article) {
    int day = Integer.parseInt(article.get("published").asText().substring(8, 10));
    int drop = Math.min(NIGHTS.size() - 1, (day - 1) / DROP_DAYS);
    boolean late = Math.floorMod(article.get("id").asText().hashCode(), 8) == 0;
    return late && drop < NIGHTS.size() - 1 ? drop + 1 : drop;
  }

  /** The Kim Jong Un – Vladimir Putin rows of a period table at one grain. */
  private static Dataset<Row> putinKim(org.newsgraph.tables.TableDef table, String grain) {
    return TableIO.read(spark, output, table)
        .where(col(Tables.GRAIN).equalTo(grain))
        .where(col(Tables.ENTITY_A).equalTo("Kim Jong Un"))
        .where(col(Tables.ENTITY_B).equalTo("Vladimir Putin"));
  }

  /**
   * The month in two nightly drops, run one after the other into one output with sentiment off as
   * above: each night annotates only its own articles, and every data table ends equal to the run
   * over the whole month.
   */
  @Test
  void nightByNightEqualsTheMonthAllAtOnce() {
    assertThat(nightSummaries).as("nightly runs").hasSize(NIGHTS.size());
    long stored = 0;
    for (int i = 0; i < NIGHTS.size(); i++) {
      RunJob.Summary night = nightSummaries.get(i);
      assertThat(night.annotate().annotated())
          .as("articles CoreNLP annotated on night %s: its own", NIGHTS.get(i))
          .isEqualTo(night.ingest().articles());
      assertThat(night.annotate().reused())
          .as("annotations of the earlier nights reused on night %s", NIGHTS.get(i))
          .isEqualTo(stored);
      stored += night.ingest().articles();
    }
    assertThat(stored).as("articles of the two nights").isEqualTo(summary.ingest().articles());
    TestTables.assertSameTables(
        spark, TestTables.DATA_AND_QUARANTINE, nights, output, "two nights vs the month at once");
  }

  @Test
  void everyArticleOfTheSliceIsIngestedAndAnnotated() {
    assertThat(sliceArticles)
        .as("AllSides articles dated July 2018 (SOURCE.md: 346)")
        .isEqualTo(346);
    assertThat(summary.ingest().read()).as("records read").isEqualTo(sliceArticles);
    assertThat(summary.ingest().articles()).as("articles").isEqualTo(sliceArticles);
    assertThat(summary.annotate().annotated()).as("annotated").isEqualTo(sliceArticles);
  }

  @Test
  void putinKimJongUnDocumentCoMentionsMatchAnIndependentCount() {
    Set<String> found = new TreeSet<>();
    for (Row r :
        TableIO.read(spark, output, Tables.MENTIONS_TABLE)
            .where(col(Tables.ENTITY).isin("Vladimir Putin", "Kim Jong Un"))
            .groupBy(Tables.ARTICLE_ID)
            .agg(org.apache.spark.sql.functions.countDistinct(col(Tables.ENTITY)).as("n"))
            .where(col("n").equalTo(2))
            .collectAsList()) {
      found.add(r.getString(0));
    }
    assertThat(namingBoth).as("articles whose text names both (regex count)").hasSize(12);
    assertThat(found)
        .as("articles with mentions of both Vladimir Putin and Kim Jong Un")
        .isEqualTo(namingBoth);

    Row month = putinKim(Tables.COMENTION_COUNTS, "month").first();
    assertThat(month.<String>getAs(Tables.PERIOD)).as("the pair's month").isEqualTo("2018-07");
    assertThat(month.<Long>getAs(Tables.DOCUMENTS))
        .as("comention_counts documents for Kim Jong Un – Vladimir Putin in month 2018-07")
        .isEqualTo(namingBoth.size());
    long daySum =
        putinKim(Tables.COMENTION_COUNTS, "day")
            .agg(org.apache.spark.sql.functions.sum(Tables.DOCUMENTS))
            .first()
            .getLong(0);
    assertThat(daySum).as("the same pair's day counts, summed").isEqualTo(namingBoth.size());
  }

  /**
   * The per-article cap on real text: the articles aggregate reports as capped are those with more
   * paired entities than the cap, counted here from the mentions table. Prints the largest number
   * of paired entities in one article.
   */
  @Test
  void cappedArticlesAreCountedFromTheMentions() {
    Settings defaults = Settings.defaults();
    int cap = defaults.getInt(SettingKeys.MAX_PAIRED_ENTITIES);
    Map<String, Set<String>> perArticle = new java.util.HashMap<>();
    for (Row r :
        TableIO.read(spark, output, Tables.MENTIONS_TABLE)
            .where(col(Tables.ENTITY_TYPE).isin(defaults.getList(SettingKeys.PAIR_TYPES).toArray()))
            .select(Tables.ARTICLE_ID, Tables.ENTITY)
            .collectAsList()) {
      perArticle.computeIfAbsent(r.getString(0), k -> new TreeSet<>()).add(r.getString(1));
    }
    int most = perArticle.values().stream().mapToInt(Set::size).max().orElse(0);
    long over = perArticle.values().stream().filter(e -> e.size() > cap).count();
    System.out.printf(
        "July 2018: most paired entities in one article %d; articles over the cap of %d: %d%n",
        most, cap, over);
    assertThat(summary.aggregate().cappedArticles()).as("capped articles").isEqualTo(over);
  }

  /**
   * Issue 13's identity invariant, by an independent SQL query over the stored tables: in every
   * period of every grain, a pair's documents_a and documents_b are the entity_counts documents of
   * the same entity, its types are that entity's type, and no entity has two types.
   */
  @Test
  void pairRowsAgreeWithEntityCountsInEveryPeriod() {
    IdentityInvariant.Result result = IdentityInvariant.check(spark, output);
    System.out.printf("July 2018: %d pair rows checked against entity_counts%n", result.pairRows());
    assertThat(result.pairRows()).as("pair rows").isPositive();
    assertThat(result.violations()).as("identity invariant violations").isEmpty();
  }

  /**
   * Issue 6: the evidence behind the Putin–Kim Jong Un count of July 2018 is sentences that name
   * both (checked by string match on the sentence text) from articles that name both, and each
   * sentence is the text of the article at the stored offsets.
   */
  @Test
  void putinKimJongUnEvidenceSentencesNameBoth() {
    Dataset<Row> evidence = putinKim(Tables.COMENTION_EVIDENCE, "month").orderBy(Tables.RANK);
    Row counts = putinKim(Tables.COMENTION_COUNTS, "month").first();
    long shared = counts.<Long>getAs(Tables.SENTENCE_COUNT);
    List<Row> rows = evidence.collectAsList();
    assertThat(shared).as("sentences naming both in July 2018").isPositive();
    assertThat(rows).as("evidence rows (top 5)").hasSize((int) Math.min(5, shared));
    Map<String, String> texts = new java.util.HashMap<>();
    for (Row a : TableIO.read(spark, output, Tables.ARTICLES).collectAsList()) {
      texts.put(a.getAs(Tables.ARTICLE_ID), a.getAs(Tables.TEXT));
    }
    List<Integer> ranks = new java.util.ArrayList<>();
    for (Row r : rows) {
      ranks.add(r.getAs(Tables.RANK));
      String sentence = r.getAs(Tables.SENTENCE);
      String id = r.getAs(Tables.ARTICLE_ID);
      assertThat(sentence)
          .as("evidence sentence of %s", id)
          .containsPattern("\\bPutin\\b")
          .containsPattern("\\bKim\\b");
      assertThat(namingBoth).as("articles naming both").contains(id);
      assertThat(texts.get(id)).as("text of %s", id).contains(sentence);
    }
    assertThat(ranks)
        .as("evidence ranks")
        .isEqualTo(List.of(1, 2, 3, 4, 5).subList(0, rows.size()));
  }

  /**
   * Issue 13, the recall benchmark on this month (docs/benchmarks.md). Issue 13's targets (recall
   * >= 0.90, precision >= 0.95, documents within 10% of the gold) are not met by every pair yet, so
   * this check guards what naming has reached: every pair keeps precision >= 0.95 and at least the
   * recall recorded for it in {@code recall/floors-2018-07.tsv} (measured, rounded down). It prints
   * the table with each pair's target verdict.
   */
  @Test
  void recallBenchmarkNeverFallsBelowItsRecordedFloorsForJuly2018() throws IOException {
    RecallGold gold = RecallGold.forCorpus("allsides-article-bias");
    RecallScorer.MonthResult result =
        RecallScorer.score(
            spark,
            output,
            gold,
            "2018-07",
            sliceTexts,
            Settings.defaults().getList(SettingKeys.PAIR_TYPES));
    RecallReport.print(System.out, result, Double.NaN);
    Map<String, Double> floors = new java.util.TreeMap<>();
    try (var in = AllSidesJuly2018IT.class.getResourceAsStream("/recall/floors-2018-07.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] c = line.split("\t");
          floors.put(c[0] + " — " + c[1], Double.parseDouble(c[2]));
        }
      }
    }
    List<String> below = new java.util.ArrayList<>();
    for (var s : result.scores()) {
      String pair = s.pair().a() + " — " + s.pair().b();
      Double floor = floors.get(pair);
      if (floor == null || s.recall() < floor || !s.precisionHolds()) {
        below.add(
            String.format(
                java.util.Locale.ROOT,
                "%s: recall %.3f (floor %s), precision %.3f",
                pair,
                s.recall(),
                floor,
                s.precision()));
      }
    }
    assertThat(result.scores()).as("pairs scored in July 2018").hasSizeGreaterThanOrEqualTo(17);
    assertThat(below)
        .as("pairs below their recorded recall floor or the precision target")
        .isEmpty();
  }

  /**
   * Issue 5 on real text: the canonical sets of four heads of state hold no other person, and the
   * variant spellings seen in the slice map to the right name. Lists what it checked.
   */
  @Test
  void headsOfStateHaveCleanCanonicalSets() {
    Map<String, Pattern> variants =
        Map.of(
            "Vladimir Putin",
            Pattern.compile("(?:(?:Russian )?President )?(?:Vladimir )?Putin(?:['’]s?)?"),
            "Kim Jong Un",
            Pattern.compile("(?:North Korean )?(?:leader )?Kim Jong[- ]?[Uu]n(?:['’]s?)?"),
            "Donald Trump",
            Pattern.compile("(?:President )?Donald (?:J\\. )?Trump(?:['’]s?)?"),
            "Xi Jinping",
            Pattern.compile("(?:(?:Chinese )?President )?(?:Xi Jinping|Xi)(?:['’]s?)?"));
    // Words a surface of the person may hold besides the name itself (titles, middle initials).
    Set<String> extra =
        Set.of(
            "president",
            "russian",
            "chinese",
            "north",
            "korean",
            "leader",
            "mr.",
            "j.",
            "v.",
            "'s",
            "’s",
            "supreme",
            "u.s.",
            "us",
            "american");
    Dataset<Row> mentions = TableIO.read(spark, output, Tables.MENTIONS_TABLE);
    // A compound of two persons ("Trump-Kim") is two mentions at one place: its surface holds the
    // other person's name by design, so it is left out of the surface check.
    Dataset<Row> compounds =
        mentions
            .groupBy(Tables.ARTICLE_ID, Tables.CHAR_BEGIN)
            .count()
            .where(col("count").gt(1))
            .drop("count");
    Dataset<Row> persons =
        mentions
            .where(col(Tables.ENTITY_TYPE).equalTo("PERSON"))
            .join(
                compounds,
                scala.jdk.javaapi.CollectionConverters.asScala(
                        List.of(Tables.ARTICLE_ID, Tables.CHAR_BEGIN))
                    .toSeq(),
                "left_anti");
    for (Map.Entry<String, Pattern> target : variants.entrySet()) {
      String name = target.getKey();
      Set<String> allowed = new TreeSet<>(extra);
      for (String w : name.toLowerCase(java.util.Locale.ROOT).split(" ")) {
        allowed.add(w);
      }
      Set<String> surfaces = new TreeSet<>();
      for (Row r :
          persons
              .where(col(Tables.ENTITY).equalTo(name))
              .select(Tables.SURFACE)
              .distinct()
              .collectAsList()) {
        surfaces.add(r.getString(0));
      }
      System.out.printf("%s <- %s%n", name, surfaces);
      assertThat(surfaces).as("surfaces named %s", name).isNotEmpty();
      for (String surface : surfaces) {
        // Names run together ("Trump Donald John Trump Sessions", link text and tooltips) repeat
        // a word and are named by their first person (README, Entity names, rule 2): their
        // surface holds other names by design, as a compound's does.
        List<String> lower = List.of(surface.toLowerCase(java.util.Locale.ROOT).split("[\\s-]+"));
        if (lower.stream().distinct().count() < lower.size()) {
          System.out.printf("%s <- run together: '%s'%n", name, surface);
          continue;
        }
        // A handle writes the name's words run together ("@realDonaldTrump": "DonaldTrump").
        String[] words =
            surface
                .replaceAll("(?<=\\p{Ll})(?=\\p{Lu})", " ")
                .toLowerCase(java.util.Locale.ROOT)
                .replaceAll("(['’]s?)$", " $1")
                .split("[\\s-]+");
        // A given name misspelt by a letter is the person's (rule 8: "Valadimir Putin").
        List<String> nameWords = List.of(name.toLowerCase(java.util.Locale.ROOT).split(" "));
        String given = nameWords.get(0);
        if (words.length > 1
            && given.length() >= 4
            && EditDistance.levenshtein(words[0], given) == 1) {
          words[0] = given;
        }
        assertThat(allowed)
            .as("words of surface '%s' named %s (no other person)", surface, name)
            .contains(words);
      }
      Set<String> wrong = new TreeSet<>();
      long checked = 0;
      for (Row r :
          persons.select(Tables.SURFACE, Tables.ENTITY, Tables.ARTICLE_ID).collectAsList()) {
        if (target.getValue().matcher(r.getString(0)).matches()) {
          checked++;
          if (!r.getString(1).equals(name)) {
            wrong.add(r.getString(2) + " '" + r.getString(0) + "' -> " + r.getString(1));
          }
        }
      }
      System.out.printf("%s: %d PERSON mentions with a variant spelling checked%n", name, checked);
      assertThat(checked).as("variant mentions of %s in the slice", name).isPositive();
      assertThat(wrong).as("variant spellings of %s named otherwise", name).isEmpty();
    }
  }
}
