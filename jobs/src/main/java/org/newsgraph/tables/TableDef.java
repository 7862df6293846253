package org.newsgraph.tables;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * A newsgraph table: its directory name under the output directory, its full schema (partition
 * columns included), its partition columns, the stage that writes it, and the columns Delta keeps
 * file statistics of.
 *
 * @param statsColumns the columns whose minimum, maximum and null count Delta records for every
 *     data file (table property {@code delta.dataSkippingStatsColumns}): the columns queries select
 *     rows by, so that they skip files. Empty: Delta's default, the first 32 columns. Every write
 *     computes these statistics over every row it writes, so a table of many rows names few.
 */
public record TableDef(
    String name,
    StructType schema,
    List<String> partitionBy,
    String producer,
    List<String> statsColumns) {

  /** A table with Delta's default statistics (its first 32 columns). */
  public TableDef(String name, StructType schema, List<String> partitionBy, String producer) {
    this(name, schema, partitionBy, producer, List.of());
  }

  /** Column names in schema order. */
  public List<String> columns() {
    return List.of(schema.fieldNames());
  }

  /** The columns in schema order, to select a table's rows with: {@code df.select(t.cols())}. */
  public Column[] cols() {
    return columns().stream().map(functions::col).toArray(Column[]::new);
  }
}
