package org.newsgraph.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;
import org.newsgraph.ingest.ArticleText.Normalized;
import org.newsgraph.testing.TestRules;

/**
 * Tests {@link ArticleText}: HTML conversion, entities, Unicode normalisation, whitespace,
 * whole-line boilerplate removal and truncation.
 */
class ArticleTextTest {

  private static final ArticleText DEFAULTS =
      new ArticleText(ArticleText.DEFAULT_BOILERPLATE, TestRules.MAX_CHARS, true);

  @Test
  void nullAndBlankGiveAnEmptyText() {
    assertThat(DEFAULTS.normalize(null)).as("null").isEqualTo(new Normalized("", false, false, 0));
    assertThat(DEFAULTS.normalize(" \n\t\r\n "))
        .as("whitespace only")
        .isEqualTo(new Normalized("", false, false, 0));
  }

  @Test
  void plainTextKeepsParagraphsAndCollapsesSpaces() {
    String raw =
        "  First  paragraph,\tstill\u00a0\u00a0first.  \r\n\r\n\r\n\r\n"
            + "Second paragraph.\nSame paragraph, next line.\t \n"
            + "Old Mac line\rend.\n\n";
    assertThat(DEFAULTS.normalize(raw))
        .as("spaces, tabs and no-break spaces collapsed, CRLF and CR are newlines, blank runs cut")
        .isEqualTo(
            new Normalized(
                "First paragraph, still first.\n\n"
                    + "Second paragraph.\nSame paragraph, next line.\nOld Mac line\nend.",
                false,
                false,
                0));
    assertThat(DEFAULTS.normalize("Quote:\n    indented line").text())
        .as("only trailing whitespace is removed: indentation becomes one space")
        .isEqualTo("Quote:\n indented line");
  }

  @Test
  void htmlWithScriptAndNestedBlocks() {
    String html =
        """
        <html><head><title>Summit</title><style>p { color: red; }</style></head><body>
        <nav><a href="/">Home</a> | <a href="/world">World</a></nav>
        <header><h1>Example News</h1></header>
        <article>
          <h1>Putin meets Trump</h1>
          <div class="body">
            <p>Putin met <b>Trump</b> in
               Helsinki.<!-- tracking pixel --></p>
            <div><p>They talked<br>for two hours.</p></div>
            <script>var x = "<p>not text</p>";</script>
            <ul><li>Trade</li><li><span>Syria</span></li></ul>
            <form><input name="q"><button>Search</button></form>
          </div>
        </article>
        <footer>Example News 2018</footer>
        </body></html>
        """;
    assertThat(DEFAULTS.normalize(html))
        .as("nav, header, script, form and footer dropped; blocks are paragraphs")
        .isEqualTo(
            new Normalized(
                "Putin meets Trump\n\nPutin met Trump in Helsinki.\n\nThey talked\n\n"
                    + "for two hours.\n\nTrade\n\nSyria",
                false,
                true,
                0));
  }

  @Test
  void htmlTableCellsAreSeparatedAndIframesDropped() {
    String html =
        "<table><tr><th>Leader</th><th>Country</th></tr>"
            + "<tr><td>Putin</td><td>Russia</td></tr></table>"
            + "<iframe src=\"https://ads.example\">Your browser</iframe>"
            + "<noscript>Enable JS</noscript>";
    assertThat(DEFAULTS.normalize(html).text())
        .as("one row a paragraph, cells separated by a space")
        .isEqualTo("Leader Country\n\nPutin Russia");
  }

  @Test
  void htmlEntitiesAreDecoded() {
    String html =
        "<p>Fish&nbsp;&amp;&nbsp;chips, rock &#8217;n&#x2019; roll, &quot;x&quot; &lt;b&gt;</p>";
    assertThat(DEFAULTS.normalize(html))
        .as("named, decimal and hex entities; no-break spaces become spaces")
        .isEqualTo(
            new Normalized("Fish & chips, rock \u2019n\u2019 roll, \"x\" <b>", false, true, 0));
  }

  @Test
  void entitiesWithoutTagsAreDecodedAndLinesKept() {
    assertThat(DEFAULTS.normalize("Tom &amp; Jerry\n\nIt&#8217;s here.\nSecond line."))
        .as("escaped plain text: entities decoded, lines kept")
        .isEqualTo(new Normalized("Tom & Jerry\n\nIt\u2019s here.\nSecond line.", false, true, 0));
    assertThat(DEFAULTS.normalize("AT&T; R&D costs < 5% & rising"))
        .as("ampersands and a less-than sign that are no HTML")
        .isEqualTo(new Normalized("AT&T; R&D costs < 5% & rising", false, false, 0));
  }

