package org.newsgraph.nlp;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides the gazetteer of {@link UntaggedNames} from the statistics of a whole corpus: which
 * written names, spans of several words and run-together names stand for one person, and which
 * words are given names. The aggregate stage gathers the statistics (per written name its top
 * entity, per person its articles) with Spark; the decisions are plain Java, so that each rule is
 * tested on hand-made figures.
 */
public final class CorpusGazetteer {

  private CorpusGazetteer() {}

  /**
   * The entity most articles tag a written name as.
   *
   * @param surface the name as written
   * @param entity the entity of most of the articles that tag it (ties by name)
   * @param person whether that entity is a person
   * @param articles the articles that tag it as that entity
   * @param allArticles the articles that tag it as any entity (the sum over its entities)
   */
  public record Tagged(
      String surface, String entity, boolean person, long articles, long allArticles) {}

  /**
   * A person of the corpus.
   *
   * @param entity its canonical name
   * @param articles the articles that mention it
   */
  public record Person(String entity, long articles) {}

  /**
   * The gazetteer of a corpus: a written name stands for one person when
   *
   * <ol>
   *   <li>the articles that tag it are mostly that person: at least {@code minDocuments} of them
   *       and at least {@code minShare} of all ("Pence" tagged as Mike Pence); or
   *   <li>it is the family name ({@link PersonVariants#familyName}) of persons of the corpus and
   *       one of them has at least {@code minDocuments} articles and at least {@code minShare} of
   *       the articles of them all (Mike Pence among Mike and Karen Pence), unless most articles
   *       that tag the word itself tag it as something else ("Washington", a place, is not George
   *       Washington's); or
   *   <li>it is a person alias of the alias table ("Putin", "Xi"), when neither rule above names
   *       it.
   * </ol>
   *
   * <p>Its spans ({@link UntaggedNames#spans}) are the cut spans ({@link #cutSpans}: "Kim Jong")
   * and the family spans ({@link #familySpans}: "Ocasio Cortez") of the corpus.
   *
   * @param tagged per written name, its top entity ({@link Tagged})
   * @param persons the persons of the corpus with their articles
   * @param aliases person aliases as written → canonical names
   */
  public static UntaggedNames of(
      List<Tagged> tagged,
      List<Person> persons,
      Map<String, String> aliases,
      double minShare,
      int minDocuments) {
    Map<String, String> names = new TreeMap<>();
    Map<String, Tagged> bySurface = new HashMap<>();
    for (Tagged t : tagged) {
      bySurface.put(t.surface(), t);
      if (t.person()
          && t.articles() >= minDocuments
          && share(t.articles(), t.allArticles()) >= minShare) {
        names.put(t.surface(), t.entity());
      }
    }
    Tally families = new Tally();
    for (Person p : persons) {
      String family = PersonVariants.familyName(p.entity());
      // Two letters are too little to go by ("Un" of Kim Jong Un is no name of his alone).
      if (family != null && family.length() >= 3) {
        families.add(family, p);
      }
    }
    families.top.forEach(
        (family, p) -> {
          Tagged t = bySurface.get(family);
          // A person left as the bare word itself is nobody else: its articles did not say who.
          boolean taggedOtherwise =
              t != null
                  && !t.entity().equals(p.entity())
                  && !(t.person() && t.entity().equals(family));
          if (families.dominates(family, minDocuments, minShare) && !taggedOtherwise) {
            names.putIfAbsent(family, p.entity());
          }
        });
    aliases.forEach(names::putIfAbsent);
    Map<String, Long> firstWords = firstWords(persons);
    Map<String, String> spans = cutSpans(persons, minDocuments, minShare);
    // No span is both: the person a cut span stands for starts with its first word in at least
    // minDocuments articles, and that makes the word a given name to familySpans.
    spans.putAll(familySpans(persons, names, firstWords, minDocuments, minShare));
    // A given name starts person names of at least minDocuments articles, more than it ends them:
    // "Trump" starts names run together in a few articles and ends Donald Trump's in most.
    Set<String> givenNames = new HashSet<>();
    firstWords.forEach(
        (word, articles) -> {
          if (articles >= minDocuments && articles > families.articles.getOrDefault(word, 0L)) {
            givenNames.add(word);
          }
        });
    // A rare person name that splits into two written names of two persons is those two run
    // together: the link texts of scraped pages ("Trump Ocasio-Cortez").
    // A name that ends a longer person name is a family name of several words ("Jackson Lee" of
    // Sheila Jackson Lee), not two people.
    UntaggedNames gazetteer = new UntaggedNames(names, spans, givenNames);
    Set<String> familyRuns = new HashSet<>();
    persons.forEach(p -> familyRuns.addAll(PersonVariants.trailingRuns(p.entity())));
    Set<String> runTogether = new TreeSet<>();
    for (Person p : persons) {
      String name = p.entity();
      if (p.articles() < minDocuments
          && !names.containsKey(name)
          && !spans.containsKey(name)
          && !familyRuns.contains(name)
          // A given name first makes it one full name ("Ali Khamenei", where "Ali" alone is a
          // written name too), and so does a part that is the name's own person.
          && !givenNames.contains(name.substring(0, Math.max(0, name.indexOf(' '))))
          && gazetteer.split(name, 0).stream().filter(part -> !part.entity().equals(name)).count()
              == 2) {
        runTogether.add(name);
      }
    }
    return new UntaggedNames(names, spans, givenNames, runTogether);
  }

