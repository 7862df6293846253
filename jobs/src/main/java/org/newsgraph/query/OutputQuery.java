package org.newsgraph.query;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.newsgraph.errors.NewsgraphErrors;
import org.newsgraph.tables.TableDef;
import org.newsgraph.tables.TableIO;
import org.newsgraph.tables.Tables;

/**
 * Spark SQL over an output's tables, for analysts who would rather not set Spark up: every table
 * the output holds is registered as a temporary view under its table name ({@code articles}, {@code
 * mentions}, {@code comention_counts}, ...), the query runs on them, and its first rows print as an
 * aligned table, CSV (RFC 4180) or JSON Lines. Read-only: no lock is taken and no run is recorded;
 * each view reads its table's latest committed Delta version.
 */
public final class OutputQuery {

  /** How the rows are printed. */
  public enum Format {
    TABLE,
    CSV,
    JSON
  }

  /** Longest cell of the aligned table; longer values (article texts) are cut with an ellipsis. */
  static final int MAX_CELL = 80;

  private OutputQuery() {}

  /** Where the views of docs/sql/spark.sql are in the jar. */
  static final String VIEWS_RESOURCE = "/org/newsgraph/query/spark.sql";

  /** The line of docs/sql/spark.sql after which come the views over the tables. */
  static final String DERIVED_VIEWS_MARKER = "-- Views over the tables";

  // The tables a view statement reads: the names after FROM (and JOIN).
  private static final Pattern READS = Pattern.compile("\\b(?:FROM|JOIN)\\s+(\\w+)");

  /**
   * Registers a view per table of the output under the table's name, then the views over the tables
   * of docs/sql/spark.sql ({@code comention_pairs}, {@code evidence_pairs}, {@code
   * entity_variants}) whose tables the output holds; returns the names of all, in order.
   */
  public static List<String> registerViews(SparkSession spark, String output) {
    List<String> names = new ArrayList<>();
    for (TableDef table : Tables.ALL) {
      if (TableIO.exists(spark, output, table)) {
        TableIO.read(spark, output, table).createOrReplaceTempView(table.name());
        names.add(table.name());
      }
    }
    if (names.isEmpty()) {
      throw NewsgraphErrors.noTables(output);
    }
    for (String statement : derivedViews()) {
      Matcher m = READS.matcher(statement);
      boolean readable = true;
      while (m.find()) {
        readable &= names.contains(m.group(1));
      }
      if (readable) {
        spark.sql(statement);
        Matcher view = Pattern.compile("VIEW\\s+(\\w+)").matcher(statement);
        if (view.find()) {
          names.add(view.group(1));
        }
      }
    }
    return names;
  }

