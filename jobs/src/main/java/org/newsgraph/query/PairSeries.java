package org.newsgraph.query;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.newsgraph.periods.Grain;
import org.newsgraph.tables.Tables;

/**
 * The time series of one pair of entities at one grain, read from an output's period tables: one
 * point per period from the pair's first to its last co-mention (periods without a co-mention but
 * with articles count zero), and the evidence sentences of chosen periods with their article's
 * source, date, title and link. Both orders of the pair give the same series, oriented as asked.
 */
public final class PairSeries {

  /**
   * One period of the series; the measures are null where the table has none (no co-mention, or no
   * sentence with sentiment).
   */
  public record Point(
      String period,
      LocalDate start,
      long periodDocuments,
      long documents,
      long stories,
      long sources,
      long sentences,
      long toneSentences,
      Double tone,
      Double negativeShare,
      Double neutralShare,
      Double positiveShare,
      Double npmi,
      Double surprise) {}

  /** One evidence sentence of a period, with its article. */
  public record Evidence(
      String period,
      int rank,
      LocalDate date,
      String source,
      String title,
      String url,
      String sentence,
      String sentimentLabel) {}

  private PairSeries() {}

  /**
   * The series of {@code a} and {@code b} (canonical names) at {@code grain}, from the periods
   * holding {@code from} to {@code to} (either may be null: no bound); empty when the two are never
   * mentioned together there. Needs the views of {@link OutputQuery#registerViews}.
   */
  public static List<Point> series(
      SparkSession spark, String a, String b, Grain grain, LocalDate from, LocalDate to) {
    Column inRange = periodRange(grain, from, to);
    Map<LocalDate, Row> counts = new TreeMap<>();
    for (Row r :
        partners(spark, a, grain)
            .where(col(Tables.ENTITY_B).equalTo(b).and(inRange))
            .collectAsList()) {
      counts.put(r.<Date>getAs(Tables.PERIOD_START).toLocalDate(), r);
    }
    if (counts.isEmpty()) {
      return List.of();
    }
    LocalDate first = counts.keySet().iterator().next();
    LocalDate last = ((TreeMap<LocalDate, Row>) counts).lastKey();
    List<Point> points = new ArrayList<>();
    for (Row p :
        spark
            .table(Tables.AGGREGATE_PERIODS.name())
            .where(
                col(Tables.GRAIN)
                    .equalTo(grain.id())
                    .and(col(Tables.PERIOD_START).between(lit(first), lit(last))))
            .withColumn(Tables.PERIOD, Grain.label())
            .orderBy(Tables.PERIOD_START)
            .collectAsList()) {
      LocalDate start = p.<Date>getAs(Tables.PERIOD_START).toLocalDate();
      Row c = counts.get(start);
      long periodDocuments = p.getAs(Tables.PERIOD_DOCUMENTS);
      points.add(c == null ? empty(p.getAs(Tables.PERIOD), start, periodDocuments) : point(c));
    }
    return points;
  }

  /**
   * The rows of {@code comention_pairs} at {@code grain} whose {@code entity_a} is {@code entity}:
   * its partners are in {@code entity_b}.
   */
  public static Dataset<Row> partners(SparkSession spark, String entity, Grain grain) {
    return spark
        .table("comention_pairs")
        .where(col(Tables.GRAIN).equalTo(grain.id()).and(col(Tables.ENTITY_A).equalTo(entity)));
  }

  /** The period of the most documents, the latest of equals; null for an empty series. */
  public static Point peak(List<Point> points) {
    return points.stream()
        .max(Comparator.comparingLong(Point::documents).thenComparing(Point::start))
        .filter(p -> p.documents() > 0)
        .orElse(null);
  }

  /**
   * The evidence sentences of the pair in the periods starting at {@code starts}, in period and
   * rank order, each with its article's link from {@code articles}.
   */
  public static List<Evidence> evidence(
      SparkSession spark, String a, String b, Grain grain, List<LocalDate> starts) {
    if (starts.isEmpty()) {
      return List.of();
    }
    Dataset<Row> articles =
        spark.table(Tables.ARTICLES.name()).select(col(Tables.ARTICLE_ID), col(Tables.URL));
    List<Evidence> lines = new ArrayList<>();
    for (Row r :
        spark
            .table("evidence_pairs")
            .where(
                col(Tables.GRAIN)
                    .equalTo(grain.id())
                    .and(col(Tables.ENTITY_A).equalTo(a))
                    .and(col(Tables.ENTITY_B).equalTo(b))
                    .and(
                        col(Tables.PERIOD_START)
                            .isin(starts.stream().map(d -> (Object) Date.valueOf(d)).toArray())))
            .join(articles, Tables.ARTICLE_ID)
            .orderBy(col(Tables.PERIOD_START), col(Tables.RANK))
            .collectAsList()) {
      lines.add(
          new Evidence(
              r.getAs(Tables.PERIOD),
              r.<Integer>getAs(Tables.RANK),
              r.<Date>getAs(Tables.DATE).toLocalDate(),
              r.getAs(Tables.SOURCE),
              r.getAs(Tables.TITLE),
              r.getAs(Tables.URL),
              r.getAs(Tables.SENTENCE),
              r.getAs(Tables.SENTIMENT_LABEL)));
    }
    return lines;
  }

  /** A condition on period_start for the periods that hold {@code from} to {@code to}. */
  static Column periodRange(Grain grain, LocalDate from, LocalDate to) {
    Column c = lit(true);
    if (from != null) {
      c = c.and(col(Tables.PERIOD_START).geq(lit(Date.valueOf(grain.start(from)))));
    }
    if (to != null) {
      c = c.and(col(Tables.PERIOD_START).leq(lit(Date.valueOf(grain.start(to)))));
    }
    return c;
  }

  private static Point point(Row r) {
    return new Point(
        r.getAs(Tables.PERIOD),
        r.<Date>getAs(Tables.PERIOD_START).toLocalDate(),
        r.<Long>getAs(Tables.PERIOD_DOCUMENTS),
        r.<Long>getAs(Tables.DOCUMENTS),
        r.<Long>getAs(Tables.STORIES),
        r.<Long>getAs(Tables.SOURCES),
        r.<Long>getAs(Tables.SENTENCE_COUNT),
        r.<Long>getAs(Tables.SENTIMENT_SENTENCES),
        r.getAs(Tables.SENTIMENT_MEAN),
        r.getAs(Tables.NEGATIVE_SHARE),
        r.getAs(Tables.NEUTRAL_SHARE),
        r.getAs(Tables.POSITIVE_SHARE),
        r.getAs(Tables.NPMI),
        r.getAs(Tables.SURPRISE));
  }

  private static Point empty(String period, LocalDate start, long periodDocuments) {
    return new Point(
        period, start, periodDocuments, 0, 0, 0, 0, 0, null, null, null, null, null, null);
  }
}
