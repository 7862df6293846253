package org.newsgraph.ingest;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Everything that decides how a raw record becomes an article; shipped to executors with the
 * parsing functions.
 *
 * @param fields where each field is found in structured records
 * @param zone time zone of the {@code date} column and of date-times without a zone
 * @param minDate earliest plausible publication day; earlier ones are {@code date_out_of_range}
 * @param maxDate latest plausible publication day
 * @param text text normalisation (HTML, boilerplate, whitespace, truncation)
 * @param idNamespace prefix of input ids, a {@link PathNames} spec: {@code {dir}} for the name of
 *     the file's directory, {@code {dir:N}} for the N-th directory above it, an empty string for
 *     none, anything else literally
 * @param textSource the source of dated-text files, a {@link PathNames} spec
 * @param maxRawChars raw records kept in quarantine are cut to this length
 * @param csvDelimiter the field delimiter of CSV files
 * @param language which languages are accepted; others are quarantined as {@code language:<code>}
 * @param datelines how the wire dateline at the start of a text is found
 * @param maxFileBytes dated-text and CSV files larger than this, decompressed, are too large
 * @param maxRecordBytes JSON Lines lines longer than this are too large
 */
public record IngestRules(
    FieldMapping fields,
    ZoneId zone,
    LocalDate minDate,
    LocalDate maxDate,
    ArticleText text,
    String idNamespace,
    String textSource,
    int maxRawChars,
    String csvDelimiter,
    LanguageCheck language,
    Datelines datelines,
    int maxFileBytes,
    int maxRecordBytes)
    implements Serializable {

  /** The spec for the name of the directory that holds the input file. */
  public static final String DIRECTORY_NAMESPACE = PathNames.DIRECTORY;

  /** The article id of an input id found in {@code inputFile}. */
  String namespacedId(String inputFile, String id) {
    String ns = PathNames.resolve(idNamespace, inputFile);
    return ns == null ? id : ns + ":" + id;
  }

  /** The source of a dated-text file, or null. */
  String textSource(String inputFile) {
    return PathNames.resolve(textSource, inputFile);
  }
}
