package org.newsgraph.udfs;

import static org.apache.spark.sql.functions.call_udf;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsgraph.nlp.DocumentAnnotator;
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

  @Test
  void entitiesAndSentimentFromSqlShareOnePassPerDocument() {
    long before = DocumentAnnotator.documentsAnnotated();
    List<Row> rows =
        spark
            .sql(
                "SELECT id, transform(ng_entities(text), m -> m.text) AS entities,"
                    + " transform(ng_sentiment(text), s -> s.sentiment_label) AS labels,"
                    + " size(ng_annotate(text).sentences) AS sentences"
                    + " FROM VALUES"
                    + " (1, 'Angela Merkel met Emmanuel Macron in Paris. The talks went well.'),"
                    + " (2, 'Kim Jong Un visited Beijing. He met Xi Jinping.'),"
                    + " (3, CAST(NULL AS STRING)), (4, '   ') AS t(id, text)"
                    + " ORDER BY id")
            .collectAsList();
    assertThat(DocumentAnnotator.documentsAnnotated() - before)
        .as("CoreNLP passes for 2 non-blank texts read by three functions")
        .isEqualTo(2);
    assertThat(rows.get(0).<String>getList(1))
        .as("ng_entities of text 1")
        .containsExactly("Angela Merkel", "Emmanuel Macron", "Paris");
    assertThat(rows.get(0).<String>getList(2))
        .as("ng_sentiment labels of text 1: the first sentence has entities, the second none")
        .hasSize(2)
        .satisfies(l -> assertThat(l.get(0)).isNotNull(), l -> assertThat(l.get(1)).isNull());
    assertThat(rows.get(1).<String>getList(1))
        .as("ng_entities of text 2")
        .containsExactly("Kim Jong Un", "Beijing", "Xi Jinping");
    for (Row empty : rows.subList(2, 4)) {
      assertThat(empty.<String>getList(1)).as("entities of null/blank %s", empty.get(0)).isEmpty();
      assertThat(empty.<String>getList(2)).as("sentiment of null/blank %s", empty.get(0)).isEmpty();
    }
  }

  @Test
  void functionsWorkFromTheDatasetApi() {
    List<Row> rows =
        spark
            .sql("SELECT 'Theresa May spoke in London.' AS text")
            .select(
                call_udf(NewsgraphFunctions.ENTITIES, col("text")).getItem(0).getField("type"),
                call_udf(NewsgraphFunctions.SENTIMENT, col("text")).getItem(0).getField("char_end"))
            .collectAsList();
    assertThat(rows.get(0).getString(0)).as("type of the first mention").isEqualTo("PERSON");
    assertThat(rows.get(0).getInt(1)).as("end of the first sentence").isEqualTo(28);
  }
}
