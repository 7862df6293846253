package org.newsgraph.nlp;

import java.io.Serializable;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Gives each entity mention of one article a canonical name. Plain Java, no CoreNLP models.
 *
 * <p>Rules, in order:
 *
 * <ol>
 *   <li>Unicode NFC, whitespace collapsed, surrounding quotes and punctuation removed, possessive
 *       {@code 's} / {@code ’s} / trailing apostrophe removed.
 *   <li>PERSON only: leading titles removed ("President", "Supreme Leader", "Mr.") including a
 *       nationality before them ("Russian President"); hyphens inside a name become spaces with the
 *       next letter capitalised ("Kim Jong-un" and "Kim Jong-Un" → "Kim Jong Un").
 *   <li>PERSON only: a name written all in capitals ("VLADIMIR PUTIN", from a headline) is written
 *       with initial capitals.
 *   <li>PERSON only: a name written twice in a row ("Kim Jong Un Kim Jong Un", link text run
 *       together in scraped pages) is written once; brackets inside a name are dropped ("Vladimir]
 *       Putin"); a name that repeats a word otherwise is link text run together with its tooltip
 *       and the next link ("Trump Donald John Trump Gowdy", "Orrin Hatch Orrin Grant Hatch Trump"):
 *       its display name is the longest run of its first words that is a person of the article, or
 *       else the run the tooltip's shape shows (the tooltip starts again with the display's first
 *       word and ends with its last, "Orrin Hatch"; or the display is a family name that the
 *       article uses as one and the tooltip ends with it, "Trump"; or the tooltip is cut right
 *       after its first words, "Robert Mueller Robert"). The words after a whole tooltip are a
 *       second person name with the same offsets ("Trump"). A tooltip of the full name with the
 *       short given name in brackets ("Mike Pence Michael (Mike) Richard Pence", "Mitch McConnell
 *       Addison (Mitch) Mitchell McConnell", CoreNLP's spans cut at the brackets) makes the display
 *       name "Mike Pence", for its first span and the spans of the rest of the tooltip right after
 *       it.
 *   <li>PERSON only: a compound of two names joined by a hyphen, dash or slash ("Trump-Kim",
 *       "Putin–Xi", "Trump/Kim") is split into its parts when each part is a person of the article
 *       (a person mention of its own, or resolving to one by the next rule) or a person of the
 *       alias table, and the two parts are two different persons; "Ocasio-Cortez", "Jean-Claude"
 *       and "al-Assad" stay whole. Each part is a name of its own, with the same offsets. Names of
 *       the other types split the same way when each part is a name of another mention of the
 *       article that is no person, of the alias table, or a country or state of CoreNLP's gazetteer
 *       ({@link PlaceGazetteer}): "U.S.-Mexico" → "U.S." and "Mexico"; "Rolls-Royce" and
 *       "Guinea-Bissau" (a listed country itself) stay whole.
 *   <li>A one-word PERSON name becomes the one multi-word person name of the same article whose
 *       first or last word it equals ("Putin" → "Vladimir Putin", "Kim" → "Kim Jong Un"); a
 *       multi-word PERSON name that is the first or last words of exactly one longer person name of
 *       the article becomes that name ("Kim Jong" → "Kim Jong Un", "Ocasio Cortez" → "Alexandria
 *       Ocasio Cortez"; a longer name that only adds "Jr." or "III" is another person). With no
 *       candidate the name stays as it is ({@code exact}), with two or more it stays as it is and
 *       is marked {@code unresolved}. A one-word ORGANIZATION or MISC mention that matches exactly
 *       one such person is that person too: CoreNLP sometimes tags "Trump" as ORGANIZATION or "Xi"
 *       as MISC in the middle of an article that names them in full.
 *   <li>Not PERSON: an acronym ("NATO", "U.N.") becomes the one multi-word name of the same article
 *       whose initials it spells ("North Atlantic Treaty Organization"; small words such as "of"
 *       and "the" are skipped), only when exactly one such name exists ({@code in_article}).
 *   <li>The {@link AliasTable} maps the name reached so far to its canonical entity across articles
 *       ({@code alias}): "U.S." → "United States", "Kim Jong Eun" → "Kim Jong Un".
 * </ol>
 *
 * No rule guesses between two people: a short name with several candidates stays unresolved. A
 * short name with no candidate in its article is left for the corpus-level resolution of the
 * aggregate stage, which decides from the whole corpus (resolution {@code corpus}).
 */
public final class EntityCanonicalizer implements Serializable {

  public static final String PERSON = "PERSON";

  private static final String LOCATION = "LOCATION";

  /** Types whose one-word mentions may be a person named in full elsewhere in the article. */
  private static final Set<String> PERSON_LIKE = Set.of(PERSON, "ORGANIZATION", "MISC");

  /** Types whose compounds ("U.S.-Mexico") may stand for two names of the article. */
  private static final Set<String> COMPOUND_TYPES = Set.of("ORGANIZATION", LOCATION, "MISC");

  public static final List<String> DEFAULT_TITLES =
      List.of(
          "President",
          "Vice President",
          "Prime Minister",
          "Deputy Prime Minister",
          "Chancellor",
          "Chairman",
          "Chairwoman",
          "Supreme Leader",
          "Leader",
          "King",
          "Queen",
          "Prince",
          "Princess",
          "Pope",
          "Secretary",
          "Secretary of State",
          "Special Counsel",
          "Secretary-General",
          "Foreign Minister",
          "Defense Minister",
          "Defence Minister",
          "Minister",
          "Ambassador",
          "Governor",
          "Mayor",
          "Senator",
          "Sen.",
          "Rep.",
          "Representative",
          "Speaker",
          "General",
          "Gen.",
          "Admiral",
          "Col.",
          "Lt.",
          "Judge",
          "Justice",
          "Mr.",
          "Mrs.",
          "Ms.",
          "Miss",
          "Dr.",
          "Prof.",
          "Professor",
          "Mr",
          "Mrs",
          "Ms",
          "Dr",
          "Sir",
          "Dame",
          "Lord",
          "Lady",
          "Rev.",
          "Pastor",
          "Gov.",
          "Sheikh",
          "Premier",
          "Dictator");

  public static final List<String> DEFAULT_NATIONALITIES =
      List.of(
          "American",
          "US",
          "U.S.",
          "Russian",
          "Chinese",
          "North Korean",
          "South Korean",
          "Korean",
          "Japanese",
          "German",
          "French",
          "British",
          "UK",
          "Iranian",
          "Israeli",
          "Palestinian",
          "Indian",
          "Pakistani",
          "Turkish",
          "Ukrainian",
          "Syrian",
          "Saudi",
          "Canadian",
          "Mexican",
          "Brazilian",
          "Italian",
          "Spanish",
          "Venezuelan",
          "Cuban",
          "Egyptian",
          "Iraqi",
          "Afghan",
          "Australian",
          "Polish",
          "Hungarian",
          "Philippine",
          "Filipino",
          "Taiwanese",
          "Vietnamese",
          "Belarusian",
          "Dutch",
          "Swedish",
          "Greek",
          "European",
          "Former",
          "former",
          "then-",
          "Acting",
          "acting",
          "Interim",
          "interim");

  // Two capitalised names joined by a hyphen, dash or slash: "Trump-Kim", "Putin – Xi".
  private static final Pattern COMPOUND =
      Pattern.compile(
          "(\\p{Lu}[\\p{L}.'’]*(?: \\p{Lu}[\\p{L}.'’]*)*)\\s*[-‐‑–—/]\\s*"
              + "(\\p{Lu}[\\p{L}.'’]*(?: \\p{Lu}[\\p{L}.'’]*)*)");
  private static final Pattern HYPHEN_IN_NAME = Pattern.compile("(\\p{L})[-‐‑](\\p{L})");
  private static final Pattern POSSESSIVE = Pattern.compile("(?:['’]s|['’])$");
  private static final String EDGE_PUNCTUATION = "\"'“”‘’«»()[]{},;:!?*";

  private static final Pattern ACRONYM = Pattern.compile("(?:\\p{Lu}\\.?){2,8}");
  private static final Set<String> NAME_SUFFIXES =
      Set.of("Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV");
  private static final Set<String> SMALL_WORDS =
      Set.of("of", "the", "and", "for", "on", "in", "to", "de", "du", "des", "la", "le", "&");

  private final List<String> titles;
  private final List<String> nationalities;
  private final AliasTable aliases;

  /** A canonicalizer with {@link #DEFAULT_TITLES}, {@link #DEFAULT_NATIONALITIES}, no aliases. */
  public EntityCanonicalizer() {
    this(DEFAULT_TITLES, DEFAULT_NATIONALITIES);
  }

  public EntityCanonicalizer(List<String> titles, List<String> nationalities) {
    this(titles, nationalities, AliasTable.EMPTY);
  }

  /**
   * @param titles titles stripped from the front of person names, matched case-sensitively as whole
   *     words
   * @param nationalities words that may stand before a title ("Russian President") and are stripped
   *     with it
   * @param aliases the alias table applied last
   */
  public EntityCanonicalizer(List<String> titles, List<String> nationalities, AliasTable aliases) {
    this.aliases = aliases;
    // Longest first, so "Prime Minister" wins over "Minister" and "Secretary of State" over
    // "Secretary".
    Comparator<String> longestFirst = Comparator.comparingInt(String::length).reversed();
    this.titles = titles.stream().map(String::strip).sorted(longestFirst).toList();
    this.nationalities = nationalities.stream().map(String::strip).sorted(longestFirst).toList();
  }

  /** How a mention got its canonical name. */
  public enum Resolution {
    /** The mention's own normalised text. */
    EXACT,
    /** A longer name of the same article (rules 4 and 5). */
    IN_ARTICLE,
    /** The alias table gave the name (rule 6). */
    ALIAS,
    /** A one-word person name with several candidates in the article: kept as it is. */
    UNRESOLVED,
    /**
     * A short person name without a candidate in its article, named by the full name it stands for
     * across the corpus (set by the aggregate stage, never by this class).
     */
    CORPUS,
    /**
     * A name CoreNLP left untagged, or a bare tagged one-word name, found as one of the names the
     * corpus writes for a person (README "Entity names" rule 11; set by the aggregate stage, never
     * by this class).
     */
    GAZETTEER;

    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * A canonical name.
   *
   * @param name the canonical name
   * @param type the entity type: the mention's, or PERSON when rule 3 resolved it to a person
   * @param resolution how the name was found
   */
  public record CanonicalName(String name, String type, Resolution resolution)
      implements Serializable {}

  /**
   * The canonical name of one mention, or of one part of a compound mention ("Trump-Kim" gives
   * two).
   *
   * @param mention the index of the mention in the article's list
   * @param base the mention's (or part's) own name after rules 1 to 4, before any article context:
   *     what corpus-level resolution counts
   * @param name the canonical name
   */
  public record MentionName(int mention, String base, CanonicalName name) implements Serializable {}

  /**
   * The canonical names of an article's mentions, in the order of {@code mentions}: one per
   * mention, two for a compound of two persons (rule 4), both with the compound's mention index.
   */
  public List<MentionName> canonicalNames(List<EntityMention> mentions) {
    List<String> base = new ArrayList<>(mentions.size());
    for (EntityMention m : mentions) {
      base.add(normalize(m.text(), m.type()));
    }
    Map<Integer, String> tails = new LinkedHashMap<>();
    for (int i = 0; i < mentions.size(); i++) {
      if (PERSON.equals(mentions.get(i).type())) {
        int shown = givenNameTooltip(i, mentions, base);
        if (shown > 0) {
          // The mentions that hold the rest of this tooltip are named with it, and skipped.
          i = tooltipOfGivenName(i, shown, mentions, base);
          continue;
        }
        RunTogether run = runTogether(i, mentions, base);
        base.set(i, run.display());
        if (run.tail() != null) {
          tails.put(i, run.tail());
        }
      }
    }
    List<List<Part>> parts = new ArrayList<>(mentions.size());
    Set<Integer> split = new LinkedHashSet<>();
    for (int i = 0; i < mentions.size(); i++) {
      String type = mentions.get(i).type();
      List<Part> p;
      if (tails.containsKey(i)) {
        // The display name stays a name of the article; the tail is one more.
        p = List.of(new Part(base.get(i), PERSON), new Part(tails.get(i), PERSON));
      } else {
        if (PERSON.equals(type)) {
          p = compoundParts(i, mentions, base);
        } else if (COMPOUND_TYPES.contains(type)) {
          p = namedParts(i, mentions, base);
          // CoreNLP tags "Trump-Pence" (ticket) an ORGANIZATION, "Reagan-Gorbachev" (summit) MISC.
          p = p.isEmpty() ? compoundParts(i, mentions, base) : p;
        } else {
          p = List.of();
        }
        if (!p.isEmpty()) {
          split.add(i);
        }
      }
      parts.add(p);
    }
    Names names = names(mentions, base, split, tails.values());
    List<MentionName> result = new ArrayList<>(mentions.size());
    for (int i = 0; i < mentions.size(); i++) {
      String type = mentions.get(i).type();
      if (parts.get(i).isEmpty()) {
        result.add(new MentionName(i, base.get(i), resolve(base.get(i), type, names)));
      } else {
        for (Part part : parts.get(i)) {
          result.add(new MentionName(i, part.name(), resolve(part.name(), part.type(), names)));
        }
      }
    }
    return result;
  }

  /**
   * The names of an article that other names are resolved against.
   *
   * @param persons every PERSON name
   * @param fullPersons the multi-word PERSON names, spelling variants given by the alias table
   * @param fullOthers the multi-word names of other types, with their type
   */
  private record Names(
      Set<String> persons, Set<String> fullPersons, Map<String, String> fullOthers) {}

  /** The names of the article's mentions, leaving out the mentions in {@code excluded}. */
  private Names names(List<EntityMention> mentions, List<String> base, Set<Integer> excluded) {
    return names(mentions, base, excluded, List.of());
  }

  /**
   * The names of the article's mentions, leaving out the mentions in {@code excluded}, with the
   * person names in {@code morePersons} (the tails of names run together).
   */
  private Names names(
      List<EntityMention> mentions,
      List<String> base,
      Set<Integer> excluded,
      Collection<String> morePersons) {
    Set<String> persons = new LinkedHashSet<>();
    Set<String> fullPersons = new LinkedHashSet<>();
    Map<String, String> fullOthers = new LinkedHashMap<>();
    for (int i = 0; i < mentions.size(); i++) {
      if (!excluded.contains(i)) {
        addName(base.get(i), mentions.get(i).type(), persons, fullPersons, fullOthers);
      }
    }
    for (String person : morePersons) {
      addName(person, PERSON, persons, fullPersons, fullOthers);
    }
    // A name that is itself part of a longer one ("Kim Jong" of "Kim Jong Un") is no candidate.
    Set<String> longest = new LinkedHashSet<>();
    for (String name : fullPersons) {
      if (candidates(name, fullPersons).isEmpty()) {
        longest.add(name);
      }
    }
    return new Names(persons, longest, fullOthers);
  }

  private void addName(
      String name,
      String type,
      Set<String> persons,
      Set<String> fullPersons,
      Map<String, String> fullOthers) {
    if (PERSON.equals(type)) {
      persons.add(name);
    }
    if (words(name).length > 1) {
      if (PERSON.equals(type)) {
        // Spelling variants of one person are one candidate: "Donald J. Trump" is "Donald Trump".
        AliasTable.Target alias = aliases.lookup(name, PERSON);
        fullPersons.add(alias == null ? name : alias.name());
      } else {
        fullOthers.putIfAbsent(name, type);
      }
    }
  }

  /** Rules 5 to 7 for one name of an article. */
  private CanonicalName resolve(String name, String type, Names names) {
    CanonicalName resolved = new CanonicalName(name, type, Resolution.EXACT);
    int length = words(name).length;
    if ((length == 1 && PERSON_LIKE.contains(type)) || (length > 1 && PERSON.equals(type))) {
      List<String> candidates = candidates(name, names.fullPersons());
      if (candidates.size() == 1) {
        resolved = new CanonicalName(candidates.get(0), PERSON, Resolution.IN_ARTICLE);
      } else if (candidates.size() > 1 && PERSON.equals(type)) {
        resolved = new CanonicalName(name, type, Resolution.UNRESOLVED);
      }
    }
    if (resolved.resolution() == Resolution.EXACT
        && !PERSON.equals(type)
        && ACRONYM.matcher(name).matches()) {
      String letters = name.replace(".", "");
      List<String> spelled =
          names.fullOthers().keySet().stream()
              .filter(full -> initials(full).equals(letters))
              .toList();
      if (spelled.size() == 1) {
        resolved =
            new CanonicalName(
                spelled.get(0), names.fullOthers().get(spelled.get(0)), Resolution.IN_ARTICLE);
      }
    }
    AliasTable.Target alias = aliases.lookup(resolved.name(), resolved.type());
    if (alias != null && !alias.name().equals(resolved.name())) {
      resolved = new CanonicalName(alias.name(), alias.type(), Resolution.ALIAS);
    } else if (alias != null) {
      resolved = new CanonicalName(alias.name(), alias.type(), resolved.resolution());
    }
    return resolved;
  }

  /**
   * Rule 4: the two person names that mention {@code i}, a compound such as "Trump-Kim" or
   * "Putin/Xi", stands for, or an empty list when it is one name. Each part must be a person of the
   * article or of the alias table, and the parts must name two different persons. The compound is
   * judged against the other names of the article, leaving out itself and its parts written as one
   * name ("Trump Kim" would make "Trump" and "Kim" ambiguous).
   */
  private List<Part> compoundParts(int i, List<EntityMention> mentions, List<String> base) {
    Matcher m = COMPOUND.matcher(mentions.get(i).text().strip());
    if (!m.matches()) {
      return List.of();
    }
    List<String> parts = List.of(normalize(m.group(1), PERSON), normalize(m.group(2), PERSON));
    String joined = normalize(parts.get(0) + " " + parts.get(1), PERSON);
    Set<Integer> excluded = new LinkedHashSet<>();
    excluded.add(i);
    for (int j = 0; j < base.size(); j++) {
      if (base.get(j).equals(joined)) {
        excluded.add(j);
      }
    }
    Names others = names(mentions, base, excluded);
    Set<String> persons = new LinkedHashSet<>();
    for (String part : parts) {
      String person = personOf(part, others);
      if (person == null) {
        return List.of();
      }
      persons.add(person);
    }
    return persons.size() == 2 ? parts.stream().map(p -> new Part(p, PERSON)).toList() : List.of();
  }

  /**
   * The length of the display name of mention {@code i} when it is a display name run together with
   * a tooltip of the full name that starts with another given name ("Mike Pence Michael (Mike)
   * Richard Pence", "Jeff Sessions Jefferson (Jeff) Beauregard Sessions", "Mitch McConnell Addison
   * (Mitch) Mitchell McConnell"), or 0. CoreNLP usually cuts such a span at the bracket and tags
   * the rest of the tooltip apart ({@link #tooltipRest}).
   *
   * <p>The tooltip starts at the first word from the third on that is a form of the first word: the
   * same given name by {@link PersonVariants#fullGivenName} ("Mike", "Michael"), the word itself,
   * or a longer word that starts with it ("Jeff", "Jefferson"). The mention must end there or end
   * with the display's last word again; and the list of given names says so, or the rest of the
   * tooltip follows, or (for a longer word) the article uses that last word as a family name
   * elsewhere. With no such word, the mention's last word starts the tooltip only when the rest of
   * the tooltip follows after the short given name in brackets ("Addison (Mitch) Mitchell
   * McConnell"). "Jo Ann Johnson" stays whole: the article's family name is Johnson, not Ann.
   */
  private int givenNameTooltip(int i, List<EntityMention> mentions, List<String> base) {
    String[] w = words(base.get(i));
    if (w.length < 3 || !Character.isUpperCase(w[0].codePointAt(0)) || w[0].length() < 2) {
      return 0;
    }
    String given = PersonVariants.fullGivenName(w[0]);
    for (int r = 2; r < w.length; r++) {
      boolean listed = !w[r].equals(w[0]) && PersonVariants.fullGivenName(w[r]).equals(given);
      if (!listed && !w[r].startsWith(w[0])) {
        continue;
      }
      String family = w[r - 1];
      boolean shape = r == w.length - 1 || w[w.length - 1].equals(family);
      boolean confirmed =
          listed
              || tooltipRest(i, w[0], family, true, mentions, base) > i
              || (!w[r].equals(w[0]) && endsAPersonName(i, family, mentions, base));
      return shape && confirmed ? r : 0;
    }
    int r = w.length - 1;
    return tooltipRest(i, w[0], w[r - 1], false, mentions, base) > i ? r : 0;
  }

  /** Whether a person mention other than {@code i} is {@code family} or ends with it. */
  private static boolean endsAPersonName(
      int i, String family, List<EntityMention> mentions, List<String> base) {
    for (int j = 0; j < mentions.size(); j++) {
      String[] other = words(base.get(j));
      if (j != i
          && PERSON.equals(mentions.get(j).type())
          && other.length > 0
          && other[other.length - 1].equals(family)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The index of the last mention that holds the rest of the tooltip begun in mention {@code i}, or
   * -1: the short given name in brackets tagged on its own ("Mike" of "(Mike)"), and the mention
   * right after it or right after {@code i} that holds the family name ("Richard Pence Top Pence",
   * where "Top Pence" is the next link's text; tagged a person, an organisation or other). "Right
   * after" is at most a bracket and a space; after {@code i}, also the length of the short given
   * name in brackets when CoreNLP did not tag it, for a rest of two or more words. When the
   * tooltip's first word is no form of the given name ({@code related} false), only a rest after
   * the bracketed given name counts: "Kim Jong Un, Kim Jong Il" is no tooltip.
   */
  private static int tooltipRest(
      int i,
      String given,
      String family,
      boolean related,
      List<EntityMention> mentions,
      List<String> base) {
    int j = i + 1;
    if (j >= mentions.size()) {
      return -1;
    }
    int gap = gap(mentions.get(i), mentions.get(j));
    boolean close = gap >= 0 && gap <= 3;
    if (close && Arrays.asList(words(base.get(j))).equals(List.of(given))) {
      boolean rest =
          j + 1 < mentions.size()
              && holdsFamilyName(j + 1, family, mentions, base)
              && gap(mentions.get(j), mentions.get(j + 1)) >= 0
              && gap(mentions.get(j), mentions.get(j + 1)) <= 3;
      return rest ? j + 1 : j;
    }
    // The gap only says that a bracketed word may sit there; a rest of two or more words that does
    // not start with the family name makes it likely ("Mitchell McConnell", not "Paul").
    String[] next = words(base.get(j));
    boolean afterBracket =
        gap == given.length() + " () ".length() && next.length > 1 && !next[0].equals(family);
    return (afterBracket || (related && close)) && holdsFamilyName(j, family, mentions, base)
        ? j
        : -1;
  }

  /** Whether mention {@code j}, of a type that may be a person, holds {@code family} as a word. */
  private static boolean holdsFamilyName(
      int j, String family, List<EntityMention> mentions, List<String> base) {
    return PERSON_LIKE.contains(mentions.get(j).type())
        && Arrays.asList(words(base.get(j))).contains(family);
  }

  /** The characters between two mentions. */
  private static int gap(EntityMention previous, EntityMention next) {
    return next.charBegin() - previous.charEnd();
  }

  /**
   * Names mention {@code i} by its display name of {@code shown} words, and so the rest of its
   * tooltip that CoreNLP tagged apart right after it ({@link #tooltipRest}). Returns the index of
   * the last mention named.
   */
  private static int tooltipOfGivenName(
      int i, int shown, List<EntityMention> mentions, List<String> base) {
    String[] w = words(base.get(i));
    String display = String.join(" ", Arrays.copyOf(w, shown));
    base.set(i, display);
    // A mention that goes on past the tooltip's first word holds the whole tooltip.
    int last = w.length > shown + 1 ? i : tooltipRest(i, w[0], w[shown - 1], true, mentions, base);
    for (int j = i + 1; j <= last; j++) {
      base.set(j, display);
    }
    return Math.max(i, last);
  }

  /** A person name of rule 3: the display name, and the person name after the tooltip or null. */
  private record RunTogether(String display, String tail) {}

  /**
   * Rule 3: a person name that repeats a word is names run together, link text followed by its
   * tooltip and maybe the next link ("Robert Mueller Robert", "Trump Donald John Trump Gowdy",
   * "Orrin Hatch Orrin Grant Hatch Trump"). Its display name is the longest run of its first words
   * that is a person of the article, or else the run the tooltip's shape shows ({@link
   * #displayLength}); with neither the name stays as it is ("Sirhan Sirhan").
   */
  private RunTogether runTogether(int i, List<EntityMention> mentions, List<String> base) {
    String[] w = words(base.get(i));
    if (Arrays.stream(w).distinct().count() == w.length) {
      return new RunTogether(base.get(i), null);
    }
    Names others = names(mentions, base, Set.of(i));
    int display = 0;
    for (int k = w.length - 1; k >= 1 && display == 0; k--) {
      if (personOf(String.join(" ", Arrays.copyOf(w, k)), others) != null) {
        display = k;
      }
    }
    if (display == 0) {
      display = displayLength(w, others);
    }
    if (display == 0) {
      return new RunTogether(base.get(i), null);
    }
    String name = String.join(" ", Arrays.copyOf(w, display));
    if (display == 1) {
      // A family name shown, its tooltip the full name: "Donald John Trump" says who "Trump" is.
      int end = indexOf(w, w[0], 1);
      String tooltip = end < 2 ? "" : String.join(" ", Arrays.copyOfRange(w, 1, end + 1));
      if (end >= 2 && personOf(tooltip, others) != null) {
        name = tooltip;
      }
    }
    return new RunTogether(name, tail(w, display));
  }

  /**
   * The length of the display name that the shape of a tooltip shows, or 0. The tooltip starts
   * where the first word comes again, at {@code r}:
   *
   * <ol>
   *   <li>the tooltip starts with the display's first word and later holds its last word: a given
   *       name, a full name ("Orrin Hatch Orrin Grant Hatch"): the first {@code r} words;
   *   <li>the first word is a family name the article uses as one (a person of its own, or the last
   *       word of a longer person) and the tooltip, at least two words, ends with it ("Trump Donald
   *       John Trump"): the first word;
   *   <li>the tooltip is cut after its first words, which repeat the display's ("Robert Mueller
   *       Robert", "Kim Jong Un Kim Jong"): the first {@code r} words.
   * </ol>
   */
  private static int displayLength(String[] w, Names others) {
    int r = indexOf(w, w[0], 1);
    if (r < 2) {
      return 0;
    }
    if (indexOf(w, w[r - 1], r + 1) > 0) {
      return r;
    }
    boolean familyName =
        others.persons().contains(w[0])
            || others.fullPersons().stream().anyMatch(full -> full.endsWith(" " + w[0]));
    if (familyName) {
      return 1;
    }
    return Arrays.equals(w, r, w.length, w, 0, w.length - r) ? r : 0;
  }

  /**
   * The person name after a whole tooltip, or null: the words after the tooltip's last word, the
   * display's last word, when the tooltip starts with the display's first word (or the display is
   * one word), all capitalised and not the display again.
   */
  private static String tail(String[] w, int display) {
    if (display >= w.length || (display > 1 && !w[display].equals(w[0]))) {
      return null;
    }
    int end = w.length - 1;
    while (end > display && !w[end].equals(w[display - 1])) {
      end--;
    }
    if (end <= display || end == w.length - 1) {
      return null;
    }
    String[] rest = Arrays.copyOfRange(w, end + 1, w.length);
    String tail = String.join(" ", rest);
    boolean capitalised =
        Arrays.stream(rest).allMatch(x -> Character.isUpperCase(x.codePointAt(0)));
    String shown = String.join(" ", Arrays.copyOf(w, display));
    return capitalised && !tail.equals(shown) ? tail : null;
  }

  /** The first index of {@code word} in {@code w} from {@code from}, or -1. */
  private static int indexOf(String[] w, String word, int from) {
    for (int j = from; j < w.length; j++) {
      if (w[j].equals(word)) {
        return j;
      }
    }
    return -1;
  }

  /** One name of a compound mention, with its type. */
  private record Part(String name, String type) {}

  /**
   * Rule 4 for places, organisations and other names: "U.S.-Mexico" stands for two names when each
   * part is a name of another mention of the article (of any type but PERSON), of the alias table
   * or a country or state of {@link PlaceGazetteer} (a LOCATION), and the parts name two different
   * entities. "Rolls-Royce" stays whole unless the article names both parts on their own;
   * "Guinea-Bissau", a country of the gazetteer itself, always stays whole.
   */
  private List<Part> namedParts(int i, List<EntityMention> mentions, List<String> base) {
    String type = mentions.get(i).type();
    String whole = mentions.get(i).text().strip();
    Matcher m = COMPOUND.matcher(whole);
    if (!m.matches() || PlaceGazetteer.isPlace(whole)) {
      return List.of();
    }
    List<Part> parts = new ArrayList<>(2);
    Set<String> entities = new LinkedHashSet<>();
    for (String raw : List.of(m.group(1), m.group(2))) {
      String name = normalize(raw, type);
      String partType = null;
      for (int j = 0; j < mentions.size() && partType == null; j++) {
        String other = mentions.get(j).type();
        if (j != i && !PERSON.equals(other) && base.get(j).equals(name)) {
          partType = other;
        }
      }
      AliasTable.Target alias = aliases.lookup(name, partType == null ? type : partType);
      if (partType == null && alias != null) {
        partType = alias.type();
      }
      if (partType == null && PlaceGazetteer.isPlace(name)) {
        partType = LOCATION;
      }
      if (partType == null) {
        return List.of();
      }
      parts.add(new Part(name, partType));
      entities.add(alias == null ? name : alias.name());
    }
    return entities.size() == 2 ? parts : List.of();
  }

  /** The person a name stands for in the article or the alias table, or null when none. */
  private String personOf(String name, Names names) {
    List<String> candidates = candidates(name, names.fullPersons());
    if (candidates.size() == 1) {
      return candidates.get(0);
    }
    AliasTable.Target alias = aliases.lookup(name, PERSON);
    if (alias != null) {
      return alias.name();
    }
    return candidates.isEmpty() && names.persons().contains(name) ? name : null;
  }

  /** Initials of the capitalised words of a name: "North Atlantic Treaty Organization" → NATO. */
  static String initials(String name) {
    StringBuilder out = new StringBuilder();
    for (String w : words(name)) {
      if (!SMALL_WORDS.contains(w) && Character.isUpperCase(w.codePointAt(0))) {
        out.appendCodePoint(w.codePointAt(0));
      }
    }
    return out.toString();
  }

  /** Rules 1 and 2: the name of one mention on its own, without article context. */
  public String normalize(String surface, String type) {
    String name =
        Normalizer.normalize(surface, Normalizer.Form.NFC).strip().replaceAll("\\s+", " ");
    name = stripEdges(name);
    name = POSSESSIVE.matcher(name).replaceFirst("");
    name = stripEdges(name);
    if (PERSON.equals(type)) {
      // Brackets inside a person name are editing marks or tooltip debris: "Vladimir] Putin".
      name = name.replaceAll("\\s*[\\[\\](){}]\\s*", " ").strip();
      name = stripTitles(name);
      name = joinHyphenatedParts(name);
      name = unshout(name);
      name = once(name);
    }
    return name.isEmpty() ? surface.strip() : name;
  }

  /**
   * The longer person names of the article whose first or last words are {@code name}; a name that
   * only adds a suffix ("Donald Trump Jr." to "Donald Trump") is another person, not a candidate.
   */
  private static List<String> candidates(String name, Set<String> fullNames) {
    String[] n = words(name);
    return fullNames.stream()
        .filter(
            full -> {
              String[] w = words(full);
              int last = w.length - 1;
              // "Donald Trump Jr.": the family name is before the suffix.
              if (last > 1 && NAME_SUFFIXES.contains(w[last])) {
                last--;
              }
              // Strictly shorter than the name without its suffix, so never the name itself.
              if (n.length > last) {
                return false;
              }
              return Arrays.equals(w, 0, n.length, n, 0, n.length)
                  || Arrays.equals(w, last + 1 - n.length, last + 1, n, 0, n.length);
            })
        .collect(Collectors.toList());
  }

  private String stripTitles(String name) {
    String current = name;
    boolean changed = true;
    while (changed) {
      changed = false;
      for (String nationality : nationalities) {
        String rest = afterPrefix(current, nationality);
        if (rest != null && startsWithTitle(rest)) {
          current = rest;
          changed = true;
          break;
        }
      }
      for (String title : titles) {
        String rest = afterPrefix(current, title);
        // Never strip a whole name away: "King" alone may be a surname.
        if (rest != null && !rest.isEmpty()) {
          current = rest;
          changed = true;
          break;
        }
      }
    }
    return current;
  }

  private boolean startsWithTitle(String s) {
    for (String title : titles) {
      String rest = afterPrefix(s, title);
      if (rest != null && !rest.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** The text after {@code prefix} and a space, or null when {@code s} does not start so. */
  private static String afterPrefix(String s, String prefix) {
    if (s.length() > prefix.length()
        && s.startsWith(prefix)
        && (prefix.endsWith("-") || s.charAt(prefix.length()) == ' ')) {
      return s.substring(prefix.length()).strip();
    }
    return null;
  }

  /**
   * "Kim Jong Un Kim Jong Un" → "Kim Jong Un": the same two or more words twice in a row, written
   * once ("Sirhan Sirhan" is a name).
   */
  private static String once(String name) {
    String[] w = words(name);
    int half = w.length / 2;
    if (half > 1 && w.length % 2 == 0 && Arrays.equals(w, 0, half, w, half, w.length)) {
      return String.join(" ", Arrays.copyOf(w, half));
    }
    return name;
  }

  /** "VLADIMIR PUTIN" → "Vladimir Putin"; names with any lower-case letter are left alone. */
  private static String unshout(String name) {
    if (!name.equals(name.toUpperCase(Locale.ROOT))
        || name.replaceAll("[^\\p{L}]", "").length() < 4) {
      return name;
    }
    StringBuilder out = new StringBuilder();
    for (String w : name.split(" ", -1)) {
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(w.isEmpty() ? w : w.charAt(0) + w.substring(1).toLowerCase(Locale.ROOT));
    }
    return out.toString();
  }

  private static String joinHyphenatedParts(String name) {
    Matcher m = HYPHEN_IN_NAME.matcher(name);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(
          out, Matcher.quoteReplacement(m.group(1) + " " + m.group(2).toUpperCase(Locale.ROOT)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String stripEdges(String s) {
    int begin = 0;
    int end = s.length();
    while (begin < end && EDGE_PUNCTUATION.indexOf(s.charAt(begin)) >= 0) {
      begin++;
    }
    while (end > begin && EDGE_PUNCTUATION.indexOf(s.charAt(end - 1)) >= 0) {
      end--;
    }
    return s.substring(begin, end).strip();
  }

  private static String[] words(String name) {
    return Arrays.stream(name.split(" ")).filter(w -> !w.isEmpty()).toArray(String[]::new);
  }
}
