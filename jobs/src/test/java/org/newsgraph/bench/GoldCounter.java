package org.newsgraph.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The independent count of the recall benchmark: which entities of a {@link RecallGold} an article
 * body names, and for each pair the set of articles that name both. Plain Java and regular
 * expressions only; none of the job's code.
 *
 * <p>Before any name is tried, a leading wire dateline is blanked ({@link #dateline}): it says
 * where the story was filed, not what it is about. Blanking replaces characters with spaces, so
 * offsets stay those of the text.
 */
public final class GoldCounter {

  /**
   * An article as the job identifies it.
   *
   * @param id the job's article id: {@code <directory of the input file>:<input id>}
   * @param text the body ({@code text} field of the input), never the title
   */
  public record Article(String id, String text) {}

  /**
   * Where the gold finds an entity in a text.
   *
   * @param begin first character
   * @param end one after the last character
   * @param text the matched text
   */
  public record Match(int begin, int end, String text) {}

  // A place with a wire tag: "WASHINGTON (Reuters) -", "BEIJING (AP) —", "Washington (CNN)",
  // "Helsinki, Finland (CNN)", "TURNBERRY/GLASGOW, Scotland (Reuters) -", or the tag alone.
  private static final String PLACE = "[A-Z][\\w.'’-]*(?:[ /][A-Za-z][\\w.'’-]*){0,4}";
  private static final String REGION = "(?:, [A-Z][\\w.]*(?: [A-Z][\\w.]*){0,2})?";
  private static final String TAG =
      "\\((?:Reuters|AP|CNN|AFP|UPI|Bloomberg|CNS|CBS News|NBC News|ABC News|CNN Business"
          + "|CNNMoney|The Hill)\\)";
  // A place and a day, as on the 1987 Reuters wire: "TOKYO, March 3 - ", "SOWETO, South Africa,
  // March 5 - ", "NEW YORK, MARCH 2 - ", "AMSTERDAM, 2 March - ", "ROME, March 13, Reuter - ".
  private static final String MONTH =
      "(?i:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\\.?";
  private static final String DATED =
      "\\**[A-Z][^\\n,]{0,40}(?: ?,[^\\n,]{1,25}){0,2}(?:, ?| )(?:"
          + MONTH
          + " ?\\d{1,3}|\\d{1,2} "
          + MONTH
          + ")(?:,? Reuter)?,?\\s*[-–—]+\\s*";
  // A place in capitals and a dash, as USA TODAY and others write it: "WASHINGTON – ",
  // "MAE SAI, Thailand – ", "MEXICO CITY — ".
  private static final String CAPITALS = "[A-Z][A-Z.'’-]+(?:[ /][A-Z][A-Z.'’-]*)*";

  /** A wire dateline at the start of a paragraph. */
  static final Pattern DATELINE =
      Pattern.compile(
          "(?:(?:"
              + PLACE
              + REGION
              + " )?"
              + TAG
              + "\\s*(?:[-–—]+\\s*)?|"
              + DATED
              + "|"
              + CAPITALS
              + REGION
              + "\\s*[-–—]+\\s*)");

  /** Paragraphs this short before the dateline are bylines ("Richard Wolf", "USA TODAY"). */
  private static final int BYLINE_MAX_CHARS = 60;

  private static final int BYLINES_MAX = 3;

  private final RecallGold gold;

  public GoldCounter(RecallGold gold) {
    this.gold = gold;
  }

  /**
   * The span of a leading wire dateline: one that starts the text, or the first paragraph after at
   * most three short byline paragraphs ("Richard Wolf", "USA TODAY").
   *
   * @return {begin, end} (end just after the dateline and the space after it), or null
   */
  public static int[] dateline(String text) {
    int start = 0;
    for (int paragraph = 0; paragraph <= BYLINES_MAX; paragraph++) {
      Matcher m = DATELINE.matcher(text).region(start, text.length());
      if (m.lookingAt()) {
        return new int[] {start, m.end()};
      }
      int next = text.indexOf("\n\n", start);
      if (next < 0 || next - start > BYLINE_MAX_CHARS) {
        return null;
      }
      start = next + 2;
    }
    return null;
  }

  /** The text with its leading dateline replaced by spaces (same length, same offsets). */
  public static String withoutDateline(String text) {
    int[] span = dateline(text);
    return span == null ? text : blank(text, span[0], span[1]);
  }

  /**
   * The places where the gold finds {@code entity} in {@code text} (dateline and not-text blanked).
   */
  public List<Match> matches(String entity, String text) {
    RecallGold.Entity e = entity(entity);
    String t = withoutDateline(text);
    for (Pattern not : e.not()) {
      Matcher m = not.matcher(t);
      StringBuilder out = new StringBuilder(t);
      while (m.find()) {
        for (int i = m.start(); i < m.end(); i++) {
          out.setCharAt(i, ' ');
        }
      }
      t = out.toString();
    }
    List<Match> found = new ArrayList<>();
    Set<Integer> starts = new TreeSet<>();
    for (Pattern name : e.names()) {
      Matcher m = name.matcher(t);
      while (m.find()) {
        if (m.end() > m.start() && starts.add(m.start())) {
          found.add(new Match(m.start(), m.end(), text.substring(m.start(), m.end())));
        }
      }
    }
    found.sort(Comparator.comparingInt(Match::begin));
    return found;
  }

  /**
   * The text the entity's {@code not} patterns exclude ("Melania Trump", "USA TODAY"), in the text
   * without its dateline.
   */
  public List<Match> excluded(String entity, String text) {
    String t = withoutDateline(text);
    List<Match> found = new ArrayList<>();
    for (Pattern not : entity(entity).not()) {
      Matcher m = not.matcher(t);
      while (m.find()) {
        found.add(new Match(m.start(), m.end(), text.substring(m.start(), m.end())));
      }
    }
    return found;
  }

  /** Whether the text names the entity. */
  public boolean names(String entity, String text) {
    return !matches(entity, text).isEmpty();
  }

  /** For each pair scored in {@code month}, the ids of the articles whose body names both. */
  public Map<RecallGold.Pair, Set<String>> articlesByPair(List<Article> articles, String month) {
    List<RecallGold.Pair> pairs = gold.pairsIn(month);
    Set<String> needed = new TreeSet<>();
    pairs.forEach(
        p -> {
          needed.add(p.a());
          needed.add(p.b());
        });
    Map<String, Set<String>> byEntity = new LinkedHashMap<>();
    for (String e : needed) {
      byEntity.put(e, new TreeSet<>());
    }
    for (Article a : articles) {
      for (String e : needed) {
        if (names(e, a.text())) {
          byEntity.get(e).add(a.id());
        }
      }
    }
    Map<RecallGold.Pair, Set<String>> result = new LinkedHashMap<>();
    for (RecallGold.Pair p : pairs) {
      Set<String> both = new TreeSet<>(byEntity.get(p.a()));
      both.retainAll(byEntity.get(p.b()));
      result.put(p, both);
    }
    return result;
  }

  private RecallGold.Entity entity(String name) {
    RecallGold.Entity e = gold.entities().get(name);
    if (e == null) {
      throw new IllegalArgumentException(
          name + " is not an entity of the " + gold.corpus() + " gold");
    }
    return e;
  }

  private static String blank(String text, int begin, int end) {
    StringBuilder out = new StringBuilder(text);
    for (int i = begin; i < end; i++) {
      out.setCharAt(i, ' ');
    }
    return out.toString();
  }
}
