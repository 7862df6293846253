package org.newsgraph.ingest;

import org.newsgraph.nlp.DocumentAnnotation;

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

  /** A valid date outside the plausible range of the settings (never guessed). */
  public static final String DATE_OUT_OF_RANGE = "date_out_of_range";

  /** The article text is missing, empty or only whitespace (also after removing markup). */
  public static final String EMPTY_TEXT = "empty_text";

  /** An earlier record has the same article_id and the same text: a repeated record. */
  public static final String DUPLICATE_RECORD = "duplicate_record";

  /** An earlier record has the same article_id but a different text: both are kept apart. */
  public static final String ID_CONFLICT = "id_conflict";

  /** The file could not be read or decompressed (for example a truncated .gz). */
  public static final String UNREADABLE_FILE = "unreadable_file";

  /**
   * The file (decompressed) or the line is larger than {@code newsgraph.ingest.maxFileBytes} or
   * {@code newsgraph.ingest.maxRecordBytes}; it was not held in memory.
   */
  public static final String TOO_LARGE = "too_large";

  /**
   * The article is clearly in a language the pipeline does not accept; the reason is followed by
   * the ISO 639-1 code of the detected language, e.g. {@code language:de}.
   */
  public static final String LANGUAGE_PREFIX = "language:";

  /** CoreNLP failed on the article; the reason is followed by the exception class. */
  public static final String ANNOTATION_ERROR_PREFIX = DocumentAnnotation.ERROR_PREFIX;

  /** CoreNLP took longer than newsgraph.annotate.timeoutSeconds on the article. */
  public static final String ANNOTATION_TIMEOUT = DocumentAnnotation.TIMEOUT;

  private QuarantineReasons() {}
}
