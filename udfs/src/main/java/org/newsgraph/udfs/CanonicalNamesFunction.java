package org.newsgraph.udfs;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.newsgraph.nlp.EntityCanonicalizer;
import org.newsgraph.nlp.EntityMention;
import scala.collection.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * {@code ng_canonical_names(mentions)}: the canonical name, type and resolution rule of each
 * mention of one article (the {@code mentions} array of {@code ng_annotate}), in the same order,
 * with the mention's index and its own name before article context, as {@link
 * AnnotationSchema#CANONICAL_NAMES_TYPE}. A compound of two persons ("Trump-Kim") gives two structs
 * with the same index. Null input gives null.
 */
public final class CanonicalNamesFunction implements UDF1<Seq<Row>, List<Row>> {

  private static final RowBuilder NAME_ROWS = new RowBuilder(AnnotationSchema.CANONICAL_NAME);

  private final EntityCanonicalizer canonicalizer;

  public CanonicalNamesFunction(EntityCanonicalizer canonicalizer) {
    this.canonicalizer = canonicalizer;
  }

  @Override
  public List<Row> call(Seq<Row> mentions) {
    if (mentions == null) {
      return null;
    }
    List<EntityMention> list = new ArrayList<>(mentions.size());
    for (Row r : CollectionConverters.asJava(mentions)) {
      list.add(AnnotationSchema.mention(r));
    }
    List<Row> names = new ArrayList<>(list.size());
    for (EntityCanonicalizer.MentionName n : canonicalizer.canonicalNames(list)) {
      names.add(
          NAME_ROWS
              .row()
              .set(AnnotationSchema.MENTION_INDEX, n.mention())
              .set(AnnotationSchema.BASE_NAME, n.base())
              .set(AnnotationSchema.ENTITY, n.name().name())
              .set(AnnotationSchema.ENTITY_TYPE, n.name().type())
              .set(AnnotationSchema.RESOLUTION, n.name().resolution().value())
              .build());
    }
    return names;
  }
}
