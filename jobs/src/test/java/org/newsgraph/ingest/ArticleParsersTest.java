package org.newsgraph.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.newsgraph.testing.TestRules;

/** Tests {@link ArticleParsers}: dated text files, JSON Lines records and strict UTF-8 decoding. */
class ArticleParsersTest {

  private static final String TEXT_FILE = "file:/data/news/reuters/2018/putin.txt";
  private static final String JSONL_FILE = "file:/data/news/feed.jsonl";
  private static final int MAX_RAW = 4096;

  private static ParsedRecord parseText(String file, String content, int maxRaw) {
    return ArticleParsers.datedText(file, content, TestRules.rules(maxRaw));
  }

  private static ParsedRecord parseJson(String file, long line, String json, int maxRaw) {
    return ArticleParsers.structured(file, "line " + line, json, TestRules.rules(maxRaw));
  }

  @Test
  void datedTextWithBodyOnTheDateLineAndBelow() {
    ParsedRecord r =
        parseText(
            TEXT_FILE, "date 2018-07-16 Putin met Trump in Helsinki.\nThey talked.\n", MAX_RAW);
    assertThat(r.isArticle()).as("is an article").isTrue();
    assertThat(r.date()).as("date").isEqualTo(LocalDate.of(2018, 7, 16));
    assertThat(r.text())
        .as("body: rest of the date line and the lines after it, stripped")
        .isEqualTo("Putin met Trump in Helsinki.\nThey talked.");
    assertThat(r.source()).as("source: the directory that holds the file").isEqualTo("2018");
    assertThat(r.title()).as("title").isNull();
    assertThat(r.url()).as("url").isNull();
    assertThat(r.recordRef()).as("record ref").isEqualTo("file");
    assertThat(r.inputFile()).as("input file").isEqualTo(TEXT_FILE);
    assertThat(r.articleId()).as("generated id").startsWith("sha-");
  }

  @Test
  void datedTextSourceIsTheParentDirectoryName() {
    ParsedRecord r = parseText("/corpus/apnews/a.txt", "date 2018-07-16 Text.", MAX_RAW);
    assertThat(r.source()).as("parent directory name").isEqualTo("apnews");
    ParsedRecord bare = parseText("a.txt", "date 2018-07-16 Text.", MAX_RAW);
    assertThat(bare.source()).as("a file name without directory has no source").isNull();
  }

  @Test
  void datedTextAllowsLeadingWhitespaceAndByteOrderMark() {
    ParsedRecord r =
        parseText(TEXT_FILE, "\uFEFF \n\t date 2018-07-16\nNATO leaders met in Brussels.", MAX_RAW);
    assertThat(r.isArticle()).as("BOM and blank lines before the date line").isTrue();
    assertThat(r.date()).as("date").isEqualTo(LocalDate.of(2018, 7, 16));
    assertThat(r.text()).as("body on the next line").isEqualTo("NATO leaders met in Brussels.");
  }

  @Test
  void datedTextWithoutDateLineIsMissingDate() {
    String content = "Putin met Trump.\ndate 2018-07-16\n";
    ParsedRecord r = parseText(TEXT_FILE, content, MAX_RAW);
    assertThat(r.reason()).as("reason").isEqualTo("missing_date");
    assertThat(r.isArticle()).as("is an article").isFalse();
    assertThat(r.rawRecord()).as("raw record kept").isEqualTo(content);
    assertThat(r.articleId()).as("quarantined record id").isNull();
    assertThat(r.recordRef()).as("record ref").isEqualTo("file");
  }

  @Test
  void datedTextWithImpossibleDateIsBadDate() {
    ParsedRecord r = parseText(TEXT_FILE, "date 2018-02-30 Some text.", MAX_RAW);
    assertThat(r.reason()).as("February 30th").isEqualTo("bad_date");
    assertThat(r.detail()).as("detail names the value").contains("2018-02-30");
    ParsedRecord words = parseText(TEXT_FILE, "date yesterday Some text.", MAX_RAW);
    assertThat(words.reason()).as("a word instead of a date").isEqualTo("bad_date");
  }

