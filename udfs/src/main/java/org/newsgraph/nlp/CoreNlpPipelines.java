package org.newsgraph.nlp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-JVM holder of CoreNLP pipelines, keyed by {@link NlpSettings#signature()}. A pipeline is
 * built lazily on first use in each executor JVM and lives as long as the JVM; tasks running
 * concurrently in the JVM share it (see {@link DocumentAnnotator} on thread safety). Pipelines are
 * never serialized: only the settings travel.
 *
 * <p>The limits that are not part of the signature (time budget, longest sentence) come from the
 * settings of each call: settings that differ only in them share the models, each with its own
 * limits.
 */
public final class CoreNlpPipelines {

  private static final Logger LOG = LoggerFactory.getLogger(CoreNlpPipelines.class);
  private static final Map<String, DocumentAnnotator> PIPELINES = new ConcurrentHashMap<>();
  // The annotators of settings whose limits differ from the ones their models were loaded with.
  private static final Map<NlpSettings, DocumentAnnotator> WITH_LIMITS = new ConcurrentHashMap<>();

  private CoreNlpPipelines() {}

  /** The annotator for these settings, loading the models on first use in this JVM. */
  public static DocumentAnnotator annotator(NlpSettings settings) {
    DocumentAnnotator models = PIPELINES.get(settings.signature());
    if (models == null) {
      synchronized (CoreNlpPipelines.class) {
        models = PIPELINES.computeIfAbsent(settings.signature(), k -> load(settings));
      }
    }
    if (models.settings().equals(settings)) {
      return models;
    }
    DocumentAnnotator loaded = models;
    return WITH_LIMITS.computeIfAbsent(settings, s -> loaded.withLimitsOf(s));
  }

  /** How many distinct pipelines this JVM has loaded. */
  public static int loaded() {
    return PIPELINES.size();
  }

  private static DocumentAnnotator load(NlpSettings settings) {
    long start = System.nanoTime();
    LOG.info(
        "Loading CoreNLP {} models (settings {}, sentiment {}) ...",
        NlpSettings.CORENLP_VERSION,
        settings.signature(),
        settings.sentimentScope().settingValue());
    DocumentAnnotator annotator = new DocumentAnnotator(settings);
    LOG.info(
        "Loaded CoreNLP models for settings {} in {} s",
        settings.signature(),
        String.format("%.1f", (System.nanoTime() - start) / 1e9));
    return annotator;
  }
}
