package org.newsgraph.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses one CSV file (header row, quoted fields that may span lines, {@code ""} inside quotes)
 * into {@link ParsedRecord}s: plain Java, no Spark. Every row yields exactly one result, with
 * {@code line N} (the row's first line) as its record reference.
 *
 * <p>The parser is univocity, the one Spark itself uses for CSV (it comes with Spark).
 *
 * <p>A row with another number of fields than the header is a {@code malformed_record}, as is a row
 * with bytes that are not UTF-8. A stream that breaks off (a truncated .gz) quarantines its last,
 * possibly cut, row as {@code unreadable_file}. The other rows become JSON objects keyed by the
 * header (empty fields are absent) and go through {@link ArticleParsers#structured}.
 */
public final class CsvRecords {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final char REPLACEMENT = '\uFFFD';

  private CsvRecords() {}

  /** Reads and parses the whole stream; the file is held in memory, as for JSON Lines. */
  public static List<ParsedRecord> parse(String path, InputStream in, IngestRules rules) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    IOException broken = null;
    try (in) {
      in.transferTo(bytes);
    } catch (IOException e) {
      broken = e;
    }
    if (broken instanceof LimitedInputStream.TooLargeException) {
      return List.of(Ingest.tooLarge(path, "file", rules, broken));
    }
    byte[] content = bytes.toByteArray();
    String strict = ArticleParsers.decodeUtf8(content);
    // Invalid bytes become U+FFFD; only rows holding one are quarantined.
    String text = strict != null ? strict : new String(content, StandardCharsets.UTF_8);
    List<ParsedRecord> out = new ArrayList<>();
    try {
      parseText(path, text, strict == null, rules, out);
    } catch (TextParsingException e) {
      out.add(
          ParsedRecord.quarantined(
              path,
              "line " + e.getLineIndex(),
              null,
              rules.maxRawChars(),
              QuarantineReasons.MALFORMED_RECORD,
              "CSV parsing stopped here, later rows of the file are not read: "
                  + e.getMessage().lines().findFirst().orElse("")));
    }
    if (broken != null) {
      String detail = "reading stopped: " + broken;
      if (out.isEmpty()) {
        out.add(
            ParsedRecord.quarantined(
                path,
                "file",
                null,
                rules.maxRawChars(),
                QuarantineReasons.UNREADABLE_FILE,
                detail));
      } else {
        // The last row may be cut short: never an article with half a text.
        ParsedRecord last = out.remove(out.size() - 1);
        out.add(
            ParsedRecord.quarantined(
                path,
                last.recordRef(),
                last.rawRecord() != null ? last.rawRecord() : last.text(),
                rules.maxRawChars(),
                QuarantineReasons.UNREADABLE_FILE,
                detail + " (in or after this row)"));
      }
    }
    return out;
  }

  private static void parseText(
      String path,
      String text,
      boolean hasInvalidBytes,
      IngestRules rules,
      List<ParsedRecord> out) {
    CsvParserSettings settings = new CsvParserSettings();
    settings.getFormat().setDelimiter(rules.csvDelimiter());
    settings.getFormat().setQuote('"');
    settings.getFormat().setQuoteEscape('"');
    settings.setLineSeparatorDetectionEnabled(true);
    settings.setHeaderExtractionEnabled(true);
    settings.setMaxCharsPerColumn(-1);
    // univocity's default of 512 columns would stop a wide export in the middle.
    settings.setMaxColumns(100_000);
    CsvParser parser = new CsvParser(settings);
    parser.beginParsing(new StringReader(text.startsWith("\uFEFF") ? text.substring(1) : text));
    String[] row;
    while ((row = parser.parseNext()) != null) {
      String[] header = parser.getContext().headers();
      long line = parser.getContext().currentLine() - newlines(row);
      String ref = "line " + line;
      ObjectNode json = JSON.createObjectNode();
      for (int i = 0; i < Math.min(header.length, row.length); i++) {
        if (row[i] != null && header[i] != null) {
          json.put(header[i], row[i]);
        }
      }
      String raw = json.toString();
      if (row.length != header.length) {
        out.add(
            ParsedRecord.quarantined(
                path,
                ref,
                String.join(rules.csvDelimiter(), nonNull(row)),
                rules.maxRawChars(),
                QuarantineReasons.MALFORMED_RECORD,
                "the row has " + row.length + " fields, the header " + header.length));
      } else if (hasInvalidBytes && raw.indexOf(REPLACEMENT) >= 0) {
        out.add(
            ParsedRecord.quarantined(
                path,
                ref,
                raw,
                rules.maxRawChars(),
                QuarantineReasons.MALFORMED_RECORD,
                "not valid UTF-8"));
      } else {
        out.add(ArticleParsers.structured(path, ref, raw, rules));
      }
    }
  }

  private static long newlines(String[] row) {
    long n = 0;
    for (String v : row) {
      if (v != null) {
        n += v.chars().filter(c -> c == '\n').count();
      }
    }
    return n;
  }

  private static String[] nonNull(String[] row) {
    String[] out = new String[row.length];
    for (int i = 0; i < row.length; i++) {
      out[i] = row[i] == null ? "" : row[i];
    }
    return out;
  }
}
