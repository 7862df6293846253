package org.newsgraph.stories;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Banded MinHash signatures for locality-sensitive hashing of shingle sets: {@code bands x rows}
 * MinHash values, combined into one hash per band. Two sets with Jaccard similarity J share at
 * least one band with probability {@code 1 - (1 - J^rows)^bands}: with 20 bands of 5 rows, 99.96%
 * at J = 0.8, 47% at J = 0.5 and 4.7% at J = 0.3, so nearly all true pairs and few false ones
 * become candidates. Spark MLlib's MinHashLSH has no bands (one MinHash per table), which made
 * articles sharing only boilerplate candidates by the hundred thousand.
 *
 * <p>Deterministic: the hash functions come from a fixed seed.
 */
final class MinHashBands implements Serializable {

  private static final Pattern PUNCTUATION = Pattern.compile("\\p{P}");
  private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}]+");

  private final int bands;
  private final int rows;
  private final long[] seeds;

  MinHashBands(int bands, int rows, long seed) {
    this.bands = bands;
    this.rows = rows;
    this.seeds = new long[bands * rows];
    long s = seed;
    for (int i = 0; i < seeds.length; i++) {
      s = mix(s + 0x9E3779B97F4A7C15L);
      seeds[i] = s;
    }
  }

  /** One hash per band of the set of (already hashed) shingles; empty for an empty set. */
  long[] bands(long[] shingleHashes) {
    if (shingleHashes.length == 0) {
      return new long[0];
    }
    long[] min = new long[seeds.length];
    java.util.Arrays.fill(min, Long.MAX_VALUE);
    for (long x : shingleHashes) {
      for (int i = 0; i < seeds.length; i++) {
        long h = mix(x ^ seeds[i]);
        if (h < min[i]) {
          min[i] = h;
        }
      }
    }
    long[] out = new long[bands];
    for (int b = 0; b < bands; b++) {
      long h = 0xCBF29CE484222325L + b;
      for (int r = 0; r < rows; r++) {
        h = mix(h ^ min[b * rows + r]);
      }
      out[b] = h;
    }
    return out;
  }

  /**
   * The text compared for near duplicates: lowercase, punctuation (Unicode category P) removed,
   * whitespace collapsed to single spaces, trimmed; null gives "".
   */
  static String normalise(String text) {
    if (text == null) {
      return "";
    }
    String s = PUNCTUATION.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("");
    return WHITESPACE.matcher(s).replaceAll(" ").strip();
  }

  /**
   * The distinct runs of {@code n} consecutive words of a normalised text, in first-seen order; a
   * text with fewer words has its distinct words.
   */
  static List<String> shingles(String normalised, int n) {
    String[] words = normalised.isEmpty() ? new String[0] : normalised.split(" ");
    Set<String> out = new LinkedHashSet<>();
    if (words.length < n) {
      out.addAll(Arrays.asList(words));
    } else {
      for (int i = 0; i + n <= words.length; i++) {
        out.add(String.join(" ", Arrays.asList(words).subList(i, i + n)));
      }
    }
    return new ArrayList<>(out);
  }

  /** The hashes of the shingles of a normalised text (see {@link #shingles}). */
  static long[] shingleHashes(String normalised, int n) {
    List<String> shingles = shingles(normalised, n);
    long[] h = new long[shingles.size()];
    for (int i = 0; i < h.length; i++) {
      h[i] = hash(shingles.get(i));
    }
    return h;
  }

  /** The exact Jaccard similarity of the shingle sets of two raw texts; 0 when both are empty. */
  static double jaccard(String a, String b, int n) {
    Set<String> x = new HashSet<>(shingles(normalise(a), n));
    Set<String> y = new HashSet<>(shingles(normalise(b), n));
    if (x.isEmpty() && y.isEmpty()) {
      return 0;
    }
    int common = 0;
    for (String s : x) {
      if (y.contains(s)) {
        common++;
      }
    }
    return (double) common / (x.size() + y.size() - common);
  }

  /** A 64-bit hash of a shingle (FNV-1a over its chars, then mixed). */
  static long hash(String s) {
    long h = 0xCBF29CE484222325L;
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * 0x100000001B3L;
    }
    return mix(h);
  }

  /** SplitMix64's finaliser: a fast, well-distributed 64-bit mix. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