  @Test
  void datedTextWithOnlyTheDateIsEmptyText() {
    ParsedRecord r = parseText(TEXT_FILE, "date 2018-07-16 \n \n", MAX_RAW);
    assertThat(r.reason()).as("reason").isEqualTo("empty_text");
  }

  @Test
  void datedTextThatIsNotUtf8IsMalformed() {
    ParsedRecord r = parseText(TEXT_FILE, null, MAX_RAW);
    assertThat(r.reason()).as("reason for undecodable content").isEqualTo("malformed_record");
    assertThat(r.rawRecord()).as("raw record").isNull();
    assertThat(r.inputFile()).as("input file").isEqualTo(TEXT_FILE);
  }

  @Test
  void jsonLineWithAllFields() {
    String line =
        "{\"id\":\"reuters-42\",\"published\":\"2018-07-16\","
            + "\"source\":\"Reuters\",\"title\":\"Summit\","
            + "\"text\":\"  Putin met Trump.  \",\"url\":\"https://x.org/42\"}";
    ParsedRecord r = parseJson(JSONL_FILE, 7, line, MAX_RAW);
    assertThat(r.isArticle()).as("is an article").isTrue();
    assertThat(r.articleId())
        .as("id kept, namespaced by the file's directory")
        .isEqualTo("news:reuters-42");
    assertThat(r.date()).as("date").isEqualTo(LocalDate.of(2018, 7, 16));
    assertThat(r.source()).as("source").isEqualTo("Reuters");
    assertThat(r.title()).as("title").isEqualTo("Summit");
    assertThat(r.text()).as("text, stripped").isEqualTo("Putin met Trump.");
    assertThat(r.url()).as("url").isEqualTo("https://x.org/42");
    assertThat(r.recordRef()).as("record ref").isEqualTo("line 7");
    assertThat(r.rawRecord()).as("articles keep no raw record").isNull();
  }

  @Test
  void articlesCarryTheirDatelineAndRepairs() {
    ParsedRecord wire =
        parseJson(
            JSONL_FILE,
            1,
            "{\"id\":\"w1\",\"published\":\"2018-07-16\",\"text\":\"PHOENIX \u2014 Harris and"
                + " Warren spoke. Later HarrisWarren left.\"}",
            MAX_RAW);
    assertThat(wire.text())
        .as("repaired text")
        .isEqualTo("PHOENIX \u2014 Harris and Warren spoke. Later Harris Warren left.");
    assertThat(wire.dateline()).as("dateline").isEqualTo("PHOENIX \u2014");
    assertThat(wire.repairs()).as("repairs").isEqualTo(1);
    ParsedRecord plain = parseText(TEXT_FILE, "date 2018-07-16 Putin met Trump.", MAX_RAW);
    assertThat(plain.dateline()).as("no dateline").isNull();
    assertThat(plain.repairs()).as("no repairs").isZero();
  }

  @Test
  void jsonLineWithoutIdGetsAStableHashId() {
    ParsedRecord a =
        parseJson(
            JSONL_FILE,
            1,
            "{\"published\":\"2018-07-16\",\"text\":\"Putin met  Trump.\"}",
            MAX_RAW);
    ParsedRecord b =
        parseJson(
            JSONL_FILE,
            2,
            "{\"id\":\" \",\"published\":\"2018-07-16\",\"text\":\" Putin met\\nTrump. \"}",
            MAX_RAW);
    ParsedRecord otherDay =
        parseJson(
            JSONL_FILE, 3, "{\"published\":\"2018-07-17\",\"text\":\"Putin met Trump.\"}", MAX_RAW);
    ParsedRecord otherText =
        parseJson(
            JSONL_FILE, 4, "{\"published\":\"2018-07-16\",\"text\":\"Putin met Xi.\"}", MAX_RAW);
    assertThat(a.articleId()).as("generated id").startsWith("sha-");
    assertThat(a.articleId()).as("generated id length: 'sha-' and 24 hex digits").hasSize(28);
    assertThat(b.articleId())
        .as("same date, text differing only in whitespace, blank id")
        .isEqualTo(a.articleId());
    assertThat(otherDay.articleId()).as("same text on another day").isNotEqualTo(a.articleId());
    assertThat(otherText.articleId()).as("other text on the same day").isNotEqualTo(a.articleId());
  }

