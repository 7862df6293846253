package org.newsgraph.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.newsgraph.query.PairSeries;

/**
 * The pages of a report as HTML strings, from plain records: an index with the latest period's top
 * and rising pairs, a page per pair (charts of documents, NPMI, tone and its mix over the periods,
 * then the evidence of every period) and a page per entity (its spellings, its documents over time
 * and its top partners over time). Every value from the tables is escaped ({@link Html}); pages
 * hold no script and load nothing from the network.
 */
final class ReportSite {

  /** One pair in a table of the index. */
  record PairRow(
      String a,
      String b,
      long documents,
      long stories,
      long sentences,
      Double tone,
      Double npmi,
      Double surprise) {}

  /** What the index shows. */
  record Index(
      String grain,
      String period,
      String generated,
      List<PairRow> top,
      List<PairRow> rising,
      List<String[]> pairPages,
      List<String> entities) {}

  /** A pair page: the two entities, the series and the evidence of its periods. */
  record PairPage(
      String a,
      String typeA,
      String b,
      String typeB,
      String grain,
      List<PairSeries.Point> points,
      List<PairSeries.Evidence> evidence) {}

  /** An entity's documents in one period. */
  record Count(String period, long documents) {}

  /** A partner of an entity and its documents with it per period. */
  record Partner(String entity, String type, long documents, List<Count> series) {}

  /** One spelling of an entity. */
  record Spelling(String surface, long mentions, long documents) {}

  /** An entity page. */
  record EntityPage(
      String entity,
      String type,
      long mentions,
      long documents,
      long sources,
      LocalDate first,
      LocalDate last,
      String grain,
      List<Spelling> spellings,
      List<Count> series,
      List<Partner> partners,
      java.util.Set<String> pairFiles) {}

  static final String PAIRS = "pairs";
  static final String ENTITIES = "entities";

  private static final String STYLE =
      """
      body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
      main{max-width:1000px;margin:0 auto;padding:16px 24px 48px}
      header.top{background:#1d2330;color:#fff;padding:10px 24px}
      header.top a{color:#cfe0ff;text-decoration:none;margin-right:16px}
      h1{font-size:24px;margin:16px 0 4px}h2{font-size:18px;margin:28px 0 8px}h3{font-size:15px;margin:18px 0 6px}
      .muted{color:#5b6475}
      table{border-collapse:collapse;width:100%;background:#fff;font-size:14px}
      th,td{padding:5px 8px;border-bottom:1px solid #e3e6ec;text-align:left;vertical-align:top}
      td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
      a{color:#1a56c4}
      figure.chart{margin:12px 0;background:#fff;border:1px solid #e3e6ec;padding:8px}
      figure.chart figcaption{font-weight:600;margin-bottom:4px}
      svg{width:100%;height:auto;display:block}
      svg .grid{stroke:#e3e6ec}svg text{font-size:11px;fill:#5b6475}
      svg text.y{text-anchor:end}svg text.x,svg text.empty{text-anchor:middle}svg text.empty{font-size:14px}
      svg rect.point{fill:#3b6fd4}svg circle.point{fill:#d4553b}
      svg path.line{fill:none;stroke:#d4553b;stroke-width:2}
      svg rect.negative{fill:#d4553b}svg rect.neutral{fill:#c9ced8}svg rect.positive{fill:#3b9a5b}
      section.period{background:#fff;border:1px solid #e3e6ec;padding:8px 14px;margin:10px 0}
      ol.evidence{padding-left:22px}ol.evidence li{margin:8px 0}
      .sentence{display:block;margin-top:2px}
      .label{font-size:12px;padding:0 6px;border-radius:8px;background:#eef0f4}
      """;

  private ReportSite() {}

  /** The file of a pair's page, relative to the report root. */
  static String pairFile(String a, String b) {
    // Either order names one page.
    String first = a.compareTo(b) <= 0 ? a : b;
    String second = first.equals(a) ? b : a;
    return PAIRS + "/" + Html.slug(first) + "--" + Html.slug(second) + ".html";
  }

