package org.newsgraph.periods;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.log2;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.newsgraph.tables.DistinctCount;
import org.newsgraph.tables.Tables;

/**
 * The {@code comention_counts} table: per period and pair (entity_a &lt; entity_b) of entities of
 * the pair types, after the per-article cap: documents, stories, sources, shared sentences and
 * their tone; document-level association (PMI, NPMI, G², lift) from the period's 2×2 table when the
 * pair has the minimum support; and the surprise of the period's documents against the pair's own
 * trailing baseline. Everything is computed per period, so computing a subset of periods (with
 * their {@link Baselines}) gives exactly the rows a full computation gives for those periods.
 */
public final class CoMentionCounts {

  /**
   * What the surprise baselines of a computation over some periods read besides its own inputs.
   *
   * @param periods every period of the output with documents (grain, period_start)
   * @param pairDocuments stored {@code comention_counts} rows (grain, period_start, entity_a,
   *     entity_b, documents) of the periods neither computed from the articles nor rebaselined that
   *     lie in the surprise window of a period that is: the rest of a baseline
   * @param rebaselined the stored {@code comention_counts} rows of the periods whose inputs are
   *     unchanged but whose baselines changed: returned with their surprise columns computed again
   */
  public record Baselines(
      Dataset<Row> periods, Dataset<Row> pairDocuments, Dataset<Row> rebaselined) {}

  /** Marks the rows being computed among the other periods' counts of their baselines. */
  private static final String OWN = "_own";

  private CoMentionCounts() {}

  /**
   * The {@code comention_counts} rows of the periods of {@code in}.
   *
   * @param baselines what the surprise baselines read besides {@code in}; null when {@code in}
   *     holds every period
   */
  public static Dataset<Row> compute(PeriodInputs in, PeriodOptions options, Baselines baselines) {
    Dataset<Row> documents =
        in.documentPairs()
            .groupBy(
                Tables.GRAIN,
                Tables.PERIOD_START,
                Tables.ENTITY_A,
                Tables.ENTITY_B,
                Tables.ENTITY_TYPE_A,
                Tables.ENTITY_TYPE_B)
            .agg(
                count(lit(1)).as(Tables.DOCUMENTS),
                DistinctCount.of(Tables.STORY_ID).as(Tables.STORIES),
                DistinctCount.of(Tables.SOURCE).as(Tables.SOURCES));
    List<Column> tone = Tone.columns();
    Dataset<Row> sentences =
        in.sentencePairs()
            .groupBy(Tables.GRAIN, Tables.PERIOD_START, Tables.ENTITY_A, Tables.ENTITY_B)
            .agg(count(lit(1)).as(Tables.SENTENCE_COUNT), tone.toArray(Column[]::new));
    Dataset<Row> entityDocuments =
        in.entityDocuments()
            .groupBy(Tables.GRAIN, Tables.PERIOD_START, Tables.ENTITY)
            .agg(count(lit(1)).as("_n"));
    // Every sentence pair is also a document pair, so a left join keeps every pair.
    Dataset<Row> counts =
        documents
            .join(sentences, PeriodKeys.seq(PeriodKeys.PAIR), "left")
            .join(in.periodDocuments(), PeriodKeys.seq(PeriodKeys.PERIOD))
            .join(
                entityDocuments.select(
                    col(Tables.GRAIN),
                    col(Tables.PERIOD_START),
                    col(Tables.ENTITY).as(Tables.ENTITY_A),
                    col("_n").as(Tables.DOCUMENTS_A)),
                PeriodKeys.seq(List.of(Tables.GRAIN, Tables.PERIOD_START, Tables.ENTITY_A)))
            .join(
                entityDocuments.select(
                    col(Tables.GRAIN),
                    col(Tables.PERIOD_START),
                    col(Tables.ENTITY).as(Tables.ENTITY_B),
                    col("_n").as(Tables.DOCUMENTS_B)),
                PeriodKeys.seq(List.of(Tables.GRAIN, Tables.PERIOD_START, Tables.ENTITY_B)))
            .withColumn(Tables.SENTENCE_COUNT, coalesce(col(Tables.SENTENCE_COUNT), lit(0L)))
            .withColumn(
                Tables.SENTIMENT_SENTENCES, coalesce(col(Tables.SENTIMENT_SENTENCES), lit(0L)));
    Dataset<Row> rows = association(counts, options.minSupport());
    Dataset<Row> periods = in.periodDocuments().select(Tables.GRAIN, Tables.PERIOD_START);
    if (baselines == null) {
      return surprise(rows, periods, periods, null, options)
          .withColumn(Tables.PERIOD, Grain.label());
    }
    // Their own columns are what the articles would give again (same fingerprint): only the
    // surprise columns, computed below, change.
    Dataset<Row> restored =
        baselines
            .rebaselined()
            .select(Arrays.stream(rows.columns()).map(c -> col(c)).toArray(Column[]::new));
    return surprise(
            rows.unionByName(restored),
            periods.union(restored.select(Tables.GRAIN, Tables.PERIOD_START).distinct()),
            baselines.periods(),
            baselines.pairDocuments(),
            options)
        .withColumn(Tables.PERIOD, Grain.label());
  }