  @Test
  void plainTextWithStrayTagsKeepsItsParagraphs() {
    String raw =
        "First paragraph with a <a href=\"https://x.org\">link</a>.\n\n"
            + "Second paragraph,\nwrapped in the source.";
    assertThat(DEFAULTS.normalize(raw))
        .as("a blank line stays a paragraph break; a single newline is a space, as in HTML")
        .isEqualTo(
            new Normalized(
                "First paragraph with a link.\n\nSecond paragraph, wrapped in the source.",
                false,
                true,
                0));
  }

  @Test
  void defaultBoilerplateIsRemovedOnlyAsWholeLines() {
    String raw =
        "Putin met Trump.\n\n"
            + "ADVERTISEMENT\n\n"
            + "  advertisement  \n\n"
            + "The Advertisement Standards Authority said nothing.\n\n"
            + "Story Continued Below\n"
            + "Share on Twitter\n"
            + "Share on Facebook\n"
            + "Sign up for Daily Newsletters\n"
            + "Share this article\n"
            + "Read more:\n"
            + "READ MORE\n"
            + "We use cookies to improve your experience.\n"
            + "This site uses cookies. Accept?\n"
            + "Accept cookies\n"
            + "Click here for reprint permission.\n"
            + "Copyright \u00a9 2018 The Washington Times, LLC."
            + " Click here for reprint permission.\n"
            + "\n"
            + "Read more: the summit ended without a statement.\n"
            + "Share this article with a friend, he said.\n\n"
            + "They talked.";
    assertThat(DEFAULTS.normalize(raw))
        .as("boilerplate lines dropped in any case, sentences containing the words kept")
        .isEqualTo(
            new Normalized(
                "Putin met Trump.\n\n"
                    + "The Advertisement Standards Authority said nothing.\n\n"
                    + "Read more: the summit ended without a statement.\n"
                    + "Share this article with a friend, he said.\n\n"
                    + "They talked.",
                false,
                false,
                0));
  }

  @Test
  void boilerplateInHtmlBlocksIsRemoved() {
    String html = "<p>Putin met Trump.</p><div>Advertisement</div><p>They talked.</p>";
    assertThat(DEFAULTS.normalize(html).text())
        .as("a block of boilerplate is a line of its own after conversion")
        .isEqualTo("Putin met Trump.\n\nThey talked.");
  }

  @Test
  void customBoilerplateReplacesTheDefaults() {
    ArticleText custom = new ArticleText(List.of("Photo: .*", "\\(\\w+\\)"), 1_000, true);
    assertThat(custom.normalize("PHOTO: Reuters\nAdvertisement\n(AP)\nText (AP) here."))
        .as("custom patterns, case-insensitive; default ones not applied")
        .isEqualTo(new Normalized("Advertisement\nText (AP) here.", false, false, 0));
    assertThat(new ArticleText(List.of(".*"), 1_000, true).normalize("a\n\nb").text())
        .as("a pattern matching everything drops every line but the blank ones")
        .isEmpty();
  }

  @Test
  void invalidSettingsFailWhenBuilt() {
    assertThatThrownBy(() -> new ArticleText(List.of("Photo: ("), 1_000, true))
        .as("invalid regular expression")
        .isInstanceOf(PatternSyntaxException.class);
    assertThatThrownBy(() -> new ArticleText(List.of(), 0, true))
        .as("maxChars 0")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxChars");
  }

  @Test
  void unicodeIsNfcAndPunctuationIsKept() {
    assertThat(DEFAULTS.normalize("Cafe\u0301 in Zu\u0308rich").text())
        .as("e + combining acute and u + combining diaeresis are composed")
        .isEqualTo("Caf\u00e9 in Z\u00fcrich");
    String quotes = "\u201cWe won\u2019t,\u201d he said \u2014 \u2018twice\u2019\u2026";
    assertThat(DEFAULTS.normalize(quotes).text())
        .as("curly quotes, apostrophe, em dash and ellipsis kept")
        .isEqualTo("\u201cWe won\u2019t,\u201d he said \u2014 \u2018twice\u2019\u2026");
  }

  @Test
  void truncationCutsAtAWordBoundary() {
    assertThat(new ArticleText(List.of(), 12, true).normalize("alpha beta gamma"))
        .as("12 chars end inside 'gamma': cut at the space before it")
        .isEqualTo(new Normalized("alpha beta", true, false, 0));
    assertThat(new ArticleText(List.of(), 10, true).normalize("alpha beta gamma"))
        .as("the char after the first 10 is a space: exactly 10 kept")
        .isEqualTo(new Normalized("alpha beta", true, false, 0));
    assertThat(new ArticleText(List.of(), 16, true).normalize("alpha beta gamma"))
        .as("exactly maxChars long: not truncated")
        .isEqualTo(new Normalized("alpha beta gamma", false, false, 0));
    assertThat(new ArticleText(List.of(), 8, true).normalize("alpha\n\nbeta gamma"))
        .as("cut at a paragraph break, trailing newline removed")
        .isEqualTo(new Normalized("alpha", true, false, 0));
  }

