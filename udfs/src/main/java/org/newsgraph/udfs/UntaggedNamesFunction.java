package org.newsgraph.udfs;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF4;
import org.newsgraph.nlp.UntaggedNames;
import org.newsgraph.udfs.AnnotationSchema.NamedFields;
import org.newsgraph.udfs.AnnotationSchema.SentenceFields;
import scala.collection.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * {@code ng_untagged_names(text, from, sentences, named)}: the written names of the corpus's
 * gazetteer that CoreNLP left untagged in one article ({@link UntaggedNames#find}), as {@link
 * AnnotationSchema#UNTAGGED_NAMES_TYPE}. {@code from} is the first character after the dateline,
 * {@code sentences} the article's sentences (as stored by {@code ng_annotate}), {@code named} its
 * mentions as {@link AnnotationSchema#NAMED_MENTION} (null for none). Null text or sentences give
 * null. The gazetteer is a broadcast value, shipped once per executor.
 */
public final class UntaggedNamesFunction
    implements UDF4<String, Integer, Seq<Row>, Seq<Row>, List<Row>> {

  private static final RowBuilder HITS = new RowBuilder(AnnotationSchema.UNTAGGED_NAME);

  private final Broadcast<UntaggedNames> gazetteer;

  public UntaggedNamesFunction(Broadcast<UntaggedNames> gazetteer) {
    this.gazetteer = gazetteer;
  }

  @Override
  public List<Row> call(String text, Integer from, Seq<Row> sentences, Seq<Row> named) {
    if (text == null || sentences == null) {
      return null;
    }
    List<Row> sentenceRows = CollectionConverters.asJava(sentences);
    int[] begins = new int[sentenceRows.size()];
    int[] ends = new int[sentenceRows.size()];
    for (int i = 0; i < begins.length; i++) {
      begins[i] = sentenceRows.get(i).<Integer>getAs(SentenceFields.CHAR_BEGIN);
      ends[i] = sentenceRows.get(i).<Integer>getAs(SentenceFields.CHAR_END);
    }
    List<UntaggedNames.Named> mentions = new ArrayList<>();
    if (named != null) {
      for (Row r : CollectionConverters.asJava(named)) {
        mentions.add(
            new UntaggedNames.Named(
                r.<Integer>getAs(NamedFields.CHAR_BEGIN),
                r.<Integer>getAs(NamedFields.CHAR_END),
                r.getAs(NamedFields.SURFACE),
                r.getAs(NamedFields.ENTITY),
                r.<Boolean>getAs(NamedFields.PERSON)));
      }
    }
    List<Row> hits = new ArrayList<>();
    for (UntaggedNames.Hit h :
        gazetteer.value().find(text, from == null ? 0 : from, begins, ends, mentions)) {
      hits.add(
          HITS.row()
              .set(NamedFields.CHAR_BEGIN, h.begin())
              .set(NamedFields.CHAR_END, h.end())
              .set(NamedFields.SURFACE, h.surface())
              .set(NamedFields.ENTITY, h.entity())
              .set(NamedFields.SENTENCE_INDEX, h.sentenceIndex())
              .set(NamedFields.SENTENCE_INITIAL, h.sentenceInitial())
              .set(NamedFields.CAPITALIZED_NEXT, h.capitalizedNext())
              .build());
    }
    return hits;
  }
}
