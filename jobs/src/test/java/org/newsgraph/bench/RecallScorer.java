package org.newsgraph.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.newsgraph.tables.TableIO;
import org.newsgraph.tables.Tables;

/**
 * Scores one month of a job's output against the gold: for each pair the gold articles, the job's
 * documents and articles ({@link PairScore}), and for every missed or extra article the job's names
 * in that article near the name in question ({@link Finding}), so that an engineer sees why.
 *
 * <p>Reads the job's tables only ({@code mentions}, {@code comention_counts}, {@code articles});
 * the gold side is {@link GoldCounter}.
 */
public final class RecallScorer {

  /**
   * A missed or extra article of a pair, with what the job made of the name in question.
   *
   * @param pair the pair
   * @param articleId the article
   * @param kind {@code missed} (gold, not job) or {@code extra} (job, not gold)
   * @param entity the entity the job lacks (missed) or the gold lacks (extra) in the article
   * @param gold what the gold matched for that entity in the article's stored text (missed only)
   * @param job the job's mentions there: {@code "surface" -> entity (TYPE)}
   * @param reason a short classification of the first case: see docs/benchmarks.md
   */
  public record Finding(
      RecallGold.Pair pair,
      String articleId,
      String kind,
      String entity,
      List<String> gold,
      List<String> job,
      String reason) {}

  /**
   * A month's result.
   *
   * @param corpus the corpus
   * @param month the month
   * @param articles articles in the month's slice
   * @param scores one per pair scored in the month, in gold order
   * @param findings every missed and extra article of every pair
   */
  public record MonthResult(
      String corpus, String month, int articles, List<PairScore> scores, List<Finding> findings) {

    /** The pairs that miss a target. */
    public List<PairScore> failing() {
      return scores.stream().filter(s -> !s.targetsHold()).toList();
    }
  }

  /** A mention of the job, as the diagnosis needs it. */
  private record JobMention(String entity, String type, String surface, int begin, int end) {

    String describe() {
      return "\"" + surface + "\" -> " + entity + " (" + type + ")";
    }
  }

  /** How far around a gold match the job's names are listed. */
  private static final int NEAR = 40;

  /** How many of the job's names a finding lists. */
  private static final int MAX_LISTED = 12;

  /** Entity types worth listing near a gold match (not dates, numbers, money). */
  private static final Set<String> NAMED_TYPES =
      Set.of("PERSON", "ORGANIZATION", "LOCATION", "MISC");

  /** Two names joined: "Trump-Kim", "U.S.-Mexico", "Putin/Xi"; not "anti-Trump". */
  private static final Pattern COMPOUND = Pattern.compile("\\b\\p{Lu}[\\p{L}.]*[-–/]\\p{Lu}");

  private RecallScorer() {}

  /**
   * Scores {@code month} of the job output under {@code output}.
   *
   * @param articles the month's articles with the job's ids and the input body text
   * @param pairTypes the job's paired entity types ({@code newsgraph.aggregate.pairTypes})
   */
  public static MonthResult score(
      SparkSession spark,
      String output,
      RecallGold gold,
      String month,
      List<GoldCounter.Article> articles,
      List<String> pairTypes) {
    GoldCounter counter = new GoldCounter(gold);
    Map<RecallGold.Pair, Set<String>> goldByPair = counter.articlesByPair(articles, month);
    Set<String> names = new TreeSet<>();
    goldByPair.keySet().forEach(p -> names.addAll(List.of(p.a(), p.b())));

    Dataset<Row> monthMentions =
        TableIO.read(spark, output, Tables.MENTIONS_TABLE)
            .where(date_format(col(Tables.DATE), "yyyy-MM").equalTo(month));
    Map<String, Set<String>> jobByEntity = new HashMap<>();
    for (Row r :
        monthMentions
            .where(col(Tables.ENTITY_TYPE).isin(pairTypes.toArray()))
            .where(col(Tables.ENTITY).isin(names.toArray()))
            .select(Tables.ENTITY, Tables.ARTICLE_ID)
            .distinct()
            .collectAsList()) {
      jobByEntity.computeIfAbsent(r.getString(0), k -> new TreeSet<>()).add(r.getString(1));
    }
    Map<String, Long> documents = new HashMap<>();
    for (Row r :
        TableIO.read(spark, output, Tables.COMENTION_COUNTS)
            .where(col(Tables.GRAIN).equalTo("month"))
            .where(col(Tables.PERIOD).equalTo(month))
            .where(col(Tables.ENTITY_A).isin(names.toArray()))
            .where(col(Tables.ENTITY_B).isin(names.toArray()))
            .select(Tables.ENTITY_A, Tables.ENTITY_B, Tables.DOCUMENTS)
            .collectAsList()) {
      // One row per pair today; should a change key pairs by type too, the largest row is the
      // pair's count (summing would count an article twice).
      documents.merge(r.getString(0) + "\t" + r.getString(1), r.getLong(2), Math::max);
    }

    List<PairScore> scores = new ArrayList<>();
    for (Map.Entry<RecallGold.Pair, Set<String>> e : goldByPair.entrySet()) {
      RecallGold.Pair p = e.getKey();
      Set<String> job = new TreeSet<>(jobByEntity.getOrDefault(p.a(), Set.of()));
      job.retainAll(jobByEntity.getOrDefault(p.b(), Set.of()));
      scores.add(
          new PairScore(
              month, p, e.getValue(), job, documents.getOrDefault(p.a() + "\t" + p.b(), 0L)));
    }
    Map<String, String> inputTexts = new HashMap<>();
    articles.forEach(a -> inputTexts.put(a.id(), a.text()));
    List<Finding> findings =
        findings(spark, output, monthMentions, counter, scores, jobByEntity, inputTexts, pairTypes);
    return new MonthResult(gold.corpus(), month, articles.size(), scores, findings);
  }