  /** The file of an entity's page, relative to the report root. */
  static String entityFile(String entity) {
    return ENTITIES + "/" + Html.slug(entity) + ".html";
  }

  static String index(Index index) {
    StringBuilder b = page("newsgraph report", "");
    b.append("<h1>Co-mentions in the news</h1>");
    b.append("<p class=\"muted\">")
        .append(Html.text("Latest " + index.grain() + ": " + index.period()))
        .append(" · generated ")
        .append(Html.text(index.generated()))
        .append("</p>");
    b.append("<h2>Top pairs of ").append(Html.text(index.period())).append("</h2>");
    pairTable(b, "top-pairs", index.top());
    b.append("<h2>Rising pairs of ")
        .append(Html.text(index.period()))
        .append(" <span class=\"muted\">(by surprise against the pair's own past)</span></h2>");
    pairTable(b, "rising-pairs", index.rising());
    b.append("<h2>Pairs in this report</h2><ul id=\"pair-pages\">");
    for (String[] pair : index.pairPages()) {
      b.append("<li><a href=\"")
          .append(Html.attribute(pairFile(pair[0], pair[1])))
          .append("\">")
          .append(Html.text(pair[0] + " – " + pair[1]))
          .append("</a></li>");
    }
    b.append("</ul><h2>Entities in this report</h2><ul id=\"entity-pages\">");
    for (String e : index.entities()) {
      b.append("<li><a href=\"")
          .append(Html.attribute(entityFile(e)))
          .append("\">")
          .append(Html.text(e))
          .append("</a></li>");
    }
    b.append("</ul>");
    return end(b);
  }

  private static void pairTable(StringBuilder b, String id, List<PairRow> rows) {
    if (rows.isEmpty()) {
      b.append("<p class=\"muted\" id=\"").append(id).append("\">No pair in this period.</p>");
      return;
    }
    b.append("<table id=\"")
        .append(id)
        .append(
            "\"><thead><tr><th>pair</th><th class=\"n\">documents</th><th class=\"n\">stories</th>"
                + "<th class=\"n\">sentences</th><th class=\"n\">tone</th><th class=\"n\">npmi</th>"
                + "<th class=\"n\">surprise</th></tr></thead><tbody>");
    for (PairRow r : rows) {
      b.append("<tr><td><a class=\"pair\" href=\"")
          .append(Html.attribute(pairFile(r.a(), r.b())))
          .append("\">")
          .append(Html.text(r.a() + " – " + r.b()))
          .append("</a></td>")
          .append(cell(Long.toString(r.documents())))
          .append(cell(Long.toString(r.stories())))
          .append(cell(Long.toString(r.sentences())))
          .append(cell(number(r.tone())))
          .append(cell(number(r.npmi())))
          .append(cell(number(r.surprise())))
          .append("</tr>");
    }
    b.append("</tbody></table>");
  }

