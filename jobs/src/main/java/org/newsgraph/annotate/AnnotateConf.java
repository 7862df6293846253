package org.newsgraph.annotate;

import java.util.List;
import org.newsgraph.config.SettingKeys;
import org.newsgraph.config.Settings;
import org.newsgraph.errors.NewsgraphErrors;
import org.newsgraph.nlp.NlpSettings;
import org.newsgraph.nlp.SentimentScope;

/**
 * The annotate stage's configuration, built from the settings at the start of a run: the {@link
 * NlpSettings} that travel to the executors (CoreNLP pipelines are built from them, once per JVM).
 * A bad value throws, naming the key.
 */
public final class AnnotateConf {

  private AnnotateConf() {}

  /** The annotation settings that travel to executors. */
  public static NlpSettings nlp(Settings settings) {
    SentimentScope scope = SentimentScope.parse(settings.getChoice(SettingKeys.SENTIMENT));
    List<String> custom = settings.getList(SettingKeys.CUSTOM_ANNOTATORS);
    try {
      return new NlpSettings(
          scope,
          settings.getInt(SettingKeys.PARSE_MAXLEN),
          settings.get(SettingKeys.PARSE_MODEL),
          settings.get(SettingKeys.SENTIMENT_MODEL),
          settings.get(SettingKeys.NER_MODELS),
          settings.getList(SettingKeys.SENTIMENT_TRIGGER_TYPES),
          custom,
          settings.getInt(SettingKeys.TIMEOUT_SECONDS),
          settings.getInt(SettingKeys.MAX_SENTENCE_TOKENS),
          settings.getInt(SettingKeys.MAX_ABANDONED_THREADS));
    } catch (IllegalArgumentException e) {
      throw NewsgraphErrors.badSettingValue(
          SettingKeys.CUSTOM_ANNOTATORS.key(),
          String.join(",", custom),
          "name=fully.qualified.Class entries separated by commas",
          e);
    }
  }
}