  @Test
  void datedTextAndJsonLineOfTheSameArticleGetTheSameId() {
    ParsedRecord text = parseText(TEXT_FILE, "date 2018-07-16 Putin met\nTrump.", MAX_RAW);
    ParsedRecord json =
        parseJson(
            JSONL_FILE, 1, "{\"published\":\"2018-07-16\",\"text\":\"Putin met Trump.\"}", MAX_RAW);
    assertThat(text.articleId())
        .as("id of the same article in two formats")
        .isEqualTo(json.articleId());
  }

  @Test
  void brokenJsonIsMalformed() {
    String line = "{\"id\":\"a\",\"published\":\"2018-07-16\",\"text\":\"unterminated";
    ParsedRecord r = parseJson(JSONL_FILE, 3, line, MAX_RAW);
    assertThat(r.reason()).as("reason").isEqualTo("malformed_record");
    assertThat(r.recordRef()).as("record ref").isEqualTo("line 3");
    assertThat(r.rawRecord()).as("raw record").isEqualTo(line);
    assertThat(r.detail()).as("detail").startsWith("invalid JSON");
  }

  @Test
  void jsonArrayIsMalformed() {
    ParsedRecord r =
        parseJson(JSONL_FILE, 1, "[{\"published\":\"2018-07-16\",\"text\":\"x\"}]", MAX_RAW);
    assertThat(r.reason()).as("an array instead of an object").isEqualTo("malformed_record");
    assertThat(r.detail()).as("detail").isEqualTo("not a JSON object");
  }

  @Test
  void numberInATextFieldIsMalformed() {
    ParsedRecord r =
        parseJson(JSONL_FILE, 1, "{\"published\":\"2018-07-16\",\"text\":42}", MAX_RAW);
    assertThat(r.reason()).as("number in 'text'").isEqualTo("malformed_record");
    assertThat(r.detail()).as("detail names the field").contains("'text'");
    ParsedRecord id =
        parseJson(JSONL_FILE, 1, "{\"id\":7,\"published\":\"2018-07-16\",\"text\":\"x\"}", MAX_RAW);
    assertThat(id.articleId()).as("a numeric id is an id").isEqualTo("news:7");
  }

  @Test
  void nullFieldsAreAbsentFields() {
    ParsedRecord r =
        parseJson(
            JSONL_FILE,
            1,
            "{\"id\":null,\"published\":\"2018-07-16\",\"title\":null,\"text\":\"Body.\"}",
            MAX_RAW);
    assertThat(r.isArticle()).as("null id and title are allowed").isTrue();
    assertThat(r.title()).as("title").isNull();
    assertThat(r.articleId()).as("id generated for a null id").startsWith("sha-");
  }

  @Test
  void missingPublishedIsMissingDate() {
    ParsedRecord r = parseJson(JSONL_FILE, 1, "{\"text\":\"Body.\"}", MAX_RAW);
    assertThat(r.reason()).as("no 'published'").isEqualTo("missing_date");
    ParsedRecord blank =
        parseJson(JSONL_FILE, 1, "{\"published\":\" \",\"text\":\"Body.\"}", MAX_RAW);
    assertThat(blank.reason()).as("blank 'published'").isEqualTo("missing_date");
  }

  @Test
  void impossibleDateIsBadDate() {
    ParsedRecord r =
        parseJson(JSONL_FILE, 1, "{\"published\":\"2018-13-45\",\"text\":\"Body.\"}", MAX_RAW);
    assertThat(r.reason()).as("month 13, day 45").isEqualTo("bad_date");
    ParsedRecord us =
        parseJson(JSONL_FILE, 1, "{\"published\":\"07/16/2018\",\"text\":\"Body.\"}", MAX_RAW);
    assertThat(us.date()).as("US-style M/d/yyyy date").isEqualTo(LocalDate.of(2018, 7, 16));
    ParsedRecord old =
        parseJson(JSONL_FILE, 1, "{\"published\":\"1850-01-01\",\"text\":\"Body.\"}", MAX_RAW);
    assertThat(old.reason()).as("before the plausible range").isEqualTo("date_out_of_range");
  }

