package org.newsgraph.config;

/**
 * One setting: its key, its default (as written in the settings file), the kind of its value (type,
 * parser and bounds) and a one-line comment.
 *
 * @param key the key, always starting with {@code newsgraph.}
 * @param defaultValue the value used when no source sets the key; always accepted by {@code kind}
 * @param kind what values are valid
 * @param comment one line saying what it does, copied into conf/newsgraph.properties
 */
public record Setting(String key, String defaultValue, SettingKind kind, String comment) {

  public Setting {
    if (!kind.accepts(defaultValue.strip())) {
      throw new IllegalArgumentException(
          "default '" + defaultValue + "' of " + key + " is not " + kind.expected());
    }
  }
}