  private static List<Finding> findings(
      SparkSession spark,
      String output,
      Dataset<Row> monthMentions,
      GoldCounter counter,
      List<PairScore> scores,
      Map<String, Set<String>> jobByEntity,
      Map<String, String> inputTexts,
      List<String> pairTypes) {
    Set<String> ids = new TreeSet<>();
    scores.forEach(
        s -> {
          ids.addAll(s.missed());
          ids.addAll(s.extra());
        });
    if (ids.isEmpty()) {
      return List.of();
    }
    Map<String, String> texts = new HashMap<>();
    for (Row r :
        TableIO.read(spark, output, Tables.ARTICLES)
            .where(col(Tables.ARTICLE_ID).isin(ids.toArray()))
            .select(Tables.ARTICLE_ID, Tables.TEXT)
            .collectAsList()) {
      texts.put(r.getString(0), r.getString(1));
    }
    Map<String, List<JobMention>> mentions = new HashMap<>();
    for (Row r :
        monthMentions
            .where(col(Tables.ARTICLE_ID).isin(ids.toArray()))
            .select(
                Tables.ARTICLE_ID,
                Tables.ENTITY,
                Tables.ENTITY_TYPE,
                Tables.SURFACE,
                Tables.CHAR_BEGIN,
                Tables.CHAR_END)
            .orderBy(Tables.ARTICLE_ID, Tables.CHAR_BEGIN)
            .collectAsList()) {
      mentions
          .computeIfAbsent(r.getString(0), k -> new ArrayList<>())
          .add(
              new JobMention(
                  r.getString(1), r.getString(2), r.getString(3), r.getInt(4), r.getInt(5)));
    }
    List<Finding> out = new ArrayList<>();
    for (PairScore s : scores) {
      for (String id : s.missed()) {
        for (String entity : List.of(s.pair().a(), s.pair().b())) {
          if (!jobByEntity.getOrDefault(entity, Set.of()).contains(id)) {
            out.add(
                missed(
                    s.pair(),
                    id,
                    entity,
                    texts.getOrDefault(id, ""),
                    mentions.getOrDefault(id, List.of()),
                    counter,
                    pairTypes));
          }
        }
      }
      for (String id : s.extra()) {
        for (String entity : List.of(s.pair().a(), s.pair().b())) {
          if (!counter.names(entity, inputTexts.getOrDefault(id, ""))) {
            out.add(
                extra(
                    s.pair(),
                    id,
                    entity,
                    texts.getOrDefault(id, ""),
                    mentions.getOrDefault(id, List.of()),
                    counter,
                    pairTypes));
          }
        }
      }
    }
    return out;
  }

  private static Finding missed(
      RecallGold.Pair pair,
      String id,
      String entity,
      String text,
      List<JobMention> mentions,
      GoldCounter counter,
      List<String> pairTypes) {
    List<GoldCounter.Match> matches = counter.matches(entity, text);
    if (matches.isEmpty()) {
      return new Finding(pair, id, "missed", entity, List.of(), List.of(), "stored text differs");
    }
    List<String> goldTexts = new ArrayList<>();
    List<String> over = new ArrayList<>();
    List<String> near = new ArrayList<>();
    String reason = null;
    for (GoldCounter.Match m : matches) {
      goldTexts.add(m.text());
      JobMention first = null;
      for (JobMention jm : mentions) {
        if (jm.begin() < m.end() && jm.end() > m.begin()) {
          over.add(jm.describe());
          first = first == null ? jm : first;
        } else if (NAMED_TYPES.contains(jm.type())
            && jm.begin() < m.end() + NEAR
            && jm.end() > m.begin() - NEAR) {
          near.add(jm.describe());
        }
      }
      String r = missReason(entity, m, first, pairTypes);
      if (reason == null || rank(r, REASONS) < rank(reason, REASONS)) {
        reason = r;
      }
    }
    List<String> job = distinct(over.isEmpty() ? near : over);
    return new Finding(
        pair,
        id,
        "missed",
        entity,
        distinct(goldTexts),
        job.subList(0, Math.min(job.size(), MAX_LISTED)),
        reason);
  }

