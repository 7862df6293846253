package org.newsgraph.udfs;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.newsgraph.nlp.CoreNlpPipelines;
import org.newsgraph.nlp.NlpSettings;

/**
 * {@code ng_annotate(text)}: one CoreNLP pass over a document, returned as {@link
 * AnnotationSchema#DOCUMENT}. Only the settings are serialized with the function; the pipeline is
 * looked up (and on first use loaded) in the executor's JVM. Null or blank text gives empty lists;
 * a document CoreNLP fails on gives empty lists and the failure in the {@code error} field.
 */
public final class AnnotateFunction implements UDF1<String, Row> {

  private final NlpSettings settings;
  private final String signature;

  public AnnotateFunction(NlpSettings settings) {
    this.settings = settings;
    this.signature = settings.signature();
  }

  @Override
  public Row call(String text) {
    return AnnotationSchema.toRow(CoreNlpPipelines.annotator(settings).annotate(text), signature);
  }
}
