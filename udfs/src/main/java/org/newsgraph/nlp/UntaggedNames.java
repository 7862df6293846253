package org.newsgraph.nlp;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Finds the person names CoreNLP left untagged in an article: places where the text writes a name
 * that the corpus writes for one person (a gazetteer of written names, built by the aggregate stage
 * from the tagged mentions of the whole corpus) and no mention of the article covers. CoreNLP's
 * models miss names they rarely saw as names ("Vice President Pence": "pence" is a coin in their
 * training news), names in headline lists and in capitals; an analyst counting who is mentioned
 * with whom counts them all.
 *
 * <p>Contract of {@link #find}: a hit is a whole written name of the gazetteer, spelled exactly
 * (case included), starting a word (not after a letter, digit or joining hyphen) and ending one
 * (not before a letter, digit or joining hyphen: "Trumpism" is another word), where a hyphen that
 * joins the name to a word in lower case only forms an adjective or a noun of the name ("Manafort-
 * like", "anti-Trump", "Schumer-sniffers": the text names the person there), outside every mention
 * of the article (outside the part of it that its name accounts for: {@link Named#namedEnd}; a
 * mention that is no person and only adds to the name a word of government, "Reagan
 * Administration", or such lower-case words, "Manafort-like", leaves it free) and outside its
 * dateline, inside one of its sentences. A written name is not looked for in an article that gives
 * it to someone else: a person mention whose named text holds the name as whole words and whose
 * entity is another ("Melania Trump" blocks "Trump" in her article). Each hit says whether it
 * starts its sentence and whether a capitalised word follows it on the same line, so that the
 * caller can leave out, for written names that are also common words ({@link #lowerCaseNames}), the
 * places where capitals say nothing ("Sessions of the court", "Consumer Price Index").
 *
 * <p>Handles: embedded posts and bylines write people as handles, their names run together
 * ("@SecPompeo", "@realDonaldTrump"). A handle ({@code @} and ASCII letters, digits and
 * underscores, not inside a word or an address) whose last capitalised words are a written name
 * without its spaces and punctuation ("DonaldTrump", "OcasioCortez") is a hit at those words, with
 * the same checks as above; a given name of the corpus just before them makes them part of another
 * name ("@EricTrump"), and a handle in lower case or in capitals only says nothing.
 *
 * <p>Immutable and serializable: one instance is shipped to the executors.
 */
public final class UntaggedNames implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The words after a leader's name that make an organisation of his government. */
  private static final Set<String> GOVERNMENT =
      Set.of("administration", "government", "cabinet", "presidency");

  /** Words in lower case, each with a hyphen after it: what "anti-" adds before a name. */
  private static final Pattern LOWER_CASE_BEFORE = Pattern.compile("(?:\\p{Ll}+[-\u2010])*");

  /** Words in lower case, each with a hyphen before it: what "-like" adds after a name. */
  private static final Pattern LOWER_CASE_AFTER = Pattern.compile("(?:[-\u2010]\\p{Ll}+)*");

  /**
   * A mention of the article as the corpus named it.
   *
   * @param begin first character of the mention
   * @param end character after the mention
   * @param surface the mention's text
   * @param entity its canonical name
   * @param person whether the entity is a person
   */
  public record Named(int begin, int end, String surface, String entity, boolean person) {

    /**
     * The character after the part of this mention that its name accounts for. Scraped pages run a
     * link into the next one, and CoreNLP may tag both as one person: the rest of a tooltip, then
     * the next link's text ("Lamar Alexander Pelosi", named Lamar Alexander by the tooltip rules of
     * {@link EntityCanonicalizer}). The capitalised words after the last word of a person's name
     * are then not his: they are read as the rest of the text is. They stay his when they start his
     * tooltip, with his given name in full or short ("Mike Pence Michael", "Bob Goodlatte Robert"),
     * and every other mention covers its whole surface.
     */
    int namedEnd() {
      if (!person || entity == null || surface == null || surface.length() != end - begin) {
        return end;
      }
      String[] name = entity.split(" ");
      String last = name[name.length - 1];
      int at = surface.lastIndexOf(last);
      while (at >= 0 && !(startsWord(surface, at) && endsWord(surface, at + last.length()))) {
        at = surface.lastIndexOf(last, at - 1);
      }
      int after = at + last.length();
      if (at < 0 || after >= surface.length() || !Character.isWhitespace(surface.charAt(after))) {
        return end;
      }
      String[] rest = surface.substring(after).strip().split("\\s+");
      for (String word : rest) {
        if (!Character.isUpperCase(word.codePointAt(0))) {
          return end;
        }
      }
      boolean tooltip =
          rest[0].startsWith(name[0])
              || PersonVariants.fullGivenName(rest[0])
                  .equals(PersonVariants.fullGivenName(name[0]));
      return tooltip ? end : begin + after;
    }
  }

  /**
   * One untagged written name.
   *
   * @param begin first character
   * @param end character after the name
   * @param surface the name as written
   * @param entity the person the corpus writes it for
   * @param sentenceIndex zero-based sentence holding it
   * @param sentenceInitial whether only punctuation and spaces come before it in its sentence
   *     (after the dateline: the story's first sentence starts there)
   * @param capitalizedNext whether the next word on the same line starts with a capital
   */
  public record Hit(
      int begin,
      int end,
      String surface,
      String entity,
      int sentenceIndex,
      boolean sentenceInitial,
      boolean capitalizedNext) {}

  /**
   * One of the two names a person mention runs together ({@link #parts}).
   *
   * @param begin first character
   * @param end character after the name
   * @param surface the name as written
   * @param entity its person
   */
  public record Part(int begin, int end, String surface, String entity) {}

  /** The written names by their first word, longest first. */
  private final Map<String, List<String>> byFirstWord;

  /** Written name → its person. */
  private final Map<String, String> entities;

  /** Lower-case form of each one-word written name → the written names with that form. */
  private final Map<String, List<String>> oneWordByLowerCase;

  /** Span of several words → the person whose name it starts or ends ({@link #spans}). */
  private final Map<String, String> spans;

  /**
   * A written name's letters and digits alone ("DonaldTrump" for "Donald Trump"), as handles write
   * it, → the first written name with them; a form that stands for two persons is left out.
   */
  private final Map<String, String> byLetters;

  /** Given names of the corpus: a capitalised word of a handle that is one starts another name. */
  private final Set<String> givenNames;

  /** A span's letters and digits alone → the first span with them, as {@link #byLetters}. */
  private final Map<String, String> spansByLetters;

  /** Rare person names of the corpus that are two written names run together ({@link #parts}). */
  private final Set<String> runTogether;

  /**
   * A gazetteer without spans.
   *
   * @param entities each written name and the person the corpus writes it for; names that are not
   *     {@link #nameLike} are ignored
   */
  public UntaggedNames(Map<String, String> entities) {
    this(entities, Map.of(), Set.of());
  }

  /**
   * The gazetteer.
   *
   * @param entities each written name and the person the corpus writes it for; names that are not
   *     {@link #nameLike} are ignored
   * @param spans the first or last words of person names that stand for one of them ({@link
   *     #spans})
   * @param givenNames the given names of the corpus (first words of its person names): in a handle,
   *     a written name after one of them is part of another name ("@EricTrump")
   */
  public UntaggedNames(
      Map<String, String> entities, Map<String, String> spans, Set<String> givenNames) {
    this(entities, spans, givenNames, Set.of());
  }

  /**
   * The gazetteer with the run-together names of the corpus.
   *
   * @param runTogether person names of the corpus, as named, that are two written names run
   *     together ({@link #parts})
   */
  public UntaggedNames(
      Map<String, String> entities,
      Map<String, String> spans,
      Set<String> givenNames,
      Set<String> runTogether) {
    this.spans = Collections.unmodifiableMap(new TreeMap<>(spans));
    this.givenNames = new HashSet<>(givenNames);
    this.runTogether = Collections.unmodifiableSet(new TreeSet<>(runTogether));
    Map<String, String> kept = new TreeMap<>();
    entities.forEach(
        (surface, entity) -> {
          if (nameLike(surface)) {
            kept.put(surface, entity);
          }
        });
    this.entities = kept;
    this.byLetters = byLetters(kept);
    this.spansByLetters = byLetters(this.spans);
    this.byFirstWord = new HashMap<>();
    this.oneWordByLowerCase = new HashMap<>();
    for (String surface : kept.keySet()) {
      String first = surface.substring(0, letterRunEnd(surface, 0));
      byFirstWord.computeIfAbsent(first, k -> new ArrayList<>()).add(surface);
      if (first.length() == surface.length()) {
        oneWordByLowerCase
            .computeIfAbsent(surface.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
            .add(surface);
      }
    }
    byFirstWord
        .values()
        .forEach(
            l ->
                l.sort(
                    Comparator.comparingInt(String::length)
                        .reversed()
                        .thenComparing(Comparator.naturalOrder())));
  }

  /**
   * Each name's letters and digits alone ("DonaldTrump" for "Donald Trump") → the first name (in
   * the map's order) with them; a form that two names of two persons share is left out.
   */
  private static Map<String, String> byLetters(Map<String, String> persons) {
    Map<String, String> byLetters = new HashMap<>();
    Set<String> twoPersons = new HashSet<>();
    persons.forEach(
        (name, person) -> {
          String letters = lettersOf(name);
          String before = byLetters.putIfAbsent(letters, name);
          if (before != null && !persons.get(before).equals(person)) {
            twoPersons.add(letters);
          }
        });
    byLetters.keySet().removeAll(twoPersons);
    return byLetters;
  }

  /** The written names and their persons, in the order of the names. */
  public Map<String, String> names() {
    return Collections.unmodifiableMap(entities);
  }

  /**
   * The spans of several words of the corpus and their persons: the first words of longer person
   * names ("Kim Jong", a span CoreNLP cut short) or their last words ("Ocasio Cortez", a family
   * name of two words), where one person dominates the names they start or end ({@link
   * CorpusGazetteer#of}). They are not looked for in the text ("Kim Jong" starts "Kim Jong Il"
   * too); a person mention left as such a span takes its person.
   */
  public Map<String, String> spans() {
    return spans;
  }

  /**
   * The rare person names of the corpus that are two written names run together: a person of fewer
   * than {@code minDocuments} articles, no written name or span itself, not the last words of a
   * longer person name and not starting with a given name of the corpus, whose name splits at a
   * space into two written names of two persons other than itself ("Trump Ocasio Cortez": Donald
   * Trump and Alexandria Ocasio Cortez).
   */
  public Set<String> runTogether() {
    return runTogether;
  }

  /**
   * The two names a person mention named {@code entity} runs together, at their characters in the
   * text: split where its surface splits into two written names of two persons ("Trump
   * Ocasio-Cortez" → "Trump", "Ocasio-Cortez"); empty when the entity is none of {@link
   * #runTogether}, or the surface does not split so or is not the text at [begin, end).
   */
  public List<Part> parts(String surface, String entity, int begin, int end) {
    if (surface == null
        || entity == null
        || !runTogether.contains(entity)
        || surface.length() != end - begin) {
      return List.of();
    }
    return split(surface, begin);
  }

  // The first split of text at a space into two written names of two persons; empty for none.
  List<Part> split(String text, int begin) {
    for (int k = text.indexOf(' '); k > 0; k = text.indexOf(' ', k + 1)) {
      String left = text.substring(0, k).strip();
      int rightBegin = k + 1;
      while (rightBegin < text.length() && text.charAt(rightBegin) == ' ') {
        rightBegin++;
      }
      String right = withoutPossessive(text.substring(rightBegin));
      String a = personOf(left);
      String b = personOf(right);
      if (a != null && b != null && !a.equals(b)) {
        return List.of(
            new Part(begin, begin + left.length(), left, a),
            new Part(begin + rightBegin, begin + rightBegin + right.length(), right, b));
      }
    }
    return List.of();
  }

  // The person of a written name or span, spaces and punctuation aside ("Ocasio-Cortez" for the
  // written "Ocasio Cortez").
  private String personOf(String name) {
    String letters = lettersOf(name);
    String written = byLetters.get(letters);
    String span = spansByLetters.get(letters);
    return written != null ? entities.get(written) : span == null ? null : spans.get(span);
  }

  private static String withoutPossessive(String name) {
    for (String ending : List.of("'s", "’s", "'", "’")) {
      if (name.endsWith(ending)) {
        return name.substring(0, name.length() - ending.length());
      }
    }
    return name;
  }

  /** How many written names the gazetteer holds. */
  public int size() {
    return entities.size();
  }

  /**
   * Whether a text can be a written name: it starts with a capital letter, holds a lower-case
   * letter (capitals alone are acronyms or shouting) and has at least two letters.
   */
  public static boolean nameLike(String surface) {
    if (surface == null || surface.length() < 2 || !Character.isUpperCase(surface.charAt(0))) {
      return false;
    }
    return surface.chars().anyMatch(Character::isLowerCase);
  }

  /**
   * The untagged written names of one article, in text order.
   *
   * @param text the article text
   * @param from the first character that can hold a mention (after the wire dateline; 0 without)
   * @param sentenceBegins first character of each sentence, ascending
   * @param sentenceEnds character after each sentence
   * @param named the article's mentions
   */
  public List<Hit> find(
      String text, int from, int[] sentenceBegins, int[] sentenceEnds, List<Named> named) {
    List<Hit> hits = new ArrayList<>();
    Article article =
        new Article(
            text,
            from,
            sentenceBegins,
            sentenceEnds,
            named,
            named.stream().mapToInt(Named::namedEnd).toArray(),
            new HashMap<>());
    int n = text.length();
    int i = Math.max(0, from);
    while (i < n) {
      if (text.charAt(i) == '@') {
        // A handle, or the domain of an address, which names no one.
        int handleEnd = handleEnd(text, i + 1);
        int begin = startsHandle(text, i) ? nameInHandle(text, i + 1, handleEnd) : -1;
        if (begin >= 0) {
          int end = nameEnd(text, begin, handleEnd);
          Hit hit =
              hit(article, begin, end, i, handleEnd, byLetters.get(text.substring(begin, end)));
          if (hit != null) {
            hits.add(hit);
          }
        }
        i = Math.max(handleEnd, i + 1);
        continue;
      }
      if (!Character.isLetter(text.charAt(i)) || !startsName(text, i)) {
        i++;
        continue;
      }
      int wordEnd = letterRunEnd(text, i);
      List<String> candidates = byFirstWord.get(text.substring(i, wordEnd));
      String match = candidates == null ? null : longestAt(text, i, candidates);
      if (match == null) {
        i = wordEnd;
        continue;
      }
      int end = i + match.length();
      Hit hit = hit(article, i, end, i, end, match);
      if (hit != null) {
        hits.add(hit);
      }
      i = end;
    }
    return hits;
  }

  /**
   * The article {@link #find} reads, with what it computes once.
   *
   * @param namedEnds each mention's {@link Named#namedEnd}
   * @param blocked per written name, whether the article gives it to someone else
   */
  private record Article(
      String text,
      int from,
      int[] sentenceBegins,
      int[] sentenceEnds,
      List<Named> named,
      int[] namedEnds,
      Map<String, Boolean> blocked) {}

  /**
   * The hit of {@code written} at [begin, end), written there as it is or run together in a handle
   * at [coverBegin, coverEnd); null outside the sentences, where a mention covers that text, or
   * where the article gives the name to someone else.
   */
  private Hit hit(Article a, int begin, int end, int coverBegin, int coverEnd, String written) {
    String entity = entities.get(written);
    int sentence = sentenceOf(begin, end, a.sentenceBegins(), a.sentenceEnds());
    if (sentence < 0
        || covered(a.text(), coverBegin, coverEnd, a.named(), a.namedEnds())
        || a.blocked()
            .computeIfAbsent(
                written, m -> givenToSomeoneElse(m, entity, a.named(), a.namedEnds()))) {
      return null;
    }
    return new Hit(
        begin,
        end,
        a.text().substring(begin, end),
        entity,
        sentence,
        onlyPunctuation(a.text(), Math.max(a.from(), a.sentenceBegins()[sentence]), begin),
        capitalizedNext(a.text(), coverEnd));
  }

  /**
   * The one-word written names whose lower-case form the text uses as a word ("sessions" for
   * "Sessions"), in the order of the gazetteer.
   */
  public List<String> lowerCaseNames(String text) {
    Set<String> found = new LinkedHashSet<>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      if (!Character.isLetter(text.charAt(i)) || !startsWord(text, i)) {
        i++;
        continue;
      }
      int end = letterRunEnd(text, i);
      if (Character.isLowerCase(text.charAt(i)) && endsWord(text, end)) {
        List<String> names = oneWordByLowerCase.get(text.substring(i, end));
        if (names != null) {
          found.addAll(names);
        }
      }
      i = end;
    }
    return new ArrayList<>(found);
  }

  // A handle starts at an @ that no word, number or address runs into ("(@SecPompeo)", not
  // "press@example.org").
  private static boolean startsHandle(String text, int at) {
    if (at + 1 >= text.length() || !Character.isLetter(text.charAt(at + 1))) {
      return false;
    }
    if (at == 0) {
      return true;
    }
    char before = text.charAt(at - 1);
    return !Character.isLetterOrDigit(before) && before != '_' && before != '.' && before != '@';
  }

  private static int handleEnd(String text, int from) {
    int k = from;
    while (k < text.length() && (isAsciiLetterOrDigit(text.charAt(k)) || text.charAt(k) == '_')) {
      k++;
    }
    return k;
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /**
   * Where the written name a handle ends with starts ("@SecPompeo", "@realDonaldTrump"), or -1. The
   * handle's words are its capitalised runs ("real", "Donald", "Trump"); the name is the longest
   * run of its last words (before trailing digits or underscores) that is a written name. A given
   * name of the corpus just before it makes it part of another name: "@EricTrump" is not Donald
   * Trump where Eric is a given name.
   */
  private int nameInHandle(String text, int from, int end) {
    int nameEnd = nameEnd(text, from, end);
    for (int k = from; k < nameEnd; k++) {
      if (!wordStartInHandle(text, from, k) || !byLetters.containsKey(text.substring(k, nameEnd))) {
        continue;
      }
      if (k == from) {
        return k;
      }
      int wordBefore = k - 1;
      while (wordBefore > from && !wordStartInHandle(text, from, wordBefore)) {
        wordBefore--;
      }
      return givenNames.contains(text.substring(wordBefore, k)) ? -1 : k;
    }
    return -1;
  }

  // The end of a handle's name: before trailing digits and underscores ("@Ocasio2018").
  private static int nameEnd(String text, int from, int end) {
    int k = end;
    while (k > from && !Character.isLetter(text.charAt(k - 1))) {
      k--;
    }
    return k;
  }

  // A capital that starts a word of a handle: after a lower-case letter, a digit or an
  // underscore, or the last capital of a run of them before a lower-case letter ("GOPLeader").
  private static boolean wordStartInHandle(String text, int from, int k) {
    char c = text.charAt(k);
    if (!Character.isUpperCase(c)) {
      return false;
    }
    if (k == from) {
      return true;
    }
    char before = text.charAt(k - 1);
    if (!Character.isUpperCase(before)) {
      return true;
    }
    return k + 1 < text.length() && Character.isLowerCase(text.charAt(k + 1));
  }

  private static String lettersOf(String surface) {
    StringBuilder b = new StringBuilder(surface.length());
    for (int k = 0; k < surface.length(); k++) {
      char c = surface.charAt(k);
      if (Character.isLetterOrDigit(c)) {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static String longestAt(String text, int i, List<String> candidates) {
    for (String c : candidates) {
      if (text.startsWith(c, i) && endsName(text, i + c.length())) {
        return c;
      }
    }
    return null;
  }

  // A mention covers the part of its text that its name accounts for (Named#namedEnd), unless it
  // is the government the name leads (#leadsGovernment) or the name with lower-case words
  // hyphenated to it (#onlyAffixes).
  private static boolean covered(
      String text, int begin, int end, List<Named> named, int[] namedEnds) {
    for (int k = 0; k < namedEnds.length; k++) {
      Named m = named.get(k);
      if (m.begin() < end
          && begin < namedEnds[k]
          && !leadsGovernment(text, m, begin, end)
          && !onlyAffixes(text, m, begin, end)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a mention that is no person is the name at [begin, end) and one word of government
   * after it ("Reagan Administration", "Abe Cabinet"): the organisation is that leader's
   * government, and the text names the leader too, a second mention at the same place as a
   * compound's parts are.
   */
  private static boolean leadsGovernment(String text, Named m, int begin, int end) {
    if (m.person() || m.begin() != begin || m.end() <= end || m.end() > text.length()) {
      return false;
    }
    String rest = text.substring(end, m.end());
    return Character.isWhitespace(rest.charAt(0))
        && GOVERNMENT.contains(rest.strip().toLowerCase(Locale.ROOT));
  }

  /**
   * Whether a mention that is no person is the name at [begin, end) with words in lower case
   * hyphenated before or after it, and nothing else ("anti-Trump", "Manafort-like", "ex-Trump-
   * era"): an adjective or a noun made of the name, which CoreNLP tags as a whole.
   */
  private static boolean onlyAffixes(String text, Named m, int begin, int end) {
    if (m.person() || m.begin() > begin || m.end() < end || m.end() > text.length()) {
      return false;
    }
    String before = text.substring(m.begin(), begin);
    String after = text.substring(end, m.end());
    return !(before.isEmpty() && after.isEmpty())
        && LOWER_CASE_BEFORE.matcher(before).matches()
        && LOWER_CASE_AFTER.matcher(after).matches();
  }

  // One sense per article: a name the article gives to another person (in the part of a mention
  // that its name accounts for) is that person's here.
  private static boolean givenToSomeoneElse(
      String surface, String entity, List<Named> named, int[] namedEnds) {
    for (int k = 0; k < namedEnds.length; k++) {
      Named m = named.get(k);
      if (m.person()
          && !m.entity().equals(entity)
          && holdsWords(m.surface().substring(0, namedEnds[k] - m.begin()), surface)) {
        return true;
      }
    }
    return false;
  }

  private static boolean holdsWords(String text, String words) {
    int at = text.indexOf(words);
    while (at >= 0) {
      if (startsWord(text, at) && endsWord(text, at + words.length())) {
        return true;
      }
      at = text.indexOf(words, at + 1);
    }
    return false;
  }

  private static int sentenceOf(int begin, int end, int[] begins, int[] ends) {
    int lo = 0;
    int hi = begins.length - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (begins[mid] <= begin) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found >= 0 && end <= ends[found] ? found : -1;
  }

  private static boolean onlyPunctuation(String text, int from, int to) {
    for (int k = Math.max(0, from); k < to; k++) {
      if (Character.isLetterOrDigit(text.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  // The next word after a possessive ending, on the same line.
  private static boolean capitalizedNext(String text, int end) {
    int k = end;
    if (k + 1 < text.length()
        && (text.charAt(k) == '\'' || text.charAt(k) == '’')
        && text.charAt(k + 1) == 's') {
      k += 2;
    }
    while (k < text.length() && (text.charAt(k) == ' ' || text.charAt(k) == '\t')) {
      k++;
    }
    return k > end && k < text.length() && Character.isUpperCase(text.charAt(k));
  }

  private static boolean startsWord(String text, int i) {
    if (i == 0) {
      return true;
    }
    char before = text.charAt(i - 1);
    return !Character.isLetterOrDigit(before) && !joining(text, i - 1);
  }

  private static boolean endsWord(String text, int end) {
    return end >= text.length()
        || (!Character.isLetterOrDigit(text.charAt(end)) && !joining(text, end));
  }

  // A name starts a word, or follows a word in lower case hyphenated to it ("anti-Trump").
  private static boolean startsName(String text, int i) {
    if (startsWord(text, i)) {
      return true;
    }
    if (!joining(text, i - 1)) {
      return false;
    }
    int k = i - 1;
    while (k > 0 && Character.isLetter(text.charAt(k - 1))) {
      k--;
    }
    return (k == 0 || !joining(text, k - 1) || startsName(text, k)) && allLowerCase(text, k, i - 1);
  }

  // A name ends a word, or comes before a word in lower case hyphenated to it ("Manafort-like").
  private static boolean endsName(String text, int end) {
    if (endsWord(text, end)) {
      return true;
    }
    if (!joining(text, end)) {
      return false;
    }
    int wordEnd = letterRunEnd(text, end + 1);
    return allLowerCase(text, end + 1, wordEnd)
        && (wordEnd >= text.length()
            || !Character.isLetterOrDigit(text.charAt(wordEnd))
            || endsName(text, wordEnd));
  }

  private static boolean allLowerCase(String text, int from, int to) {
    for (int k = from; k < to; k++) {
      if (!Character.isLowerCase(text.charAt(k))) {
        return false;
      }
    }
    return to > from;
  }

  // A hyphen between two letters joins them into one word ("anti-Trump", "Manafort-like").
  private static boolean joining(String text, int k) {
    char c = text.charAt(k);
    return (c == '-' || c == '‐')
        && k > 0
        && k + 1 < text.length()
        && Character.isLetter(text.charAt(k - 1))
        && Character.isLetter(text.charAt(k + 1));
  }

  private static int letterRunEnd(String text, int i) {
    int k = i;
    while (k < text.length() && Character.isLetter(text.charAt(k))) {
      k++;
    }
    return k;
  }
}
