package org.newsgraph.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.newsgraph.query.PairSeries;

/**
 * Tests the report's HTML without a browser: escaping of every value from the tables, links only
 * for http(s) URLs, file names, and one chart point per period with a value. The browser tests are
 * in {@link AnalystIT}.
 */
class ReportSiteTest {

  private static final String HOSTILE = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";

  private static PairSeries.Point point(String period, long documents, Double npmi) {
    return new PairSeries.Point(
        period,
        LocalDate.parse(period + "-01"),
        10,
        documents,
        documents,
        1,
        documents,
        documents,
        documents == 0 ? null : -0.2,
        documents == 0 ? null : 0.5,
        documents == 0 ? null : 0.5,
        documents == 0 ? null : 0.0,
        npmi,
        null);
  }

  private static String hostilePage() {
    return ReportSite.pairPage(
        new ReportSite.PairPage(
            "A" + HOSTILE,
            "PERSON",
            "B",
            "PERSON",
            "month",
            List.of(point("2018-05", 2, 0.4), point("2018-06", 0, null), point("2018-07", 1, null)),
            List.of(
                new PairSeries.Evidence(
                    "2018-07",
                    1,
                    LocalDate.parse("2018-07-02"),
                    HOSTILE,
                    HOSTILE,
                    "javascript:alert(3)",
                    HOSTILE,
                    "negative"),
                new PairSeries.Evidence(
                    "2018-05",
                    1,
                    LocalDate.parse("2018-05-02"),
                    "Wire",
                    "Title",
                    "https://example.org/a?x=1&y=\"2\"",
                    "A met B.",
                    null))));
  }

  @Test
  void escapesEveryValueFromTheTables() {
    String html = hostilePage();
    assertThat(html)
        .as("no markup from the tables")
        .doesNotContain("<script", "<img", "onerror=alert(2)>");
    assertThat(html)
        .as("the markup shown as text")
        .contains(
            "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;");
  }

  @Test
  void linksOnlyHttpUrls() {
    String html = hostilePage();
    assertThat(html).as("a script URL is no link").doesNotContain("javascript:");
    assertThat(html)
        .as("an https URL is a link, escaped")
        .contains("href=\"https://example.org/a?x=1&amp;y=&quot;2&quot;\"");
    assertThat(Html.safeUrl(" HTTP://x.org/ ")).as("case of the scheme").isEqualTo("HTTP://x.org/");
    assertThat(Html.safeUrl("data:text/html,x")).as("data URL").isNull();
  }

  @Test
  void chartsHaveOnePointPerPeriodWithAValue() {
    String html = hostilePage();
    assertThat(html)
        .as("documents: every period, zeros included")
        .contains("<figure class=\"chart\" data-points=\"3\" id=\"documents\">");
    assertThat(html)
        .as("npmi: the one period with a value")
        .contains("<figure class=\"chart\" data-points=\"1\" id=\"npmi\">");
    assertThat(html)
        .as("tone: the periods with sentiment")
        .contains("<figure class=\"chart\" data-points=\"2\" id=\"tone\">")
        .contains("<figure class=\"chart\" data-points=\"2\" id=\"tone-mix\">");
    assertThat(html.split("class=\"period\"", -1))
        .as("evidence sections: the periods with documents")
        .hasSize(3);
  }

  @Test
  void fileNamesAreSafeDistinctAndTheSameInEitherOrder() {
    assertThat(ReportSite.pairFile("Kim Jong Un", "Vladimir Putin"))
        .as("either order")
        .isEqualTo(ReportSite.pairFile("Vladimir Putin", "Kim Jong Un"));
    assertThat(Html.slug("Nicolás Maduro")).as("ASCII").startsWith("nicolas-maduro-");
    assertThat(Html.slug("../../etc/passwd")).as("no path").doesNotContain("/", "..");
    assertThat(Html.slug("U.S.")).as("distinct names").isNotEqualTo(Html.slug("US"));
    assertThat(Html.slug("北京")).as("no ASCII letters").startsWith("entity-");
  }

  @Test
  void theEntityPageLinksOnlyPairsThatHaveAPage() {
    String page =
        ReportSite.entityPage(
            new ReportSite.EntityPage(
                "A",
                "PERSON",
                5,
                3,
                2,
                LocalDate.parse("2018-05-01"),
                LocalDate.parse("2018-07-30"),
                "month",
                List.of(new ReportSite.Spelling("A's", 5, 3)),
                List.of(new ReportSite.Count("2018-05", 2), new ReportSite.Count("2018-06", 1)),
                List.of(
                    new ReportSite.Partner(
                        "B", "PERSON", 2, List.of(new ReportSite.Count("2018-05", 2))),
                    new ReportSite.Partner(
                        "C", "LOCATION", 1, List.of(new ReportSite.Count("2018-06", 1)))),
                Set.of(ReportSite.pairFile("A", "B"))));
    assertThat(page).as("link to the page of A and B").contains(ReportSite.pairFile("A", "B"));
    assertThat(page)
        .as("no link to a page not written")
        .doesNotContain(ReportSite.pairFile("A", "C"));
    assertThat(page).as("the spelling, escaped").contains("A&#39;s");
  }

  @Test
  void countsAreWordedInTheSingularAndThePlural() {
    assertThat(ReportSite.counted(1, "document")).isEqualTo("1 document");
    assertThat(ReportSite.counted(1200, "story")).isEqualTo("1,200 stories");
  }
}
