package org.newsgraph.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.WeekFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.newsgraph.tables.TableIO;
import org.newsgraph.tables.Tables;

/**
 * A second, plain-Java implementation of the period tables, written for the tests from the
 * definitions in docs/tables.md and sharing no code with the period classes ({@code EntityCounts},
 * {@code CoMentionCounts}, {@code Evidence}): collections and java.time instead of Spark, {@link
 * IsoFields} instead of {@code Grain}. Tests compare every row and column of the tables with it.
 */
public final class PeriodOracle {

  /** An annotated document. */
  public record Doc(String id, LocalDate date, String story, String source, boolean canonical) {}

  /** A mention with its canonical name and its sentence's sentiment. */
  record Mention(
      String article, int sentence, String entity, String type, String label, Double score) {}

  /** The aggregation settings. */
  public record Options(
      Set<String> entityTypes,
      Set<String> pairTypes,
      int cap,
      int minSupport,
      int window,
      int minPeriods,
      int evidence) {}

  private static final List<String> GRAINS = List.of("day", "week", "month");

  private final List<Doc> docs;
  private final Map<String, Doc> docById = new HashMap<>();
  private final List<Mention> mentions;
  private final Options o;

  PeriodOracle(List<Doc> docs, List<Mention> mentions, Options options) {
    this.docs = docs;
    this.mentions = mentions;
    this.o = options;
    docs.forEach(d -> docById.put(d.id(), d));
  }

  /** The documents and mentions as stored in the mentions table and the annotations. */
  public static PeriodOracle fromTables(List<Row> mentionRows, List<Doc> docs, Options options) {
    List<Mention> ms = new ArrayList<>();
    for (Row r : mentionRows) {
      ms.add(
          new Mention(
              r.getAs(Tables.ARTICLE_ID),
              r.<Integer>getAs(Tables.SENTENCE_INDEX),
              r.getAs(Tables.ENTITY),
              r.getAs(Tables.ENTITY_TYPE),
              r.getAs(Tables.SENTIMENT_LABEL),
              r.getAs(Tables.SENTIMENT_SCORE)));
    }
    return new PeriodOracle(docs, ms, options);
  }

  public static LocalDate start(String grain, LocalDate d) {
    return switch (grain) {
      case "day" -> d;
      case "week" -> d.with(WeekFields.ISO.dayOfWeek(), 1);
      default -> LocalDate.of(d.getYear(), d.getMonthValue(), 1);
    };
  }

