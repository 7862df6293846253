package org.newsgraph.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The benchmark's figures for one pair in one month: the gold articles (the independent count), the
 * job's {@code comention_counts} documents, the job's articles (those whose {@code mentions} hold
 * both names among the pair types), and the targets of issue 13.
 *
 * @param month the month, {@code YYYY-MM}
 * @param pair the pair
 * @param gold the gold articles: their bodies name both
 * @param jobArticles the job's articles: their mentions hold both names among the pair types
 * @param jobDocuments the month-grain {@code comention_counts.documents} of the pair (0 without a
 *     row)
 */
public record PairScore(
    String month,
    RecallGold.Pair pair,
    Set<String> gold,
    Set<String> jobArticles,
    long jobDocuments) {

  /** Recall target: at least this share of the gold articles among the job's. */
  public static final double RECALL_MIN = 0.90;

  /** Precision target: at least this share of the job's articles in the gold. */
  public static final double PRECISION_MIN = 0.95;

  /** Documents target: the job's documents within this share of the gold count. */
  public static final double DOCUMENTS_TOLERANCE = 0.10;

  /** Gold articles the job also has. */
  public Set<String> hits() {
    Set<String> both = new TreeSet<>(gold);
    both.retainAll(jobArticles);
    return both;
  }

  /** Gold articles the job misses. */
  public Set<String> missed() {
    Set<String> m = new TreeSet<>(gold);
    m.removeAll(jobArticles);
    return m;
  }

  /** The job's articles that are not in the gold. */
  public Set<String> extra() {
    Set<String> e = new TreeSet<>(jobArticles);
    e.removeAll(gold);
    return e;
  }

  /** Hits over gold articles; 1 when the gold is empty. */
  public double recall() {
    return gold.isEmpty() ? 1.0 : (double) hits().size() / gold.size();
  }

  /** Hits over the job's articles; 1 when the job has none. */
  public double precision() {
    return jobArticles.isEmpty() ? 1.0 : (double) hits().size() / jobArticles.size();
  }

  public boolean recallHolds() {
    return recall() >= RECALL_MIN;
  }

  public boolean precisionHolds() {
    return precision() >= PRECISION_MIN;
  }

  /** |job documents − gold| ≤ 10% of gold (so 0 documents when the gold is empty). */
  public boolean documentsHold() {
    return Math.abs(jobDocuments - gold.size()) <= DOCUMENTS_TOLERANCE * gold.size() + 1e-9;
  }

  public boolean targetsHold() {
    return recallHolds() && precisionHolds() && documentsHold();
  }

  /** "ok", or the targets missed: "recall, precision, documents". */
  public String verdict() {
    List<String> failed = new ArrayList<>();
    if (!recallHolds()) {
      failed.add("recall");
    }
    if (!precisionHolds()) {
      failed.add("precision");
    }
    if (!documentsHold()) {
      failed.add("documents");
    }
    return failed.isEmpty() ? "ok" : "FAIL " + String.join(", ", failed);
  }

  /** One line with every figure, for tables and assertion messages. */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "%s %s: gold %d, job documents %d, job articles %d, both %d, recall %.3f, precision %.3f"
            + " -> %s",
        month,
        pair,
        gold.size(),
        jobDocuments,
        jobArticles.size(),
        hits().size(),
        recall(),
        precision(),
        verdict());
  }
}
