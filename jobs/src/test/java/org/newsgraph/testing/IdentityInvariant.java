package org.newsgraph.testing;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.newsgraph.tables.TableIO;
import org.newsgraph.tables.Tables;

/**
 * Issue 13's identity invariant as independent SQL over stored tables, for the tests and the full
 * corpus check: in every period of every grain, a pair's {@code documents_a} and {@code
 * documents_b} are the {@code entity_counts.documents} of the same entity, its types are that
 * entity's type, and no entity has two types in {@code entity_counts} or in {@code mentions}.
 */
public final class IdentityInvariant {

  /** What the check saw: the pair rows compared, and up to 20 examples of each violation. */
  public record Result(long pairRows, List<String> violations) {}

  private IdentityInvariant() {}

  public static Result check(SparkSession spark, String output) {
    String suffix = Long.toString(System.nanoTime());
    String ec = "ec_" + suffix;
    String cc = "cc_" + suffix;
    String m = "m_" + suffix;
    TableIO.read(spark, output, Tables.ENTITY_COUNTS).createOrReplaceTempView(ec);
    TableIO.read(spark, output, Tables.COMENTION_COUNTS).createOrReplaceTempView(cc);
    TableIO.read(spark, output, Tables.MENTIONS_TABLE).createOrReplaceTempView(m);
    long pairRows = spark.sql("SELECT count(*) FROM " + cc).first().getLong(0);
    List<String> violations = new ArrayList<>();
    for (Row r :
        spark
            .sql(
                "SELECT c.grain, c.period_start, c.entity_a, c.entity_b, c.documents_a,"
                    + " a.documents, c.documents_b, b.documents"
                    + " FROM "
                    + cc
                    + " c LEFT JOIN "
                    + ec
                    + " a ON a.grain = c.grain AND a.period_start = c.period_start"
                    + "   AND a.entity = c.entity_a"
                    + " LEFT JOIN "
                    + ec
                    + " b ON b.grain = c.grain AND b.period_start = c.period_start"
                    + "   AND b.entity = c.entity_b"
                    + " WHERE a.documents IS NULL OR b.documents IS NULL"
                    + "   OR a.documents <> c.documents_a OR b.documents <> c.documents_b"
                    + "   OR a.entity_type <> c.entity_type_a OR b.entity_type <> c.entity_type_b")
            .limit(20)
            .collectAsList()) {
      violations.add("pair row disagrees with entity_counts: " + r);
    }
    for (String table : List.of(ec, m)) {
      for (Row r :
          spark
              .sql(
                  "SELECT entity, collect_set(entity_type) FROM "
                      + table
                      + " WHERE entity_type IN ('PERSON', 'ORGANIZATION', 'LOCATION', 'MISC')"
                      + " GROUP BY entity HAVING count(DISTINCT entity_type) > 1")
              .limit(20)
              .collectAsList()) {
        violations.add("entity with two types in " + table.replaceAll("_\\d+$", "") + ": " + r);
      }
    }
    return new Result(pairRows, violations);
  }
}
