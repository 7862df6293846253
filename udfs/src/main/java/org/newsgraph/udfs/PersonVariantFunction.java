package org.newsgraph.udfs;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.newsgraph.nlp.PersonVariants;

/**
 * {@code ng_person_variant(name)}: the variant key and middle initials of a person name ({@link
 * PersonVariants}), as {@link AnnotationSchema#PERSON_VARIANT}; null when the name has none.
 */
public final class PersonVariantFunction implements UDF1<String, Row> {

  private static final RowBuilder ROWS = new RowBuilder(AnnotationSchema.PERSON_VARIANT);

  @Override
  public Row call(String name) {
    PersonVariants.Variant v = PersonVariants.of(name);
    return v == null
        ? null
        : ROWS.row()
            .set(AnnotationSchema.VARIANT_KEY, v.key())
            .set(AnnotationSchema.INITIALS, v.initials())
            .build();
  }
}
