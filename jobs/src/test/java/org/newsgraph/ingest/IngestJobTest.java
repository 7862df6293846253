package org.newsgraph.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delta.tables.DeltaTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsgraph.cli.NewsgraphCli;
import org.newsgraph.config.SettingKeys;
import org.newsgraph.config.Settings;
import org.newsgraph.errors.NewsgraphException;
import org.newsgraph.tables.OutputLock;
import org.newsgraph.tables.TableIO;
import org.newsgraph.tables.Tables;
import org.newsgraph.testing.SparkTestSession;

/**
 * The ingest stage end to end (no CoreNLP): every input format, a fixture with more than 15 kinds
 * of bad record, the accounting per input file, glued-word repair and datelines, --fail-fast, a bad
 * setting, and stable ids across runs.
 */
class IngestJobTest extends SparkTestSession {

  private static Path input;
  private static String output;
  private static IngestJob.Report report;

  @BeforeAll
  static void ingestFixture() throws IOException {
    input = tempDir("ingest-job-input");
    Path feed = Files.createDirectories(input.resolve("feed"));
    ByteArrayOutputStream jsonl = new ByteArrayOutputStream();
    jsonl.writeBytes(
        lines(
            // 1 good, with a nested date field and an HTML body with a script
            "{\"id\":\"a1\",\"meta\":{\"when\":\"2018-07-16T23:30:00-04:00\"},\"title\":\"T\","
                + "\"body\":\"<p>Putin met <b>Trump</b>.</p><script>var x=1;</script>"
                + "<p>ADVERTISEMENT</p><p>They talked &amp; smiled.</p>\"}",
            // 2 broken JSON
            "{\"id\":\"a2\",\"published\":",
            // 3 wrong type: text is a number
            "{\"id\":\"a3\",\"published\":\"2018-07-16\",\"text\":42}",
            // 4 missing text field
            "{\"id\":\"a4\",\"published\":\"2018-07-16\"}",
            // 5 missing date
            "{\"id\":\"a5\",\"text\":\"No date.\"}",
            // 6 impossible date
            "{\"id\":\"a6\",\"published\":\"2018-02-30\",\"text\":\"Leap.\"}",
            // 7 date out of the plausible range
            "{\"id\":\"a7\",\"published\":\"1850-01-01\",\"text\":\"Old.\"}",
            // 8 empty text
            "{\"id\":\"a8\",\"published\":\"2018-07-16\",\"text\":\"\"}",
            // 9 whitespace-only text
            "{\"id\":\"a9\",\"published\":\"2018-07-16\",\"text\":\" \\n\\t \"}",
            // 10 only boilerplate
            "{\"id\":\"a10\",\"published\":\"2018-07-16\",\"text\":\"ADVERTISEMENT\\n\\nShare this"
                + " article\"}",
            // 11 same id as line 1, other text
            "{\"id\":\"a1\",\"published\":\"2018-07-17\",\"text\":\"Another story.\"}",
            // 12 a JSON array, not an object
            "[1, 2, 3]",
            // 13 epoch seconds, RFC 1123 and US dates are all dates
            "{\"id\":\"a13\",\"published\":1531785600,\"text\":\"Epoch.\"}",
            "{\"id\":\"a14\",\"published\":\"Tue, 17 Jul 2018 10:00:00 GMT\",\"text\":\"RFC.\"}",
            "{\"id\":\"a15\",\"published\":\"7/18/2018\",\"text\":\"US.\"}",
            // 16 exact repeat of line 13
            "{\"id\":\"a13\",\"published\":1531785600,\"text\":\"Epoch.\"}"));
    // 17 binary junk (not UTF-8)
    jsonl.write(new byte[] {(byte) 0xFF, (byte) 0xFE, 0x00, (byte) 0x9C, '\n'});
    Files.write(feed.resolve("feed.jsonl"), jsonl.toByteArray());

    // 18 a truncated .gz, 19 a .gz that is no gzip, 20 a zero-byte file
    byte[] gz =
        gzip(
            lines(
                "{\"id\":\"g1\",\"published\":\"2018-07-19\",\"text\":\""
                    + "x ".repeat(500)
                    + "\"}"));
    Files.write(feed.resolve("cut.jsonl.gz"), Arrays.copyOf(gz, gz.length - 30));
    Files.writeString(feed.resolve("plain.jsonl.gz"), "{\"id\":\"p1\"}\n");
    Files.write(feed.resolve("empty.jsonl"), new byte[0]);

    // 21 a 5 MB article: kept, truncated
    Path text = Files.createDirectories(input.resolve("desk"));
    Files.writeString(
        text.resolve("long.txt"),
        "date 2018-07-20 " + "The talks went on into the night. ".repeat(150_000));
    // 22 a text file without a date line
    Files.writeString(text.resolve("undated.txt"), "Putin met Trump.");

    // CSV with a quoted multi-line field and a header mapping, and Parquet
    Files.writeString(
        text.resolve("wire.csv"),
        "id,date,headline,content\n"
            + "c1,2018-07-21,Summit,\"Putin met Trump.\n\nThey talked.\"\n"
            + "c2,,No date,\"Body.\"\n"
            // 23 an article in German, for an English-only pipeline
            + "c3,2018-07-21,Gipfel,\"Der russische Präsident traf am Montag in Helsinki den"
            + " amerikanischen Präsidenten. Nach dem Treffen sprachen beide von einem guten Gespräch,"
            + " doch Kritiker in Washington warfen dem Gast aus den Vereinigten Staaten vor, zu"
            + " nachgiebig gewesen zu sein.\"\n"
            // 24 a row with fewer fields than the header
            + "c4,2018-07-21\n");
    spark
        .sql(
            "SELECT 'q1' AS id, '2018-07-22' AS published, 'Wire' AS source,"
                + " 'Parquet article.' AS text")
        .coalesce(1)
        .write()
        .parquet(input.resolve("pq").toString());
    // Spark's own marker files are hidden; the data file has a .parquet extension.

    // 25 a wire story with a dateline and link text run into the next word
    Path wire = Files.createDirectories(input.resolve("wire"));
    Files.write(
        wire.resolve("wire.jsonl"),
        lines(
            "{\"id\":\"w1\",\"published\":\"2018-07-23\",\"text\":\"WASHINGTON (Reuters) -"
                + " Senators Harris and Warren met Kim Jong Un and Trump on Monday.\\n\\nAllies of"
                + " Kim Jong UnTrump and Kamala HarrisWarren welcomed it, YouTube said.\"}"));

    output = tempDir("ingest-job-output").toString();
    report = IngestJob.run(spark, settings(output, false));
  }

