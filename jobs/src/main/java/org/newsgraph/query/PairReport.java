package org.newsgraph.query;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.newsgraph.errors.NewsgraphErrors;
import org.newsgraph.nlp.EntityCanonicalizer;
import org.newsgraph.periods.Grain;

/**
 * {@code newsgraph pair A B}: the two names resolved to their entities (any order, any known
 * spelling), the pair's series at one grain, and the evidence sentences of its peak period, printed
 * for a terminal.
 */
public final class PairReport {

  /** What to show: the two names as typed, the grain, an optional date range, evidence lines. */
  public record Request(
      String nameA, String nameB, Grain grain, LocalDate from, LocalDate to, int evidence) {}

  private static final String[] COLUMNS = {
    "period",
    "documents",
    "stories",
    "sources",
    "sentences",
    "tone",
    "negative",
    "positive",
    "npmi",
    "surprise",
    "period_documents"
  };

  private PairReport() {}

  /** Resolves, reads and prints; the views of {@link OutputQuery#registerViews} must exist. */
  public static void run(
      SparkSession spark,
      String output,
      EntityCanonicalizer canonicalizer,
      Request request,
      PrintStream out) {
    EntityLookup lookup = EntityNames.load(spark, output, canonicalizer);
    EntityLookup.Match a = EntityNames.resolve(lookup, request.nameA());
    EntityLookup.Match b = EntityNames.resolve(lookup, request.nameB());
    String entityA = a.entry().entity();
    String entityB = b.entry().entity();
    if (entityA.equals(entityB)) {
      throw NewsgraphErrors.samePairEntity(request.nameA(), request.nameB(), entityA);
    }
    out.println(EntityNames.explain(request.nameA(), a));
    out.println(EntityNames.explain(request.nameB(), b));
    List<PairSeries.Point> points =
        PairSeries.series(spark, entityA, entityB, request.grain(), request.from(), request.to());
    String range = range(request.from(), request.to());
    if (points.isEmpty()) {
      out.printf(
          Locale.ROOT,
          "%s and %s are never mentioned in one article%s.%n",
          entityA,
          entityB,
          range.isEmpty() ? "" : " " + range);
      return;
    }
    out.printf(
        Locale.ROOT,
        "%n%s and %s by %s%s: articles naming both (documents), tone of the sentences naming"
            + " both (-1 negative to +1 positive), association (npmi) and surprise"
            + " against the pair's own past%n",
        entityA,
        entityB,
        request.grain().id(),
        range.isEmpty() ? "" : " " + range);
    List<String[]> cells = new ArrayList<>();
    for (PairSeries.Point p : points) {
      cells.add(
          new String[] {
            p.period(),
            Long.toString(p.documents()),
            Long.toString(p.stories()),
            Long.toString(p.sources()),
            Long.toString(p.sentences()),
            number(p.tone()),
            share(p.negativeShare()),
            share(p.positiveShare()),
            number(p.npmi()),
            number(p.surprise()),
            Long.toString(p.periodDocuments())
          });
    }
    OutputQuery.printCells(COLUMNS, cells, out);
    PairSeries.Point peak = PairSeries.peak(points);
    out.printf(
        Locale.ROOT,
        "%npeak: %s, %d documents in %d stories from %d sources (%s)%n",
        peak.period(),
        peak.documents(),
        peak.stories(),
        peak.sources(),
        peak.surprise() == null
            ? "no surprise score: too few earlier periods"
            : "surprise " + number(peak.surprise()));
    List<PairSeries.Evidence> evidence =
        PairSeries.evidence(spark, entityA, entityB, request.grain(), List.of(peak.start()));
    out.printf(Locale.ROOT, "evidence of %s:%n", peak.period());
    for (PairSeries.Evidence e :
        evidence.subList(0, Math.min(request.evidence(), evidence.size()))) {
      out.printf(
          Locale.ROOT,
          "%2d. %s  %s  %s%n    %s%s%n",
          e.rank(),
          e.date(),
          e.source() == null ? "(no source)" : e.source(),
          e.title() == null ? "(no title)" : "\"" + oneLine(e.title()) + "\"",
          oneLine(e.sentence()),
          e.sentimentLabel() == null ? "" : "  [" + e.sentimentLabel() + "]");
      if (e.url() != null) {
        out.println("    " + e.url());
      }
    }
  }

  static String range(LocalDate from, LocalDate to) {
    if (from == null && to == null) {
      return "";
    }
    return (from == null ? "up" : "from " + from) + (to == null ? "" : " to " + to);
  }

  private static String number(Double d) {
    return d == null ? "" : String.format(Locale.ROOT, "%.2f", d);
  }

  private static String share(Double d) {
    return d == null ? "" : String.format(Locale.ROOT, "%.0f%%", d * 100);
  }

  private static String oneLine(String s) {
    return s.replaceAll("\\s+", " ").strip();
  }
}
