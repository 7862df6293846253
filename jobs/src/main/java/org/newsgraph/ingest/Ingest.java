package org.newsgraph.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.StructType;
import org.newsgraph.config.SettingKeys;
import org.newsgraph.tables.Tables;
import org.newsgraph.udfs.RowBuilder;

/**
 * Reads input files into parsed records (reads: the files; adds: one row per record in {@link
 * #PARSED}), then splits them into articles and quarantined records. Dated text and JSON Lines
 * files are read whole with Spark's {@code binaryFile} source and decompressed by suffix, so that
 * JSON Lines records keep their line numbers; one such file must fit in a task's memory (2 GB at
 * most). CSV files are read the same way and parsed by {@link CsvRecords} (quoted fields may span
 * lines; a bad row is quarantined with its line number). Parquet files go through Spark's Parquet
 * reader, one read per file schema (files are grouped by the schema in their footers; a file whose
 * footer cannot be read is quarantined as {@code unreadable_file}). CSV and Parquet rows are mapped
 * to article fields with the same field mapping as JSON Lines.
 */
public final class Ingest {

  public static final String KIND = "kind";
  public static final String SEQ = "seq";
  public static final String ARTICLE = "article";
  public static final String QUARANTINED = "quarantined";

  /** One parsed record, article or quarantined. */
  public static final StructType PARSED =
      createStructType(
          List.of(
              createStructField(KIND, StringType, false),
              createStructField(Tables.INPUT_FILE, StringType, false),
              createStructField(SEQ, LongType, false),
              createStructField(Tables.RECORD_REF, StringType, true),
              createStructField(Tables.ARTICLE_ID, StringType, true),
              createStructField(Tables.DATE, DateType, true),
              createStructField(Tables.PUBLISHED_TS, TimestampType, true),
              createStructField(Tables.SOURCE, StringType, true),
              createStructField(Tables.TITLE, StringType, true),
              createStructField(Tables.TEXT, StringType, true),
              createStructField(Tables.URL, StringType, true),
              createStructField(Tables.TRUNCATED, BooleanType, false),
              createStructField(Tables.DATELINE, StringType, true),
              createStructField(Tables.REPAIRS, IntegerType, false),
              createStructField(Tables.RAW_RECORD, StringType, true),
              createStructField(Tables.REASON, StringType, true),
              createStructField(Tables.DETAIL, StringType, true)));

  private static final RowBuilder PARSED_ROWS = new RowBuilder(PARSED);

  private Ingest() {}

