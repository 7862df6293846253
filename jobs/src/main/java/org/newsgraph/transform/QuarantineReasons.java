package org.newsgraph.transform;

/**
 * The fixed vocabulary of quarantine reasons (documented in docs/tables.md). A record is never
 * dropped silently: it is an article, or a quarantine row with one of these reasons.
 */
public final class QuarantineReasons {

  /** The record is not valid JSON, not a JSON object, not UTF-8, or a field has the wrong type. */
  public static final String MALFORMED_RECORD = "malformed_record";

  /** No date: a text file without a leading {@code date} line, or JSON without "published". */
  public static final String MISSING_DATE = "missing_date";

  /** A date is present but is not a valid {@code YYYY-MM-DD} date (or ISO date-time). */
  public static final String BAD_DATE = "bad_date";

  /** The article text is missing, empty or only whitespace. */
  public static final String EMPTY_TEXT = "empty_text";

  /** Another record earlier in the input has the same article_id. */
  public static final String DUPLICATE_ID = "duplicate_id";

  /** The file could not be read or decompressed (for example a truncated .gz). */
  public static final String UNREADABLE_FILE = "unreadable_file";

  /** CoreNLP failed on the article; the reason is followed by the exception class. */
  public static final String ANNOTATION_ERROR_PREFIX = "annotation_error:";

  private QuarantineReasons() {}
}
