package org.newsgraph.config;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The type of a setting's value: how it is parsed and which values are allowed. {@link
 * Settings#check()} checks every value against its kind right after the settings are resolved, so a
 * bad value of any stage fails before any work; the typed getters of {@link Settings} rely on it.
 */
public sealed interface SettingKind {

  /** What a valid value looks like, for error messages ("an integer >= 1"). */
  String expected();

  /** Whether {@code value} (stripped) is valid. */
  boolean accepts(String value);

  /** Any text. */
  record Text() implements SettingKind {
    @Override
    public String expected() {
      return "any text";
    }

    @Override
    public boolean accepts(String value) {
      return true;
    }
  }

  /** A comma-separated list; entries are trimmed and empty entries dropped. */
  record ListOf() implements SettingKind {
    @Override
    public String expected() {
      return "a comma-separated list";
    }

    @Override
    public boolean accepts(String value) {
      return true;
    }
  }

  /** true or false. */
  record Flag() implements SettingKind {
    @Override
    public String expected() {
      return "true or false";
    }

    @Override
    public boolean accepts(String value) {
      return value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false");
    }
  }

  /** An integer of at least {@code min}. */
  record Whole(int min) implements SettingKind {
    @Override
    public String expected() {
      return "an integer >= " + min;
    }

    @Override
    public boolean accepts(String value) {
      try {
        return Integer.parseInt(value) >= min;
      } catch (NumberFormatException e) {
        return false;
      }
    }
  }

  /** A number from {@code min} to {@code max}. */
  record Decimal(double min, double max) implements SettingKind {
    @Override
    public String expected() {
      return "a number from " + min + " to " + max;
    }

    @Override
    public boolean accepts(String value) {
      try {
        double d = Double.parseDouble(value);
        return d >= min && d <= max;
      } catch (NumberFormatException e) {
        return false;
      }
    }
  }

  /** A day, YYYY-MM-DD; empty allowed when {@code optional} (the setting then has a meaning). */
  record Day(boolean optional) implements SettingKind {
    @Override
    public String expected() {
      return "a date YYYY-MM-DD" + (optional ? ", or empty" : "");
    }

    @Override
    public boolean accepts(String value) {
      if (value.isEmpty()) {
        return optional;
      }
      try {
        LocalDate.parse(value);
        return true;
      } catch (DateTimeException e) {
        return false;
      }
    }
  }

  /** One of a fixed set of values, case-insensitive. */
  record Choice(List<String> values) implements SettingKind {
    public Choice {
      values = List.copyOf(values);
    }

    @Override
    public String expected() {
      return "one of " + String.join(", ", values);
    }

    @Override
    public boolean accepts(String value) {
      return values.contains(value.toLowerCase(Locale.ROOT));
    }
  }

  /** A time zone id such as UTC or Europe/Berlin. */
  record Zone() implements SettingKind {
    @Override
    public String expected() {
      return "a time zone such as UTC or Europe/Berlin";
    }

    @Override
    public boolean accepts(String value) {
      try {
        ZoneId.of(value);
        return true;
      } catch (DateTimeException e) {
        return false;
      }
    }
  }

  /** A Java regular expression; empty allowed (the setting says what empty means). */
  record Regex() implements SettingKind {
    @Override
    public String expected() {
      return "a Java regular expression, or empty";
    }

    @Override
    public boolean accepts(String value) {
      try {
        Pattern.compile(value);
        return true;
      } catch (PatternSyntaxException e) {
        return false;
      }
    }
  }
}
