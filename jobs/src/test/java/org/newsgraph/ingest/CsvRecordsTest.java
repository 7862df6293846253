package org.newsgraph.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.newsgraph.testing.TestRules;

/** CSV files into parsed records, without Spark. */
class CsvRecordsTest {

  private static final IngestRules RULES = TestRules.rules(4096);

  private static List<ParsedRecord> parse(String csv) {
    return CsvRecords.parse(
        "/in/wire/a.csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), RULES);
  }

  @Test
  void rowsBecomeArticlesWithTheLineWhereTheyStart() {
    List<ParsedRecord> out =
        parse(
            "id,date,headline,content\n"
                + "c1,2018-07-21,Summit,\"Putin met Trump.\n\nThey \"\"talked\"\".\"\n"
                + "\n"
                + "c2,2018-07-22,Next,Plain body.\n");
    assertThat(out).extracting(ParsedRecord::recordRef).containsExactly("line 2", "line 6");
    assertThat(out).allMatch(ParsedRecord::isArticle);
    assertThat(out.get(0).text())
        .as("quoted multi-line field with doubled quotes")
        .isEqualTo("Putin met Trump.\n\nThey \"talked\".");
    assertThat(out.get(0).title()).as("headline through the field mapping").isEqualTo("Summit");
    assertThat(out.get(0).articleId()).as("namespaced by directory").isEqualTo("wire:c1");
  }

  @Test
  void rowsWithTheWrongNumberOfFieldsAreMalformed() {
    List<ParsedRecord> out =
        parse("id,date,content\nc1,2018-07-21\nc2,2018-07-21,Body.,extra\nc3,2018-07-21,Ok.\n");
    assertThat(out)
        .extracting(ParsedRecord::reason)
        .containsExactly("malformed_record", "malformed_record", null);
    assertThat(out.get(0).detail()).isEqualTo("the row has 2 fields, the header 3");
    assertThat(out.get(1).detail()).isEqualTo("the row has 4 fields, the header 3");
    assertThat(out.get(0).rawRecord()).as("raw row kept").isEqualTo("c1,2018-07-21");
  }

  @Test
  void emptyFieldsCountAsMissing() {
    List<ParsedRecord> out = parse("id,date,content\nc1,,Body.\nc2,2018-07-21,\n");
    assertThat(out).extracting(ParsedRecord::reason).containsExactly("missing_date", "empty_text");
  }

  @Test
  void onlyRowsWithInvalidUtf8AreQuarantined() {
    byte[] good =
        "id,date,content\nc1,2018-07-21,Good.\nc2,2018-07-21,Bad ".getBytes(StandardCharsets.UTF_8);
    byte[] bad = {(byte) 0xC3, (byte) 0x28};
    byte[] rest = ".\nc3,2018-07-21,Fine.\n".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(good);
    bytes.writeBytes(bad);
    bytes.writeBytes(rest);
    List<ParsedRecord> out =
        CsvRecords.parse("/in/a.csv", new ByteArrayInputStream(bytes.toByteArray()), RULES);
    assertThat(out)
        .extracting(ParsedRecord::reason)
        .containsExactly(null, "malformed_record", null);
    assertThat(out.get(1).detail()).isEqualTo("not valid UTF-8");
  }

  @Test
  void aBrokenStreamQuarantinesItsLastRowAsUnreadable() throws IOException {
    StringBuilder csv = new StringBuilder("id,date,content\n");
    for (int i = 1; i <= 200; i++) {
      csv.append("c").append(i).append(",2018-07-21,Body number ").append(i).append(" here.\n");
    }
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(csv.toString().getBytes(StandardCharsets.UTF_8));
    }
    byte[] cut = Arrays.copyOf(gz.toByteArray(), gz.size() / 2);
    List<ParsedRecord> out =
        CsvRecords.parse("/in/a.csv.gz", new GZIPInputStream(new ByteArrayInputStream(cut)), RULES);
    assertThat(out).as("rows before the break").hasSizeGreaterThan(1).hasSizeLessThan(200);
    assertThat(out.subList(0, out.size() - 1)).allMatch(ParsedRecord::isArticle);
    ParsedRecord last = out.get(out.size() - 1);
    assertThat(last.reason()).isEqualTo("unreadable_file");
    assertThat(last.recordRef()).isEqualTo("line " + (out.size() + 1));
  }

  @Test
  void theDelimiterComesFromTheSettings() {
    IngestRules semicolons =
        new IngestRules(
            RULES.fields(),
            RULES.zone(),
            RULES.minDate(),
            RULES.maxDate(),
            RULES.text(),
            RULES.idNamespace(),
            RULES.textSource(),
            RULES.maxRawChars(),
            ";",
            RULES.language(),
            RULES.datelines(),
            RULES.maxFileBytes(),
            RULES.maxRecordBytes());
    List<ParsedRecord> out =
        CsvRecords.parse(
            "/in/a.csv",
            new ByteArrayInputStream(
                "\uFEFFid;date;content\nc1;2018-07-21;One, two.\n"
                    .getBytes(StandardCharsets.UTF_8)),
            semicolons);
    assertThat(out).hasSize(1);
    assertThat(out.get(0).articleId()).as("BOM before the header ignored").isEqualTo("in:c1");
    assertThat(out.get(0).text()).isEqualTo("One, two.");
  }
}
