package org.newsgraph.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsgraph.tables.Tables;
import org.newsgraph.testing.SparkTestSession;
import org.newsgraph.testing.TestRules;

/**
 * Tests {@link Ingest} on a small mix of good and bad files: one row per record, quarantine
 * reasons, duplicate ids and a truncated .gz.
 */
class IngestTest extends SparkTestSession {

  private static final int MAX_RAW = 4096;

  /**
   * Rows as "file name | record ref | kind | reason | article id | date", by file and seq; a
   * generated id shows as "sha-*".
   */
  private static List<String> rows;

  private static Dataset<Row> parsed;
  private static InputFiles files;

  @BeforeAll
  static void ingest() throws IOException {
    Path dir = tempDir("ingest-input");
    Path text = Files.createDirectories(dir.resolve("text/reuters"));
    Files.writeString(text.resolve("one.txt"), "date 2018-07-16 Putin met Trump.\nIn Helsinki.");
    Files.writeString(text.resolve("two.txt"), "\ndate 2018-07-17\nNATO leaders met in Brussels.");
    Files.write(
        text.resolve("three.txt.gz"),
        gzip("date 2018-07-18 Kim Jong Un met Moon Jae-in.".getBytes(StandardCharsets.UTF_8)));

    Path json = Files.createDirectories(dir.resolve("json"));
    ByteArrayOutputStream feed = new ByteArrayOutputStream();
    feed.writeBytes(
        lines(
            "{\"id\":\"j1\",\"published\":\"2018-07-16\",\"source\":\"AP\",\"text\":\"One.\"}",
            "{\"id\":\"j2\",\"published\":\"2018-07-16\",\"text\":\"Two.\"}",
            "{\"id\":\"j3\",\"published\":\"2018-07-17T08:00:00Z\",\"text\":\"Three.\"}",
            "{\"id\":\"j4\",\"published\":\"2018-07-17\",\"text\":"));
    // Line 5: "caf" followed by 0xE9, Latin-1 for 'é', which is not valid UTF-8.
    feed.writeBytes(
        "{\"id\":\"j5\",\"published\":\"2018-07-17\",\"text\":\"caf"
            .getBytes(StandardCharsets.UTF_8));
    feed.write(0xE9);
    feed.writeBytes("\"}\n".getBytes(StandardCharsets.UTF_8));
    // Line 6 is blank (spaces and CR); line 7 repeats the id of line 1; line 8 has a second
    // JSON value after the object.
    feed.writeBytes(
        lines(
            "  \r",
            "{\"id\":\"j1\",\"published\":\"2018-07-18\",\"text\":\"Not the first j1.\"}",
            "{\"id\":\"j8\",\"published\":\"2018-07-18\",\"text\":\"x\"}{\"id\":\"j9\"}",
            // Line 9 repeats line 2 exactly.
            "{\"id\":\"j2\",\"published\":\"2018-07-16\",\"text\":\"Two.\"}"));
    Files.write(json.resolve("feed.jsonl"), feed.toByteArray());

    byte[] whole =
        gzip(
            lines(
                "{\"id\":\"t1\",\"published\":\"2018-07-19\",\"text\":\"Kept.\"}",
                "{\"id\":\"t2\",\"published\":\"2018-07-19\",\"text\":\"" + numbers(200) + "\"}"));
    Files.write(json.resolve("cut.jsonl.gz"), Arrays.copyOf(whole, whole.length - 20));

    // Zero-byte files (Spark's binaryFile source skips them) and a .gz that is not gzip.
    Files.write(json.resolve("nothing.jsonl"), new byte[0]);
    Files.write(text.resolve("empty.txt"), new byte[0]);
    Files.writeString(json.resolve("notgz.jsonl.gz"), "{\"id\":\"p1\"}\n");

    files = InputFiles.find(List.of(dir.toString()), new Configuration());
    parsed =
        Ingest.withRepeatedIdsQuarantined(
                Ingest.parse(spark, files, TestRules.rules(MAX_RAW)), MAX_RAW)
            .cache();
    rows = new ArrayList<>();
    for (Row r : parsed.orderBy(Tables.INPUT_FILE, Ingest.SEQ).collectAsList()) {
      String file = r.<String>getAs(Tables.INPUT_FILE);
      rows.add(
          String.join(
              " | ",
              file.substring(file.lastIndexOf('/') + 1),
              r.getAs(Tables.RECORD_REF),
              r.getAs(Ingest.KIND),
              String.valueOf((Object) r.getAs(Tables.REASON)),
              idOrHash(r.getAs(Tables.ARTICLE_ID)),
              String.valueOf((Object) r.getAs(Tables.DATE))));
    }
  }

