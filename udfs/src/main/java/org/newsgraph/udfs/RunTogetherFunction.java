package org.newsgraph.udfs;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF4;
import org.newsgraph.nlp.UntaggedNames;
import org.newsgraph.udfs.AnnotationSchema.NamedFields;

/**
 * {@code ng_run_together(surface, entity, char_begin, char_end)}: the two names a person mention
 * runs together ({@link UntaggedNames#parts}: "Trump Ocasio-Cortez"), as {@link
 * AnnotationSchema#NAME_PARTS_TYPE}; empty when it is one name, null for null offsets. The
 * gazetteer is a broadcast value, shipped once per executor.
 */
public final class RunTogetherFunction
    implements UDF4<String, String, Integer, Integer, List<Row>> {

  private static final RowBuilder PARTS = new RowBuilder(AnnotationSchema.NAME_PART);

  private final Broadcast<UntaggedNames> gazetteer;

  public RunTogetherFunction(Broadcast<UntaggedNames> gazetteer) {
    this.gazetteer = gazetteer;
  }

  @Override
  public List<Row> call(String surface, String entity, Integer begin, Integer end) {
    if (begin == null || end == null) {
      return null;
    }
    List<Row> parts = new ArrayList<>();
    for (UntaggedNames.Part p : gazetteer.value().parts(surface, entity, begin, end)) {
      parts.add(
          PARTS
              .row()
              .set(NamedFields.CHAR_BEGIN, p.begin())
              .set(NamedFields.CHAR_END, p.end())
              .set(NamedFields.SURFACE, p.surface())
              .set(NamedFields.ENTITY, p.entity())
              .build());
    }
    return parts;
  }
}
