package org.newsgraph.periods;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.newsgraph.tables.Tables;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/** The keys of periods and pairs in the period tables, and joins on them. */
final class PeriodKeys {

  static final List<String> PERIOD = List.of(Tables.GRAIN, Tables.PERIOD_START);
  static final List<String> PAIR =
      List.of(Tables.GRAIN, Tables.PERIOD_START, Tables.ENTITY_A, Tables.ENTITY_B);

  private PeriodKeys() {}

  /** The rows of {@code df} in the given periods. */
  static Dataset<Row> only(Dataset<Row> df, Dataset<Row> periods) {
    return periods == null ? df : df.join(periods, seq(PERIOD), "left_semi");
  }

  static Seq<String> seq(List<String> names) {
    return CollectionConverters.asScala(names).toSeq();
  }
}
