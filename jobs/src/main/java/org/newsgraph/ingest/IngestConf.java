package org.newsgraph.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.newsgraph.config.Setting;
import org.newsgraph.config.SettingKeys;
import org.newsgraph.config.Settings;
import org.newsgraph.config.TextFiles;
import org.newsgraph.errors.NewsgraphErrors;

/**
 * The ingest stage's configuration, built from the resolved settings at the start of a run: the
 * forced input format and the {@link IngestRules} that turn raw records into articles. Every value
 * is checked here, so a bad one fails before any file is read (exit code 2, naming the key).
 */
public final class IngestConf {

  private IngestConf() {}

  /** The input format forced for every file, or null to go by file extension. */
  public static InputFiles.Format format(Settings settings) {
    return InputFiles.Format.parse(settings.getChoice(SettingKeys.FORMAT));
  }

  /** How raw records become articles, for a run starting on {@code runDay}. */
  public static IngestRules rules(Settings settings, LocalDate runDay) {
    ZoneId zone = settings.zone();
    LocalDate min = settings.getDate(SettingKeys.MIN_DATE, null);
    LocalDate max = settings.getDate(SettingKeys.MAX_DATE, runDay.plusDays(2));
    FieldMapping fields =
        new FieldMapping(
            settings.getList(SettingKeys.FIELD_ID),
            settings.getList(SettingKeys.FIELD_PUBLISHED),
            settings.getList(SettingKeys.FIELD_SOURCE),
            settings.getList(SettingKeys.FIELD_TITLE),
            settings.getList(SettingKeys.FIELD_TEXT),
            settings.getList(SettingKeys.FIELD_URL));
    String delimiter = settings.get(SettingKeys.CSV_DELIMITER);
    if (delimiter.isEmpty()) {
      throw NewsgraphErrors.badSettingValue(
          SettingKeys.CSV_DELIMITER.key(), delimiter, "a delimiter character", null);
    }
    return new IngestRules(
        fields,
        zone,
        min,
        max,
        new ArticleText(
            boilerplate(settings),
            settings.getInt(SettingKeys.MAX_CHARS),
            settings.getBoolean(SettingKeys.REPAIR_GLUED_WORDS)),
        pathName(settings, SettingKeys.ID_NAMESPACE),
        pathName(settings, SettingKeys.TEXT_SOURCE),
        settings.getInt(SettingKeys.QUARANTINE_RECORD_MAX_CHARS),
        delimiter,
        languageCheck(settings),
        datelines(settings),
        settings.getInt(SettingKeys.MAX_FILE_BYTES),
        settings.getInt(SettingKeys.MAX_RECORD_BYTES));
  }

  /** A {@link PathNames} spec, checked. */
  private static String pathName(Settings settings, Setting setting) {
    String spec = settings.get(setting);
    String problem = PathNames.problem(spec);
    if (problem != null) {
      throw NewsgraphErrors.badSettingValue(setting.key(), spec, problem, null);
    }
    return spec;
  }

  private static Datelines datelines(Settings settings) {
    String regex = settings.get(SettingKeys.DATELINE_PATTERN);
    try {
      return new Datelines(regex);
    } catch (java.util.regex.PatternSyntaxException e) {
      throw NewsgraphErrors.badSettingValue(
          SettingKeys.DATELINE_PATTERN.key(),
          regex,
          "a Java regular expression matched at the start of an article's text, or an empty"
              + " value to turn dateline detection off",
          e);
    }
  }

  private static LanguageCheck languageCheck(Settings settings) {
    List<String> codes = settings.getList(SettingKeys.LANGUAGES);
    try {
      return new LanguageCheck(
          codes.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList(),
          settings.getInt(SettingKeys.LANGUAGE_MIN_LETTERS),
          settings.getDouble(SettingKeys.LANGUAGE_MAX_ACCEPTED_CONFIDENCE));
    } catch (IllegalArgumentException e) {
      throw NewsgraphErrors.badSettingValue(
          SettingKeys.LANGUAGES.key(),
          String.join(",", codes),
          "ISO 639-1 language codes such as en,de",
          e);
    }
  }

  private static List<String> boilerplate(Settings settings) {
    String file = settings.get(SettingKeys.BOILERPLATE_FILE);
    if (file.isBlank()) {
      return ArticleText.DEFAULT_BOILERPLATE;
    }
    try {
      List<String> patterns =
          TextFiles.lines(Path.of(file)).stream()
              .map(String::strip)
              .filter(l -> !l.isEmpty() && !l.startsWith("#"))
              .toList();
      patterns.forEach(java.util.regex.Pattern::compile);
      return patterns;
    } catch (IOException | java.util.regex.PatternSyntaxException e) {
      throw NewsgraphErrors.badSettingValue(
          SettingKeys.BOILERPLATE_FILE.key(), file, "a readable file of regular expressions", e);
    }
  }
}