  static String pairPage(PairPage p) {
    StringBuilder b = page(p.a() + " and " + p.b() + " – newsgraph", "../");
    b.append("<h1>")
        .append(entityLink(p.a()))
        .append(" and ")
        .append(entityLink(p.b()))
        .append("</h1>");
    long documents = p.points().stream().mapToLong(PairSeries.Point::documents).sum();
    b.append("<p class=\"muted\">")
        .append(
            Html.text(
                String.format(
                    Locale.ROOT,
                    "%s (%s) and %s (%s): %,d articles name both, by %s, %s to %s.",
                    p.a(),
                    p.typeA(),
                    p.b(),
                    p.typeB(),
                    documents,
                    p.grain(),
                    p.points().isEmpty() ? "" : p.points().get(0).period(),
                    p.points().isEmpty() ? "" : p.points().get(p.points().size() - 1).period())))
        .append(" Click a point for the sentences behind it.</p>");
    List<Charts.Point> docs = new ArrayList<>();
    List<Charts.Point> npmi = new ArrayList<>();
    List<Charts.Point> tone = new ArrayList<>();
    List<Charts.Mix> mix = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (PairSeries.Point pt : p.points()) {
      String href = pt.documents() > 0 ? "#" + anchor(pt.period()) : null;
      labels.add(pt.period());
      docs.add(
          new Charts.Point(
              pt.period(),
              (double) pt.documents(),
              href,
              String.format(
                  Locale.ROOT,
                  "%s: %d documents of %d",
                  pt.period(),
                  pt.documents(),
                  pt.periodDocuments())));
      npmi.add(
          new Charts.Point(
              pt.period(), pt.npmi(), href, pt.period() + ": NPMI " + number(pt.npmi())));
      tone.add(
          new Charts.Point(
              pt.period(),
              pt.tone(),
              href,
              String.format(
                  Locale.ROOT,
                  "%s: tone %s over %d sentences",
                  pt.period(),
                  number(pt.tone()),
                  pt.toneSentences())));
      if (pt.negativeShare() != null) {
        mix.add(
            new Charts.Mix(
                pt.period(), pt.negativeShare(), pt.neutralShare(), pt.positiveShare(), href));
      }
    }
    b.append(Charts.bars("documents", "Articles naming both, by " + p.grain(), docs));
    b.append(
        Charts.line(
            "npmi",
            "Association (NPMI: 0 independent, 1 always together; none below"
                + " newsgraph.aggregate.minSupport documents), by "
                + p.grain(),
            npmi,
            -1,
            1));
    b.append(
        Charts.line(
            "tone",
            "Tone of the sentences naming both (mean sentiment, −1 to +1), by " + p.grain(),
            tone,
            -1,
            1));
    b.append(
        Charts.mix(
            "tone-mix",
            "Spread of tone: share of negative, neutral and positive sentences, by " + p.grain(),
            labels,
            mix));
    b.append("<h2>Evidence</h2>");
    List<PairSeries.Point> newestFirst = new ArrayList<>(p.points());
    java.util.Collections.reverse(newestFirst);
    for (PairSeries.Point pt : newestFirst) {
      if (pt.documents() == 0) {
        continue;
      }
      b.append("<section class=\"period\" id=\"")
          .append(Html.attribute(anchor(pt.period())))
          .append("\"><h3>")
          .append(Html.text(pt.period()))
          .append(" <span class=\"muted\">")
          .append(
              Html.text(
                  counted(pt.documents(), "document")
                      + ", "
                      + counted(pt.stories(), "story")
                      + ", "
                      + counted(pt.sources(), "source")
                      + ", surprise "
                      + (pt.surprise() == null ? "–" : number(pt.surprise()))))
          .append("</span></h3><ol class=\"evidence\">");
      for (PairSeries.Evidence e : p.evidence()) {
        if (!e.period().equals(pt.period())) {
          continue;
        }
        String url = Html.safeUrl(e.url());
        String title = e.title() == null || e.title().isBlank() ? "(no title)" : e.title();
        b.append("<li><span class=\"muted\">")
            .append(Html.text(e.date() + " · " + (e.source() == null ? "(no source)" : e.source())))
            .append("</span> ");
        if (url != null) {
          b.append("<a class=\"title\" href=\"").append(url).append("\">");
        } else {
          b.append("<span class=\"title\">");
        }
        b.append(Html.text(title)).append(url != null ? "</a>" : "</span>");
        if (e.sentimentLabel() != null) {
          b.append(" <span class=\"label\">")
              .append(Html.text(e.sentimentLabel()))
              .append("</span>");
        }
        b.append("<span class=\"sentence\">")
            .append(Html.text(e.sentence()))
            .append("</span></li>");
      }
      b.append("</ol></section>");
    }
    return end(b);
  }

