package org.newsgraph.cli;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsgraph.config.SettingKeys;
import org.newsgraph.config.Settings;
import org.newsgraph.entities.UntaggedMentions;
import org.newsgraph.nlp.DocumentAnnotator;
import org.newsgraph.tables.TableIO;
import org.newsgraph.tables.Tables;
import org.newsgraph.testing.PeriodOracle;
import org.newsgraph.testing.SparkTestSession;

/**
 * The whole pipeline on sample-data/ with real CoreNLP models, compared with the hand-derived
 * expectations in sample-data/expected/ (written from the article texts, not from this program).
 * The session runs Spark's default generated code, as the job does.
 */
class SampleDataRunIT extends SparkTestSession {

  private static final Path SAMPLE = PROJECT_ROOT.resolve("sample-data");
  private static final Path EXPECTED = SAMPLE.resolve("expected");
  private static String output;
  private static RunJob.Summary summary;
  private static long annotationCalls;

  @BeforeAll
  static void runPipeline() throws IOException {
    // Spark's own generated code, as the job runs it: the other in-process tests interpret
    // expressions (SparkTestSession.INTERPRETED), and this run checks the job's code path against
    // the hand-derived expectations and the plain-Java computation.
    SparkTestSession.INTERPRETED.keySet().forEach(spark.conf()::unset);
    output = tempDir("sample-run").toString();
    Settings settings =
        Settings.defaults()
            .with(SettingKeys.INPUT.key(), SAMPLE.toString())
            .with(SettingKeys.OUTPUT.key(), output);
    long before = DocumentAnnotator.documentsAnnotated();
    summary = RunJob.run(spark, settings);
    annotationCalls = DocumentAnnotator.documentsAnnotated() - before;
  }

