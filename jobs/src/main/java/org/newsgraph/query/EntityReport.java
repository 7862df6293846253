package org.newsgraph.query;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.newsgraph.nlp.EntityCanonicalizer;
import org.newsgraph.periods.Grain;
import org.newsgraph.tables.Tables;

/**
 * {@code newsgraph entity NAME}: the canonical entity a name stands for, its type, counts and
 * dates, the spellings the articles used for it, and its top partners over a date range (summed
 * over day periods, so any range counts each article once).
 */
public final class EntityReport {

  /** What to show: the name as typed, an optional date range, how many partners and spellings. */
  public record Request(String name, LocalDate from, LocalDate to, int top) {}

  /** A partner of an entity over a date range. */
  public record Partner(String entity, String type, long documents, long sentences, Double tone) {}

  private EntityReport() {}

  /** Resolves, reads and prints; the views of {@link OutputQuery#registerViews} must exist. */
  public static void run(
      SparkSession spark,
      String output,
      EntityCanonicalizer canonicalizer,
      Request request,
      PrintStream out) {
    EntityLookup lookup = EntityNames.load(spark, output, canonicalizer);
    EntityLookup.Match match = EntityNames.resolve(lookup, request.name());
    out.println(EntityNames.explain(request.name(), match));
    Row row = EntityNames.row(spark, match.entry().entity(), match.entry().type());
    out.printf(
        Locale.ROOT,
        "%n%s (%s): %,d mentions in %,d documents from %,d sources, %s to %s%n",
        row.getAs(Tables.ENTITY),
        row.getAs(Tables.ENTITY_TYPE),
        row.<Long>getAs(Tables.MENTION_COUNT),
        row.<Long>getAs(Tables.DOCUMENTS),
        row.<Long>getAs(Tables.SOURCES),
        row.getAs(Tables.FIRST_DATE),
        row.getAs(Tables.LAST_DATE));
    List<Row> variants = row.getList(row.fieldIndex(Tables.VARIANTS));
    out.printf(Locale.ROOT, "%nspellings in the articles (%,d):%n", variants.size());
    List<String[]> cells = new ArrayList<>();
    for (Row v : variants.subList(0, Math.min(request.top(), variants.size()))) {
      cells.add(
          new String[] {
            v.getAs(Tables.SURFACE),
            Long.toString(v.<Long>getAs(Tables.MENTION_COUNT)),
            Long.toString(v.<Long>getAs(Tables.DOCUMENTS))
          });
    }
    OutputQuery.printCells(new String[] {"spelling", "mentions", "documents"}, cells, out);

    List<Partner> partners =
        partners(spark, match.entry().entity(), request.from(), request.to(), request.top());
    String range = PairReport.range(request.from(), request.to());
    out.printf(
        Locale.ROOT,
        "%ntop partners%s, by articles naming both:%n",
        range.isEmpty() ? "" : " " + range);
    cells = new ArrayList<>();
    for (Partner p : partners) {
      cells.add(
          new String[] {
            p.entity(),
            p.type(),
            Long.toString(p.documents()),
            Long.toString(p.sentences()),
            p.tone() == null ? "" : String.format(Locale.ROOT, "%.2f", p.tone())
          });
    }
    OutputQuery.printCells(
        new String[] {"partner", "type", "documents", "sentences", "tone"}, cells, out);
  }

  /**
   * The entity's partners with the most documents naming both between {@code from} and {@code to}
   * (null: no bound): documents and sentences summed over day periods, tone the mean of the shared
   * sentences' sentiment weighted by how many had one.
   */
  public static List<Partner> partners(
      SparkSession spark, String entity, LocalDate from, LocalDate to, int top) {
    Column weighted = col(Tables.SENTIMENT_MEAN).multiply(col(Tables.SENTIMENT_SENTENCES));
    Column toneSentences =
        sum(when(col(Tables.SENTIMENT_MEAN).isNotNull(), col(Tables.SENTIMENT_SENTENCES)));
    List<Partner> partners = new ArrayList<>();
    for (Row r :
        PairSeries.partners(spark, entity, Grain.DAY)
            .where(PairSeries.periodRange(Grain.DAY, from, to))
            .groupBy(col(Tables.ENTITY_B), col(Tables.ENTITY_TYPE_B))
            .agg(
                sum(Tables.DOCUMENTS).as(Tables.DOCUMENTS),
                sum(Tables.SENTENCE_COUNT).as(Tables.SENTENCE_COUNT),
                sum(weighted).divide(toneSentences).as(Tables.SENTIMENT_MEAN))
            .orderBy(col(Tables.DOCUMENTS).desc(), col(Tables.ENTITY_B))
            .limit(top)
            .collectAsList()) {
      partners.add(
          new Partner(
              r.getAs(Tables.ENTITY_B),
              r.getAs(Tables.ENTITY_TYPE_B),
              r.<Long>getAs(Tables.DOCUMENTS),
              r.<Long>getAs(Tables.SENTENCE_COUNT),
              r.getAs(Tables.SENTIMENT_MEAN)));
    }
    return partners;
  }
}
