package org.newsgraph.periods;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.newsgraph.config.SettingKeys;
import org.newsgraph.config.Settings;
import org.newsgraph.errors.NewsgraphException;
import org.newsgraph.nlp.CoreNlpPipelines;
import org.newsgraph.nlp.DocumentAnnotator;
import org.newsgraph.tables.TableIO;
import org.newsgraph.tables.Tables;
import org.newsgraph.testing.SparkTestSession;

/**
 * Aliases act at aggregation time: with stored annotations written by hand (no CoreNLP in this
 * JVM), editing the alias file and re-running aggregate changes the mentions and co-mention tables.
 */
class AliasReaggregateTest extends SparkTestSession {

  private static Row sentence(int index, int begin, int end) {
    return RowFactory.create(index, begin, end, 8, null, null, null, null);
  }

  private static Row mention(String text, String type, int begin, int sentence) {
    return RowFactory.create(text, type, begin, begin + text.length(), sentence);
  }

  private static Row annotation(String id, List<Row> mentions) {
    return RowFactory.create(
        id,
        Date.valueOf("2018-07-16"),
        textHash("x".repeat(120)),
        "sig",
        List.of(sentence(0, 0, 60), sentence(1, 61, 120)),
        mentions,
        null,
        null);
  }

  private static Map<String, Long> pairs(String output) {
    Map<String, Long> out = new TreeMap<>();
    for (Row r :
        TableIO.read(spark, output, Tables.COMENTION_COUNTS)
            .where(col(Tables.GRAIN).equalTo("day"))
            .collectAsList()) {
      out.put(
          r.getAs(Tables.ENTITY_A) + " + " + r.getAs(Tables.ENTITY_B),
          r.<Long>getAs(Tables.DOCUMENTS));
    }
    return out;
  }

  /**
   * Two annotated articles a1 and a2 written by hand under a new output; a1's text is {@code text}.
   */
  private static String writeTables(String outputName, String text) throws IOException {
    return writeTables(outputName, text, null);
  }

  /** The same, with a2's text starting with a dateline of {@code datelineChars} characters. */
  private static String writeTables(String outputName, String text, Integer datelineChars)
      throws IOException {
    String output = tempDir(outputName).toString();
    List<Row> rows =
        List.of(
            annotation(
                "a1",
                List.of(
                    mention("Rocket Man", "PERSON", 0, 0),
                    mention("Donald Trump", "PERSON", 20, 0),
                    mention("Pyongyang", "LOCATION", 70, 1))),
            annotation(
                "a2",
                List.of(
                    mention("Kim Jong Un", "PERSON", 0, 0),
                    mention("Donald Trump", "PERSON", 20, 0))));
    TableIO.replace(
        spark.createDataFrame(rows, Tables.ANNOTATIONS.schema()), output, Tables.ANNOTATIONS);
    List<Row> articles = new java.util.ArrayList<>();
    for (String id : List.of("a1", "a2")) {
      String stored = id.equals("a1") ? text : "x".repeat(120);
      articles.add(
          RowFactory.create(
              id,
              Date.valueOf("2018-07-16"),
              null,
              "outlet",
              null,
              stored,
              null,
              "file:/in/" + id,
              false,
              id,
              true,
              id.equals("a2") && datelineChars != null ? stored.substring(0, datelineChars) : null,
              0));
    }
    TableIO.replace(
        spark.createDataFrame(articles, Tables.ARTICLES.schema()), output, Tables.ARTICLES);
    return output;
  }