  @Test
  void truncationWithoutWhitespaceCutsExactly() {
    assertThat(new ArticleText(List.of(), 5, true).normalize("abcdefghij klm"))
        .as("no whitespace in the first 5 chars: cut at 5")
        .isEqualTo(new Normalized("abcde", true, false, 0));
    assertThat(new ArticleText(List.of(), 3, true).normalize("ab\ud83d\ude00cd"))
        .as("a cut at 3 would split the emoji's surrogate pair: cut at 2")
        .isEqualTo(new Normalized("ab", true, false, 0));
  }

  @Test
  void fiveMegabytesAreTruncated() {
    // 524,288 units of 10 chars: 5,242,880 chars. The cut at 100,000 falls on the first char of
    // unit 10,000, so it moves back to the space after unit 9,999 and keeps 99,999 chars.
    String raw = "123456789 ".repeat(524_288);
    Normalized n = DEFAULTS.normalize(raw);
    assertThat(n.truncated()).as("truncated").isTrue();
    assertThat(n.text()).as("length").hasSize(99_999);
    assertThat(n.text())
        .as("the first 10,000 units without the last space")
        .isEqualTo("123456789 ".repeat(9_999) + "123456789");
  }

  @Test
  void fiveMegabytesOfHtmlAreTruncated() {
    // 327,680 paragraphs of 16 chars: 5,242,880 chars. Each becomes "123456789\n\n" (11 chars);
    // char 100,000 is the second newline after paragraph 9,090, so the cut keeps 9,091
    // paragraphs without the trailing newline: 9,091 * 11 - 2 = 99,999 chars.
    String raw = "<p>123456789</p>".repeat(327_680);
    Normalized n = DEFAULTS.normalize(raw);
    assertThat(n.truncated()).as("truncated").isTrue();
    assertThat(n.wasHtml()).as("was HTML").isTrue();
    assertThat(n.text())
        .as("9,091 paragraphs")
        .isEqualTo("123456789\n\n".repeat(9_090) + "123456789");
  }

  @Test
  void aRawTextIsCutToFourTimesMaxCharsBeforeItIsCleaned() {
    // maxChars 20: the raw text is cut at 80 chars, inside the empty markup before "hello".
    String raw = "<b></b>".repeat(20) + "hello";
    assertThat(new ArticleText(List.of(), 20, true).normalize(raw))
        .as("145 raw chars with maxChars 20: cut before the text, and marked truncated")
        .isEqualTo(new Normalized("", true, true, 0));
    assertThat(new ArticleText(List.of(), 40, true).normalize(raw))
        .as("the same text with maxChars 40 (raw limit 160) is read whole")
        .isEqualTo(new Normalized("hello", false, true, 0));
  }

  @Test
  void gluedWordsAreSplitAndCountedBeforeTruncation() {
    String raw =
        "<p>Talks between Kim Jong Un and Donald Trump resumed.</p>"
            + "<p>Allies of <a href=\"/kim\">Kim Jong Un</a>Trump welcomed the news.</p>";
    assertThat(DEFAULTS.normalize(raw))
        .as("link text run into the next word, split after HTML conversion")
        .isEqualTo(
            new Normalized(
                "Talks between Kim Jong Un and Donald Trump resumed.\n\n"
                    + "Allies of Kim Jong Un Trump welcomed the news.",
                false,
                true,
                1));
    String plain = "Warren and Harris spoke. Senators HarrisWarren left.";
    assertThat(new ArticleText(List.of(), 40, true).normalize(plain))
        .as("the whole text is the evidence, and the cut comes after the repair")
        .isEqualTo(new Normalized("Warren and Harris spoke. Senators Harris", true, false, 1));
    assertThat(new ArticleText(List.of(), 1_000, false).normalize(plain))
        .as("repair turned off")
        .isEqualTo(new Normalized(plain, false, false, 0));
  }

  @Test
  void survivesJavaSerialization() throws Exception {
    ArticleText custom = new ArticleText(List.of("Photo: .*"), 9, true);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(custom);
    }
    ArticleText copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (ArticleText) in.readObject();
    }
    assertThat(copy.normalize("photo: AP\nPutin met Trump."))
        .as("patterns and limit survive, as when Spark ships the instance to executors")
        .isEqualTo(new Normalized("Putin met", true, false, 0));
  }
}
