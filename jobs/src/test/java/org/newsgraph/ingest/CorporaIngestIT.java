package org.newsgraph.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsgraph.config.SettingKeys;
import org.newsgraph.config.Settings;
import org.newsgraph.tables.TableIO;
import org.newsgraph.tables.Tables;
import org.newsgraph.testing.SparkTestSession;

/**
 * Ingest (no CoreNLP) of the two real corpora in ../shared/corpora, read in place: every line is an
 * article or a quarantine row, per file and in total; every stored dateline starts its text. The
 * two ingests run at once on the session: Reuters is one gzip file, which one task reads.
 */
class CorporaIngestIT extends SparkTestSession {

  private static final Path REUTERS = CORPORA.resolve("reuters-21578");
  private static final Path ALLSIDES = CORPORA.resolve("allsides-article-bias");
  private static String reutersOutput;
  private static String allSidesOutput;
  private static IngestJob.Report reuters;
  private static IngestJob.Report allSides;

  @BeforeAll
  static void ingestBoth() throws Exception {
    reutersOutput = tempDir("reuters").toString();
    allSidesOutput = tempDir("allsides").toString();
    CompletableFuture<IngestJob.Report> besideReuters =
        beside(() -> IngestJob.run(spark, settings(REUTERS, reutersOutput)));
    allSides = IngestJob.run(spark, settings(ALLSIDES, allSidesOutput));
    reuters = besideReuters.get(BESIDE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Test
  void reutersTimestampsWithoutZoneAreIngestedCompletely() throws IOException {
    long lines = countLines(REUTERS.resolve("reuters21578-1987.jsonl.gz"));
    assertThat(lines).as("Reuters stories (SOURCE.md: 19,043)").isEqualTo(19_043);
    account(reuters, reutersOutput, lines, "Reuters-21578");
    var articles = TableIO.read(spark, reutersOutput, Tables.ARTICLES);
    // SOURCE.md: every story has a wire time without zone except reuters21578-17192.
    assertThat(articles.where(col(Tables.PUBLISHED_TS).isNull()).count())
        .as("Reuters articles without a time of day")
        .isEqualTo(1);
    assertThat(
            articles
                .where(col(Tables.ARTICLE_ID).equalTo("reuters-21578:reuters21578-17192"))
                .select(Tables.DATE)
                .first()
                .get(0)
                .toString())
        .as("the date of the story with a corrupt time")
        .isEqualTo("1987-03-31");
    // Measured 18,933 of 19,043; the others are market tables and datelines with typos.
    assertThat(articles.where(col(Tables.DATELINE).isNotNull()).count())
        .as("Reuters articles with a dateline")
        .isGreaterThan(18_800);
  }

  @Test
  void allSidesIsIngestedCompletely() throws IOException {
    long lines = 0;
    try (var files = Files.list(ALLSIDES)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl.gz")).toList()) {
        lines += countLines(f);
      }
    }
    assertThat(lines).as("AllSides articles (SOURCE.md: 20,336)").isEqualTo(20_336);
    account(allSides, allSidesOutput, lines, "AllSides");
    assertThat(TableIO.read(spark, allSidesOutput, Tables.INGEST_RUNS).count())
        .as("one ingest_runs row per yearly file")
        .isEqualTo(5);
  }

  /** Prints a corpus's ingest figures and checks that every line is accounted for. */
  private static void account(IngestJob.Report r, String output, long lines, String name) {
    System.out.printf(
        "%s: read %d, articles %d, quarantined %d %s, stories %d, copies %d%n",
        name,
        r.read(),
        r.articles(),
        r.quarantined(),
        r.quarantineReasons(),
        r.stories(),
        r.duplicateArticles());
    System.out.printf(
        "%s: %d with a dateline, %d glued words split in %d articles%n",
        name, r.datelines(), r.repairs(), r.repairedArticles());
    assertThat(
            TableIO.read(spark, output, Tables.ARTICLES)
                .where(
                    col(Tables.DATELINE)
                        .isNotNull()
                        .and(
                            not(
                                col(Tables.TEXT)
                                    .startsWith(col(Tables.DATELINE))
                                    .and(col(Tables.DATELINE).notEqual(lit(""))))))
                .count())
        .as(name + " datelines that are not a non-empty start of their text")
        .isZero();
    assertThat(r.read()).as(name + " records read").isEqualTo(lines);
    assertThat(r.articles() + r.quarantined())
        .as(name + " articles + quarantined")
        .isEqualTo(lines);
  }

  private static Settings settings(Path input, String output) {
    return Settings.defaults()
        .with(SettingKeys.INPUT.key(), input.toString())
        .with(SettingKeys.OUTPUT.key(), output);
  }

  private static long countLines(Path gz) throws IOException {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
      return in.lines().count();
    }
  }
}