  private static String idOrHash(String id) {
    return id != null && id.startsWith("sha-") ? "sha-*" : String.valueOf(id);
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(data);
    }
    return bytes.toByteArray();
  }

  private static byte[] lines(String... lines) {
    return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** "1 2 3 ... n": a line long enough that cutting 20 bytes of the .gz lands inside it. */
  private static String numbers(int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      s.append(i).append(' ');
    }
    return s.toString();
  }

  @Test
  void everyRecordIsExactlyOneRow() {
    assertThat(rows)
        .as("parsed rows by file and position")
        .containsExactly(
            // The truncated gzip: line 1 is complete, line 2 breaks off.
            "cut.jsonl.gz | line 1 | article | null | json:t1 | 2018-07-19",
            "cut.jsonl.gz | after line 1 | quarantined | unreadable_file | null | null",
            "feed.jsonl | line 1 | article | null | json:j1 | 2018-07-16",
            "feed.jsonl | line 2 | article | null | json:j2 | 2018-07-16",
            "feed.jsonl | line 3 | article | null | json:j3 | 2018-07-17",
            "feed.jsonl | line 4 | quarantined | malformed_record | null | null",
            "feed.jsonl | line 5 | quarantined | malformed_record | null | null",
            // Line 6 is blank: no row. Line 7 repeats j1.
            "feed.jsonl | line 7 | quarantined | id_conflict | json:j1 | 2018-07-18",
            "feed.jsonl | line 8 | quarantined | malformed_record | null | null",
            "feed.jsonl | line 9 | quarantined | duplicate_record | json:j2 | 2018-07-16",
            "notgz.jsonl.gz | file | quarantined | unreadable_file | null | null",
            "nothing.jsonl | file | quarantined | empty_text | null | null",
            "empty.txt | file | quarantined | empty_text | null | null",
            "one.txt | file | article | null | sha-* | 2018-07-16",
            "three.txt.gz | file | article | null | sha-* | 2018-07-18",
            "two.txt | file | article | null | sha-* | 2018-07-17");
  }

  @Test
  void articlesAndQuarantineAccountForEveryRecord() {
    assertThat(Ingest.articles(parsed).count())
        .as("articles: t1, j1, j2, j3 and the three text files")
        .isEqualTo(7);
    Map<String, Long> reasons = new TreeMap<>();
    for (Row r : Ingest.quarantined(parsed).groupBy(Tables.REASON).count().collectAsList()) {
      reasons.put(r.getString(0), r.getLong(1));
    }
    assertThat(reasons)
        .as("quarantine reasons")
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "unreadable_file",
                2L,
                "malformed_record",
                3L,
                "id_conflict",
                1L,
                "duplicate_record",
                1L,
                "empty_text",
                2L));
    List<Row> stages =
        Ingest.quarantined(parsed)
            .select(Tables.STAGE, Tables.ARTICLE_ID)
            .distinct()
            .collectAsList();
    assertThat(stages)
        .as("quarantined rows: stage ingest and no article id")
        .containsExactly(RowFactory.create("ingest", null));
  }

  @Test
  void textFilesHaveTheirDirectoryAsSourceAndDistinctIds() {
    List<Row> texts =
        Ingest.articles(parsed)
            .where(col(Tables.RECORD_REF).equalTo("file"))
            .select(Tables.SOURCE, Tables.ARTICLE_ID, Tables.TEXT, Tables.TITLE)
            .collectAsList();
    assertThat(texts.stream().map(r -> r.getString(0)).distinct().toList())
        .as("sources of the three text files")
        .containsExactly("reuters");
    assertThat(texts.stream().map(r -> r.getString(1)).distinct().count())
        .as("distinct ids of the three text files")
        .isEqualTo(3);
    assertThat(texts.stream().map(r -> r.getString(2)).toList())
        .as("texts of the text files, the .gz one decompressed")
        .containsExactlyInAnyOrder(
            "Putin met Trump.\nIn Helsinki.",
            "NATO leaders met in Brussels.",
            "Kim Jong Un met Moon Jae-in.");
  }

  @Test
  void duplicateKeepsTheFirstRecordAsTheArticle() {
    List<Row> j1 =
        parsed
            .where(col(Tables.ARTICLE_ID).equalTo("json:j1"))
            .orderBy(Ingest.SEQ)
            .select(Ingest.KIND, Tables.TEXT, Tables.DETAIL, Tables.RAW_RECORD)
            .collectAsList();
    assertThat(j1)
        .as("the two j1 records: article first, then the duplicate with its text as raw record")
        .containsExactly(
            RowFactory.create("article", "One.", null, null),
            RowFactory.create(
                "quarantined",
                "Not the first j1.",
                "article_id json:j1 appeared earlier in the input",
                "Not the first j1."));
  }

  @Test
  void invalidUtf8LineIsQuarantinedWithItsLineNumber() {
    List<Row> bad = parsed.where(col(Tables.RECORD_REF).equalTo("line 5")).collectAsList();
    assertThat(bad).as("rows of line 5").hasSize(1);
    Row r = bad.get(0);
    assertThat(r.<String>getAs(Tables.REASON)).as("reason").isEqualTo("malformed_record");
    assertThat(r.<String>getAs(Tables.DETAIL)).as("detail").isEqualTo("not valid UTF-8");
    assertThat(r.<String>getAs(Tables.RAW_RECORD))
        .as("raw record, with a replacement character for the bad byte")
        .startsWith("{\"id\":\"j5\"")
        .contains("caf\uFFFD");
    assertThat(r.<Long>getAs(Ingest.SEQ)).as("seq is the line number").isEqualTo(5L);
  }

  @Test
  void quarantinedRawRecordsRespectTheConfiguredLimit() {
    List<Row> raw =
        Ingest.quarantined(
                Ingest.withRepeatedIdsQuarantined(
                    Ingest.parse(spark, files, TestRules.rules(6)), 6))
            .where(col(Tables.REASON).isin("id_conflict", "malformed_record"))
            .select(Tables.RAW_RECORD)
            .collectAsList();
    assertThat(raw).as("conflicting and malformed records").hasSize(4);
    assertThat(raw)
        .as("raw records cut to the 6-character limit")
        .allMatch(r -> r.getString(0).length() <= 6);
  }
}
