package org.newsgraph.ingest;

import java.io.Serializable;
import java.text.Normalizer;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Cleans the text of one article before annotation: plain Java, no Spark. It is serializable so
 * that a Spark job can build one from its settings and ship it to the executors.
 *
 * <p>{@link #normalize} applies, in order:
 *
 * <ol>
 *   <li>A raw text longer than {@value #RAW_FACTOR} times {@code maxChars} is cut there first
 *       (never inside a surrogate pair) and the article marked truncated: the steps below never
 *       work on megabytes that truncation would drop anyway, while markup and whitespace that
 *       cleaning removes still leave {@code maxChars} of text.
 *   <li>HTML. A text with common tags ({@code <p>}, {@code <div>}, {@code <br>}, {@code <span>},
 *       {@code <a ...>}, {@code <script>}, any closing tag, ...) is converted with jsoup: script,
 *       style, noscript, iframe, form, nav, header and footer elements are dropped with their
 *       content; block elements (p, div, br, li, h1-h6, blockquote, tr, section, article, ul, ol,
 *       table, pre, hr, figure, figcaption, main, aside, dl, dt, dd) become paragraph breaks; table
 *       cells are followed by a space; other whitespace collapses to one space, as in a browser;
 *       entities are decoded. A blank line in the source also stays a paragraph break, so that
 *       plain text with a few stray tags keeps its paragraphs. A text without tags but with
 *       entities ({@code &amp;}, {@code &#8217;}) only has its entities decoded and keeps its
 *       lines.
 *   <li>Unicode NFC. Curly quotes, dashes and other punctuation are kept as they are.
 *   <li>Lines. Every line break becomes {@code \n}; in a line, runs of spaces, tabs and other
 *       horizontal spaces (the no-break space too) become one space and trailing whitespace is
 *       removed; a line that matches a boilerplate pattern entirely (case-insensitive, after
 *       trimming) is dropped.
 *   <li>Three or more newlines become one blank line, and the text is trimmed.
 *   <li>Glued words. When repair is on, words that a scraped page ran together are split by {@link
 *       GluedWords} ({@code Kim Jong UnTrump} becomes {@code Kim Jong Un Trump}); the number of
 *       spaces inserted is counted.
 *   <li>A text longer than {@code maxChars} is cut at the last whitespace at or before {@code
 *       maxChars} (exactly at {@code maxChars} when there is none, but never inside a surrogate
 *       pair), trailing whitespace removed, and marked truncated.
 * </ol>
 *
 * <p>Boilerplate patterns are Java regular expressions, compiled when the instance is built: an
 * invalid one throws {@link java.util.regex.PatternSyntaxException} there, not per article.
 */
public final class ArticleText implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Raw texts are cut to this many times {@code maxChars} before they are cleaned. */
  static final int RAW_FACTOR = 4;

  /** Lines of site furniture that scraped news text often contains, as whole-line patterns. */
  public static final List<String> DEFAULT_BOILERPLATE =
      List.of(
          "Advertisement",
          "Story Continued Below",
          "Sign up for Daily Newsletters",
          "Share this article",
          "Share on (?:Facebook|Twitter)",
          "Click here for reprint permission.*",
          "Copyright © .* The Washington Times, LLC.*",
          "Read more:?",
          "We use cookies.*",
          "This site uses cookies.*",
          "Accept cookies");

  private static final Pattern HTML_TAG =
      Pattern.compile(
          "(?i)<(?:p|div|br|span|a|b|i|em|strong|li|ul|ol|h[1-6]|blockquote|table|tr|td"
              + "|section|article|img|figure|script|style|iframe|noscript)\\b[^<>]*>"
              + "|</[a-z][a-z0-9]*\\s*>");
  // At least two letters for a named entity, so that "AT&T;" is not taken for HTML.
  private static final Pattern HTML_ENTITY =
      Pattern.compile("&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});");
  private static final String DROPPED_ELEMENTS =
      "script, style, noscript, iframe, form, nav, header, footer";
  private static final Set<String> PARAGRAPH_ELEMENTS =
      Set.of(
          ("p div br li h1 h2 h3 h4 h5 h6 blockquote tr section article ul ol table pre hr figure"
                  + " figcaption main aside dl dt dd")
              .split(" "));
  private static final Set<String> CELL_ELEMENTS = Set.of("td", "th");
  private static final Pattern LINE_BREAK = Pattern.compile("\\R");
  // Single spaces are left alone: replacing each one by itself is most of the work on big texts.
  private static final Pattern HORIZONTAL_SPACE = Pattern.compile("\\h{2,}|[\\h&&[^ ]]");

  private final List<Pattern> boilerplate;
  private final int maxChars;
  private final boolean repairGluedWords;

  /**
   * Builds a normaliser.
   *
   * @param boilerplatePatterns whole-line Java regular expressions, matched case-insensitively
   * @param maxChars the longest text kept, at least 1
   * @param repairGluedWords whether words run together by scraping are split ({@link GluedWords})
   */
  public ArticleText(List<String> boilerplatePatterns, int maxChars, boolean repairGluedWords) {
    if (maxChars < 1) {
      throw new IllegalArgumentException("maxChars must be at least 1, not " + maxChars);
    }
    this.boilerplate =
        boilerplatePatterns.stream()
            .map(p -> Pattern.compile(p, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
            .collect(Collectors.toUnmodifiableList());
    this.maxChars = maxChars;
    this.repairGluedWords = repairGluedWords;
  }

  /**
   * The result of {@link #normalize}.
   *
   * @param text the normalised text, never null, possibly empty
   * @param truncated whether the text was cut to {@code maxChars}
   * @param wasHtml whether the raw text looked like HTML (tags or entities) and was converted
   * @param repairs glued word joins split (0 when repair is off)
   */
  public record Normalized(String text, boolean truncated, boolean wasHtml, int repairs) {}

  /** Normalises one raw article text; null gives an empty text. */
  public Normalized normalize(String raw) {
    if (raw == null) {
      return new Normalized("", false, false, 0);
    }
    long rawLimit = (long) RAW_FACTOR * maxChars;
    boolean rawCut = raw.length() > rawLimit;
    if (rawCut) {
      int cut = (int) rawLimit;
      raw = raw.substring(0, Character.isHighSurrogate(raw.charAt(cut - 1)) ? cut - 1 : cut);
    }
    String text;
    boolean wasHtml = true;
    if (HTML_TAG.matcher(raw).find()) {
      text = htmlToText(raw);
    } else if (HTML_ENTITY.matcher(raw).find()) {
      text = Parser.unescapeEntities(raw, false);
    } else {
      text = raw;
      wasHtml = false;
    }
    text = Normalizer.normalize(text, Normalizer.Form.NFC);
    text = cleanLines(text).strip();
    int repairs = 0;
    if (repairGluedWords) {
      // Before truncation: the whole article is the evidence for a split.
      GluedWords.Repaired repaired = GluedWords.repair(text);
      text = repaired.text();
      repairs = repaired.repairs();
    }
    if (text.length() <= maxChars) {
      return new Normalized(text, rawCut, wasHtml, repairs);
    }
    return new Normalized(truncate(text), true, wasHtml, repairs);
  }

  private String cleanLines(String text) {
    // Whole-text passes first: one regex per line would dominate the time of a large input.
    String spaced =
        HORIZONTAL_SPACE.matcher(LINE_BREAK.matcher(text).replaceAll("\n")).replaceAll(" ");
    // One matcher per pattern, reset for every line: creating them per line is what costs.
    Matcher[] matchers = boilerplate.stream().map(p -> p.matcher("")).toArray(Matcher[]::new);
    StringBuilder out = new StringBuilder(spaced.length());
    boolean afterBlankLine = false;
    int start = 0;
    while (start <= spaced.length()) {
      int end = spaced.indexOf('\n', start);
      if (end < 0) {
        end = spaced.length();
      }
      String line = spaced.substring(start, end).stripTrailing();
      start = end + 1;
      if (line.isEmpty()) {
        // At most one blank line in a row: three or more newlines become one blank line.
        if (!afterBlankLine) {
          out.append('\n');
        }
        afterBlankLine = true;
      } else if (!isBoilerplate(line.strip(), matchers)) {
        out.append(line).append('\n');
        afterBlankLine = false;
      }
    }
    return out.toString();
  }

  // Only called for lines with text: blank lines separate paragraphs, and a pattern that
  // happens to match "" must not remove them.
  private static boolean isBoilerplate(String line, Matcher[] matchers) {
    for (Matcher m : matchers) {
      if (m.reset(line).matches()) {
        return true;
      }
    }
    return false;
  }

  private String truncate(String text) {
    int cut = maxChars;
    while (cut > 0 && !Character.isWhitespace(text.charAt(cut))) {
      cut--;
    }
    if (cut == 0) {
      cut = Character.isHighSurrogate(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
    }
    return text.substring(0, cut).stripTrailing();
  }

  private static String htmlToText(String html) {
    Document doc = Jsoup.parse(html);
    doc.select(DROPPED_ELEMENTS).remove();
    StringBuilder out = new StringBuilder(html.length());
    NodeTraversor.traverse(
        new NodeVisitor() {
          @Override
          public void head(Node node, int depth) {
            if (node instanceof TextNode textNode) {
              appendText(out, textNode.getWholeText());
            } else if (isParagraph(node)) {
              out.append("\n\n");
            }
          }

          @Override
          public void tail(Node node, int depth) {
            if (isParagraph(node)) {
              out.append("\n\n");
            } else if (node instanceof Element cell && CELL_ELEMENTS.contains(cell.normalName())) {
              // Only after a cell: a space before it could start a line.
              out.append(' ');
            }
          }
        },
        doc.body());
    return out.toString();
  }

  // Collapses HTML whitespace as a browser does, except that a run with two or more newlines
  // (a blank line in the source) is a paragraph break.
  private static void appendText(StringBuilder out, String text) {
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (!isHtmlWhitespace(c)) {
        out.append(c);
        i++;
        continue;
      }
      int newlines = 0;
      for (; i < text.length() && isHtmlWhitespace(text.charAt(i)); i++) {
        newlines += text.charAt(i) == '\n' ? 1 : 0;
      }
      if (newlines >= 2) {
        out.append("\n\n");
      } else if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
        out.append(' ');
      }
    }
  }

  private static boolean isHtmlWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
  }

  private static boolean isParagraph(Node node) {
    return node instanceof Element element && PARAGRAPH_ELEMENTS.contains(element.normalName());
  }
}
