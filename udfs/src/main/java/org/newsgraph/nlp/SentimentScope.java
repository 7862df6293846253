package org.newsgraph.nlp;

import java.util.Locale;

/** Which sentences get a sentiment score: parsing is by far the slowest step, so it is scoped. */
public enum SentimentScope {
  /** Only sentences with at least one named-entity mention (the default). */
  ENTITY_SENTENCES,
  /** Every sentence up to the parser's length limit. */
  ALL,
  /** No sentiment: no parser is loaded at all. */
  OFF;

  /** Parses a setting value such as {@code entity_sentences}, {@code all} or {@code off}. */
  public static SentimentScope parse(String value) {
    String v = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (SentimentScope s : values()) {
      if (s.name().equals(v)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown sentiment scope '" + value + "'; expected entity_sentences, all or off");
  }

  /** The setting value, as written in conf/newsgraph.properties. */
  public String settingValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