  @Test
  void accountsForEveryRecord() throws IOException {
    Map<String, Long> expected = new HashMap<>();
    for (String line : Files.readAllLines(EXPECTED.resolve("summary.tsv")).subList(1, 4)) {
      String[] f = line.split("\t");
      expected.put(f[0], Long.parseLong(f[1]));
    }
    assertThat(summary.ingest().read()).as("records read").isEqualTo(expected.get("read"));
    assertThat(summary.ingest().articles()).as("articles").isEqualTo(expected.get("articles"));
    assertThat(summary.ingest().quarantined())
        .as("quarantined")
        .isEqualTo(expected.get("quarantined"));
    assertThat(summary.ingest().quarantineReasons())
        .as("quarantine reasons of the four bad records written into sample-data")
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("malformed_record", 1L, "missing_date", 2L, "bad_date", 1L));
    assertThat(summary.annotate().annotated()).as("articles annotated").isEqualTo(34);
    assertThat(summary.annotate().failed()).as("annotation failures").isZero();
    assertThat(annotationCalls).as("CoreNLP passes: exactly one per article").isEqualTo(34);
  }

  @Test
  void comentionCountsOfTrackedEntitiesMatchTheHandDerivedExpectations() throws IOException {
    Set<String> tracked = new TreeSet<>();
    for (String line : Files.readAllLines(EXPECTED.resolve("articles.tsv")).subList(1, 35)) {
      String[] f = line.split("\t", -1);
      if (f.length > 2 && !f[2].isEmpty()) {
        tracked.addAll(List.of(f[2].split("\\|")));
      }
    }
    assertThat(tracked).as("tracked entities").hasSize(17);

    Map<String, String> expected = new TreeMap<>();
    List<String> lines = Files.readAllLines(EXPECTED.resolve("comention_documents.tsv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\t");
      expected.put(f[0] + " | " + f[1] + " | " + f[2], f[3] + " documents, " + f[4] + " sentences");
    }
    // Sentences where CoreNLP's NER misses a hand-counted mention, each explained in the file.
    List<String> deviations = Files.readAllLines(EXPECTED.resolve("corenlp_deviations.tsv"));
    assertThat(deviations).as("documented CoreNLP deviations").hasSize(2);
    for (String line : deviations.subList(1, deviations.size())) {
      String[] f = line.split("\t");
      String key = f[0] + " | " + f[1] + " | " + f[2];
      String hand = expected.get(key);
      assertThat(hand).as("hand count of deviation " + key).endsWith(", " + f[3] + " sentences");
      expected.put(key, hand.replace(", " + f[3] + " sentences", ", " + f[4] + " sentences"));
    }

    // An article has one date, so the week and month counts are sums of the day counts.
    Map<String, long[]> byPeriod = new TreeMap<>();
    expected.forEach(
        (key, counts) -> {
          String[] k = key.split(" \\| ");
          String[] c = counts.split(" documents, | sentences");
          for (String grain : List.of("day", "week", "month")) {
            long[] sum =
                byPeriod.computeIfAbsent(
                    String.join(
                        " | ",
                        grain,
                        PeriodOracle.start(grain, LocalDate.parse(k[0])).toString(),
                        k[1],
                        k[2]),
                    x -> new long[2]);
            sum[0] += Long.parseLong(c[0]);
            sum[1] += Long.parseLong(c[1]);
          }
        });
    Map<String, String> expectedByPeriod = new TreeMap<>();
    byPeriod.forEach(
        (k, v) -> expectedByPeriod.put(k, v[0] + " documents, " + v[1] + " sentences"));

    Map<String, String> actual = new TreeMap<>();
    for (Row r :
        TableIO.read(spark, output, Tables.COMENTION_COUNTS)
            .select(
                Tables.GRAIN,
                Tables.PERIOD_START,
                Tables.ENTITY_A,
                Tables.ENTITY_B,
                Tables.DOCUMENTS,
                Tables.SENTENCE_COUNT)
            .where(col(Tables.ENTITY_A).isin(tracked.toArray()))
            .where(col(Tables.ENTITY_B).isin(tracked.toArray()))
            .collectAsList()) {
      actual.put(
          String.join(
              " | ", r.getString(0), r.getDate(1).toString(), r.getString(2), r.getString(3)),
          r.getLong(4) + " documents, " + r.getLong(5) + " sentences");
    }
    assertThat(actual.keySet().stream().filter(k -> k.startsWith("day")).count())
        .as("tracked pair-days")
        .isEqualTo(expected.size());
    assertThat(actual)
        .as("comention_counts at day, week and month grain, restricted to the tracked entities")
        .containsExactlyEntriesOf(expectedByPeriod);
  }

  /**
   * Issue 6 on the sample: document counts and every document-level measure of the tracked pairs at
   * day, week and month grain, computed from the hand-derived entity sets of expected/articles.tsv
   * (N, n_a, n_b and n_ab by counting articles; PMI, NPMI, G², lift and the surprise baseline by
   * the formulas of docs/tables.md, in {@link PeriodOracle}).
   */
  @Test
  void periodMeasuresOfTrackedPairsMatchTheHandDerivedEntitySets() throws IOException {
    Map<LocalDate, List<Set<String>>> byDate = new TreeMap<>();
    Set<String> tracked = new TreeSet<>();
    for (String line : Files.readAllLines(EXPECTED.resolve("articles.tsv")).subList(1, 35)) {
      String[] f = line.split("\t", -1);
      Set<String> entities =
          f.length > 2 && !f[2].isEmpty() ? new TreeSet<>(List.of(f[2].split("\\|"))) : Set.of();
      tracked.addAll(entities);
      byDate.computeIfAbsent(LocalDate.parse(f[1]), d -> new ArrayList<>()).add(entities);
    }
    Settings defaults = Settings.defaults();
    int minSupport = defaults.getInt(SettingKeys.MIN_SUPPORT);
    int window = defaults.getInt(SettingKeys.SURPRISE_WINDOW);
    int minPeriods = defaults.getInt(SettingKeys.SURPRISE_MIN_PERIODS);
    Map<String, Map<String, Object>> expected = new TreeMap<>();
    for (String grain : List.of("day", "week", "month")) {
      Map<LocalDate, List<Set<String>>> byPeriod = new TreeMap<>();
      byDate.forEach(
          (d, articles) ->
              byPeriod
                  .computeIfAbsent(PeriodOracle.start(grain, d), k -> new ArrayList<>())
                  .addAll(articles));
      byPeriod.forEach(
          (start, articles) -> {
            Map<String, Long> single = new TreeMap<>();
            Map<String, Long> pairs = new TreeMap<>();
            for (Set<String> entities : articles) {
              List<String> names = new ArrayList<>(entities);
              names.forEach(e -> single.merge(e, 1L, Long::sum));
              for (int i = 0; i < names.size(); i++) {
                for (int j = i + 1; j < names.size(); j++) {
                  pairs.merge(names.get(i) + " | " + names.get(j), 1L, Long::sum);
                }
              }
            }
            pairs.forEach(
                (pair, nab) -> {
                  String[] ab = pair.split(" \\| ");
                  Map<String, Object> row = new java.util.LinkedHashMap<>();
                  long n = articles.size();
                  row.put(Tables.PERIOD_DOCUMENTS, n);
                  row.put(Tables.DOCUMENTS, nab);
                  row.put(Tables.DOCUMENTS_A, single.get(ab[0]));
                  row.put(Tables.DOCUMENTS_B, single.get(ab[1]));
                  row.putAll(
                      PeriodOracle.association(
                          n, single.get(ab[0]), single.get(ab[1]), nab, minSupport));
                  List<Long> baseline = new ArrayList<>();
                  for (int back = 1; back <= window; back++) {
                    LocalDate q =
                        switch (grain) {
                          case "day" -> start.minusDays(back);
                          case "week" -> start.minusWeeks(back);
                          default -> start.minusMonths(back);
                        };
                    if (byPeriod.containsKey(q)) {
                      baseline.add(
                          byPeriod.get(q).stream()
                              .filter(e -> e.contains(ab[0]) && e.contains(ab[1]))
                              .count());
                    }
                  }
                  row.putAll(PeriodOracle.surprise(nab, baseline, minPeriods));
                  expected.put(grain + " | " + start + " | " + pair, row);
                });
          });
    }
    List<Row> actual =
        TableIO.read(spark, output, Tables.COMENTION_COUNTS)
            .where(col(Tables.ENTITY_A).isin(tracked.toArray()))
            .where(col(Tables.ENTITY_B).isin(tracked.toArray()))
            .collectAsList();
    assertThat(expected.keySet().stream().filter(k -> k.startsWith("month")).count())
        .as("tracked pair-months")
        .isPositive();
    assertThat(
            expected.values().stream()
                .filter(r -> r.get(Tables.NPMI) != null && r.get(Tables.SURPRISE) != null)
                .count())
        .as("tracked pair-periods with both an NPMI and a surprise score")
        .isGreaterThan(10);
    PeriodOracle.assertMatches(
        "comention_counts of the tracked entities",
        actual,
        expected,
        Tables.GRAIN,
        Tables.PERIOD_START,
        Tables.ENTITY_A,
        Tables.ENTITY_B);
  }

  /**
   * Every row of entity_counts, comention_counts and comention_evidence against the plain-Java
   * computation of {@link PeriodOracle} from the mentions table (tone shares included), and every
   * evidence sentence is the article text at the sentence's offsets.
   */
  @Test
  void periodTablesMatchAnIndependentComputation() {
    Settings defaults = Settings.defaults();
    PeriodOracle.Options options =
        new PeriodOracle.Options(
            Set.copyOf(defaults.getList(SettingKeys.ENTITY_TYPES)),
            Set.copyOf(defaults.getList(SettingKeys.PAIR_TYPES)),
            defaults.getInt(SettingKeys.MAX_PAIRED_ENTITIES),
            defaults.getInt(SettingKeys.MIN_SUPPORT),
            defaults.getInt(SettingKeys.SURPRISE_WINDOW),
            defaults.getInt(SettingKeys.SURPRISE_MIN_PERIODS),
            defaults.getInt(SettingKeys.EVIDENCE_PER_PAIR));
    List<PeriodOracle.Doc> docs = new ArrayList<>();
    Map<String, String> texts = new HashMap<>();
    for (Row r : TableIO.read(spark, output, Tables.ARTICLES).collectAsList()) {
      docs.add(
          new PeriodOracle.Doc(
              r.getAs(Tables.ARTICLE_ID),
              r.<java.sql.Date>getAs(Tables.DATE).toLocalDate(),
              r.getAs(Tables.STORY_ID),
              r.getAs(Tables.SOURCE),
              r.getAs(Tables.IS_CANONICAL)));
      texts.put(r.getAs(Tables.ARTICLE_ID), r.getAs(Tables.TEXT));
    }
    PeriodOracle oracle =
        PeriodOracle.fromTables(
            TableIO.read(spark, output, Tables.MENTIONS_TABLE).collectAsList(), docs, options);
    oracle.assertTablesMatch(spark, output);

    Map<String, List<Row>> sentencesOf = new HashMap<>();
    for (Row a :
        TableIO.read(spark, output, Tables.ANNOTATIONS)
            .select(Tables.ARTICLE_ID, org.newsgraph.udfs.AnnotationSchema.SENTENCES)
            .collectAsList()) {
      sentencesOf.put(a.getString(0), a.getList(1));
    }
    List<Row> rows =
        TableIO.read(spark, output, Tables.COMENTION_EVIDENCE).orderBy(Tables.RANK).collectAsList();
    for (Row r : rows) {
      String id = r.getAs(Tables.ARTICLE_ID);
      int index = r.getAs(Tables.SENTENCE_INDEX);
      Row sentence = sentencesOf.get(id).get(index);
      assertThat(r.<String>getAs(Tables.SENTENCE))
          .as("evidence sentence %s#%d", id, index)
          .isEqualTo(texts.get(id).substring(sentence.getInt(1), sentence.getInt(2)));
    }
  }

  @Test
  void putinAndKimAreResolvedFromShortAndPossessiveForms() {
    List<Row> surfaces =
        TableIO.read(spark, output, Tables.MENTIONS_TABLE)
            .where(col(Tables.ENTITY).isin("Vladimir Putin", "Kim Jong Un"))
            .select(Tables.SURFACE)
            .distinct()
            .collectAsList();
    Set<String> forms = new TreeSet<>();
    surfaces.forEach(r -> forms.add(r.getString(0)));
    assertThat(forms)
        .as("surface forms resolved to Vladimir Putin or Kim Jong Un")
        .contains("Vladimir Putin", "Putin", "Kim Jong Un", "Kim");
  }

  @Test
  void writesEveryTableAsPartitionedParquet() throws IOException {
    for (var table : List.of(Tables.ARTICLES, Tables.MENTIONS_TABLE)) {
      Path dir = Path.of(output, table.name());
      try (var parts = Files.list(dir)) {
        assertThat(parts.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("date=")))
            .as(table.name() + " partitions")
            .contains("date=2018-05-31", "date=2018-09-12");
      }
    }
    for (var table :
        List.of(Tables.ENTITY_COUNTS, Tables.COMENTION_COUNTS, Tables.COMENTION_EVIDENCE)) {
      for (String partition :
          List.of(
              "grain=day/period_start=2018-05-31",
              "grain=week/period_start=2018-05-28",
              "grain=month/period_start=2018-09-01")) {
        assertThat(Files.isDirectory(Path.of(output, table.name(), partition)))
            .as(table.name() + " partition " + partition)
            .isTrue();
      }
    }
    assertThat(Files.isDirectory(Path.of(output, "quarantine", "stage=ingest")))
        .as("quarantine partition of the ingest stage")
        .isTrue();
  }

  @Test
  void mentionsCarrySentenceSentimentOnlyWhereComputed() {
    var mentions = TableIO.read(spark, output, Tables.MENTIONS_TABLE);
    // A name CoreNLP left untagged (mention_type O) can sit in a sentence with no tagged entity,
    // which got no sentiment; every tagged PERSON's sentence did.
    var tagged =
        mentions
            .where(col(Tables.ENTITY_TYPE).equalTo("PERSON"))
            .where(col(Tables.MENTION_TYPE).notEqual(UntaggedMentions.NO_TYPE));
    long persons = tagged.count();
    long scored = tagged.where(col(Tables.SENTIMENT_SCORE).isNotNull()).count();
    assertThat(scored)
        .as(
            "tagged PERSON mentions whose sentence got sentiment (entity sentences up to 80 tokens)")
        .isEqualTo(persons);
    assertThat(
            mentions
                .where(col(Tables.SENTIMENT_SCORE).lt(-1).or(col(Tables.SENTIMENT_SCORE).gt(1)))
                .count())
        .as("scores outside [-1, 1]")
        .isZero();
    assertThat(
            mentions
                .where(col(Tables.SURFACE).isin("he", "He", "his", "His", "him", "Him"))
                .count())
        .as("pronoun mentions")
        .isZero();
  }
}