  @Test
  void isoDateTimeGivesItsDate() {
    ParsedRecord r =
        parseJson(
            JSONL_FILE,
            1,
            "{\"published\":\"1987-02-26T15:01:01.790\",\"text\":\"Body.\"}",
            MAX_RAW);
    assertThat(r.date()).as("date of an ISO date-time").isEqualTo(LocalDate.of(1987, 2, 26));
    ParsedRecord spaced =
        parseJson(
            JSONL_FILE, 1, "{\"published\":\"1987-02-26 15:01\",\"text\":\"Body.\"}", MAX_RAW);
    assertThat(spaced.date())
        .as("date of a date-time with a space")
        .isEqualTo(LocalDate.of(1987, 2, 26));
  }

  @Test
  void blankTextIsEmptyText() {
    ParsedRecord r =
        parseJson(JSONL_FILE, 1, "{\"published\":\"2018-07-16\",\"text\":\" \\n\\t \"}", MAX_RAW);
    assertThat(r.reason()).as("whitespace-only text").isEqualTo("empty_text");
    ParsedRecord missing = parseJson(JSONL_FILE, 1, "{\"published\":\"2018-07-16\"}", MAX_RAW);
    assertThat(missing.reason()).as("no 'text'").isEqualTo("empty_text");
  }

  @Test
  void rawRecordIsTruncated() {
    String line = "not json at all, just a long line";
    ParsedRecord r = parseJson(JSONL_FILE, 1, line, 10);
    assertThat(r.rawRecord()).as("raw record cut to 10 characters").isEqualTo("not json a");
    ParsedRecord text = parseText(TEXT_FILE, "no date line here", 5);
    assertThat(text.rawRecord()).as("raw text file cut to 5 characters").isEqualTo("no da");
    ParsedRecord shortLine = parseJson(JSONL_FILE, 1, "[1]", 10);
    assertThat(shortLine.rawRecord()).as("a short record is kept whole").isEqualTo("[1]");
  }

  @Test
  void decodeUtf8IsStrict() {
    byte[] valid = "Zürich – 東京".getBytes(StandardCharsets.UTF_8);
    assertThat(ArticleParsers.decodeUtf8(valid)).as("valid UTF-8").isEqualTo("Zürich – 東京");
    assertThat(ArticleParsers.decodeUtf8(new byte[] {'a', (byte) 0xC3, (byte) 0x28}))
        .as("invalid two-byte sequence")
        .isNull();
    assertThat(ArticleParsers.decodeUtf8(new byte[] {(byte) 0xFC, 'r', 'i'}))
        .as("Latin-1 ü")
        .isNull();
    assertThat(ArticleParsers.decodeUtf8(new byte[0])).as("no bytes").isEmpty();
  }

  @Test
  void jsonLineWithAnythingAfterTheObjectIsMalformed() {
    String twoObjects = "{\"id\":\"a\",\"published\":\"2018-07-01\",\"text\":\"x\"}{\"id\":\"b\"}";
    assertThat(parseJson(JSONL_FILE, 1, twoObjects, MAX_RAW).reason())
        .as("two JSON objects on one line")
        .isEqualTo("malformed_record");
    String trailing = "{\"published\":\"2018-07-01\",\"text\":\"x\"} garbage";
    assertThat(parseJson(JSONL_FILE, 2, trailing, MAX_RAW).reason())
        .as("an object followed by garbage")
        .isEqualTo("malformed_record");
  }

  @Test
  void jsonLineMayStartWithAByteOrderMark() {
    ParsedRecord r =
        parseJson(JSONL_FILE, 1, "\uFEFF{\"published\":\"2018-07-01\",\"text\":\"x\"}", MAX_RAW);
    assertThat(r.isArticle()).as("first line after a byte-order mark is an article").isTrue();
  }
}
