package org.newsgraph.config;

/**
 * One setting: its key, its default (as written in the settings file) and a one-line comment.
 *
 * @param key the key, always starting with {@code newsgraph.}
 * @param defaultValue the value used when no source sets the key
 * @param comment one line saying what it does, copied into conf/newsgraph.properties
 */
public record Setting(String key, String defaultValue, String comment) {}
