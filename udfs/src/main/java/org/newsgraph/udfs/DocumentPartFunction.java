package org.newsgraph.udfs;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.newsgraph.nlp.NlpSettings;

/**
 * One list field of {@code ng_annotate(text)}, for ad-hoc SQL: {@code ng_entities(text)} is its
 * {@code mentions} ({@link AnnotationSchema#MENTIONS_TYPE}), {@code ng_sentiment(text)} its {@code
 * sentences} with sentiment ({@link AnnotationSchema#SENTENCES_TYPE}; label, score and class
 * probabilities are null for sentences the sentiment scope leaves out or that are longer than the
 * parser's limit). Shares the annotation of the same text with the other functions in one query
 * (see {@link AnnotateFunction}). Null, blank or failed documents give an empty list.
 */
public final class DocumentPartFunction implements UDF1<String, List<Row>> {

  private final NlpSettings settings;
  private final String signature;
  private final int field;

  /**
   * @param field {@link AnnotationSchema#MENTIONS} or {@link AnnotationSchema#SENTENCES}
   */
  public DocumentPartFunction(NlpSettings settings, String field) {
    this.settings = settings;
    this.signature = settings.signature();
    this.field = AnnotationSchema.DOCUMENT.fieldIndex(field);
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<Row> call(String text) {
    // AnnotationSchema.toRow stores Java lists (Row.getList expects Scala ones).
    return (List<Row>) AnnotateFunction.annotate(settings, signature, text).get(field);
  }
}