  /** Every record of the input files, parsed; one row per record, never fewer. */
  public static Dataset<Row> parse(SparkSession spark, InputFiles files, IngestRules rules) {
    int maxRaw = rules.maxRawChars();
    // Spark's file sources skip zero-byte files: they are quarantined from the listing.
    List<Row> empty =
        files.emptyFiles().stream()
            .map(
                path ->
                    toRow(
                        ParsedRecord.quarantined(
                            path,
                            "file",
                            "",
                            maxRaw,
                            QuarantineReasons.EMPTY_TEXT,
                            "the file is empty (0 bytes)"),
                        0))
            .toList();
    Dataset<Row> parsed = spark.createDataFrame(empty, PARSED);
    List<String> text = files.files(InputFiles.Format.DATED_TEXT);
    if (!text.isEmpty()) {
      parsed =
          parsed.unionByName(
              binaryFiles(spark, text).flatMap(datedTextFile(rules), Encoders.row(PARSED)));
    }
    List<String> jsonl = files.files(InputFiles.Format.JSON_LINES);
    if (!jsonl.isEmpty()) {
      parsed =
          parsed.unionByName(
              binaryFiles(spark, jsonl).flatMap(jsonLinesFile(rules), Encoders.row(PARSED)));
    }
    List<String> csv = files.files(InputFiles.Format.CSV);
    if (!csv.isEmpty()) {
      parsed =
          parsed.unionByName(binaryFiles(spark, csv).flatMap(csvFile(rules), Encoders.row(PARSED)));
    }
    List<String> parquet = files.files(InputFiles.Format.PARQUET);
    if (!parquet.isEmpty()) {
      // One read per schema: files whose columns differ in type (a date written as a string in
      // one file, as a date in another) never meet in one merged schema, where one conflict
      // would fail every file. A file whose footer cannot be read is quarantined as a file.
      Map<String, List<String>> bySchema = new TreeMap<>();
      List<Row> unreadable = new ArrayList<>();
      Configuration conf = spark.sparkContext().hadoopConfiguration();
      for (String file : parquet) {
        try (ParquetFileReader reader =
            ParquetFileReader.open(
                HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file), conf))) {
          String schema = reader.getFooter().getFileMetaData().getSchema().toString();
          bySchema.computeIfAbsent(schema, k -> new ArrayList<>()).add(file);
        } catch (IOException | RuntimeException e) {
          unreadable.add(toRow(unreadable(file, rules, e), 0));
        }
      }
      parsed = parsed.unionByName(spark.createDataFrame(unreadable, PARSED));
      for (List<String> group : bySchema.values()) {
        Dataset<Row> rows = spark.read().parquet(group.toArray(String[]::new));
        parsed = parsed.unionByName(structuredRows(rows, rules));
      }
    }
    return parsed;
  }

  /**
   * Records sharing an article_id with an earlier record (by file, then position): the first is the
   * article; a later one with the same text is a {@code duplicate_record}, one with another text an
   * {@code id_conflict}. Both later kinds are quarantined, never merged.
   */
  public static Dataset<Row> withRepeatedIdsQuarantined(Dataset<Row> parsed, int maxRawChars) {
    WindowSpec byId =
        Window.partitionBy(col(Tables.ARTICLE_ID)).orderBy(col(Tables.INPUT_FILE), col(SEQ));
    Dataset<Row> ranked =
        parsed
            .withColumn("id_rank", row_number().over(byId))
            .withColumn("first_text", first(col(Tables.TEXT)).over(byId));
    Column repeated = col(KIND).equalTo(ARTICLE).and(col("id_rank").gt(1));
    Column reason =
        when(col("first_text").equalTo(col(Tables.TEXT)), lit(QuarantineReasons.DUPLICATE_RECORD))
            .otherwise(lit(QuarantineReasons.ID_CONFLICT));
    return ranked
        .withColumn(
            Tables.RAW_RECORD,
            when(repeated, substring(col(Tables.TEXT), 1, maxRawChars))
                .otherwise(col(Tables.RAW_RECORD)))
        .withColumn(
            Tables.DETAIL,
            when(
                    repeated,
                    concat(
                        lit("article_id "),
                        col(Tables.ARTICLE_ID),
                        lit(" appeared earlier in the input")))
                .otherwise(col(Tables.DETAIL)))
        .withColumn(Tables.REASON, when(repeated, reason).otherwise(col(Tables.REASON)))
        .withColumn(KIND, when(repeated, lit(QUARANTINED)).otherwise(col(KIND)))
        .drop("id_rank", "first_text");
  }

  public static Dataset<Row> articles(Dataset<Row> parsed) {
    return parsed.where(col(KIND).equalTo(ARTICLE));
  }

  /** Quarantined records in the quarantine table's columns, stage {@code ingest}. */
  public static Dataset<Row> quarantined(Dataset<Row> parsed) {
    return parsed
        .where(col(KIND).equalTo(QUARANTINED))
        .withColumn(Tables.STAGE, lit("ingest"))
        .withColumn(Tables.ARTICLE_ID, lit(null).cast(StringType));
  }

  private static Dataset<Row> binaryFiles(SparkSession spark, List<String> paths) {
    return spark
        .read()
        .format("binaryFile")
        .load(paths.toArray(String[]::new))
        .select(col("path"), col("content"));
  }

  /**
   * Parquet rows, each rendered as JSON and parsed like a JSON Lines record; the reference is the
   * row's position in its file ({@code row N}, from 0, as Parquet tools count).
   */
  private static Dataset<Row> structuredRows(Dataset<Row> rows, IngestRules rules) {
    Column[] all =
        Arrays.stream(rows.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new);
    return rows.select(
            col("_metadata.file_path").as(Tables.INPUT_FILE),
            col("_metadata.row_index").as(SEQ),
            to_json(struct(all)).as("json"))
        .map(
            (MapFunction<Row, Row>)
                r ->
                    toRow(
                        ArticleParsers.structured(
                            r.getString(0), "row " + r.getLong(1), r.getString(2), rules),
                        r.getLong(1)),
            Encoders.row(PARSED));
  }

  private static FlatMapFunction<Row, Row> datedTextFile(IngestRules rules) {
    return file -> {
      String path = file.getString(0);
      ParsedRecord record;
      try {
        byte[] bytes = readAll(limited(open(path, file.getAs(1)), rules));
        record = ArticleParsers.datedText(path, ArticleParsers.decodeUtf8(bytes), rules);
      } catch (LimitedInputStream.TooLargeException e) {
        record = tooLarge(path, "file", rules, e);
      } catch (IOException e) {
        record = unreadable(path, rules, e);
      }
      return List.of(toRow(record, 0)).iterator();
    };
  }

  private static FlatMapFunction<Row, Row> csvFile(IngestRules rules) {
    return file -> {
      String path = file.getString(0);
      InputStream in;
      try {
        in = open(path, file.getAs(1));
      } catch (IOException e) {
        return List.of(toRow(unreadable(path, rules, e), 0)).iterator();
      }
      List<ParsedRecord> records = CsvRecords.parse(path, limited(in, rules), rules);
      List<Row> rows = new ArrayList<>(records.size());
      for (int i = 0; i < records.size(); i++) {
        rows.add(toRow(records.get(i), i));
      }
      return rows.iterator();
    };
  }

  private static FlatMapFunction<Row, Row> jsonLinesFile(IngestRules rules) {
    return file -> {
      String path = file.getString(0);
      try {
        return new JsonLinesIterator(path, open(path, file.getAs(1)), rules);
      } catch (IOException e) {
        // A .gz that is not gzip at all fails on its header, before any line.
        return List.of(toRow(unreadable(path, rules, e), 0)).iterator();
      }
    };
  }

  /** A file read whole is refused past {@code newsgraph.ingest.maxFileBytes}. */
  private static InputStream limited(InputStream in, IngestRules rules) {
    return new LimitedInputStream(in, rules.maxFileBytes(), SettingKeys.MAX_FILE_BYTES.key());
  }

  static ParsedRecord tooLarge(String path, String ref, IngestRules rules, IOException e) {
    return ParsedRecord.quarantined(
        path, ref, null, rules.maxRawChars(), QuarantineReasons.TOO_LARGE, e.getMessage());
  }

  private static ParsedRecord unreadable(String path, IngestRules rules, Exception e) {
    return ParsedRecord.quarantined(
        path, "file", null, rules.maxRawChars(), QuarantineReasons.UNREADABLE_FILE, e.toString());
  }

  private static InputStream open(String path, byte[] content) throws IOException {
    InputStream in = new ByteArrayInputStream(content);
    // Lines are read byte by byte: buffer the inflater's output.
    return path.toLowerCase(Locale.ROOT).endsWith(".gz")
        ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16)
        : in;
  }

  private static byte[] readAll(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }

  static Row toRow(ParsedRecord r, long seq) {
    return PARSED_ROWS
        .row()
        .set(KIND, r.isArticle() ? ARTICLE : QUARANTINED)
        .set(Tables.INPUT_FILE, r.inputFile())
        .set(SEQ, seq)
        .set(Tables.RECORD_REF, r.recordRef())
        .set(Tables.ARTICLE_ID, r.articleId())
        .set(Tables.DATE, r.date() == null ? null : java.sql.Date.valueOf(r.date()))
        .set(Tables.PUBLISHED_TS, r.publishedTs() == null ? null : Timestamp.from(r.publishedTs()))
        .set(Tables.SOURCE, r.source())
        .set(Tables.TITLE, r.title())
        .set(Tables.TEXT, r.text())
        .set(Tables.URL, r.url())
        .set(Tables.TRUNCATED, r.truncated())
        .set(Tables.DATELINE, r.dateline())
        .set(Tables.REPAIRS, r.repairs())
        .set(Tables.RAW_RECORD, r.rawRecord())
        .set(Tables.REASON, r.reason())
        .set(Tables.DETAIL, r.detail())
        .build();
  }

  /**
   * Lazily yields one parsed row per non-blank line of a JSON Lines stream. Lines are split on
   * bytes and decoded one by one, so a line of invalid UTF-8 is quarantined alone; a stream that
   * breaks off (a truncated .gz) ends with one {@code unreadable_file} record.
   */
  private static final class JsonLinesIterator implements Iterator<Row> {
    private final String path;
    private final InputStream in;
    private final IngestRules rules;
    private long lineNumber;
    private boolean overlong;
    private Row next;
    private boolean done;

    JsonLinesIterator(String path, InputStream in, IngestRules rules) {
      this.path = path;
      this.in = in;
      this.rules = rules;
    }

    @Override
    public boolean hasNext() {
      while (next == null && !done) {
        advance();
      }
      return next != null;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Row r = next;
      next = null;
      return r;
    }

    private void advance() {
      byte[] line;
      try {
        line = readLine();
      } catch (IOException e) {
        done = true;
        closeQuietly();
        next =
            toRow(
                ParsedRecord.quarantined(
                    path,
                    "after line " + lineNumber,
                    null,
                    rules.maxRawChars(),
                    QuarantineReasons.UNREADABLE_FILE,
                    "reading stopped: " + e),
                lineNumber + 1);
        return;
      }
      if (line == null) {
        done = true;
        closeQuietly();
        return;
      }
      lineNumber++;
      if (overlong) {
        overlong = false;
        next =
            toRow(
                ParsedRecord.quarantined(
                    path,
                    "line " + lineNumber,
                    null,
                    rules.maxRawChars(),
                    QuarantineReasons.TOO_LARGE,
                    "line longer than "
                        + SettingKeys.MAX_RECORD_BYTES.key()
                        + " = "
                        + rules.maxRecordBytes()
                        + " bytes; it was skipped unread"),
                lineNumber);
        return;
      }
      String text = ArticleParsers.decodeUtf8(line);
      if (text == null) {
        next =
            toRow(
                ParsedRecord.quarantined(
                    path,
                    "line " + lineNumber,
                    new String(line, StandardCharsets.UTF_8),
                    rules.maxRawChars(),
                    QuarantineReasons.MALFORMED_RECORD,
                    "not valid UTF-8"),
                lineNumber);
      } else if (!text.isBlank()) {
        next =
            toRow(ArticleParsers.structured(path, "line " + lineNumber, text, rules), lineNumber);
      }
    }

    /** The next line, or null at the end; a line past the limit is skipped (see overlong). */
    private byte[] readLine() throws IOException {
      ByteArrayOutputStream buf = new ByteArrayOutputStream(4096);
      int b;
      boolean any = false;
      while ((b = in.read()) != -1) {
        any = true;
        if (b == '\n') {
          break;
        }
        if (buf.size() < rules.maxRecordBytes()) {
          buf.write(b);
        } else {
          // Read on to the line's end without keeping it.
          overlong = true;
        }
      }
      if (!any) {
        return null;
      }
      byte[] bytes = buf.toByteArray();
      int n = bytes.length;
      return n > 0 && bytes[n - 1] == '\r' ? Arrays.copyOf(bytes, n - 1) : bytes;
    }

    private void closeQuietly() {
      try {
        in.close();
      } catch (IOException e) {
        // Reading is over and every record has been emitted; a failed close loses nothing.
        return;
      }
    }
  }
}
