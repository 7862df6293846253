package org.newsgraph.udfs;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * Builds Spark rows of one schema by field name, never by position: {@code
 * builder.row().set(CHAR_BEGIN, 0).set(CHAR_END, 12)...build()}. A name the schema lacks, or a
 * field left unset, is a bug reported at once, so a value can never land in the wrong column when a
 * schema gains or reorders fields. One immutable instance per schema, shared by all rows.
 */
public final class RowBuilder implements Serializable {

  private static final long serialVersionUID = 1L;

  private final String[] names;
  private final Map<String, Integer> index = new HashMap<>();

  public RowBuilder(StructType schema) {
    this.names = schema.fieldNames();
    for (int i = 0; i < names.length; i++) {
      index.put(names[i], i);
    }
  }

  /** A new row to fill. */
  public Values row() {
    return new Values();
  }

  /** The values of one row being built. */
  public final class Values {

    private final Object[] values = new Object[names.length];
    private final boolean[] given = new boolean[names.length];

    private Values() {}

    /** Sets one field by name (null is a value). */
    public Values set(String name, Object value) {
      Integer i = index.get(name);
      if (i == null) {
        throw new IllegalStateException(
            "bug: no field '" + name + "' in a row of " + Arrays.toString(names));
      }
      values[i] = value;
      given[i] = true;
      return this;
    }

    /** The row; every field must have been set. */
    public Row build() {
      for (int i = 0; i < names.length; i++) {
        if (!given[i]) {
          throw new IllegalStateException(
              "bug: field '" + names[i] + "' not set in a row of " + Arrays.toString(names));
        }
      }
      return RowFactory.create(values);
    }
  }
}
