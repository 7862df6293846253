package org.newsgraph.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Splits words that a scraped page ran together, such as link text followed by the next word
 * ({@code Kim Jong UnTrump} → {@code Kim Jong Un Trump}, {@code Donald John TrumpGOP senators} →
 * {@code Donald John Trump GOP senators}), so that CoreNLP tags the names apart. Plain Java, no
 * Spark, no word lists beyond the name particles: the evidence for a split is the article itself.
 *
 * <p>A <em>word</em> is a maximal run of letters (combining marks included); {@code Trump's} holds
 * the words {@code Trump} and {@code s}, {@code Jong-Un} the words {@code Jong} and {@code Un}. A
 * word is a candidate when all of these hold:
 *
 * <ul>
 *   <li>it starts with an upper-case letter and has a lower-case letter directly followed by an
 *       upper-case one ({@code nU} in {@code UnTrump});
 *   <li>it is not part of a handle, hashtag, path, domain or e-mail address: the character before
 *       it is none of {@code @ # / . _} or a digit, the character after it is not {@code @}, {@code
 *       _} or a digit, nor {@code .} or {@code /} followed by a letter or digit, and the
 *       whitespace-separated token around it contains no {@code @}, {@code ://} or {@code www.};
 *   <li>it occurs only once in the article, comparing without regard to case: a word the article
 *       writes twice ({@code FedEx}, {@code ObamaCare}, {@code ExxonMobil}), or also in other
 *       capitals ({@code Obamacare}), is the article's spelling, not an accident of scraping.
 * </ul>
 *
 * <p>In a candidate, each lower-to-upper boundary is considered from left to right. It is cut when
 * the segment before it (since the last cut) has at least 2 letters and is not a {@link
 * #NAME_PARTICLES name particle} ({@code McConnell}, {@code DeSantis}, {@code LaPierre} stay
 * whole), the segment after it (up to the next boundary or the end of the word) has at least 2
 * letters ({@code SpaceX}, {@code PragerU} stay whole), the segment before it occurs elsewhere in
 * the article as a word of its own, with the same capitals, and either
 *
 * <ul>
 *   <li>the segment after it does too ({@code HarrisWarren} in an article that names Harris and
 *       Warren), or
 *   <li>the segment before it is one of the {@value #LINK_WINDOW} words just before the candidate,
 *       and from that word on every word starts with a capital and only spaces, parentheses,
 *       periods, hyphens or apostrophes stand between them: a name followed by its own tooltip, as
 *       in {@code Donald Trump Donald John TrumpTop US diplomat ...} or {@code Charles Schumer
 *       Charles (Chuck) Ellis SchumerOvernight}, where the headline after the join need share no
 *       word with the article. {@code You can watch it on YouTube} is no such run.
 * </ul>
 *
 * <p>A cut inserts one space. Names and brands whose parts the article does not use alone ({@code
 * YouTube}, {@code PayPal}, {@code WikiLeaks}) stay whole; so do words starting in lower case
 * ({@code iPhone}, {@code diGenova}, {@code realDonaldTrump}).
 *
 * <p>Null text gives an empty text and no repairs.
 */
public final class GluedWords {

  /**
   * Beginnings of family names that are followed by a capital ({@code McConnell}, {@code
   * MacArthur}, {@code DeVos}, {@code LeBron}, {@code LoBiondo}, {@code VanderMeer}, {@code
   * FitzGerald}): never the first half of a glued pair.
   */
  public static final Set<String> NAME_PARTICLES =
      Set.of(
          "Mc", "Mac", "De", "Di", "Da", "Du", "Del", "Della", "Des", "Dos", "Das", "La", "Le",
          "Lo", "Van", "Von", "Vander", "Ter", "Ten", "St", "Fitz", "Ben", "Abu", "Al", "El");

  /**
   * Words before a candidate searched for its first segment: a linked family name, then a tooltip
   * of up to three more names ({@code Trump Donald John TrumpTop}, {@code Schumer Charles (Chuck)
   * Ellis SchumerOvernight}).
   */
  public static final int LINK_WINDOW = 5;

  private static final int MIN_SEGMENT_LETTERS = 2;

  private GluedWords() {}

  /**
   * The result of {@link #repair}.
   *
   * @param text the text with a space inserted at every cut join
   * @param repairs the number of spaces inserted
   */
  public record Repaired(String text, int repairs) {}

  /** Splits the glued words of one article's text. */
  public static Repaired repair(String text) {
    if (text == null) {
      return new Repaired("", 0);
    }
    List<int[]> words = words(text);
    Set<String> exact = new HashSet<>();
    Map<String, Integer> folded = new HashMap<>();
    for (int[] w : words) {
      String word = text.substring(w[0], w[1]);
      exact.add(word);
      folded.merge(word.toLowerCase(Locale.ROOT), 1, Integer::sum);
    }
    StringBuilder out = null;
    int copied = 0;
    int repairs = 0;
    for (int k = 0; k < words.size(); k++) {
      int[] w = words.get(k);
      String word = text.substring(w[0], w[1]);
      List<Integer> boundaries = boundaries(word);
      if (boundaries.isEmpty()
          || !isCandidate(text, w[0], w[1])
          || folded.get(word.toLowerCase(Locale.ROOT)) > 1) {
        continue;
      }
      List<Integer> cuts = cuts(word, boundaries, exact, nameRunBefore(text, words, k));
      if (cuts.isEmpty()) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length() + 16);
      }
      for (int cut : cuts) {
        out.append(text, copied, w[0] + cut).append(' ');
        copied = w[0] + cut;
        repairs++;
      }
    }
    if (out == null) {
      return new Repaired(text, 0);
    }
    out.append(text, copied, text.length());
    return new Repaired(out.toString(), repairs);
  }

  /** Where the word is cut, as char offsets into it, in order. */
  private static List<Integer> cuts(
      String word, List<Integer> boundaries, Set<String> exact, Set<String> nameRun) {
    List<Integer> cuts = new ArrayList<>();
    int segmentStart = 0;
    for (int i = 0; i < boundaries.size(); i++) {
      int at = boundaries.get(i);
      int nextEnd = i + 1 < boundaries.size() ? boundaries.get(i + 1) : word.length();
      String before = word.substring(segmentStart, at);
      String after = word.substring(at, nextEnd);
      if (letters(before) >= MIN_SEGMENT_LETTERS
          && letters(after) >= MIN_SEGMENT_LETTERS
          && !NAME_PARTICLES.contains(before)
          && exact.contains(before)
          && (exact.contains(after) || nameRun.contains(before))) {
        cuts.add(at);
        segmentStart = at;
      }
    }
    return cuts;
  }

  /**
   * The words, among the {@link #LINK_WINDOW} before word {@code k}, from which a run of
   * capitalised words joined only by name punctuation leads up to it.
   */
  private static Set<String> nameRunBefore(String text, List<int[]> words, int k) {
    Set<String> run = new HashSet<>();
    for (int j = k - 1; j >= Math.max(0, k - LINK_WINDOW); j--) {
      int[] w = words.get(j);
      if (!isNameGap(text, w[1], words.get(j + 1)[0])) {
        break;
      }
      String word = text.substring(w[0], w[1]);
      run.add(word);
      if (!Character.isUpperCase(word.codePointAt(0))) {
        break;
      }
    }
    return run;
  }

  private static boolean isNameGap(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (" ().'’-".indexOf(text.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /** Char offsets in the word where an upper-case letter directly follows a lower-case one. */
  private static List<Integer> boundaries(String word) {
    List<Integer> out = new ArrayList<>();
    int previous = word.codePointAt(0);
    for (int i = Character.charCount(previous); i < word.length(); ) {
      int cp = word.codePointAt(i);
      if (Character.isLowerCase(previous) && Character.isUpperCase(cp)) {
        out.add(i);
      }
      if (Character.isLetter(cp)) {
        // A combining mark belongs to the letter before it: "é" written as "e" + U+0301.
        previous = cp;
      }
      i += Character.charCount(cp);
    }
    return out;
  }

  private static boolean isCandidate(String text, int start, int end) {
    if (!Character.isUpperCase(text.codePointAt(start))) {
      return false;
    }
    if (start > 0) {
      int before = text.codePointBefore(start);
      if ("@#/._".indexOf(before) >= 0 || Character.isDigit(before)) {
        return false;
      }
    }
    if (end < text.length()) {
      char after = text.charAt(end);
      if (after == '@' || after == '_' || Character.isDigit(after)) {
        return false;
      }
      if ((after == '.' || after == '/')
          && end + 1 < text.length()
          && Character.isLetterOrDigit(text.charAt(end + 1))) {
        return false;
      }
    }
    int tokenStart = start;
    while (tokenStart > 0 && !Character.isWhitespace(text.charAt(tokenStart - 1))) {
      tokenStart--;
    }
    int tokenEnd = end;
    while (tokenEnd < text.length() && !Character.isWhitespace(text.charAt(tokenEnd))) {
      tokenEnd++;
    }
    String token = text.substring(tokenStart, tokenEnd);
    return token.indexOf('@') < 0 && !token.contains("://") && !token.contains("www.");
  }

  /** Start and end char offsets of every word (maximal run of letters and marks). */
  private static List<int[]> words(String text) {
    List<int[]> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      if (!Character.isLetter(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      int start = i;
      while (i < text.length() && isLetter(text.codePointAt(i))) {
        i += Character.charCount(text.codePointAt(i));
      }
      out.add(new int[] {start, i});
    }
    return out;
  }

  private static boolean isLetter(int cp) {
    int type = Character.getType(cp);
    return Character.isLetter(cp)
        || type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK;
  }

  private static int letters(String segment) {
    return (int) segment.codePoints().filter(Character::isLetter).count();
  }
}
