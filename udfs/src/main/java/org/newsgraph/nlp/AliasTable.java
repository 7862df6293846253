package org.newsgraph.nlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The alias table: names that stand for one canonical entity across articles ("U.S.", "US",
 * "America" → "United States"; "DPRK" → "North Korea"). Plain Java, serializable, built on the
 * driver from {@code conf/aliases.tsv} and shipped to executors with the canonicalizer.
 *
 * <p>File format: UTF-8, one alias per line, three tab-separated columns {@code alias}, {@code
 * canonical name}, {@code type}; blank lines and lines starting with {@code #} are ignored. Aliases
 * match the mention's normalised name ignoring case. A PERSON alias applies only to PERSON
 * mentions, any other alias only to non-PERSON mentions (CoreNLP often calls a country an
 * ORGANIZATION or a LOCATION), so an alias never turns a place into a person. The type column is
 * the canonical entity's type.
 */
public final class AliasTable implements Serializable {

  /** The canonical entity of an alias. */
  public record Target(String name, String type) implements Serializable {}

  /** The table without aliases. */
  public static final AliasTable EMPTY = new AliasTable(Map.of(), Map.of(), Map.of());

  private static final Set<String> PERSON_TYPES = Set.of(EntityCanonicalizer.PERSON);

  private final Map<String, Target> persons;
  private final Map<String, Target> others;

  /** Person aliases as the file writes them (case kept) → their canonical names. */
  private final Map<String, String> writtenPersons;

  private AliasTable(
      Map<String, Target> persons, Map<String, Target> others, Map<String, String> writtenPersons) {
    this.persons = Map.copyOf(persons);
    this.others = Map.copyOf(others);
    this.writtenPersons = Map.copyOf(writtenPersons);
  }

  /**
   * Parses the lines of an alias file.
   *
   * @param source the file's name, for error messages
   * @throws IllegalArgumentException naming the line when a line is not three non-empty columns, or
   *     when one alias is given two different canonical names
   */
  public static AliasTable parse(List<String> lines, String source) {
    Map<String, Target> persons = new HashMap<>();
    Map<String, Target> others = new HashMap<>();
    Map<String, String> writtenPersons = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || line.stripLeading().startsWith("#")) {
        continue;
      }
      String[] cols = line.split("\t", -1);
      String where = source + " line " + (i + 1);
      if (cols.length != 3 || cols[0].isBlank() || cols[1].isBlank() || cols[2].isBlank()) {
        throw new IllegalArgumentException(
            where
                + ": expected 3 tab-separated columns (alias, canonical name, type), got '"
                + line
                + "'");
      }
      Target target = new Target(nfc(cols[1].strip()), cols[2].strip().toUpperCase(Locale.ROOT));
      Map<String, Target> map = PERSON_TYPES.contains(target.type()) ? persons : others;
      Target earlier = map.putIfAbsent(key(cols[0]), target);
      if (earlier != null && !earlier.equals(target)) {
        throw new IllegalArgumentException(
            where
                + ": alias '"
                + cols[0].strip()
                + "' already maps to "
                + earlier.name()
                + " ("
                + earlier.type()
                + ")");
      }
      if (map == persons) {
        writtenPersons.put(nfc(cols[0].strip()).replaceAll("\\s+", " "), target.name());
      }
    }
    return new AliasTable(persons, others, writtenPersons);
  }

  /** Where {@link #builtIn()} reads the starter table in the jar. */
  public static final String BUILT_IN_RESOURCE = "/org/newsgraph/nlp/aliases.tsv";

  /** The starter table built into the jar from the project's {@code conf/aliases.tsv}. */
  public static AliasTable builtIn() {
    try (InputStream in = AliasTable.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("bug: " + BUILT_IN_RESOURCE + " is not in the jar");
      }
      return parse(
          new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList(),
          "built-in aliases.tsv");
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + BUILT_IN_RESOURCE + " from the jar", e);
    }
  }

  /** The canonical entity for a mention's normalised name and type, or null when none applies. */
  public Target lookup(String name, String type) {
    Map<String, Target> map = PERSON_TYPES.contains(type) ? persons : others;
    return map.get(key(name));
  }

  /**
   * The person aliases as the file writes them, letter case kept ("Putin" → "Vladimir Putin"): the
   * written names that rule 11 looks for where CoreNLP tagged nothing.
   */
  public Map<String, String> writtenPersonNames() {
    return writtenPersons;
  }

  /** Number of aliases. */
  public int size() {
    return persons.size() + others.size();
  }

  private static String key(String alias) {
    return nfc(alias.strip()).replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  private static String nfc(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFC);
  }
}
