package org.newsgraph.nlp;

import java.util.List;

/**
 * An executor JVM holds {@link NlpSettings#maxAbandonedThreads()} or more annotation workers still
 * running documents they were given up on after {@link NlpSettings#timeoutSeconds()}: CoreNLP code
 * that ignores interruption. {@link DocumentAnnotator#annotate} throws it instead of annotating, so
 * that the Spark task fails and Spark retries it, rather than the executor going on with that much
 * of its CPU lost. The documents given up are in quarantine as {@code annotation_timeout}.
 */
public final class AbandonedThreadsException extends RuntimeException {

  /**
   * @param documents how each document still running begins
   */
  public AbandonedThreadsException(int abandoned, int limit, List<String> documents) {
    super(
        abandoned
            + " annotation worker thread(s) of this JVM still run documents given up after"
            + " newsgraph.annotate.timeoutSeconds (code that ignores interruption), reaching"
            + " newsgraph.annotate.maxAbandonedThreads = "
            + limit
            + "; this task fails so that Spark retries it. The documents begin: "
            + String.join(" | ", documents));
  }
}