  private static Settings settings(String out, boolean failFast) {
    return Settings.defaults()
        .with(SettingKeys.INPUT.key(), input.toString())
        .with(SettingKeys.OUTPUT.key(), out)
        .with(SettingKeys.FIELD_PUBLISHED.key(), "published,date,meta.when")
        .with(SettingKeys.TIME_ZONE.key(), "UTC")
        .with(SettingKeys.FAIL_FAST.key(), Boolean.toString(failFast));
  }

  private static byte[] lines(String... lines) {
    return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(data);
    }
    return bytes.toByteArray();
  }

  @Test
  void everyBadRecordIsQuarantinedWithItsReason() {
    Map<String, Long> expected = new TreeMap<>();
    // broken JSON, number text, array, binary junk, short CSV row
    expected.put("malformed_record", 5L);
    expected.put("empty_text", 5L); // missing text, "", whitespace, boilerplate only, 0 bytes
    expected.put("missing_date", 3L); // JSON without date, CSV row without date, undated .txt
    expected.put("bad_date", 1L);
    expected.put("date_out_of_range", 1L);
    expected.put("id_conflict", 1L);
    expected.put("duplicate_record", 1L);
    expected.put("unreadable_file", 2L); // truncated .gz, .gz that is not gzip
    expected.put("language:de", 1L); // the German CSV row
    assertThat(new TreeMap<>(report.quarantineReasons()))
        .as("quarantine reasons")
        .isEqualTo(expected);
  }

  @Test
  void quarantinedCsvRowsNameTheirLine() {
    Map<String, String> refs = new TreeMap<>();
    for (Row r :
        TableIO.read(spark, output, Tables.QUARANTINE)
            .where(col(Tables.INPUT_FILE).endsWith("wire.csv"))
            .collectAsList()) {
      refs.put(r.getAs(Tables.RECORD_REF), r.getAs(Tables.REASON));
    }
    // c1 spans lines 2-4 (a quoted multi-line field), so c2 is on line 5.
    assertThat(refs)
        .as("record_ref -> reason in wire.csv")
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "line 5", "missing_date", "line 6", "language:de", "line 7", "malformed_record"));
  }

  @Test
  void accountingHoldsPerFileAndInTotal() {
    // feed.jsonl 17 records, cut.jsonl.gz 1, plain.jsonl.gz 1, empty.jsonl 1, long.txt 1,
    // undated.txt 1, wire.csv 4, the Parquet file 1, wire.jsonl 1.
    assertThat(report.read()).as("records read").isEqualTo(28);
    assertThat(report.articles() + report.quarantined())
        .as("articles + quarantined")
        .isEqualTo(report.read());
    // a1, a13, a14, a15, long.txt, c1, q1, w1
    assertThat(report.articles()).as("articles").isEqualTo(8);
    List<Row> runs =
        TableIO.read(spark, output, Tables.INGEST_RUNS)
            .where(col(Tables.INPUT_FILE).endsWith("feed.jsonl"))
            .select(Tables.RECORDS_READ, Tables.ARTICLES_COUNT, Tables.QUARANTINED_COUNT)
            .collectAsList();
    assertThat(runs).as("ingest_runs row of feed.jsonl").hasSize(1);
    assertThat(runs.get(0).getLong(0)).as("feed.jsonl records").isEqualTo(17);
    assertThat(runs.get(0).getLong(1)).as("feed.jsonl articles").isEqualTo(4);
    assertThat(runs.get(0).getLong(2)).as("feed.jsonl quarantined").isEqualTo(13);
  }

  @Test
  void articlesAreCleanedDatedAndTruncated() {
    Map<String, Row> byId = new TreeMap<>();
    for (Row r : TableIO.read(spark, output, Tables.ARTICLES).collectAsList()) {
      byId.put(r.getAs(Tables.ARTICLE_ID), r);
    }
    Row a1 = byId.get("feed:a1");
    assertThat(a1).as("article feed:a1").isNotNull();
    assertThat(a1.<String>getAs(Tables.TEXT))
        .as("HTML body: tags, script and boilerplate removed, entities decoded")
        .isEqualTo("Putin met Trump.\n\nThey talked & smiled.");
    assertThat(a1.getAs(Tables.DATE).toString())
        .as("23:30 at -04:00 is the next day in UTC")
        .isEqualTo("2018-07-17");
    assertThat(a1.<java.sql.Timestamp>getAs(Tables.PUBLISHED_TS).toInstant())
        .as("published_ts of 2018-07-16T23:30:00-04:00")
        .isEqualTo(java.time.Instant.parse("2018-07-17T03:30:00Z"));
    assertThat(byId.get("feed:a13").getAs(Tables.DATE).toString())
        .as("epoch 1531785600")
        .isEqualTo("2018-07-17");
    assertThat(byId.get("feed:a15").getAs(Tables.DATE).toString())
        .as("7/18/2018")
        .isEqualTo("2018-07-18");
    assertThat(byId.get("desk:c1").<String>getAs(Tables.TEXT))
        .as("CSV multi-line quoted field")
        .isEqualTo("Putin met Trump.\n\nThey talked.");
    assertThat(byId.get("desk:c1").<String>getAs(Tables.TITLE))
        .as("CSV headline")
        .isEqualTo("Summit");
    assertThat(byId.get("pq:q1").<String>getAs(Tables.SOURCE))
        .as("Parquet source")
        .isEqualTo("Wire");
    Row longest =
        byId.values().stream()
            .filter(r -> r.<String>getAs(Tables.INPUT_FILE).endsWith("long.txt"))
            .findFirst()
            .orElseThrow();
    assertThat(longest.<Boolean>getAs(Tables.TRUNCATED)).as("5 MB article truncated").isTrue();
    assertThat(longest.<String>getAs(Tables.TEXT).length())
        .as("truncated length")
        .isLessThanOrEqualTo(100_000)
        .isGreaterThan(99_990);
  }

  @Test
  void storedTextIsRepairedWithItsDatelineAndRepairCount() {
    Map<String, Row> byId = new TreeMap<>();
    for (Row r : TableIO.read(spark, output, Tables.ARTICLES).collectAsList()) {
      byId.put(r.getAs(Tables.ARTICLE_ID), r);
    }
    Row w1 = byId.get("wire:w1");
    assertThat(w1.<String>getAs(Tables.TEXT))
        .as("stored text: both joins split, YouTube kept")
        .isEqualTo(
            "WASHINGTON (Reuters) - Senators Harris and Warren met Kim Jong Un and Trump on"
                + " Monday.\n\nAllies of Kim Jong Un Trump and Kamala Harris Warren welcomed it,"
                + " YouTube said.");
    assertThat(w1.<String>getAs(Tables.DATELINE))
        .as("dateline, as the stored text starts")
        .isEqualTo("WASHINGTON (Reuters) -");
    assertThat(w1.<Integer>getAs(Tables.REPAIRS)).as("repairs of wire:w1").isEqualTo(2);
    assertThat(byId.get("feed:a1").<String>getAs(Tables.DATELINE))
        .as("no dateline in feed:a1")
        .isNull();
    assertThat(byId.get("feed:a1").<Integer>getAs(Tables.REPAIRS))
        .as("repairs of feed:a1")
        .isZero();
    assertThat(report.datelines()).as("articles with a dateline").isEqualTo(1);
    assertThat(report.repairs()).as("repairs in all articles").isEqualTo(2);
    assertThat(report.repairedArticles()).as("articles with a repair").isEqualTo(1);
  }

  @Test
  void anInvalidDatelinePatternStopsTheRunBeforeAnyWork() throws IOException {
    Path out = tempDir("ingest-bad-pattern");
    Settings bad =
        settings(out.toString(), false).with(SettingKeys.DATELINE_PATTERN.key(), "[A-Z+ -");
    assertThatThrownBy(() -> IngestJob.run(spark, bad))
        .as("ingest with an unclosed character class as dateline pattern")
        .isInstanceOf(NewsgraphException.class)
        .hasMessageContaining("newsgraph.ingest.datelinePattern")
        .hasMessageContaining("[A-Z+ -");
    try (var written = Files.list(out)) {
      assertThat(written).as("nothing written under the output directory").isEmpty();
    }
  }

  @Test
  void failFastStopsAtTheFirstBadRecordNamingFileLineAndReason() throws IOException {
    String out = tempDir("ingest-fail-fast").toString();
    assertThatThrownBy(() -> IngestJob.run(spark, settings(out, true)))
        .as("--fail-fast on the fixture")
        .isInstanceOf(NewsgraphException.class)
        // Files are taken in path order: desk/ comes before feed/.
        .hasMessageContaining("desk/undated.txt")
        .hasMessageContaining("(file)")
        .hasMessageContaining("missing_date");
    assertThat(Files.exists(Path.of(out, "articles"))).as("no articles table written").isFalse();
  }

  @Test
  void aSecondRunGivesTheSameIdsAndStories() throws IOException {
    String again = tempDir("ingest-again").toString();
    IngestJob.run(spark, settings(again, false));
    var first =
        TableIO.read(spark, output, Tables.ARTICLES).select(Tables.ARTICLE_ID, Tables.STORY_ID);
    var second =
        TableIO.read(spark, again, Tables.ARTICLES).select(Tables.ARTICLE_ID, Tables.STORY_ID);
    assertThat(first.exceptAll(second).count()).as("ids or stories only in run 1").isZero();
    assertThat(second.exceptAll(first).count()).as("ids or stories only in run 2").isZero();
  }

  /**
   * Adding is the default: an input holding only some of the files adds nothing and removes
   * nothing; only --rebuild makes the input replace the articles.
   */
  @Test
  void anInputWithOnlySomeFilesNeverShrinksTheCorpusUnlessRebuilding() throws IOException {
    String out = tempDir("ingest-subset").toString();
    IngestJob.run(spark, settings(out, false));
    long all = TableIO.read(spark, out, Tables.ARTICLES).count();
    DeltaTable articles = DeltaTable.forPath(spark, TableIO.path(out, Tables.ARTICLES));
    long version = lastVersion(articles);
    Settings feedOnly =
        settings(out, false).with(SettingKeys.INPUT.key(), input.resolve("feed").toString());

    IngestJob.Report subset = IngestJob.run(spark, feedOnly);

    assertThat(subset.articles()).as("articles of the subset").isPositive().isLessThan(all);
    assertThat(List.of(subset.added(), subset.updated()))
        .as("articles added and updated by the subset, all already stored")
        .isEqualTo(List.of(0L, 0L));
    assertThat(TableIO.read(spark, out, Tables.ARTICLES).count())
        .as("articles after ingesting the subset")
        .isEqualTo(all);
    assertThat(lastVersion(articles))
        .as("articles version after the subset, which changed nothing")
        .isEqualTo(version);

    IngestJob.Report rebuilt =
        IngestJob.run(spark, feedOnly.with(SettingKeys.REBUILD.key(), "true"));
    assertThat(TableIO.read(spark, out, Tables.ARTICLES).count())
        .as("articles after rebuilding from the subset")
        .isEqualTo(subset.articles())
        .isEqualTo(rebuilt.corpusArticles());
  }

  /**
   * Size limits hold while files are read: a small .txt.gz that inflates past maxFileBytes, a CSV
   * file past it and a JSON Lines line past maxRecordBytes are quarantined as too_large, and the
   * records around them are ingested.
   */
  @Test
  void filesAndLinesPastTheSizeLimitsAreQuarantinedAndTheRestIngested() throws IOException {
    Path in = tempDir("ingest-limits-input");
    Path desk = Files.createDirectories(in.resolve("desk"));
    // 8 MB of zeros after a date line: about 8 KB compressed.
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bomb)) {
      gz.write("date 2018-07-16 ".getBytes(StandardCharsets.UTF_8));
      gz.write(new byte[8 << 20]);
    }
    Files.write(desk.resolve("bomb.txt.gz"), bomb.toByteArray());
    Files.writeString(desk.resolve("good.txt"), "date 2018-07-16 Putin met Trump in Helsinki.");
    Files.writeString(
        desk.resolve("big.csv"),
        "id,date,content\n" + "c1,2018-07-16,\"" + "Talks went on. ".repeat(100_000) + "\"\n");
    Files.write(
        desk.resolve("feed.jsonl"),
        lines(
            "{\"id\":\"long\",\"published\":\"2018-07-16\",\"text\":\""
                + "word ".repeat(1_000)
                + "\"}",
            "{\"id\":\"short\",\"published\":\"2018-07-16\",\"text\":\"Warren spoke.\"}"));
    String out = tempDir("ingest-limits").toString();

    IngestJob.run(
        spark,
        settings(out, false)
            .with(SettingKeys.INPUT.key(), in.toString())
            .with(SettingKeys.MAX_FILE_BYTES.key(), Integer.toString(1 << 20))
            .with(SettingKeys.MAX_RECORD_BYTES.key(), "1000"));

    assertThat(articleIds(out))
        .as("the articles within the limits")
        .hasSize(2)
        .contains("desk:short");
    Map<String, String> reasons = new TreeMap<>();
    Map<String, String> details = new TreeMap<>();
    for (Row r :
        TableIO.read(spark, out, Tables.QUARANTINE)
            .select(Tables.INPUT_FILE, Tables.RECORD_REF, Tables.REASON, Tables.DETAIL)
            .collectAsList()) {
      String file = r.getString(0).substring(r.getString(0).lastIndexOf('/') + 1);
      reasons.put(file + " " + r.getString(1), r.getString(2));
      details.put(file, r.getString(3));
    }
    assertThat(reasons)
        .as("quarantined records: file and reference -> reason")
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "bomb.txt.gz file", QuarantineReasons.TOO_LARGE,
                "big.csv file", QuarantineReasons.TOO_LARGE,
                "feed.jsonl line 1", QuarantineReasons.TOO_LARGE));
    assertThat(details.get("bomb.txt.gz"))
        .as("the bomb's detail names the setting and its value")
        .contains("newsgraph.ingest.maxFileBytes = 1048576");
    assertThat(details.get("feed.jsonl"))
        .as("the long line's detail")
        .contains("newsgraph.ingest.maxRecordBytes = 1000");
  }

  /**
   * Parquet files are read one schema at a time: a column typed otherwise in another file (a date
   * as a string here, as a date there) fails neither file, and a file that is no Parquet at all is
   * quarantined as a file while the others are ingested.
   */
  @Test
  void parquetFilesOfTwoSchemasAndACorruptOneAreReadEachOnItsOwn() throws IOException {
    Path in = tempDir("ingest-parquet-input");
    spark
        .sql(
            "SELECT 'p1' AS id, '2018-07-22' AS published, 'Putin met Trump in Helsinki.' AS"
                + " text")
        .coalesce(1)
        .write()
        .parquet(in.resolve("strings").toString());
    spark
        .sql(
            "SELECT 'p2' AS id, DATE'2018-07-23' AS published, 'Warren answered Harris.' AS"
                + " text")
        .coalesce(1)
        .write()
        .parquet(in.resolve("dates").toString());
    Path corrupt = Files.createDirectories(in.resolve("bad")).resolve("part-0.parquet");
    Files.writeString(corrupt, "this is no parquet file, though it is named like one");
    String out = tempDir("ingest-parquet").toString();

    IngestJob.Report report =
        IngestJob.run(spark, settings(out, false).with(SettingKeys.INPUT.key(), in.toString()));

    assertThat(articleIds(out))
        .as("the articles of both schemas")
        .containsExactly("dates:p2", "strings:p1");
    List<Row> quarantined =
        TableIO.read(spark, out, Tables.QUARANTINE)
            .select(Tables.INPUT_FILE, Tables.REASON)
            .collectAsList();
    assertThat(quarantined).as("quarantined records").hasSize(1);
    assertThat(quarantined.get(0).getString(0)).as("its file").endsWith("bad/part-0.parquet");
    assertThat(quarantined.get(0).getString(1))
        .as("its reason")
        .isEqualTo(QuarantineReasons.UNREADABLE_FILE);
    assertThat(List.of(report.read(), report.articles(), report.quarantined()))
        .as("records read, articles, quarantined")
        .containsExactly(3L, 2L, 1L);
  }

  /**
   * Every article has one signature: a night adds those of its new articles and of stored ones left
   * without one (a run killed between the two commits), with stories equal to one run over
   * everything; other near-duplicate settings find the stories over the whole corpus again.
   */
  @Test
  void signaturesFollowTheArticlesAndTheirSettings() throws IOException {
    String out = tempDir("ingest-signatures").toString();
    IngestJob.run(
        spark,
        settings(out, false).with(SettingKeys.INPUT.key(), input.resolve("feed").toString()));
    // As a run killed after the articles commit leaves it: articles without signatures.
    DeltaTable.forPath(spark, TableIO.path(out, Tables.ARTICLE_SIGNATURES)).delete();

    IngestJob.run(spark, settings(out, false));

    var stories =
        TableIO.read(spark, out, Tables.ARTICLES)
            .select(Tables.ARTICLE_ID, Tables.STORY_ID, Tables.IS_CANONICAL);
    var expected =
        TableIO.read(spark, output, Tables.ARTICLES)
            .select(Tables.ARTICLE_ID, Tables.STORY_ID, Tables.IS_CANONICAL);
    assertThat(List.of(stories.exceptAll(expected).count(), expected.exceptAll(stories).count()))
        .as("stories only in the night-by-night output, only in the one run")
        .isEqualTo(List.of(0L, 0L));
    assertThat(signedIds(out)).as("ids of the signatures").isEqualTo(articleIds(out));

    IngestJob.run(spark, settings(out, false).with(SettingKeys.SHINGLE_WORDS.key(), "4"));
    assertThat(
            TableIO.read(spark, out, Tables.ARTICLE_SIGNATURES)
                .select(Tables.SHINGLE_WORDS)
                .distinct()
                .collectAsList()
                .stream()
                .map(r -> r.getInt(0))
                .toList())
        .as("shingle words of the signatures after a run with 4")
        .containsExactly(4);
    assertThat(signedIds(out))
        .as("ids of the signatures after a run with other settings")
        .isEqualTo(articleIds(out));
  }

  /**
   * A run whose only changes are new articles appends them (a Delta WRITE); a run that changes a
   * stored article's row merges it by id (a MERGE). Every article is there once, with its latest
   * row. (A run that changes nothing commits nothing: the subset run of the test above.)
   */
  @Test
  void newArticlesAreAppendedAndAChangedRowIsMerged() throws IOException {
    Path wire = Files.createDirectories(tempDir("ingest-append-input").resolve("wire"));
    String out = tempDir("ingest-append").toString();
    Settings settings =
        Settings.defaults()
            .with(SettingKeys.INPUT.key(), wire.getParent().toString())
            .with(SettingKeys.OUTPUT.key(), out)
            .with(SettingKeys.TIME_ZONE.key(), "UTC");
    Files.write(
        wire.resolve("first.jsonl"),
        lines(
            wireLine("w1", "Harbor reopens", "The harbor reopened on Monday after the storm."),
            wireLine("w2", "Council votes", "The city council voted to expand the bus network.")));
    IngestJob.run(spark, settings);
    DeltaTable articles = DeltaTable.forPath(spark, TableIO.path(out, Tables.ARTICLES));

    Path second = wire.resolve("second.jsonl");
    String text = "The old paper mill will close its doors next year.";
    Files.write(second, lines(wireLine("w3", "Mill closes", text)));
    ingestAndCheck(settings, articles, "the run with a new article", 1, 0, "WRITE");

    Files.write(second, lines(wireLine("w3", "Mill to close", text)));
    ingestAndCheck(settings, articles, "the run with a corrected title", 0, 1, "MERGE");
    assertThat(
            TableIO.read(spark, out, Tables.ARTICLES)
                .orderBy(Tables.ARTICLE_ID)
                .collectAsList()
                .stream()
                .map(r -> r.<String>getAs(Tables.TITLE))
                .toList())
        .as("titles by id after the runs")
        .containsExactly("Harbor reopens", "Council votes", "Mill to close");
  }

  /** Runs ingest; checks the articles it added and updated, and the operation of its commit. */
  private static void ingestAndCheck(
      Settings settings,
      DeltaTable articles,
      String run,
      long added,
      long updated,
      String operation) {
    IngestJob.Report report = IngestJob.run(spark, settings);
    assertThat(List.of(report.added(), report.updated()))
        .as("articles added and updated by %s", run)
        .isEqualTo(List.of(added, updated));
    assertThat(articles.history(1).first().<String>getAs("operation"))
        .as("the articles commit of %s", run)
        .isEqualTo(operation);
  }

  private static String wireLine(String id, String title, String text) {
    return String.format(
        "{\"id\":\"%s\",\"published\":\"2019-03-0%s\",\"title\":\"%s\",\"text\":\"%s\"}",
        id, id.substring(1), title, text);
  }

  private static long lastVersion(DeltaTable table) {
    return table.history(1).first().<Long>getAs("version");
  }

  private static List<String> signedIds(String out) {
    return TableIO.read(spark, out, Tables.ARTICLE_SIGNATURES)
        .select(Tables.ARTICLE_ID)
        .orderBy(Tables.ARTICLE_ID)
        .as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList();
  }

  private static List<String> articleIds(String out) {
    return TableIO.read(spark, out, Tables.ARTICLES)
        .select(Tables.ARTICLE_ID)
        .orderBy(Tables.ARTICLE_ID)
        .as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList();
  }

  /** A run on an output that another run holds fails at once (exit code 3) and changes nothing. */
  @Test
  void aSecondRunOnTheSameOutputFailsWithTheLockErrorAndChangesNothing() throws IOException {
    String out = tempDir("ingest-locked").toString();
    IngestJob.run(spark, settings(out, false));
    long version = articlesVersion(out);
    long runs = TableIO.read(spark, out, Tables.INGEST_RUNS).count();
    try (OutputLock running =
        OutputLock.acquire(
            spark.sparkContext().hadoopConfiguration(), out, "the-first-run", "run")) {
      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      assertThatThrownBy(
              () ->
                  NewsgraphCli.run(
                      "ingest",
                      spark,
                      settings(out, false),
                      new PrintStream(printed, true, StandardCharsets.UTF_8)))
          .as("the second run")
          .isInstanceOf(NewsgraphException.class)
          .hasMessageContaining("is in use by another newsgraph run (run the-first-run")
          .satisfies(
              e -> assertThat(((NewsgraphException) e).exitCode()).as("exit code").isEqualTo(3));
    }
    assertThat(articlesVersion(out))
        .as("articles version after the refused run")
        .isEqualTo(version);
    assertThat(TableIO.read(spark, out, Tables.INGEST_RUNS).count())
        .as("ingest_runs rows: those of the first run only")
        .isEqualTo(runs);
  }

  private static long articlesVersion(String out) {
    return DeltaTable.forPath(spark, TableIO.path(out, Tables.ARTICLES))
        .history(1)
        .first()
        .<Long>getAs("version");
  }
}