  @Test
  void mentionsInsideADatelineAreNotMentions() throws IOException {
    // a2's mentions: Kim Jong Un at 0-11, Donald Trump at 20-32; a dateline of 11 characters.
    String output = writeTables("dateline-output", "x".repeat(120), 11);
    AggregateJob.run(spark, Settings.defaults().with(SettingKeys.OUTPUT.key(), output));
    List<String> a2 = new java.util.ArrayList<>();
    for (Row r :
        TableIO.read(spark, output, Tables.MENTIONS_TABLE)
            .where(col(Tables.ARTICLE_ID).equalTo("a2"))
            .orderBy(Tables.CHAR_BEGIN)
            .collectAsList()) {
      a2.add(r.getAs(Tables.ENTITY));
    }
    assertThat(a2).as("a2's mentions after its dateline").containsExactly("Donald Trump");
    assertThat(pairs(output))
        .as("the dateline's place is paired with nothing")
        .doesNotContainKey("Donald Trump + Kim Jong Un")
        .containsEntry("Donald Trump + Rocket Man", 1L);
  }

  @Test
  void aggregateRefusesAnAnnotationOfAnOlderText() throws IOException {
    String output = writeTables("stale-output", "y".repeat(120));
    Settings settings = Settings.defaults().with(SettingKeys.OUTPUT.key(), output);
    assertThatThrownBy(() -> AggregateJob.run(spark, settings))
        .as("a1's text changed after it was annotated")
        .isInstanceOf(NewsgraphException.class)
        .hasMessageContaining("1 article(s) changed after they were annotated (for example a1)")
        .hasMessageContaining("bin/newsgraph annotate")
        .satisfies(
            e -> assertThat(((NewsgraphException) e).exitCode()).as("exit code").isEqualTo(4));
    assertThat(TableIO.exists(spark, output, Tables.MENTIONS_TABLE))
        .as("no mentions written from the stale annotation")
        .isFalse();
  }

  @Test
  void editingAnAliasAndReaggregatingChangesTheTablesWithoutCoreNlp() throws IOException {
    String output = writeTables("alias-output", "x".repeat(120));
    Path aliases = tempDir("alias-conf").resolve("aliases.tsv");
    Files.writeString(aliases, "# no aliases yet\n", StandardCharsets.UTF_8);
    Settings settings =
        Settings.defaults()
            .with(SettingKeys.OUTPUT.key(), output)
            .with(SettingKeys.ALIAS_FILE.key(), aliases.toString());

    AggregateReport before = AggregateJob.run(spark, settings);
    assertThat(pairs(output))
        .as("co-mentions before the alias")
        .containsEntry("Donald Trump + Rocket Man", 1L)
        .containsEntry("Donald Trump + Kim Jong Un", 1L);
    assertThat(before.resolutions()).as("resolutions before").doesNotContainKey("alias");

    Files.writeString(
        aliases,
        "# Rocket Man is a nickname\nRocket Man\tKim Jong Un\tPERSON\n",
        StandardCharsets.UTF_8);
    AggregateReport after = AggregateJob.run(spark, settings);
    Map<String, Long> pairs = pairs(output);
    assertThat(pairs)
        .as("co-mentions after the alias")
        .containsEntry("Donald Trump + Kim Jong Un", 2L)
        .containsEntry("Kim Jong Un + Pyongyang", 1L)
        .doesNotContainKeys("Donald Trump + Rocket Man", "Pyongyang + Rocket Man");
    assertThat(after.resolutions()).as("resolutions after").containsEntry("alias", 1L);
    Row renamed =
        TableIO.read(spark, output, Tables.MENTIONS_TABLE)
            .where(col(Tables.SURFACE).equalTo("Rocket Man"))
            .first();
    assertThat(Arrays.asList(renamed.getAs(Tables.ENTITY), renamed.getAs(Tables.RESOLUTION)))
        .as("the nickname's mention: entity, resolution")
        .containsExactly("Kim Jong Un", "alias");
    assertThat(
            TableIO.read(spark, output, Tables.RESOLUTION_STATS)
                .where(col(Tables.RESOLUTION).equalTo("alias"))
                .count())
        .as("resolution_stats rows for alias over the two runs")
        .isEqualTo(1);

    assertThat(CoreNlpPipelines.loaded()).as("CoreNLP pipelines loaded in this JVM").isZero();
    assertThat(DocumentAnnotator.documentsAnnotated())
        .as("documents annotated in this JVM")
        .isZero();
  }
}