  /** The first words of the person names of several words, with the articles of those persons. */
  private static Map<String, Long> firstWords(List<Person> persons) {
    Map<String, Long> firstWords = new HashMap<>();
    for (Person p : persons) {
      String[] words = p.entity().split(" ");
      if (words.length > 1) {
        firstWords.merge(words[0], p.articles(), Long::sum);
      }
    }
    return firstWords;
  }

  /**
   * The cut spans of a corpus: the first words of longer person names ({@link
   * PersonVariants#leadingRuns}: "Kim Jong") stand for one person of those names when that person
   * has at least {@code minDocuments} articles and at least {@code minShare} of the articles of the
   * longer names (Kim Jong Un among Kim Jong Un, Kim Jong Il and Kim Jong Nam), and the first words
   * as a person of their own are rare beside it: at most {@code 1 - minShare} of the articles of
   * the two (a "Kim Jong" left as it was in 3 articles beside Kim Jong Un's 37). A person known by
   * the first words themselves keeps them: "George Washington" is not George Washington Carver,
   * "Martin Luther" not Martin Luther King Jr. where either is mentioned on his own.
   */
  private static Map<String, String> cutSpans(
      List<Person> persons, int minDocuments, double minShare) {
    Tally longer = new Tally();
    for (Person p : persons) {
      for (String run : PersonVariants.leadingRuns(p.entity())) {
        longer.add(run, p);
      }
    }
    Map<String, Long> own = new HashMap<>();
    for (Person p : persons) {
      if (longer.top.containsKey(p.entity())) {
        own.put(p.entity(), p.articles());
      }
    }
    Map<String, String> cut = new TreeMap<>();
    longer.top.forEach(
        (run, p) -> {
          long alone = own.getOrDefault(run, 0L);
          if (UntaggedNames.nameLike(run)
              && longer.dominates(run, minDocuments, minShare)
              // "At most 1 - minShare alone", written as the other share checks are: 1 - 0.9
              // is below 0.1 in floating point.
              && share(p.articles(), alone + p.articles()) >= minShare) {
            cut.put(run, p.entity());
          }
        });
    return cut;
  }

  /**
   * The family spans of a corpus: the last words of longer person names ({@link
   * PersonVariants#trailingRuns}: "Ocasio Cortez") stand for one person of those names as a family
   * name of one word does: that person has at least {@code minDocuments} articles and at least
   * {@code minShare} of the articles of the longer names. A longer name that puts a written name of
   * another person before the span is two names run together ("Trump Ocasio Cortez", link texts of
   * scraped pages), not a longer name. The span stays itself where it may be a full name of its
   * own: when its first word is a given name in the corpus, the first word of other person names in
   * at least {@code minDocuments} articles ("John Kelly" is no family name of a "Marine John
   * Kelly"), or when the span as a person of its own has more articles than that person.
   *
   * @param written the written names of the corpus and their persons
   * @param firstWords the first words of its person names ({@link #firstWords})
   */
  private static Map<String, String> familySpans(
      List<Person> persons,
      Map<String, String> written,
      Map<String, Long> firstWords,
      int minDocuments,
      double minShare) {
    Tally longer = new Tally();
    Map<String, Long> own = new HashMap<>();
    for (Person p : persons) {
      own.put(p.entity(), p.articles());
      for (String run : PersonVariants.trailingRuns(p.entity())) {
        String before = p.entity().substring(0, p.entity().lastIndexOf(run)).strip();
        String other = written.get(before);
        if (other == null || other.equals(p.entity())) {
          longer.add(run, p);
        }
      }
    }
    Map<String, String> family = new TreeMap<>();
    longer.top.forEach(
        (run, p) -> {
          long alone = own.getOrDefault(run, 0L);
          long given = firstWords.getOrDefault(run.substring(0, run.indexOf(' ')), 0L) - alone;
          if (UntaggedNames.nameLike(run)
              && longer.dominates(run, minDocuments, minShare)
              && given < minDocuments
              && alone <= p.articles()) {
            family.put(run, p.entity());
          }
        });
    return family;
  }

  /**
   * Per name (a family name, a run of words), the persons whose names hold it: the one of most
   * articles (ties by name) and the articles of them all.
   */
  private static final class Tally {
    /** Name → its person of most articles, in the order of the names. */
    final Map<String, Person> top = new TreeMap<>();

    /** Name → the articles of all its persons. */
    final Map<String, Long> articles = new HashMap<>();

    void add(String name, Person p) {
      articles.merge(name, p.articles(), Long::sum);
      top.merge(
          name,
          p,
          (a, b) ->
              a.articles() > b.articles()
                      || (a.articles() == b.articles() && a.entity().compareTo(b.entity()) <= 0)
                  ? a
                  : b);
    }

    /**
     * Whether the top person of a name has at least {@code minDocuments} articles and at least
     * {@code minShare} of the articles of all its persons.
     */
    boolean dominates(String name, int minDocuments, double minShare) {
      Person p = top.get(name);
      return p != null
          && p.articles() >= minDocuments
          && share(p.articles(), articles.get(name)) >= minShare;
    }
  }

  private static double share(long part, long whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }
}
