package org.newsgraph.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's output: a table per month with every pair's figures, the missed and extra
 * articles with the job's names there, the reasons counted, and the same as JSON.
 */
public final class RecallReport {

  private RecallReport() {}

  /**
   * Prints one month: the pair table, then the findings of each pair that has any.
   *
   * @param runSeconds the job's run time, or NaN when not measured
   */
  public static void print(PrintStream out, RecallScorer.MonthResult r, double runSeconds) {
    out.println();
    out.printf(
        Locale.ROOT,
        "%s %s: %d articles%s%n",
        r.corpus(),
        r.month(),
        r.articles(),
        Double.isNaN(runSeconds) ? "" : String.format(Locale.ROOT, ", job run %.0f s", runSeconds));
    out.printf(
        Locale.ROOT,
        "  %-44s %5s %5s %5s %5s %7s %7s  %s%n",
        "pair",
        "gold",
        "docs",
        "arts",
        "both",
        "recall",
        "prec",
        "targets");
    for (PairScore s : r.scores()) {
      out.printf(
          Locale.ROOT,
          "  %-44s %5d %5d %5d %5d %7.3f %7.3f  %s%n",
          s.pair(),
          s.gold().size(),
          s.jobDocuments(),
          s.jobArticles().size(),
          s.hits().size(),
          s.recall(),
          s.precision(),
          s.verdict());
    }
    out.printf(
        Locale.ROOT,
        "  %d of %d pairs meet every target%n",
        r.scores().size() - r.failing().size(),
        r.scores().size());
    RecallGold.Pair current = null;
    for (RecallScorer.Finding f : r.findings()) {
      if (!f.pair().equals(current)) {
        current = f.pair();
        out.printf("  %s%n", current);
      }
      out.printf(
          "    %-6s %s  %s [%s]%n      gold: %s%n      job:  %s%n",
          f.kind(),
          f.articleId(),
          f.entity(),
          f.reason(),
          f.gold().isEmpty() ? "-" : String.join(" | ", f.gold()),
          f.job().isEmpty() ? "no name of the job there" : String.join(" | ", f.job()));
    }
    out.printf("  missed, by reason: %s%n", RecallScorer.reasonCounts(r.findings(), "missed"));
    out.printf("  extra, by reason:  %s%n", RecallScorer.reasonCounts(r.findings(), "extra"));
  }

  /** The results of a whole benchmark run as JSON: one entry per month. */
  public static void writeJson(
      Path file,
      Map<String, Object> run,
      List<RecallScorer.MonthResult> results,
      Map<String, Double> runSeconds)
      throws IOException {
    List<Object> months = new ArrayList<>();
    for (RecallScorer.MonthResult r : results) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("corpus", r.corpus());
      m.put("month", r.month());
      m.put("articles", r.articles());
      m.put("job_run_seconds", runSeconds.get(r.corpus() + " " + r.month()));
      m.put("pairs_meeting_targets", r.scores().size() - r.failing().size());
      m.put("pairs", r.scores().size());
      List<Object> pairs = new ArrayList<>();
      for (PairScore s : r.scores()) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("entity_a", s.pair().a());
        p.put("entity_b", s.pair().b());
        p.put("gold_documents", s.gold().size());
        p.put("job_documents", s.jobDocuments());
        p.put("job_articles", s.jobArticles().size());
        p.put("both", s.hits().size());
        p.put("recall", s.recall());
        p.put("precision", s.precision());
        p.put("recall_holds", s.recallHolds());
        p.put("precision_holds", s.precisionHolds());
        p.put("documents_hold", s.documentsHold());
        p.put("targets_hold", s.targetsHold());
        p.put("missed", s.missed());
        p.put("extra", s.extra());
        pairs.add(p);
      }
      m.put("scores", pairs);
      List<Object> findings = new ArrayList<>();
      for (RecallScorer.Finding f : r.findings()) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("entity_a", f.pair().a());
        x.put("entity_b", f.pair().b());
        x.put("kind", f.kind());
        x.put("article_id", f.articleId());
        x.put("entity", f.entity());
        x.put("reason", f.reason());
        x.put("gold", f.gold());
        x.put("job_names", f.job());
        findings.add(x);
      }
      m.put("findings", findings);
      m.put("missed_by_reason", RecallScorer.reasonCounts(r.findings(), "missed"));
      m.put("extra_by_reason", RecallScorer.reasonCounts(r.findings(), "extra"));
      months.add(m);
    }
    Map<String, Object> root = new LinkedHashMap<>(run);
    root.put(
        "targets",
        Map.of(
            "recall_min", PairScore.RECALL_MIN,
            "precision_min", PairScore.PRECISION_MIN,
            "documents_tolerance", PairScore.DOCUMENTS_TOLERANCE));
    root.put("months", months);
    Files.createDirectories(file.toAbsolutePath().getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
  }
}
