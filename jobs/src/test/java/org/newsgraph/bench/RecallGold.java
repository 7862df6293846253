package org.newsgraph.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The hand-written gold of the recall benchmark for one corpus: the months to run, each entity's
 * name patterns and the pairs to score. Read from {@code recall/<corpus directory>.tsv} on the test
 * classpath; the format is in docs/benchmarks.md and at the top of each file.
 *
 * <p>Nothing here uses the job's naming code: the patterns are written by hand, and the canonical
 * names are what the job is expected to produce.
 *
 * @param corpus the corpus directory name under the shared corpora (also the file's name)
 * @param months the months to run, {@code YYYY-MM}, in file order
 * @param entities every entity by canonical name, in file order
 * @param pairs the scored pairs, in file order
 */
public record RecallGold(
    String corpus, List<String> months, Map<String, Entity> entities, List<Pair> pairs) {

  /** The corpora that have a gold file, in the order the benchmark runs them. */
  public static final List<String> CORPORA = List.of("allsides-article-bias", "reuters-21578");

  /**
   * An entity of the gold.
   *
   * @param name the canonical name the job should give it
   * @param type PERSON or LOCATION
   * @param names its variants; the entity is named when any is found
   * @param not text that looks like it but is not it, blanked before {@code names} are tried
   */
  public record Entity(String name, String type, List<Pattern> names, List<Pattern> not) {}

  /**
   * A scored pair, in the order the job stores it ({@code a < b}).
   *
   * @param a the first entity's canonical name
   * @param b the second entity's canonical name
   * @param months the months the pair is scored in; empty means every month of the gold
   */
  public record Pair(String a, String b, Set<String> months) {

    public Pair {
      if (a.compareTo(b) > 0) {
        String t = a;
        a = b;
        b = t;
      }
    }

    public boolean scoredIn(String month) {
      return months.isEmpty() || months.contains(month);
    }

    @Override
    public String toString() {
      return a + " — " + b;
    }
  }

  /** The pairs scored in one month. */
  public List<Pair> pairsIn(String month) {
    return pairs.stream().filter(p -> p.scoredIn(month)).toList();
  }

  /** The gold of a corpus, from the test classpath. */
  public static RecallGold forCorpus(String corpus) {
    String resource = "/recall/" + corpus + ".tsv";
    try (InputStream in = RecallGold.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "No recall gold for corpus '"
                + corpus
                + "': "
                + resource
                + " is not on the test classpath. Gold files exist for "
                + CORPORA
                + ".");
      }
      return parse(corpus, new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses a gold file. Every error names the line: an unknown record kind, a wrong number of
   * fields, a bad regular expression, an entity given two types, a pair or {@code not} of an
   * undefined entity, a pair month that is not a month of the file.
   */
  public static RecallGold parse(String corpus, String content, String origin) {
    List<String> months = new ArrayList<>();
    Map<String, String> types = new LinkedHashMap<>();
    Map<String, List<Pattern>> names = new LinkedHashMap<>();
    Map<String, List<Pattern>> nots = new LinkedHashMap<>();
    List<String[]> pairLines = new ArrayList<>();
    List<Integer> pairLineNumbers = new ArrayList<>();
    String[] lines = content.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].stripTrailing();
      int number = i + 1;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t", -1);
      switch (f[0]) {
        case "month" -> {
          fields(f, 2, 2, origin, number, "month YYYY-MM");
          if (!f[1].matches("\\d{4}-\\d{2}")) {
            throw error(origin, number, "'" + f[1] + "' is not a month YYYY-MM");
          }
          months.add(f[1]);
        }
        case "name" -> {
          fields(f, 4, 4, origin, number, "name <entity> <type> <regex>");
          String previous = types.putIfAbsent(f[1], f[2]);
          if (previous != null && !previous.equals(f[2])) {
            throw error(
                origin, number, f[1] + " has type " + previous + " above, " + f[2] + " here");
          }
          names.computeIfAbsent(f[1], k -> new ArrayList<>()).add(regex(f[3], origin, number));
        }
        case "not" -> {
          fields(f, 3, 3, origin, number, "not <entity> <regex>");
          nots.computeIfAbsent(f[1], k -> new ArrayList<>()).add(regex(f[2], origin, number));
          if (!names.containsKey(f[1])) {
            throw error(origin, number, "'not' for " + f[1] + " before any 'name' of it");
          }
        }
        case "pair" -> {
          fields(f, 3, 4, origin, number, "pair <entity> <entity> [months]");
          pairLines.add(f);
          pairLineNumbers.add(number);
        }
        default -> throw error(origin, number, "unknown record '" + f[0] + "'");
      }
    }
    Map<String, Entity> entities = new LinkedHashMap<>();
    types.forEach(
        (name, type) ->
            entities.put(
                name,
                new Entity(
                    name, type, List.copyOf(names.get(name)), nots.getOrDefault(name, List.of()))));
    List<Pair> pairs = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < pairLines.size(); i++) {
      String[] f = pairLines.get(i);
      int number = pairLineNumbers.get(i);
      for (String e : List.of(f[1], f[2])) {
        if (!entities.containsKey(e)) {
          throw error(origin, number, "pair of " + e + ", which has no 'name' line");
        }
      }
      Set<String> pairMonths = new LinkedHashSet<>();
      if (f.length == 4) {
        for (String m : f[3].split(",")) {
          if (!months.contains(m.strip())) {
            throw error(origin, number, "pair month " + m + " is not a 'month' of the file");
          }
          pairMonths.add(m.strip());
        }
      }
      Pair pair = new Pair(f[1], f[2], Set.copyOf(pairMonths));
      if (pair.a().equals(pair.b()) || !seen.add(pair.a() + "\t" + pair.b())) {
        throw error(origin, number, "pair " + pair + " is a repeat or pairs an entity with itself");
      }
      pairs.add(pair);
    }
    if (months.isEmpty() || pairs.isEmpty()) {
      throw new IllegalArgumentException(origin + ": a gold file needs 'month' and 'pair' lines");
    }
    return new RecallGold(corpus, List.copyOf(months), entities, List.copyOf(pairs));
  }

  private static void fields(String[] f, int min, int max, String origin, int line, String form) {
    if (f.length < min || f.length > max) {
      throw error(
          origin, line, "expected '" + form + "' (TAB-separated), got " + f.length + " fields");
    }
  }

  private static Pattern regex(String regex, String origin, int line) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw error(origin, line, "bad regular expression: " + e.getMessage());
    }
  }

  private static IllegalArgumentException error(String origin, int line, String what) {
    return new IllegalArgumentException(origin + " line " + line + ": " + what);
  }
}
