package org.newsgraph.transform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns raw input into {@link ParsedRecord}s: plain Java, no Spark. Every input record yields
 * exactly one result, an article or a quarantined record with a reason.
 *
 * <p>Dated text file: the text starts (after optional whitespace) with {@code date YYYY-MM-DD},
 * followed by the article body on the same line and the lines after it. JSON Lines: one object per
 * line with {@code id, published, source, title, text, url}; {@code published} is an ISO date or an
 * ISO date-time whose first ten characters are the date.
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
  private static final Pattern ISO_DATE_PREFIX =
      Pattern.compile("(\\d{4}-\\d{2}-\\d{2})(?:[T ].*)?", Pattern.DOTALL);

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

  /** Parses one dated text file; its source is the name of the directory that holds it. */
  public static ParsedRecord datedText(String inputFile, String content, int maxRawChars) {
    String ref = "file";
    if (content == null) {
      return ParsedRecord.quarantined(
          inputFile, ref, null, maxRawChars, QuarantineReasons.MALFORMED_RECORD, "not UTF-8");
    }
    String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
    Matcher m = DATE_LINE.matcher(text);
    if (!m.matches()) {
      return ParsedRecord.quarantined(
          inputFile,
          ref,
          content,
          maxRawChars,
          QuarantineReasons.MISSING_DATE,
          "the file does not start with a 'date YYYY-MM-DD' line");
    }
    LocalDate date = parseDate(m.group(1));
    if (date == null) {
      return ParsedRecord.quarantined(
          inputFile,
          ref,
          content,
          maxRawChars,
          QuarantineReasons.BAD_DATE,
          "'" + m.group(1) + "' is not a YYYY-MM-DD date");
    }
    String body = m.group(2).strip();
    if (body.isEmpty()) {
      return ParsedRecord.quarantined(
          inputFile,
          ref,
          content,
          maxRawChars,
          QuarantineReasons.EMPTY_TEXT,
          "no text after the date");
    }
    return ParsedRecord.article(
        inputFile, ref, hashId(date, body), date, parentDirectoryName(inputFile), null, body, null);
  }

  /** Parses one line of a JSON Lines file. */
  public static ParsedRecord jsonLine(
      String inputFile, long lineNumber, String line, int maxRawChars) {
    String ref = "line " + lineNumber;
    JsonNode node;
    try {
      node = JSON.readValue(line.startsWith("\uFEFF") ? line.substring(1) : line);
    } catch (JsonProcessingException e) {
      return ParsedRecord.quarantined(
          inputFile,
          ref,
          line,
          maxRawChars,
          QuarantineReasons.MALFORMED_RECORD,
          "invalid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      return ParsedRecord.quarantined(
          inputFile,
          ref,
          line,
          maxRawChars,
          QuarantineReasons.MALFORMED_RECORD,
          "not a JSON object");
    }
    String[] fields = {"id", "published", "source", "title", "text", "url"};
    for (String f : fields) {
      JsonNode v = node.get(f);
      if (v != null && !v.isNull() && !v.isTextual()) {
        return ParsedRecord.quarantined(
            inputFile,
            ref,
            line,
            maxRawChars,
            QuarantineReasons.MALFORMED_RECORD,
            "field '" + f + "' is a " + v.getNodeType().name().toLowerCase() + ", not a string");
      }
    }
    String published = text(node, "published");
    if (published == null || published.isBlank()) {
      return ParsedRecord.quarantined(
          inputFile,
          ref,
          line,
          maxRawChars,
          QuarantineReasons.MISSING_DATE,
          "no 'published' field");
    }
    LocalDate date = parseDate(published.strip());
    if (date == null) {
      return ParsedRecord.quarantined(
          inputFile,
          ref,
          line,
          maxRawChars,
          QuarantineReasons.BAD_DATE,
          "'" + published + "' is not an ISO date or date-time");
    }
    String body = text(node, "text");
    if (body == null || body.isBlank()) {
      return ParsedRecord.quarantined(
          inputFile,
          ref,
          line,
          maxRawChars,
          QuarantineReasons.EMPTY_TEXT,
          "'text' is missing or blank");
    }
    body = body.strip();
    String id = text(node, "id");
    String articleId = id == null || id.isBlank() ? hashId(date, body) : id.strip();
    return ParsedRecord.article(
        inputFile,
        ref,
        articleId,
        date,
        text(node, "source"),
        text(node, "title"),
        body,
        text(node, "url"));
  }

  /**
   * The id of an article without one: a hash of its date and whitespace-normalised text, so the
   * same article gets the same id in every run.
   */
  public static String hashId(LocalDate date, String text) {
    String normalised = text.strip().replaceAll("\\s+", " ");
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(date.toString().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n');
      sha.update(normalised.getBytes(StandardCharsets.UTF_8));
      return "sha-" + HexFormat.of().formatHex(sha.digest(), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }

  /** An ISO date, or the date part of an ISO date-time; null when it is not a valid date. */
  static LocalDate parseDate(String value) {
    Matcher m = ISO_DATE_PREFIX.matcher(value);
    if (!m.matches()) {
      return null;
    }
    try {
      return LocalDate.parse(m.group(1));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static String parentDirectoryName(String path) {
    String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    int slash = p.lastIndexOf('/');
    if (slash <= 0) {
      return null;
    }
    String dir = p.substring(0, slash);
    return dir.substring(dir.lastIndexOf('/') + 1);
  }
}
