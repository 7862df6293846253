package org.newsgraph.ingest;

import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.newsgraph.config.DefaultDatelinePattern;

/**
 * Finds the wire dateline that starts an article's text: where (and by whom) a story was filed, not
 * what it is about. Plain Java, no Spark; serializable, so that a job ships it to executors.
 *
 * <p>The dateline is the match of one regular expression at the very start of the text ({@link
 * Matcher#lookingAt}), trailing whitespace removed, so that {@code text.startsWith(dateline)}
 * holds. No match, an empty match, a null text or an empty pattern give null. The {@link
 * #DEFAULT_PATTERN default} recognises:
 *
 * <ul>
 *   <li>Reuters 1987: {@code WASHINGTON, March 1 -}, {@code PORTLAND, Ore., Feb 26 -}, {@code
 *       KASSEL, West Germany, March 26-}, {@code Ottawa, Apr 7-}, {@code ROME, March 13, Reuter -},
 *       and market reports in small letters such as {@code st paul, april 2 -};
 *   <li>an agency in parentheses after an optional place: {@code WASHINGTON (Reuters) -}, {@code
 *       ALEXANDRIA, Va. (Reuters) -}, {@code BRUSSELS/BERLIN (Reuters) -}, {@code Oct 24 (Reuters)
 *       -}, {@code (Reuters) -}, {@code PALM BEACH, Fla. (AP) —}, {@code Paris (AFP) -}, {@code
 *       Washington (CNN)} (CNN puts no dash);
 *   <li>a place in capitals, with optional regions, and a dash: {@code WASHINGTON –}, {@code
 *       PHOENIX —}, {@code FENTON, Iowa —}, {@code COLUMBIA, S.C. —}.
 * </ul>
 *
 * <p>The dash is a hyphen, two hyphens, an en dash or an em dash followed by whitespace. A first
 * word that is a wire or photo label ({@code FILE -}, {@code FILE PHOTO -}, {@code UPDATE -},
 * {@code EXCLUSIVE -}, ...) is no dateline, and neither is a name in ordinary capitals before a
 * dash ({@code Donald Trump —}).
 */
public final class Datelines implements Serializable {

  private static final long serialVersionUID = 1L;

  /**
   * Reuters and AP datelines, and bare places in capitals before a dash (see the class doc); the
   * default of newsgraph.ingest.datelinePattern, composed in {@link DefaultDatelinePattern}.
   */
  public static final String DEFAULT_PATTERN = DefaultDatelinePattern.VALUE;

  /** Detection turned off: every text has no dateline. */
  public static final Datelines OFF = new Datelines("");

  private final Pattern pattern;

  /**
   * Builds a detector.
   *
   * @param regex a Java regular expression matched at the start of the text; empty for none
   * @throws java.util.regex.PatternSyntaxException if the expression is invalid
   */
  public Datelines(String regex) {
    this.pattern = regex.isEmpty() ? null : Pattern.compile(regex);
  }

  /** The dateline that starts the text, or null. */
  public String find(String text) {
    if (pattern == null || text == null) {
      return null;
    }
    Matcher m = pattern.matcher(text);
    if (!m.lookingAt()) {
      return null;
    }
    String dateline = text.substring(0, m.end()).stripTrailing();
    return dateline.isEmpty() ? null : dateline;
  }
}
