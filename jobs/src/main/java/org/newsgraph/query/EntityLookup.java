package org.newsgraph.query;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.newsgraph.nlp.EditDistance;
import org.newsgraph.nlp.EntityCanonicalizer;
import org.newsgraph.nlp.EntityMention;

/**
 * Finds the canonical entity a user means by a name typed on the command line: among the entities
 * whose canonical name it is or whose mentions used it as a spelling ({@code entities.variants}),
 * the one whose mentions used it most ("Trump" is Donald Trump, though a bare "Trump" left
 * unresolved in some articles is an entity too, named as an alternative); else the name the naming
 * rules and the alias table make of it ("Russian President Vladimir Putin"). Names are compared
 * without case, accents, possessives and punctuation ("nicolas maduro" finds {@code Nicolás
 * Maduro}, "Kim Jong-un" {@code Kim Jong Un}). A name that finds nothing gets the closest entity
 * names as suggestions. Plain Java: the entity directory is read by the caller.
 */
public final class EntityLookup {

  /** One spelling of an entity and how many mentions used it. */
  public record Variant(String surface, long mentions) {}

  /** One row of the {@code entities} table, as far as lookups need it. */
  public record Entry(String entity, String type, long mentions, List<Variant> variants) {}

  /**
   * The entity a name was resolved to.
   *
   * @param entry the entity
   * @param how how the name was matched, for the user: "canonical name", "naming rules", or the
   *     variant and its count
   * @param others other entities the same name matches, most mentioned first (the name is ambiguous
   *     when not empty)
   */
  public record Match(Entry entry, String how, List<Entry> others) {}

  // Types tried when the naming rules are applied to a typed name: persons first, since titles,
  // hyphens and possessives are PERSON rules.
  private static final List<String> RULE_TYPES =
      List.of(EntityCanonicalizer.PERSON, "ORGANIZATION", "LOCATION", "MISC");

  // At most this many suggestions for an unknown name.
  private static final int SUGGESTIONS = 5;

  private final List<Entry> entries;
  private final EntityCanonicalizer canonicalizer;

  public EntityLookup(List<Entry> entries, EntityCanonicalizer canonicalizer) {
    this.entries = List.copyOf(entries);
    this.canonicalizer = canonicalizer;
  }

  /** The entity {@code name} stands for, or null when no entity matches it. */
  public Match find(String name) {
    String key = key(name);
    if (key.isEmpty()) {
      return null;
    }
    // The canonical name or a spelling the articles used: the entity whose mentions used that
    // spelling most. A bare "Trump" left unresolved in some articles is an entity of its own, yet
    // "Trump" stands for Donald Trump in far more mentions.
    Map<Entry, Long> used = new LinkedHashMap<>();
    for (Entry e : entries) {
      long n = 0;
      for (Variant v : e.variants()) {
        if (key(v.surface()).equals(key)) {
          n += v.mentions();
        }
      }
      if (n > 0 || key(e.entity()).equals(key)) {
        used.put(e, n);
      }
    }
    if (!used.isEmpty()) {
      List<Entry> ranked = new ArrayList<>(used.keySet());
      ranked.sort(
          Comparator.comparing((Entry e) -> -used.get(e))
              .thenComparing(e -> !key(e.entity()).equals(key))
              .thenComparing(e -> -e.mentions())
              .thenComparing(Entry::entity)
              .thenComparing(Entry::type));
      Entry best = ranked.get(0);
      String how =
          key(best.entity()).equals(key)
              ? "canonical name"
              : String.format(
                  Locale.ROOT,
                  "spelling seen in %,d mentions of %s",
                  used.get(best),
                  best.entity());
      return new Match(best, how, ranked.subList(1, ranked.size()));
    }
    for (String type : RULE_TYPES) {
      String canonical = canonical(name, type);
      if (canonical != null && !key(canonical).equals(key)) {
        List<Entry> ruled =
            entries.stream()
                .filter(e -> key(e.entity()).equals(key(canonical)) && e.type().equals(type))
                .sorted(Comparator.comparing((Entry e) -> -e.mentions()))
                .toList();
        if (!ruled.isEmpty()) {
          return new Match(ruled.get(0), "naming rules and aliases: " + canonical, List.of());
        }
      }
    }
    return null;
  }

  /**
   * Entity names spelt most like {@code name}: those within a third of its length in edit distance
   * (without case and accents), then those that contain it as a word; closest and most mentioned
   * first.
   */
  public List<String> suggestions(String name) {
    String key = key(name);
    record Scored(Entry entry, int distance) {}
    List<Scored> scored = new ArrayList<>();
    for (Entry e : entries) {
      String k = key(e.entity());
      int d = EditDistance.levenshtein(key, k);
      if (d * 3 <= Math.max(key.length(), 3)) {
        scored.add(new Scored(e, d));
      } else if (!key.isEmpty() && (" " + k + " ").contains(" " + key + " ")) {
        scored.add(new Scored(e, d));
      }
    }
    scored.sort(
        Comparator.comparingInt(Scored::distance)
            .thenComparing(s -> -s.entry().mentions())
            .thenComparing(s -> s.entry().entity()));
    return scored.stream().map(s -> s.entry().entity()).distinct().limit(SUGGESTIONS).toList();
  }

  /** The name the naming rules give {@code name} as a mention of {@code type}, or null. */
  private String canonical(String name, String type) {
    List<EntityCanonicalizer.MentionName> names =
        canonicalizer.canonicalNames(
            List.of(new EntityMention(name.strip(), type, 0, name.strip().length(), 0)));
    return names.size() == 1 ? names.get(0).name().name() : null;
  }

  /**
   * A name as lookups compare it: accents and case removed, a possessive {@code 's} dropped, every
   * run of other characters than letters and digits one space.
   */
  static String key(String name) {
    String s = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    s = s.toLowerCase(Locale.ROOT).replaceAll("['’]s\\b", "");
    return s.replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
  }
}
