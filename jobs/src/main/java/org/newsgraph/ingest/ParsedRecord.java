package org.newsgraph.ingest;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One input record after parsing: an article, or a quarantined record with its reason.
 *
 * @param inputFile the file it came from
 * @param recordRef where in the file: {@code line N} for JSON Lines and CSV rows (the row's first
 *     line), {@code row N} for Parquet rows (from 0), {@code file} for text files
 * @param articleId stable id (null for quarantined records)
 * @param date publication day in the configured time zone (null for quarantined records)
 * @param publishedTs publication instant when the input gives a time of day, else null
 * @param truncated whether the text was cut to the configured maximum length
 * @param dateline the wire dateline that starts the text, or null (see {@link Datelines})
 * @param repairs glued word joins split in the text (see {@link GluedWords})
 * @param rawRecord the raw record, truncated (quarantined records only)
 * @param reason a {@link QuarantineReasons} value, or null for an article
 * @param detail human-readable detail of the reason
 */
public record ParsedRecord(
    String inputFile,
    String recordRef,
    String articleId,
    LocalDate date,
    Instant publishedTs,
    String source,
    String title,
    String text,
    String url,
    boolean truncated,
    String dateline,
    int repairs,
    String rawRecord,
    String reason,
    String detail) {

  public boolean isArticle() {
    return reason == null;
  }

  static ParsedRecord quarantined(
      String inputFile,
      String recordRef,
      String raw,
      int maxRawChars,
      String reason,
      String detail) {
    String truncated =
        raw == null || raw.length() <= maxRawChars ? raw : raw.substring(0, maxRawChars);
    return new ParsedRecord(
        inputFile, recordRef, null, null, null, null, null, null, null, false, null, 0, truncated,
        reason, detail);
  }
}
