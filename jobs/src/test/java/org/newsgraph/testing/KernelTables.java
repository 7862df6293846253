package org.newsgraph.testing;

import static io.delta.kernel.internal.util.Utils.singletonCloseableIterator;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.newsgraph.tables.TableDef;
import org.newsgraph.tables.TableIO;

/**
 * Reads a newsgraph table with Delta Kernel, a Delta reader independent of Spark: the version of
 * the latest snapshot, its column names and the values of its first column (a string column in
 * every table), row by row. For tests that check the tables are Delta tables any reader can read.
 */
public final class KernelTables {

  /**
   * What Kernel read: the snapshot's version, column names, and the first column's value of every
   * row.
   */
  public record Read(long version, List<String> columns, List<String> firstColumn) {}

  private KernelTables() {}

  /** The table's latest snapshot. */
  public static Read read(String output, TableDef table) {
    Engine engine = DefaultEngine.create(new Configuration());
    return read(
        engine, Table.forPath(engine, TableIO.path(output, table)).getLatestSnapshot(engine));
  }

  /** The table's snapshot of a version (time travel). */
  public static Read read(String output, TableDef table, long version) {
    Engine engine = DefaultEngine.create(new Configuration());
    return read(
        engine,
        Table.forPath(engine, TableIO.path(output, table)).getSnapshotAsOfVersion(engine, version));
  }

  private static Read read(Engine engine, Snapshot snapshot) {
    try {
      StructType schema = snapshot.getSchema();
      Scan scan = snapshot.getScanBuilder().build();
      Row scanState = scan.getScanState(engine);
      StructType physical = ScanStateRow.getPhysicalDataReadSchema(engine, scanState);
      List<String> values = new ArrayList<>();
      try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
        while (files.hasNext()) {
          try (CloseableIterator<Row> fileRows = files.next().getRows()) {
            while (fileRows.hasNext()) {
              Row fileRow = fileRows.next();
              FileStatus file = InternalScanFileUtils.getAddFileStatus(fileRow);
              CloseableIterator<ColumnarBatch> data =
                  engine
                      .getParquetHandler()
                      .readParquetFiles(
                          singletonCloseableIterator(file), physical, Optional.empty());
              try (CloseableIterator<FilteredColumnarBatch> batches =
                  Scan.transformPhysicalData(engine, scanState, fileRow, data)) {
                while (batches.hasNext()) {
                  collect(batches.next(), values);
                }
              }
            }
          }
        }
      }
      return new Read(snapshot.getVersion(), schema.fieldNames(), values);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void collect(FilteredColumnarBatch batch, List<String> values) {
    ColumnarBatch data = batch.getData();
    ColumnVector first = data.getColumnVector(0);
    Optional<ColumnVector> selected = batch.getSelectionVector();
    for (int i = 0; i < data.getSize(); i++) {
      if (selected.isPresent() && (selected.get().isNullAt(i) || !selected.get().getBoolean(i))) {
        continue;
      }
      values.add(first.isNullAt(i) ? null : first.getString(i));
    }
  }
}