  /**
   * Reasons for a miss, most telling first: an article with a glued span and a bare name is counted
   * under the glue, whose repair would give the full name the bare one resolves to.
   */
  private static final List<String> REASONS =
      List.of(
          "glued words",
          "compound",
          "cut span",
          "case variant",
          "type not paired",
          "resolved to another name",
          "variant name",
          "bare name unresolved",
          "merged span",
          "other name",
          "not tagged");

  /** Reasons for an extra article: a dateline, text the gold's not-patterns exclude, other. */
  private static final List<String> EXTRA_REASONS = List.of("dateline", "gold excludes", "other");

  private static int rank(String reason, List<String> order) {
    for (int i = 0; i < order.size(); i++) {
      if (reason.startsWith(order.get(i))) {
        return i;
      }
    }
    return order.size();
  }

  /**
   * Why the job's mention over a gold match is not named {@code entity} (docs/benchmarks.md,
   * "Reasons").
   */
  private static String missReason(
      String entity, GoldCounter.Match match, JobMention over, List<String> pairTypes) {
    if (over == null) {
      return "not tagged";
    }
    String name = over.entity();
    if (name.equals(entity)) {
      return pairTypes.contains(over.type())
          ? "other name"
          : "type not paired (" + over.type() + ")";
    }
    if (name.equalsIgnoreCase(entity)) {
      return "case variant";
    }
    List<String> words = List.of(entity.split(" "));
    String first = Pattern.quote(words.get(0));
    String last = Pattern.quote(words.get(words.size() - 1));
    Pattern glued =
        Pattern.compile(
            "\\p{Ll}(?:" + first + "|" + last + ")|(?:" + first + "|" + last + ")\\p{Lu}");
    if (glued.matcher(over.surface()).find() || glued.matcher(name).find()) {
      return "glued words";
    }
    if ((COMPOUND.matcher(name).find() || COMPOUND.matcher(over.surface()).find())
        && !COMPOUND.matcher(entity).find()) {
      return "compound";
    }
    if (entity.startsWith(name + " ")) {
      return "cut span";
    }
    if (entity.endsWith(" " + name) || (!name.contains(" ") && words.contains(name))) {
      // "Trump", "Ocasio Cortez": the family name, left as it is.
      return "bare name unresolved";
    }
    if (over.begin() >= match.begin() && over.end() <= match.end()) {
      // CoreNLP tagged within the gold's own span; the naming gave it another name: a bare
      // "Trump" resolved to "Melania Trump" in the article, or "Charles E. Schumer" with no alias.
      return over.surface().contains(" ") ? "variant name" : "resolved to another name";
    }
    List<String> nameWords = List.of(name.split(" "));
    if (nameWords.size() > 1 && nameWords.contains(words.get(words.size() - 1))) {
      return "merged span";
    }
    return "other name";
  }

  private static Finding extra(
      RecallGold.Pair pair,
      String id,
      String entity,
      String text,
      List<JobMention> mentions,
      GoldCounter counter,
      List<String> pairTypes) {
    int[] dateline = GoldCounter.dateline(text);
    List<GoldCounter.Match> excluded = counter.excluded(entity, text);
    List<String> job = new ArrayList<>();
    String reason = null;
    for (JobMention jm : mentions) {
      if (!jm.entity().equals(entity) || !pairTypes.contains(jm.type())) {
        continue;
      }
      job.add(jm.describe());
      boolean inDateline = dateline != null && jm.begin() < dateline[1] && jm.end() > dateline[0];
      boolean inExcluded =
          excluded.stream().anyMatch(x -> jm.begin() < x.end() && jm.end() > x.begin());
      String r = inDateline ? "dateline" : inExcluded ? "gold excludes" : "other";
      if (reason == null || rank(r, EXTRA_REASONS) < rank(reason, EXTRA_REASONS)) {
        reason = r;
      }
    }
    return new Finding(
        pair, id, "extra", entity, List.of(), distinct(job), reason == null ? "other" : reason);
  }

  private static List<String> distinct(List<String> values) {
    return new ArrayList<>(new LinkedHashSet<>(values));
  }

  /** How often each reason occurs among findings of one kind. */
  public static Map<String, Integer> reasonCounts(List<Finding> findings, String kind) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    findings.stream()
        .filter(f -> f.kind().equals(kind))
        .forEach(f -> counts.merge(f.reason(), 1, Integer::sum));
    return counts;
  }

  /** A multi-line message with every pair that misses a target, for an assertion. */
  public static String failureMessage(MonthResult result) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%d of %d pairs of %s %s miss the targets (recall >= %.2f, precision >= %.2f,"
                + " documents within %.0f%% of gold):%n",
            result.failing().size(),
            result.scores().size(),
            result.corpus(),
            result.month(),
            PairScore.RECALL_MIN,
            PairScore.PRECISION_MIN,
            PairScore.DOCUMENTS_TOLERANCE * 100));
    for (PairScore s : result.failing()) {
      out.append("  ").append(s.describe()).append(System.lineSeparator());
    }
    return out.toString();
  }
}
