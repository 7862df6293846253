package org.newsgraph.testing;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.newsgraph.config.SettingKeys;
import org.newsgraph.config.Settings;
import org.newsgraph.ingest.ArticleText;
import org.newsgraph.ingest.Datelines;
import org.newsgraph.ingest.FieldMapping;
import org.newsgraph.ingest.IngestRules;
import org.newsgraph.ingest.LanguageCheck;
import org.newsgraph.ingest.PathNames;
import org.newsgraph.stories.NearDuplicates;

/**
 * The ingest rules of the default settings (UTC, plausible dates 1900..2100, glued-word repair and
 * the default dateline pattern), and near-duplicate stories with the default settings, for tests.
 */
public final class TestRules {

  /** The default of newsgraph.ingest.maxChars. */
  public static final int MAX_CHARS = Settings.defaults().getInt(SettingKeys.MAX_CHARS);

  private TestRules() {}

  /** Near-duplicate stories with the default Jaccard threshold and shingle size. */
  public static Dataset<Row> stories(Dataset<Row> articles) {
    Settings defaults = Settings.defaults();
    return NearDuplicates.stories(
        articles,
        defaults.getDouble(SettingKeys.NEAR_DUPLICATE_JACCARD),
        defaults.getInt(SettingKeys.SHINGLE_WORDS));
  }

  public static IngestRules rules(int maxRaw) {
    return new IngestRules(
        new FieldMapping(
            List.of("id"),
            List.of("published", "date"),
            List.of("source"),
            List.of("title", "headline"),
            List.of("text", "body", "content"),
            List.of("url")),
        ZoneOffset.UTC,
        LocalDate.of(1900, 1, 1),
        LocalDate.of(2100, 1, 1),
        new ArticleText(ArticleText.DEFAULT_BOILERPLATE, MAX_CHARS, true),
        IngestRules.DIRECTORY_NAMESPACE,
        PathNames.DIRECTORY,
        maxRaw,
        ",",
        LanguageCheck.OFF,
        new Datelines(Datelines.DEFAULT_PATTERN),
        Settings.defaults().getInt(SettingKeys.MAX_FILE_BYTES),
        Settings.defaults().getInt(SettingKeys.MAX_RECORD_BYTES));
  }
}
