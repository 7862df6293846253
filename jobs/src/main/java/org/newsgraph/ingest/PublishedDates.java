package org.newsgraph.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the publication date of an article, as found in feeds and corpora: plain Java, no Spark.
 *
 * <p>Accepted forms, after stripping surrounding whitespace:
 *
 * <ul>
 *   <li>ISO date, {@code 2018-07-16}: a date only, no timestamp.
 *   <li>ISO date-time without offset, {@code 1987-02-26T15:01:01.790}, with {@code T} or a space
 *       between date and time, with or without seconds and fractions: a time without an offset is
 *       taken to be in the configured zone. A time that does not exist in that zone (skipped by a
 *       daylight-saving change) is moved later by the length of the gap; a time that exists twice
 *       takes the earlier offset.
 *   <li>ISO date-time with an offset or {@code Z}, {@code 2018-07-16T23:30:00-04:00} (the offset
 *       may also be written {@code -0400} or {@code -04}). {@code T} and {@code Z} may be lower
 *       case.
 *   <li>RFC 1123, {@code Wed, 19 Jun 2024 10:00:00 GMT} or with a numeric offset such as {@code
 *       +0000} (no other zone names); the day of the week is optional and, when present, not
 *       checked against the date.
 *   <li>US date {@code M/d/yyyy}, {@code 7/4/2018} or {@code 07/04/2018}: a date only.
 *   <li>Epoch seconds (9 to 11 digits) or epoch milliseconds (12 to 14 digits), which covers 1973
 *       to 5138; no sign.
 * </ul>
 *
 * <p>Contract: {@link #parse} never throws for a bad value; it returns a {@link Parsed} with an
 * error. When a timestamp is known, {@code date} is the day of that instant in the configured zone.
 * Impossible calendar dates and times ({@code 2018-02-30}, {@code 25:00}) are errors, never
 * adjusted.
 */
public final class PublishedDates {

  private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern ISO_DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[Tt ]\\d.*");
  private static final Pattern US_DATE = Pattern.compile("\\d{1,2}/\\d{1,2}/\\d{4}");
  private static final Pattern EPOCH_SECONDS = Pattern.compile("\\d{9,11}");
  private static final Pattern EPOCH_MILLIS = Pattern.compile("\\d{12,14}");
  // The day of the week is redundant and feeds get it wrong: the numbers decide.
  private static final Pattern RFC_1123_WEEKDAY =
      Pattern.compile("(?i)(?:mon|tue|wed|thu|fri|sat|sun),\\s*");
  private static final Pattern RFC_1123_SHAPE =
      Pattern.compile("\\d{1,2} [A-Za-z]{3} \\d{4} \\d{2}:\\d{2}.*");

  private static final DateTimeFormatter US_DATE_FORMAT =
      DateTimeFormatter.ofPattern("M/d/uuuu", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
  // ISO_OFFSET_DATE_TIME wants a colon in the offset; a lenient "+HH" offset also takes "-0400"
  // and "-04", both common in feeds.
  private static final DateTimeFormatter ISO_DATE_TIME_FORMAT =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .optionalStart()
          .parseLenient()
          .appendOffset("+HH", "Z")
          .optionalEnd()
          .toFormatter(Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT)
          .withChronology(IsoChronology.INSTANCE);
  // The JDK formatter resolves smartly (31 Jun becomes 30 Jun); strict makes that an error.
  private static final DateTimeFormatter RFC_1123_FORMAT =
      DateTimeFormatter.RFC_1123_DATE_TIME.withResolverStyle(ResolverStyle.STRICT);

  private static final int MAX_VALUE_IN_ERROR = 60;

  private PublishedDates() {}

  /**
   * The result of {@link #parse}.
   *
   * @param publishedTs the instant of publication, or null when the value has no time (or on error)
   * @param date the day of publication in the configured zone, or null on error
   * @param error null on success, otherwise a short human-readable detail
   */
  public record Parsed(Instant publishedTs, LocalDate date, String error) {}

  /**
   * Parses one publication date.
   *
   * @param value the raw value; null or blank is an error
   * @param zone the zone of times without an offset, and of the {@code date} of every timestamp
   */
  public static Parsed parse(String value, ZoneId zone) {
    Objects.requireNonNull(zone, "zone");
    if (value == null || value.isBlank()) {
      return failure("no date");
    }
    String v = value.strip();
    if (ISO_DATE.matcher(v).matches()) {
      return attempt(
          v,
          "ISO date",
          () -> new Parsed(null, LocalDate.parse(v, DateTimeFormatter.ISO_LOCAL_DATE), null));
    }
    if (ISO_DATE_TIME.matcher(v).matches()) {
      return attempt(v, "ISO date-time", () -> isoDateTime(v, zone));
    }
    if (US_DATE.matcher(v).matches()) {
      return attempt(
          v, "M/d/yyyy date", () -> new Parsed(null, LocalDate.parse(v, US_DATE_FORMAT), null));
    }
    if (EPOCH_SECONDS.matcher(v).matches()) {
      return timestamp(Instant.ofEpochSecond(Long.parseLong(v)), zone);
    }
    if (EPOCH_MILLIS.matcher(v).matches()) {
      return timestamp(Instant.ofEpochMilli(Long.parseLong(v)), zone);
    }
    Matcher weekday = RFC_1123_WEEKDAY.matcher(v);
    String rfc = weekday.lookingAt() ? v.substring(weekday.end()) : v;
    if (RFC_1123_SHAPE.matcher(rfc).matches()) {
      return attempt(
          v,
          "RFC 1123 date-time",
          () -> timestamp(ZonedDateTime.parse(rfc, RFC_1123_FORMAT).toInstant(), zone));
    }
    return failure(
        quote(v)
            + " is not a known date format (ISO date or date-time, RFC 1123, M/d/yyyy,"
            + " epoch seconds or milliseconds)");
  }

  private static Parsed isoDateTime(String v, ZoneId zone) {
    String t = v.charAt(10) == ' ' ? v.substring(0, 10) + 'T' + v.substring(11) : v;
    TemporalAccessor parsed = ISO_DATE_TIME_FORMAT.parse(t);
    LocalDateTime local = LocalDateTime.from(parsed);
    ZoneOffset offset = parsed.query(TemporalQueries.offset());
    Instant instant =
        offset == null ? ZonedDateTime.of(local, zone).toInstant() : local.toInstant(offset);
    return timestamp(instant, zone);
  }

  private static Parsed attempt(String v, String form, Supplier<Parsed> parser) {
    try {
      return parser.get();
    } catch (DateTimeParseException e) {
      // The cause names the bad field ("Invalid date 'FEBRUARY 30'"); without one the text did
      // not fit the form at all.
      String why = e.getCause() == null ? "" : ": " + e.getCause().getMessage();
      return failure(quote(v) + " is not a valid " + form + why);
    } catch (DateTimeException e) {
      // An offset beyond 18 hours parses, but is no valid ZoneOffset.
      return failure(quote(v) + " is not a valid " + form + ": " + e.getMessage());
    }
  }

  private static Parsed timestamp(Instant instant, ZoneId zone) {
    return new Parsed(instant, LocalDate.ofInstant(instant, zone), null);
  }

  private static Parsed failure(String detail) {
    return new Parsed(null, null, detail);
  }

  private static String quote(String v) {
    return v.length() <= MAX_VALUE_IN_ERROR
        ? "'" + v + "'"
        : "'" + v.substring(0, MAX_VALUE_IN_ERROR) + "…'";
  }
}
