package org.newsgraph.tables;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * A newsgraph table: its directory name under the output directory, its full schema (partition
 * columns included), its partition columns and the stage that writes it.
 */
public record TableDef(String name, StructType schema, List<String> partitionBy, String producer) {

  /** Column names in schema order. */
  public List<String> columns() {
    return List.of(schema.fieldNames());
  }
}