  /** The CREATE VIEW statements after {@link #DERIVED_VIEWS_MARKER}, without comment lines. */
  static List<String> derivedViews() {
    String sql;
    try (InputStream in = OutputQuery.class.getResourceAsStream(VIEWS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("bug: " + VIEWS_RESOURCE + " is not in the jar");
      }
      sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + VIEWS_RESOURCE + " from the jar", e);
    }
    int marker = sql.indexOf(DERIVED_VIEWS_MARKER);
    if (marker < 0) {
      throw new IllegalStateException(
          "bug: no '" + DERIVED_VIEWS_MARKER + "' in " + VIEWS_RESOURCE);
    }
    return statements(sql.substring(marker));
  }

  /** The statements of a SQL script: comment lines dropped, split at a ';' that ends a line. */
  public static List<String> statements(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\\R")) {
      if (line.strip().startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (line.stripTrailing().endsWith(";")) {
        String statement = current.toString().strip();
        statements.add(statement.substring(0, statement.length() - 1));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      statements.add(current.toString().strip());
    }
    return statements;
  }

  /**
   * Runs {@code sql} over the output's views and prints at most {@code limit} rows; says on {@code
   * err} when the result has more.
   */
  public static void run(
      SparkSession spark,
      String output,
      String sql,
      Format format,
      int limit,
      PrintStream out,
      PrintStream err) {
    List<String> views = registerViews(spark, output);
    Dataset<Row> result;
    List<Row> rows;
    try {
      result = spark.sql(sql);
      rows = result.limit(limit + 1).collectAsList();
    } catch (Exception e) {
      // Spark's AnalysisException (parse and analysis errors) is checked in Java's eyes but
      // undeclared; every other exception goes on as it is.
      if (e instanceof AnalysisException) {
        throw NewsgraphErrors.badQuery(sql, e.getMessage(), views);
      }
      throw e;
    }
    boolean more = rows.size() > limit;
    List<Row> shown = more ? rows.subList(0, limit) : rows;
    String[] columns = result.columns();
    switch (format) {
      case TABLE -> printTable(columns, shown, out);
      case CSV -> printCsv(columns, shown, out);
      case JSON -> result.limit(limit).toJSON().collectAsList().forEach(out::println);
      default -> throw new IllegalStateException("unhandled format " + format);
    }
    if (more) {
      err.printf(
          Locale.ROOT,
          "query: the first %,d rows are shown; the result has more (--limit raises it)%n",
          limit);
    }
  }

  static void printTable(String[] columns, List<Row> rows, PrintStream out) {
    List<String[]> cells = new ArrayList<>();
    for (Row r : rows) {
      String[] line = new String[columns.length];
      for (int i = 0; i < columns.length; i++) {
        line[i] = text(r.get(i));
      }
      cells.add(line);
    }
    printCells(columns, cells, out);
  }

  /** Prints cells as an aligned table with a header rule and a row count. */
  static void printCells(String[] columns, List<String[]> rows, PrintStream out) {
    int[] widths = new int[columns.length];
    List<String[]> cells = new ArrayList<>();
    for (int i = 0; i < columns.length; i++) {
      widths[i] = columns[i].length();
    }
    for (String[] r : rows) {
      String[] line = new String[columns.length];
      for (int i = 0; i < columns.length; i++) {
        line[i] = cut(r[i]);
        widths[i] = Math.max(widths[i], line[i].length());
      }
      cells.add(line);
    }
    out.println(line(columns, widths));
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < columns.length; i++) {
      rule.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
    }
    out.println(rule);
    cells.forEach(c -> out.println(line(c, widths)));
    out.printf(Locale.ROOT, "(%,d row%s)%n", rows.size(), rows.size() == 1 ? "" : "s");
  }

  static void printCsv(String[] columns, List<Row> rows, PrintStream out) {
    out.println(csvLine(columns));
    for (Row r : rows) {
      String[] line = new String[columns.length];
      for (int i = 0; i < columns.length; i++) {
        line[i] = r.isNullAt(i) ? "" : text(r.get(i));
      }
      out.println(csvLine(line));
    }
  }

  private static String line(String[] values, int[] widths) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      s.append(i == 0 ? "" : " | ")
          .append(values[i])
          .append(" ".repeat(widths[i] - values[i].length()));
    }
    return s.toString().stripTrailing();
  }

  /** A value as text: null as NULL, arrays and structs as Spark prints them. */
  private static String text(Object value) {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof scala.collection.Seq<?> seq) {
      return seq.mkString("[", ", ", "]");
    }
    return value.toString();
  }

  /** One line of a cell: line breaks as spaces, cut to {@link #MAX_CELL} characters. */
  private static String cut(String s) {
    String one = s.replaceAll("\\s+", " ");
    return one.length() <= MAX_CELL ? one : one.substring(0, MAX_CELL - 1) + "…";
  }

  private static String csvLine(String[] values) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      String v = values[i];
      boolean quote =
          v.indexOf(',') >= 0
              || v.indexOf('"') >= 0
              || v.indexOf('\n') >= 0
              || v.indexOf('\r') >= 0;
      s.append(i == 0 ? "" : ",").append(quote ? '"' + v.replace("\"", "\"\"") + '"' : v);
    }
    return s.toString();
  }
}
