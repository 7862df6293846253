package org.newsgraph.nlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The written variants of one person's full name: "Chuck Schumer", "Charles Schumer" and "Charles
 * E. Schumer" are one name written three ways. Plain Java, no models.
 *
 * <p>The {@linkplain #of variant} of a person name of two or more words is its given name in its
 * full form (a short form such as "Chuck" or "Bill" stands for the given name it always stands for,
 * from the {@code given-names.tsv} resource), the other words without middle initials, lower case,
 * typographic apostrophes typed ("O’Rourke" is "o'rourke"): "charles schumer" for all three names
 * above; and apart from it the middle initials it dropped ("E", "" for none). A suffix ("Jr.",
 * "III") stays part of the key, so "Donald Trump Jr." is never "Donald Trump". Names whose first
 * word is itself an initial ("J. Edgar Hoover") or of one word have no variant key.
 *
 * <p>Which names are merged is the caller's decision ({@code CorpusNames}): names with one key are
 * one person only when at most one set of middle initials occurs among them, so "George W. Bush"
 * and "George H.W. Bush" stay two.
 */
public final class PersonVariants {

  /** A name's variant key and its middle initials ("" for none). */
  public record Variant(String key, String initials) {}

  /** "E", "E." or "H.W.": a middle initial or two or three dotted ones. */
  private static final Pattern INITIAL = Pattern.compile("\\p{Lu}\\.?|(?:\\p{Lu}\\.){2,3}");

  private static final Pattern APOSTROPHES = Pattern.compile("[\u2018\u2019\u02BC\u00B4`]");

  private static final Set<String> SUFFIXES = Set.of("jr", "sr", "ii", "iii", "iv");
  private static final String RESOURCE = "/org/newsgraph/nlp/given-names.tsv";
  private static final Map<String, String> GIVEN_NAMES = load();

  private PersonVariants() {}

  /** A word of letters, with apostrophes or hyphens inside ("O'Rourke", "Ocasio-Cortez"). */
  private static final Pattern WORD = Pattern.compile("\\p{L}+(?:['\u2019-]\\p{L}+)*");

  /**
   * The family name of a person name: its last word, before a suffix ("Trump" of "Donald Trump
   * Jr."); null for a one-word name and for a last word that is an initial or holds other than
   * letters, inner apostrophes and inner hyphens.
   */
  public static String familyName(String name) {
    if (name == null) {
      return null;
    }
    String[] words = name.strip().split("\\s+");
    int last = words.length - 1;
    if (last > 1 && SUFFIXES.contains(stripDot(words[last].toLowerCase(Locale.ROOT)))) {
      last--;
    }
    if (last < 1
        || INITIAL.matcher(words[last]).matches()
        || !WORD.matcher(words[last]).matches()) {
      return null;
    }
    return words[last];
  }

  /**
   * The runs of first words of a person name that CoreNLP may have cut it to: two words or more,
   * shorter than the name without its suffix ("Kim Jong" of "Kim Jong Un"; "Martin Luther" of
   * "Martin Luther King Jr."; none of "Donald Trump Jr.": a name that only adds a suffix is another
   * person). Shortest first; empty for names of fewer than three words.
   */
  public static List<String> leadingRuns(String name) {
    List<String> runs = new ArrayList<>();
    String[] words = coreWords(name);
    for (int k = 2; k < words.length; k++) {
      runs.add(String.join(" ", Arrays.copyOf(words, k)));
    }
    return runs;
  }

  /**
   * The runs of last words of a person name without its suffix that can be a family name of several
   * words: two words or more, after at least one word ("Ocasio Cortez" of "Alexandria Ocasio
   * Cortez", "Huckabee Sanders" of "Sarah Huckabee Sanders", "Luther King" of "Martin Luther King
   * Jr."). Longest first; empty for names of fewer than three words.
   */
  public static List<String> trailingRuns(String name) {
    List<String> runs = new ArrayList<>();
    String[] words = coreWords(name);
    for (int k = 1; k <= words.length - 2; k++) {
      runs.add(String.join(" ", Arrays.copyOfRange(words, k, words.length)));
    }
    return runs;
  }

  /** The words of a person name without its suffix ("Jr.", "III"); none for null. */
  private static String[] coreWords(String name) {
    if (name == null) {
      return new String[0];
    }
    String[] words = name.strip().split("\\s+");
    int core = words.length;
    if (core > 2 && SUFFIXES.contains(stripDot(words[core - 1].toLowerCase(Locale.ROOT)))) {
      core--;
    }
    return Arrays.copyOf(words, core);
  }

  /**
   * The variant of a person name, or null when it has none (one word, an initial first or last).
   */
  public static Variant of(String name) {
    if (name == null) {
      return null;
    }
    // "O’Rourke" and "O'Rourke": typographic apostrophes are one letter with the typed one.
    String[] words = APOSTROPHES.matcher(name.strip()).replaceAll("'").split("\\s+");
    if (words.length < 2
        || INITIAL.matcher(words[0]).matches()
        || INITIAL.matcher(words[words.length - 1]).matches()) {
      return null;
    }
    List<String> key = new ArrayList<>();
    StringBuilder initials = new StringBuilder();
    key.add(fullGivenName(words[0]));
    for (int i = 1; i < words.length; i++) {
      boolean middle = i < words.length - 1;
      if (middle && INITIAL.matcher(words[i]).matches()) {
        initials.append(words[i].replace(".", ""));
      } else {
        // "Jr." and "Jr" are one suffix.
        key.add(stripDot(words[i].toLowerCase(Locale.ROOT)));
      }
    }
    // "Charles E." is no full name: a name needs a word after its given name that is no suffix.
    if (key.size() < 2 || SUFFIXES.contains(key.get(1))) {
      return null;
    }
    return new Variant(String.join(" ", key), initials.toString());
  }

  /**
   * The full form of a given name, lower case: "Mike" → "michael" (from the list of short forms),
   * any other word in lower case ("Michael" → "michael").
   */
  public static String fullGivenName(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    return GIVEN_NAMES.getOrDefault(lower, lower);
  }

  private static String stripDot(String word) {
    return word.endsWith(".") ? word.substring(0, word.length() - 1) : word;
  }

  private static Map<String, String> load() {
    try (InputStream in = PersonVariants.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("bug: " + RESOURCE + " is not in the jar");
      }
      Map<String, String> map = new HashMap<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cols = line.split("\t");
        if (cols.length != 2) {
          throw new IllegalStateException("bug: " + RESOURCE + " line '" + line + "'");
        }
        map.put(cols[0].strip().toLowerCase(Locale.ROOT), cols[1].strip().toLowerCase(Locale.ROOT));
      }
      return Map.copyOf(map);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + RESOURCE + " from the jar", e);
    }
  }
}
