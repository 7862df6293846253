package org.newsgraph.query;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.newsgraph.errors.NewsgraphErrors;
import org.newsgraph.nlp.EntityCanonicalizer;
import org.newsgraph.tables.TableIO;
import org.newsgraph.tables.Tables;

/**
 * The entity directory of an output as an {@link EntityLookup}, and the resolution of a typed name
 * with an error that suggests names when it finds none. Needs the views of {@link
 * OutputQuery#registerViews}.
 */
public final class EntityNames {

  private EntityNames() {}

  /** Reads the {@code entities} table (all of it: one row per entity, with its spellings). */
  public static EntityLookup load(
      SparkSession spark, String output, EntityCanonicalizer canonicalizer) {
    if (!spark.catalog().tableExists(Tables.ENTITIES.name())) {
      throw NewsgraphErrors.tableMissing(
          Tables.ENTITIES.name(),
          TableIO.path(output, Tables.ENTITIES),
          Tables.ENTITIES.producer());
    }
    List<EntityLookup.Entry> entries = new ArrayList<>();
    for (Row r : spark.table(Tables.ENTITIES.name()).collectAsList()) {
      List<EntityLookup.Variant> variants = new ArrayList<>();
      for (Row v : r.<Row>getList(r.fieldIndex(Tables.VARIANTS))) {
        variants.add(
            new EntityLookup.Variant(v.getAs(Tables.SURFACE), v.<Long>getAs(Tables.MENTION_COUNT)));
      }
      entries.add(
          new EntityLookup.Entry(
              r.getAs(Tables.ENTITY),
              r.getAs(Tables.ENTITY_TYPE),
              r.<Long>getAs(Tables.MENTION_COUNT),
              variants));
    }
    return new EntityLookup(entries, canonicalizer);
  }

  /** The {@code entities} row of an entity found by a lookup. */
  public static Row row(SparkSession spark, String entity, String type) {
    return spark
        .table(Tables.ENTITIES.name())
        .where(col(Tables.ENTITY).equalTo(entity).and(col(Tables.ENTITY_TYPE).equalTo(type)))
        .first();
  }

  /** The entity {@code name} stands for; fails with suggestions when there is none. */
  public static EntityLookup.Match resolve(EntityLookup lookup, String name) {
    EntityLookup.Match match = lookup.find(name);
    if (match == null) {
      throw NewsgraphErrors.unknownEntity(name, lookup.suggestions(name));
    }
    return match;
  }

  /** One line saying how a typed name was resolved, and what else it could have meant. */
  public static String explain(String name, EntityLookup.Match match) {
    StringBuilder s =
        new StringBuilder()
            .append("'")
            .append(name)
            .append("' is ")
            .append(match.entry().entity())
            .append(" (")
            .append(match.entry().type())
            .append("; ")
            .append(match.how())
            .append(")");
    if (!match.others().isEmpty()) {
      s.append("; also a name of ")
          .append(
              String.join(
                  ", ",
                  match.others().stream()
                      .limit(3)
                      .map(e -> e.entity() + " (" + e.type() + ")")
                      .toList()))
          .append(": give the full name to choose another");
    }
    return s.toString();
  }
}