  /**
   * PMI (log base 2), NPMI, Dunning's G² and lift from the period's document 2×2 table: N =
   * period_documents, n_a = documents_a, n_b = documents_b, n_ab = documents. Null when n_ab is
   * below the minimum support.
   */
  private static Dataset<Row> association(Dataset<Row> counts, int minSupport) {
    Column n = col(Tables.PERIOD_DOCUMENTS).cast("double");
    Column na = col(Tables.DOCUMENTS_A).cast("double");
    Column nb = col(Tables.DOCUMENTS_B).cast("double");
    Column nab = col(Tables.DOCUMENTS).cast("double");
    Column lift = nab.multiply(n).divide(na.multiply(nb));
    Column pmi = log2(lift);
    Column npmi =
        when(nab.equalTo(n), lit(1.0)).otherwise(pmi.divide(log2(nab.divide(n)).multiply(-1)));
    Column g2 =
        greatest(
            lit(0.0),
            cell(nab, na.multiply(nb).divide(n))
                .plus(cell(na.minus(nab), na.multiply(n.minus(nb)).divide(n)))
                .plus(cell(nb.minus(nab), n.minus(na).multiply(nb).divide(n)))
                .plus(
                    cell(
                        n.minus(na).minus(nb).plus(nab),
                        n.minus(na).multiply(n.minus(nb)).divide(n)))
                .multiply(2));
    Column supported = col(Tables.DOCUMENTS).geq(minSupport);
    return counts
        .withColumn(Tables.PMI, when(supported, pmi))
        .withColumn(Tables.NPMI, when(supported, npmi))
        .withColumn(Tables.LOG_LIKELIHOOD, when(supported, g2))
        .withColumn(Tables.LIFT, when(supported, lift));
  }

  /** One cell of G²: O ln(O / E), 0 when O is 0 (E is then never needed). */
  private static Column cell(Column observed, Column expected) {
    return when(observed.gt(0), observed.multiply(log(observed.divide(expected)))).otherwise(0.0);
  }

  /**
   * The surprise of a pair's documents in a period against its baseline: the previous {@code
   * surpriseWindow} periods of the same grain that hold annotated documents (the pair's count is 0
   * in those where it does not occur). z = (x - mean) / max(stddev, 1), the population standard
   * deviation floored at 1 so that a flat baseline does not make every change infinite. Null when
   * fewer than {@code surpriseMinPeriods} baseline periods exist.
   *
   * @param counts the rows of the periods to compute, with their documents
   * @param periods the periods of {@code counts}
   * @param earlierPeriods the periods a baseline may hold
   * @param otherDocuments the pair counts (grain, period_start, entity_a, entity_b, documents) of
   *     periods not in {@code counts} that a baseline holds; null when there are none
   */
  private static Dataset<Row> surprise(
      Dataset<Row> counts,
      Dataset<Row> periods,
      Dataset<Row> earlierPeriods,
      Dataset<Row> otherDocuments,
      PeriodOptions options) {
    int w = options.surpriseWindow();
    Column start = col(Tables.PERIOD_START);
    Column grain = col(Tables.GRAIN);
    Column windowStart =
        when(grain.equalTo(Grain.DAY.id()), date_sub(start, w))
            .when(grain.equalTo(Grain.WEEK.id()), date_sub(start, 7 * w))
            .otherwise(add_months(start, -w));
    Dataset<Row> earlier =
        earlierPeriods.select(
            col(Tables.GRAIN).as("_grain"), col(Tables.PERIOD_START).as("_earlier"));
    Dataset<Row> baselinePeriods =
        periods
            .join(
                earlier,
                grain
                    .equalTo(col("_grain"))
                    .and(col("_earlier").lt(start))
                    .and(col("_earlier").geq(windowStart)))
            .groupBy(Tables.GRAIN, Tables.PERIOD_START)
            .agg(count(lit(1)).cast("int").as(Tables.BASELINE_PERIODS));
    // A pair's counts in the w periods before each of its periods, along the pair's own line of
    // periods: the rows being computed and the other periods' counts in one sort, where a join of
    // the sums back to the rows would shuffle and sort both sides again.
    Dataset<Row> line = counts.withColumn(OWN, lit(true));
    if (otherDocuments != null) {
      line = line.unionByName(otherDocuments.withColumn(OWN, lit(false)), true);
    }
    WindowSpec before =
        Window.partitionBy(Tables.GRAIN, Tables.ENTITY_A, Tables.ENTITY_B)
            .orderBy(Grain.number())
            .rangeBetween(-w, -1);
    Column x = col(Tables.DOCUMENTS).cast("double");
    Column k = col(Tables.BASELINE_PERIODS).cast("double");
    Column enough = col(Tables.BASELINE_PERIODS).geq(options.surpriseMinPeriods());
    Column mean = coalesce(col("_sum"), lit(0.0)).divide(k);
    Column variance = coalesce(col("_squares"), lit(0.0)).divide(k).minus(mean.multiply(mean));
    // One select, so that both sums come from one window operator over one sort.
    return line.select(
            col("*"),
            sum(x).over(before).as("_sum"),
            sum(x.multiply(x)).over(before).as("_squares"))
        .where(col(OWN))
        .drop(OWN)
        .join(baselinePeriods, PeriodKeys.seq(PeriodKeys.PERIOD), "left")
        .withColumn(Tables.BASELINE_PERIODS, coalesce(col(Tables.BASELINE_PERIODS), lit(0)))
        .withColumn(Tables.BASELINE_MEAN, when(enough, mean))
        .withColumn(Tables.BASELINE_STDDEV, when(enough, sqrt(greatest(lit(0.0), variance))))
        .withColumn(
            Tables.SURPRISE,
            when(
                enough,
                col(Tables.DOCUMENTS)
                    .minus(col(Tables.BASELINE_MEAN))
                    .divide(greatest(col(Tables.BASELINE_STDDEV), lit(1.0)))))
        .drop("_sum", "_squares");
  }
}
