package org.newsgraph.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.newsgraph.nlp.Sha256;

/**
 * Turns raw input into {@link ParsedRecord}s: plain Java, no Spark. Every input record yields
 * exactly one result, an article or a quarantined record with a reason.
 *
 * <p>Dated text file: the text starts (after optional whitespace) with {@code date YYYY-MM-DD},
 * followed by the article body on the same line and the lines after it. Structured record (a JSON
 * Lines line, or a CSV or Parquet row rendered as JSON): fields are found through the {@link
 * FieldMapping}; dates in every form {@link PublishedDates} accepts.
 */
public final class ArticleParsers {

  // Trailing tokens fail: '{...} garbage' or two objects on one line are one malformed record,
  // not an article with the rest silently dropped.
  private static final ObjectReader JSON =
      new ObjectMapper()
          .readerFor(JsonNode.class)
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Pattern DATE_LINE =
      Pattern.compile("\\A\\s*date[ \\t]+(\\S+)[ \\t]*(.*)\\z", Pattern.DOTALL);

  private ArticleParsers() {}

  /** Decodes strict UTF-8, or returns null when the bytes are not valid UTF-8. */
  public static String decodeUtf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /**
   * Parses one dated text file; its source is the name {@code newsgraph.ingest.textSource} gives
   * its path ({@link PathNames}).
   */
  public static ParsedRecord datedText(String inputFile, String content, IngestRules rules) {
    String ref = "file";
    int maxRaw = rules.maxRawChars();
    if (content == null) {
      return ParsedRecord.quarantined(
          inputFile, ref, null, maxRaw, QuarantineReasons.MALFORMED_RECORD, "not UTF-8");
    }
    String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
    Matcher m = DATE_LINE.matcher(text);
    if (!m.matches()) {
      return ParsedRecord.quarantined(
          inputFile,
          ref,
          content,
          maxRaw,
          QuarantineReasons.MISSING_DATE,
          "the file does not start with a 'date YYYY-MM-DD' line");
    }
    return article(
        inputFile,
        ref,
        content,
        rules,
        null,
        m.group(1),
        rules.textSource(inputFile),
        null,
        m.group(2),
        null);
  }

  /**
   * Parses one structured record given as JSON: a JSON Lines line, or a CSV or Parquet row rendered
   * as JSON.
   */
  public static ParsedRecord structured(
      String inputFile, String ref, String json, IngestRules rules) {
    int maxRaw = rules.maxRawChars();
    JsonNode node;
    try {
      node = JSON.readValue(json.startsWith("\uFEFF") ? json.substring(1) : json);
    } catch (JsonProcessingException e) {
      return ParsedRecord.quarantined(
          inputFile,
          ref,
          json,
          maxRaw,
          QuarantineReasons.MALFORMED_RECORD,
          "invalid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      return ParsedRecord.quarantined(
          inputFile, ref, json, maxRaw, QuarantineReasons.MALFORMED_RECORD, "not a JSON object");
    }
    FieldMapping f = rules.fields();
    String[] names = {"id", "published", "source", "title", "text", "url"};
    JsonNode[] values = {
      FieldMapping.find(node, f.id()),
      FieldMapping.find(node, f.published()),
      FieldMapping.find(node, f.source()),
      FieldMapping.find(node, f.title()),
      FieldMapping.find(node, f.text()),
      FieldMapping.find(node, f.url())
    };
    for (int i = 0; i < names.length; i++) {
      JsonNode v = values[i];
      // Numbers are fine for the id and the date (an epoch); anything else must be a string.
      boolean numberAllowed = i <= 1 && v != null && v.isNumber();
      if (v != null && !v.isTextual() && !numberAllowed) {
        return ParsedRecord.quarantined(
            inputFile,
            ref,
            json,
            maxRaw,
            QuarantineReasons.MALFORMED_RECORD,
            "field '"
                + names[i]
                + "' is a "
                + v.getNodeType().name().toLowerCase(Locale.ROOT)
                + ", not a string");
      }
    }
    if (values[1] == null || values[1].asText().isBlank()) {
      return ParsedRecord.quarantined(
          inputFile,
          ref,
          json,
          maxRaw,
          QuarantineReasons.MISSING_DATE,
          "no date field (looked for " + String.join(", ", f.published()) + ")");
    }
    return article(
        inputFile,
        ref,
        json,
        rules,
        text(values[0]),
        values[1].asText(),
        text(values[2]),
        text(values[3]),
        text(values[4]),
        text(values[5]));
  }

  /** Date, text and identity checks shared by every format. */
  private static ParsedRecord article(
      String inputFile,
      String ref,
      String raw,
      IngestRules rules,
      String id,
      String published,
      String source,
      String title,
      String body,
      String url) {
    int maxRaw = rules.maxRawChars();
    PublishedDates.Parsed when = PublishedDates.parse(published, rules.zone());
    if (when.error() != null) {
      return ParsedRecord.quarantined(
          inputFile,
          ref,
          raw,
          maxRaw,
          QuarantineReasons.BAD_DATE,
          "'" + published + "': " + when.error());
    }
    LocalDate date = when.date();
    if (date.isBefore(rules.minDate()) || date.isAfter(rules.maxDate())) {
      return ParsedRecord.quarantined(
          inputFile,
          ref,
          raw,
          maxRaw,
          QuarantineReasons.DATE_OUT_OF_RANGE,
          date + " is outside " + rules.minDate() + " .. " + rules.maxDate());
    }
    if (body == null || body.isBlank()) {
      return ParsedRecord.quarantined(
          inputFile, ref, raw, maxRaw, QuarantineReasons.EMPTY_TEXT, "no article text");
    }
    ArticleText.Normalized text = rules.text().normalize(body);
    if (text.text().isBlank()) {
      return ParsedRecord.quarantined(
          inputFile,
          ref,
          raw,
          maxRaw,
          QuarantineReasons.EMPTY_TEXT,
          "no text left after removing markup and boilerplate");
    }
    String language = rules.language().foreignLanguage(text.text());
    if (language != null) {
      return ParsedRecord.quarantined(
          inputFile,
          ref,
          raw,
          maxRaw,
          QuarantineReasons.LANGUAGE_PREFIX + language,
          "the text is in '"
              + language
              + "', not in an accepted language ("
              + String.join(",", rules.language().accepted())
              + ")");
    }
    String articleId =
        id == null || id.isBlank()
            ? hashId(date, text.text())
            : rules.namespacedId(inputFile, id.strip());
    return new ParsedRecord(
        inputFile,
        ref,
        articleId,
        date,
        when.publishedTs(),
        blankToNull(source),
        blankToNull(title),
        text.text(),
        blankToNull(url),
        text.truncated(),
        rules.datelines().find(text.text()),
        text.repairs(),
        null,
        null,
        null);
  }

  /**
   * The id of an article without one: a hash of its date and whitespace-normalised text, so the
   * same article gets the same id in every run.
   */
  public static String hashId(LocalDate date, String text) {
    return "sha-" + Sha256.hex(date + "\n" + normalisedForIdentity(text), 12);
  }

  /** Text compared to decide whether two records with one id are the same article. */
  public static String normalisedForIdentity(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }

  private static String text(JsonNode v) {
    return v == null || v.isNull() ? null : v.asText();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
