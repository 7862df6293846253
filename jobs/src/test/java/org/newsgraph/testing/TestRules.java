package org.newsgraph.testing;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.newsgraph.ingest.ArticleText;
import org.newsgraph.ingest.Datelines;
import org.newsgraph.ingest.FieldMapping;
import org.newsgraph.ingest.IngestRules;
import org.newsgraph.ingest.LanguageCheck;
import org.newsgraph.ingest.PathNames;

/**
 * The ingest rules of the default settings (UTC, plausible dates 1900..2100, glued-word repair and
 * the default dateline pattern), for tests.
 */
public final class TestRules {

  private TestRules() {}

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
        new ArticleText(ArticleText.DEFAULT_BOILERPLATE, ArticleText.DEFAULT_MAX_CHARS, true),
        IngestRules.DIRECTORY_NAMESPACE,
        PathNames.DIRECTORY,
        maxRaw,
        ",",
        LanguageCheck.OFF,
        new Datelines(Datelines.DEFAULT_PATTERN));
  }
}
