package org.newsgraph.udfs;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.newsgraph.nlp.CoreNlpPipelines;
import org.newsgraph.nlp.DocumentAnnotation;
import org.newsgraph.nlp.NlpSettings;

/**
 * {@code ng_annotate(text)}: one CoreNLP pass over a document, returned as {@link
 * AnnotationSchema#DOCUMENT}. Only the settings are serialized with the function; the pipeline is
 * looked up (and on first use loaded) in the executor's JVM. Null or blank text gives empty lists;
 * a document CoreNLP fails on gives empty lists and the failure in the {@code failure} and {@code
 * error} fields.
 *
 * <p>One pass per document, however many functions read it: {@code ng_annotate}, {@code
 * ng_entities} and {@code ng_sentiment} all go through {@link #annotate}, which remembers the last
 * document of each thread. Spark evaluates the expressions of one row one after the other on the
 * task's thread, so {@code SELECT ng_entities(text), ng_sentiment(text)} (or two fields of {@code
 * ng_annotate(text)}) annotates each text once; the memory is one document per task thread. A
 * remembered result is only reused for the same text and settings signature, for which CoreNLP
 * gives the same result anyway; failed documents are not remembered.
 */
public final class AnnotateFunction implements UDF1<String, Row> {

  private static final ThreadLocal<LastDocument> LAST = new ThreadLocal<>();

  private final NlpSettings settings;
  private final String signature;

  public AnnotateFunction(NlpSettings settings) {
    this.settings = settings;
    this.signature = settings.signature();
  }

  @Override
  public Row call(String text) {
    return annotate(settings, signature, text);
  }

  /** The {@link AnnotationSchema#DOCUMENT} row of {@code text}, reusing the thread's last one. */
  static Row annotate(NlpSettings settings, String signature, String text) {
    LastDocument last = LAST.get();
    if (last != null && last.matches(signature, text)) {
      return last.row();
    }
    DocumentAnnotation annotation = CoreNlpPipelines.annotator(settings).annotate(text);
    Row row = AnnotationSchema.toRow(annotation, signature);
    // A failure is not remembered: a later call (a retry in the next run) tries again.
    LAST.set(annotation.failed() ? null : new LastDocument(signature, text, row));
    return row;
  }

  private record LastDocument(String signature, String text, Row row) {
    boolean matches(String otherSignature, String otherText) {
      return signature.equals(otherSignature) && java.util.Objects.equals(text, otherText);
    }
  }
}