  static String entityPage(EntityPage e) {
    StringBuilder b = page(e.entity() + " – newsgraph", "../");
    b.append("<h1>").append(Html.text(e.entity())).append("</h1>");
    b.append("<p class=\"muted\">")
        .append(
            Html.text(
                String.format(
                    Locale.ROOT,
                    "%s · %,d mentions in %,d documents from %,d sources, %s to %s",
                    e.type(),
                    e.mentions(),
                    e.documents(),
                    e.sources(),
                    e.first(),
                    e.last())))
        .append("</p>");
    List<Charts.Point> series = new ArrayList<>();
    for (Count c : e.series()) {
      series.add(
          new Charts.Point(
              c.period(),
              (double) c.documents(),
              null,
              c.period() + ": " + counted(c.documents(), "document")));
    }
    b.append(
        Charts.bars("documents", "Articles naming " + e.entity() + ", by " + e.grain(), series));
    b.append("<h2>Top partners over time</h2>");
    List<String> periods = e.series().stream().map(Count::period).toList();
    int i = 0;
    for (Partner p : e.partners()) {
      List<Charts.Point> points = new ArrayList<>();
      for (String period : periods) {
        long n =
            p.series().stream()
                .filter(c -> c.period().equals(period))
                .mapToLong(Count::documents)
                .sum();
        points.add(
            new Charts.Point(
                period,
                n == 0 ? null : (double) n,
                null,
                period + ": " + counted(n, "document") + " with " + p.entity()));
      }
      String file = pairFile(e.entity(), p.entity());
      b.append("<h3>");
      if (e.pairFiles().contains(file)) {
        b.append("<a class=\"pair\" href=\"../")
            .append(Html.attribute(file))
            .append("\">")
            .append(Html.text(p.entity()))
            .append("</a>");
      } else {
        b.append(Html.text(p.entity()));
      }
      b.append(" <span class=\"muted\">")
          .append(Html.text(p.type() + " · " + counted(p.documents(), "document")))
          .append("</span></h3>");
      b.append(Charts.bars("partner-" + i++, "Articles naming both, by " + e.grain(), points));
    }
    b.append("<h2>Spellings in the articles</h2><table id=\"spellings\"><thead><tr>")
        .append("<th>spelling</th><th class=\"n\">mentions</th><th class=\"n\">documents</th>")
        .append("</tr></thead><tbody>");
    for (Spelling s : e.spellings()) {
      b.append("<tr><td>")
          .append(Html.text(s.surface()))
          .append("</td>")
          .append(cell(Long.toString(s.mentions())))
          .append(cell(Long.toString(s.documents())))
          .append("</tr>");
    }
    b.append("</tbody></table>");
    return end(b);
  }

  /** The id of a period's evidence section. */
  static String anchor(String period) {
    return "p-" + period;
  }

  private static String entityLink(String entity) {
    return "<a href=\"../"
        + Html.attribute(entityFile(entity))
        + "\">"
        + Html.text(entity)
        + "</a>";
  }

  private static StringBuilder page(String title, String root) {
    StringBuilder b = new StringBuilder(16_384);
    b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        // No favicon request: the report loads nothing it does not hold.
        .append("<link rel=\"icon\" href=\"data:,\">")
        .append(ReportJob.GENERATOR)
        .append("<title>")
        .append(Html.text(title))
        .append("</title><style>")
        .append(STYLE)
        .append("</style></head><body><header class=\"top\"><a href=\"")
        .append(root)
        .append("index.html\">newsgraph report</a></header><main>");
    return b;
  }

  private static String end(StringBuilder b) {
    return b.append("</main></body></html>\n").toString();
  }

  private static String cell(String s) {
    return "<td class=\"n\">" + Html.text(s) + "</td>";
  }

  /** "1 document", "2 documents", "3 stories". */
  static String counted(long n, String noun) {
    String plural = noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s";
    return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? noun : plural);
  }

  private static String number(Double d) {
    return d == null ? "–" : String.format(Locale.ROOT, "%.2f", d);
  }
}
