package org.newsgraph.periods;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.newsgraph.tables.Tables;

/** Tone aggregates shared by the entity and co-mention counts. */
final class Tone {

  private static final List<String> NEGATIVE = List.of("very_negative", "negative");
  private static final List<String> NEUTRAL = List.of("neutral");
  private static final List<String> POSITIVE = List.of("positive", "very_positive");

  private Tone() {}

  /** Tone aggregates over rows holding one sentence each (sentiment_label, sentiment_score). */
  static List<Column> columns() {
    Column labelled = count(col(Tables.SENTIMENT_LABEL));
    return List.of(
        count(col(Tables.SENTIMENT_SCORE)).as(Tables.SENTIMENT_SENTENCES),
        avg(col(Tables.SENTIMENT_SCORE)).as(Tables.SENTIMENT_MEAN),
        share(NEGATIVE, labelled).as(Tables.NEGATIVE_SHARE),
        share(NEUTRAL, labelled).as(Tables.NEUTRAL_SHARE),
        share(POSITIVE, labelled).as(Tables.POSITIVE_SHARE));
  }

  private static Column share(List<String> labels, Column labelled) {
    Column matching =
        sum(when(col(Tables.SENTIMENT_LABEL).isin(labels.toArray()), 1L).otherwise(0L));
    return when(labelled.gt(0), matching.cast("double").divide(labelled));
  }
}
