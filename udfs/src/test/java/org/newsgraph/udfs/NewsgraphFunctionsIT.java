package org.newsgraph.udfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsgraph.nlp.EntityCanonicalizer;
import org.newsgraph.nlp.NlpSettings;

/** The registered SQL functions, called from Spark SQL with the real models. */
class NewsgraphFunctionsIT {

  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("newsgraph-udfs-test")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", "2")
            .getOrCreate();
    NewsgraphFunctions.registerAll(spark, NlpSettings.defaults(), new EntityCanonicalizer());
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void annotateAndCanonicalNamesFromSql() {
    List<Row> rows =
        spark
            .sql(
                "SELECT x.id, a.error, size(a.sentences) AS sentences,"
                    + " transform(a.mentions, m -> m.text) AS texts,"
                    + " transform(ng_canonical_names(a.mentions), c -> c.entity) AS names"
                    + " FROM (SELECT id, ng_annotate(text) AS a FROM VALUES"
                    + " (1, 'President Vladimir Putin spoke. Putin smiled.'),"
                    + " (2, CAST(NULL AS STRING)), (3, '') AS t(id, text)) x"
                    + " ORDER BY id")
            .collectAsList();
    assertThat(rows).as("rows").hasSize(3);
    Row first = rows.get(0);
    assertThat(first.isNullAt(1)).as("no error for article 1").isTrue();
    assertThat(first.getInt(2)).as("sentences of article 1").isEqualTo(2);
    assertThat(first.<String>getList(3))
        .as("mention texts")
        .containsExactly("Vladimir Putin", "Putin");
    assertThat(first.<String>getList(4))
        .as("canonical names")
        .containsExactly("Vladimir Putin", "Vladimir Putin");
    for (Row empty : rows.subList(1, 3)) {
      assertThat(empty.getInt(2)).as("sentences of null/empty text %s", empty.get(0)).isZero();
      assertThat(empty.<String>getList(3)).as("mentions of null/empty text").isEmpty();
    }
  }
}
