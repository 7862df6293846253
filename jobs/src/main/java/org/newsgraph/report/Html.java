package org.newsgraph.report;

import java.text.Normalizer;
import java.util.Locale;
import org.newsgraph.nlp.Sha256;

/**
 * Text into HTML: every string from the tables (titles, sentences, names, sources) goes through
 * {@link #text} or {@link #attribute}, so that markup in an article shows as text and runs nothing;
 * links are kept only when they are http or https.
 */
final class Html {

  private Html() {}

  /** Text for an element's content or a double-quoted attribute: {@code & < > " '} escaped. */
  static String text(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A value for a double-quoted attribute; the same escaping as {@link #text}. */
  static String attribute(String s) {
    return text(s);
  }

  /**
   * An article link for {@code href}, or null when the URL is not http(s): a {@code javascript:} or
   * {@code data:} URL from a scraped record must not become a link.
   */
  static String safeUrl(String url) {
    if (url == null) {
      return null;
    }
    String u = url.strip();
    String lower = u.toLowerCase(Locale.ROOT);
    return lower.startsWith("http://") || lower.startsWith("https://") ? attribute(u) : null;
  }

  /**
   * A file name for a name: its letters and digits in ASCII lower case joined by hyphens (at most
   * 60 characters), then a short hash of the whole name so that two names never share a file.
   */
  static String slug(String name) {
    String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    String words = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    words = words.replaceAll("^-+|-+$", "");
    if (words.length() > 60) {
      words = words.substring(0, 60);
    }
    return (words.isEmpty() ? "entity" : words) + "-" + Sha256.hex(name, 4);
  }
}