  public static String label(String grain, LocalDate start) {
    return switch (grain) {
      case "day" -> start.toString();
      case "week" ->
          String.format(
              "%d-W%02d",
              start.get(IsoFields.WEEK_BASED_YEAR), start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      default -> String.format("%d-%02d", start.getYear(), start.getMonthValue());
    };
  }

  private static String key(Object... parts) {
    return java.util.Arrays.stream(parts).map(String::valueOf).collect(Collectors.joining(" | "));
  }

  /** Documents per grain and period. */
  Map<String, Long> periodDocuments() {
    Map<String, Long> n = new TreeMap<>();
    for (Doc d : docs) {
      for (String g : GRAINS) {
        n.merge(key(g, start(g, d.date())), 1L, Long::sum);
      }
    }
    return n;
  }

  /** entity_counts, keyed "grain | period_start | entity | entity_type". */
  Map<String, Map<String, Object>> entityCounts() {
    Map<String, List<Mention>> groups = new TreeMap<>();
    for (Mention m : mentions) {
      if (!o.entityTypes().contains(m.type())) {
        continue;
      }
      for (String g : GRAINS) {
        LocalDate s = start(g, docById.get(m.article()).date());
        groups.computeIfAbsent(key(g, s, m.entity(), m.type()), k -> new ArrayList<>()).add(m);
      }
    }
    Map<String, Map<String, Object>> out = new TreeMap<>();
    groups.forEach(
        (k, ms) -> {
          Map<String, Object> row = new LinkedHashMap<>();
          String[] parts = k.split(" \\| ");
          row.put(Tables.PERIOD, label(parts[0], LocalDate.parse(parts[1])));
          row.put(Tables.MENTION_COUNT, (long) ms.size());
          row.put(Tables.DOCUMENTS, ms.stream().map(Mention::article).distinct().count());
          row.put(
              Tables.STORIES,
              ms.stream().map(m -> docById.get(m.article()).story()).distinct().count());
          row.put(
              Tables.SOURCES,
              ms.stream()
                  .map(m -> docById.get(m.article()).source())
                  .filter(Objects::nonNull)
                  .distinct()
                  .count());
          Map<String, Mention> sentences = new TreeMap<>();
          ms.forEach(m -> sentences.putIfAbsent(m.article() + "#" + m.sentence(), m));
          row.putAll(tone(new ArrayList<>(sentences.values())));
          out.put(k, row);
        });
    return out;
  }

  private static Map<String, Object> tone(List<Mention> oneMentionPerSentence) {
    List<Mention> scored = oneMentionPerSentence.stream().filter(m -> m.label() != null).toList();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put(Tables.SENTIMENT_SENTENCES, (long) scored.size());
    if (scored.isEmpty()) {
      row.put(Tables.SENTIMENT_MEAN, null);
      row.put(Tables.NEGATIVE_SHARE, null);
      row.put(Tables.NEUTRAL_SHARE, null);
      row.put(Tables.POSITIVE_SHARE, null);
      return row;
    }
    double n = scored.size();
    row.put(Tables.SENTIMENT_MEAN, scored.stream().mapToDouble(Mention::score).sum() / n);
    row.put(
        Tables.NEGATIVE_SHARE,
        scored.stream().filter(m -> m.label().endsWith("negative")).count() / n);
    row.put(
        Tables.NEUTRAL_SHARE, scored.stream().filter(m -> m.label().equals("neutral")).count() / n);
    row.put(
        Tables.POSITIVE_SHARE,
        scored.stream().filter(m -> m.label().endsWith("positive")).count() / n);
    return row;
  }

  /** The entities of each article that are paired: the cap applied. */
  Map<String, Set<String>> pairedEntities() {
    Map<String, Map<String, Long>> counts = new TreeMap<>();
    for (Mention m : mentions) {
      if (o.pairTypes().contains(m.type())) {
        counts.computeIfAbsent(m.article(), k -> new TreeMap<>()).merge(m.entity(), 1L, Long::sum);
      }
    }
    Map<String, Set<String>> out = new TreeMap<>();
    counts.forEach(
        (article, perEntity) ->
            out.put(
                article,
                perEntity.entrySet().stream()
                    .sorted(
                        Comparator.comparing((Map.Entry<String, Long> e) -> -e.getValue())
                            .thenComparing(Map.Entry::getKey))
                    .limit(o.cap())
                    .map(Map.Entry::getKey)
                    .collect(Collectors.toCollection(TreeSet::new))));
    return out;
  }

  /** A sentence that holds both entities of a pair. */
  record SharedSentence(Doc doc, int sentence, String label, Double score) {}

  /** Sentences holding both entities, keyed "grain | period_start | a | b". */
  Map<String, List<SharedSentence>> sharedSentences() {
    Map<String, Set<String>> paired = pairedEntities();
    Map<String, List<Mention>> bySentence = new TreeMap<>();
    for (Mention m : mentions) {
      if (paired.getOrDefault(m.article(), Set.of()).contains(m.entity())) {
        bySentence.computeIfAbsent(m.article() + "#" + m.sentence(), k -> new ArrayList<>()).add(m);
      }
    }
    Map<String, List<SharedSentence>> out = new TreeMap<>();
    for (List<Mention> ms : bySentence.values()) {
      Mention first = ms.get(0);
      Doc d = docById.get(first.article());
      List<String> names = ms.stream().map(Mention::entity).distinct().sorted().toList();
      for (int i = 0; i < names.size(); i++) {
        for (int j = i + 1; j < names.size(); j++) {
          for (String g : GRAINS) {
            out.computeIfAbsent(
                    key(g, start(g, d.date()), names.get(i), names.get(j)), k -> new ArrayList<>())
                .add(new SharedSentence(d, first.sentence(), first.label(), first.score()));
          }
        }
      }
    }
    return out;
  }

  /** comention_counts, keyed "grain | period_start | entity_a | entity_b". */
  Map<String, Map<String, Object>> comentionCounts() {
    Map<String, Set<String>> paired = pairedEntities();
    Map<String, List<Doc>> pairDocs = new TreeMap<>();
    Map<String, Long> entityDocs = new HashMap<>();
    for (Map.Entry<String, Set<String>> e : paired.entrySet()) {
      Doc d = docById.get(e.getKey());
      List<String> names = new ArrayList<>(e.getValue());
      for (String g : GRAINS) {
        LocalDate s = start(g, d.date());
        names.forEach(a -> entityDocs.merge(key(g, s, a), 1L, Long::sum));
        for (int i = 0; i < names.size(); i++) {
          for (int j = i + 1; j < names.size(); j++) {
            pairDocs
                .computeIfAbsent(key(g, s, names.get(i), names.get(j)), k -> new ArrayList<>())
                .add(d);
          }
        }
      }
    }
    Map<String, Long> n = periodDocuments();
    Map<String, List<SharedSentence>> shared = sharedSentences();
    Map<String, Map<String, Object>> out = new TreeMap<>();
    pairDocs.forEach(
        (k, ds) -> {
          String[] p = k.split(" \\| ");
          String grain = p[0];
          LocalDate s = LocalDate.parse(p[1]);
          Map<String, Object> row = new LinkedHashMap<>();
          row.put(Tables.PERIOD, label(grain, s));
          long nab = ds.size();
          row.put(Tables.DOCUMENTS, nab);
          row.put(Tables.STORIES, ds.stream().map(Doc::story).distinct().count());
          row.put(
              Tables.SOURCES,
              ds.stream().map(Doc::source).filter(Objects::nonNull).distinct().count());
          List<SharedSentence> sentences = shared.getOrDefault(k, List.of());
          row.put(Tables.SENTENCE_COUNT, (long) sentences.size());
          row.putAll(
              tone(
                  sentences.stream()
                      .map(
                          x ->
                              new Mention(x.doc().id(), x.sentence(), "", "", x.label(), x.score()))
                      .toList()));
          long periodN = n.get(key(grain, s));
          long na = entityDocs.get(key(grain, s, p[2]));
          long nb = entityDocs.get(key(grain, s, p[3]));
          row.put(Tables.ENTITY_TYPE_A, typeOf(p[2]));
          row.put(Tables.ENTITY_TYPE_B, typeOf(p[3]));
          row.put(Tables.PERIOD_DOCUMENTS, periodN);
          row.put(Tables.DOCUMENTS_A, na);
          row.put(Tables.DOCUMENTS_B, nb);
          row.putAll(association(periodN, na, nb, nab, o.minSupport()));
          List<Long> baseline = new ArrayList<>();
          for (int back = 1; back <= o.window(); back++) {
            LocalDate q =
                switch (grain) {
                  case "day" -> s.minusDays(back);
                  case "week" -> s.minusWeeks(back);
                  default -> s.minusMonths(back);
                };
            if (n.containsKey(key(grain, q))) {
              baseline.add(
                  (long) pairDocs.getOrDefault(key(grain, q, p[2], p[3]), List.of()).size());
            }
          }
          row.putAll(surprise(nab, baseline, o.minPeriods()));
          out.put(k, row);
        });
    return out;
  }

  /** The one type of an entity: the type of all its mentions, which must agree. */
  private String typeOf(String entity) {
    Set<String> types =
        mentions.stream()
            .filter(m -> m.entity().equals(entity))
            .map(Mention::type)
            .collect(Collectors.toSet());
    assertThat(types).as("types of the mentions of %s", entity).hasSize(1);
    return types.iterator().next();
  }

  /** PMI (bits), NPMI, G² and lift of a 2×2 document table; nulls below the minimum support. */
  public static Map<String, Object> association(
      long n, long na, long nb, long nab, int minSupport) {
    Map<String, Object> row = new LinkedHashMap<>();
    if (nab < minSupport) {
      row.put(Tables.PMI, null);
      row.put(Tables.NPMI, null);
      row.put(Tables.LOG_LIKELIHOOD, null);
      row.put(Tables.LIFT, null);
      return row;
    }
    double pab = (double) nab / n;
    double pa = (double) na / n;
    double pb = (double) nb / n;
    double pmi = Math.log(pab / (pa * pb)) / Math.log(2);
    row.put(Tables.PMI, pmi);
    row.put(Tables.NPMI, nab == n ? 1.0 : pmi / (-Math.log(pab) / Math.log(2)));
    long[][] observed = {{nab, na - nab}, {nb - nab, n - na - nb + nab}};
    long[] rows = {na, n - na};
    long[] cols = {nb, n - nb};
    double g2 = 0;
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        if (observed[i][j] > 0) {
          double expected = (double) rows[i] * cols[j] / n;
          g2 += observed[i][j] * Math.log(observed[i][j] / expected);
        }
      }
    }
    row.put(Tables.LOG_LIKELIHOOD, 2 * g2);
    row.put(Tables.LIFT, pab / (pa * pb));
    return row;
  }

  /** The z-score of x against the baseline counts (population stddev, floored at 1). */
  public static Map<String, Object> surprise(long x, List<Long> baseline, int minPeriods) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put(Tables.BASELINE_PERIODS, baseline.size());
    if (baseline.size() < minPeriods) {
      row.put(Tables.BASELINE_MEAN, null);
      row.put(Tables.BASELINE_STDDEV, null);
      row.put(Tables.SURPRISE, null);
      return row;
    }
    double mean = baseline.stream().mapToLong(Long::longValue).average().orElseThrow();
    double variance =
        baseline.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / baseline.size();
    double sd = Math.sqrt(variance);
    row.put(Tables.BASELINE_MEAN, mean);
    row.put(Tables.BASELINE_STDDEV, sd);
    row.put(Tables.SURPRISE, (x - mean) / Math.max(sd, 1.0));
    return row;
  }

  /**
   * comention_evidence without the text columns: "article_id#sentence_index" by rank, keyed like
   * comention_counts.
   */
  Map<String, List<String>> evidence() {
    Map<String, List<String>> out = new TreeMap<>();
    sharedSentences()
        .forEach(
            (k, sentences) -> {
              Map<String, Integer> seenInStory = new HashMap<>();
              List<SharedSentence> byStory =
                  sentences.stream()
                      .sorted(
                          Comparator.comparing((SharedSentence x) -> !x.doc().canonical())
                              .thenComparing(x -> x.doc().date())
                              .thenComparing(x -> x.doc().id())
                              .thenComparing(SharedSentence::sentence))
                      .toList();
              Map<SharedSentence, Integer> storyRank = new HashMap<>();
              for (SharedSentence x : byStory) {
                storyRank.put(x, seenInStory.merge(x.doc().story(), 1, Integer::sum));
              }
              out.put(
                  k,
                  sentences.stream()
                      .sorted(
                          Comparator.comparing((SharedSentence x) -> storyRank.get(x))
                              .thenComparing(x -> x.doc().date())
                              .thenComparing(x -> x.doc().id())
                              .thenComparing(SharedSentence::sentence))
                      .limit(o.evidence())
                      .map(x -> x.doc().id() + "#" + x.sentence())
                      .toList());
            });
    return out;
  }

  /**
   * Asserts that entity_counts, comention_counts and comention_evidence under {@code output} hold
   * exactly this oracle's rows.
   */
  public void assertTablesMatch(SparkSession spark, String output) {
    assertMatches(
        "entity_counts",
        TableIO.read(spark, output, Tables.ENTITY_COUNTS).collectAsList(),
        entityCounts(),
        Tables.GRAIN,
        Tables.PERIOD_START,
        Tables.ENTITY,
        Tables.ENTITY_TYPE);
    assertMatches(
        "comention_counts",
        TableIO.read(spark, output, Tables.COMENTION_COUNTS).collectAsList(),
        comentionCounts(),
        Tables.GRAIN,
        Tables.PERIOD_START,
        Tables.ENTITY_A,
        Tables.ENTITY_B);
    assertThat(
            evidenceByRank(
                TableIO.read(spark, output, Tables.COMENTION_EVIDENCE)
                    .orderBy(Tables.RANK)
                    .collectAsList()))
        .as("comention_evidence by rank")
        .isEqualTo(evidence());
  }

  /** comention_evidence rows (ordered by rank) in the form of {@link #evidence()}. */
  static Map<String, List<String>> evidenceByRank(List<Row> rows) {
    Map<String, List<String>> out = new TreeMap<>();
    for (Row r : rows) {
      out.computeIfAbsent(
              key(
                  r.getAs(Tables.GRAIN),
                  r.getAs(Tables.PERIOD_START).toString(),
                  r.getAs(Tables.ENTITY_A),
                  r.getAs(Tables.ENTITY_B)),
              k -> new ArrayList<>())
          .add(r.getAs(Tables.ARTICLE_ID) + "#" + r.getAs(Tables.SENTENCE_INDEX));
    }
    return out;
  }

  /**
   * Asserts that the rows of a period table are exactly the expected ones: the same keys, and for
   * every expected column the same value (doubles within 1e-9).
   */
  public static void assertMatches(
      String table, List<Row> actual, Map<String, Map<String, Object>> expected, String... keys) {
    Map<String, Row> byKey = new TreeMap<>();
    for (Row r : actual) {
      Object[] parts = new Object[keys.length];
      for (int i = 0; i < keys.length; i++) {
        Object v = r.getAs(keys[i]);
        parts[i] = v instanceof Date d ? d.toLocalDate() : v;
      }
      byKey.put(key(parts), r);
    }
    assertThat(byKey.keySet()).as(table + " rows (keys)").isEqualTo(expected.keySet());
    expected.forEach(
        (k, columns) ->
            columns.forEach(
                (c, v) -> {
                  Object got = byKey.get(k).getAs(c);
                  if (v instanceof Double d) {
                    assertThat((Double) got).as("%s %s %s", table, k, c).isNotNull();
                    assertThat((Double) got).as("%s %s %s", table, k, c).isCloseTo(d, within());
                  } else {
                    assertThat(got).as("%s %s %s", table, k, c).isEqualTo(v);
                  }
                }));
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }
}
