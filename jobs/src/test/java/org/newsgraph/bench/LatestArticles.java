package org.newsgraph.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.newsgraph.ingest.ArticleParsers;
import org.newsgraph.ingest.IngestRules;
import org.newsgraph.ingest.ParsedRecord;

/**
 * The latest articles of a shared JSON Lines corpus, in date order, cut into consecutive parts and
 * copied unchanged to {@code .jsonl.gz} files outside the project. Each record is parsed by the
 * job's own JSON Lines parser ({@link ArticleParsers#structured}) with the job's ingest rules, so
 * the order is the job's publication day (then instant, then article id), quarantined records are
 * left out, and an article id is taken once (its first record).
 */
final class LatestArticles {

  /**
   * One part of the slice.
   *
   * @param file the part's input file
   * @param articles its article ids, as the job names them
   * @param first the day of its earliest article
   * @param last the day of its latest article
   */
  record Part(Path file, List<String> articles, LocalDate first, LocalDate last) {}

  private record Key(
      LocalDate date, Instant publishedTs, String articleId, Path file, long lineNumber) {}

  private static final Comparator<Key> ORDER =
      Comparator.comparing(Key::date)
          .thenComparing(Key::publishedTs, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Key::articleId);

  private LatestArticles() {}

  /**
   * Writes the latest {@code sum(sizes)} articles of {@code corpusDir} as consecutive parts, the
   * i-th part of {@code sizes[i]} articles in date order (the last part holds the latest ones), to
   * {@code files[i]}. Each file should lie in a directory named as the corpus, so that the job
   * names the articles {@code <corpus>:<id>} as it does on the corpus itself.
   */
  static List<Part> write(Path corpusDir, IngestRules rules, int[] sizes, Path[] files) {
    List<Key> keys = latest(corpusDir, rules, Arrays.stream(sizes).sum());
    Map<Path, Map<Long, Integer>> partOfLine = new HashMap<>();
    List<List<Key>> parts = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < sizes.length; i++) {
      List<Key> part = keys.subList(from, from + sizes[i]);
      parts.add(part);
      for (Key k : part) {
        partOfLine.computeIfAbsent(k.file(), f -> new HashMap<>()).put(k.lineNumber(), i);
      }
      from += sizes[i];
    }
    List<Writer> writers = new ArrayList<>();
    try {
      for (Path f : files) {
        Files.createDirectories(f.getParent());
        writers.add(
            new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(f)), StandardCharsets.UTF_8));
      }
      for (Map.Entry<Path, Map<Long, Integer>> input : partOfLine.entrySet()) {
        try (BufferedReader in = reader(input.getKey())) {
          String line;
          long number = 0;
          while ((line = in.readLine()) != null) {
            Integer part = input.getValue().get(++number);
            if (part != null) {
              writers.get(part).write(line);
              writers.get(part).write('\n');
            }
          }
        }
      }
      for (Writer w : writers) {
        w.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the slice of " + corpusDir, e);
    }
    List<Part> result = new ArrayList<>();
    for (int i = 0; i < sizes.length; i++) {
      List<Key> part = parts.get(i);
      result.add(
          new Part(
              files[i],
              part.stream().map(Key::articleId).toList(),
              part.get(0).date(),
              part.get(part.size() - 1).date()));
    }
    return result;
  }

  /** The latest {@code count} articles of the corpus, in date order. */
  private static List<Key> latest(Path corpusDir, IngestRules rules, int count) {
    if (!Files.isDirectory(corpusDir)) {
      throw new IllegalArgumentException(
          "Corpus directory "
              + corpusDir
              + " not found: the benchmark reads the shared corpora beside the project"
              + " (../shared/corpora) or -Dnewsgraph.bench.corpus=DIR.");
    }
    List<Key> keys = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    try (Stream<Path> s = Files.list(corpusDir)) {
      for (Path input :
          s.filter(p -> p.getFileName().toString().endsWith(".jsonl.gz")).sorted().toList()) {
        try (BufferedReader in = reader(input)) {
          String line;
          long number = 0;
          while ((line = in.readLine()) != null) {
            number++;
            if (line.isBlank()) {
              continue;
            }
            ParsedRecord r =
                ArticleParsers.structured(input.toString(), "line " + number, line, rules);
            if (r.isArticle() && seen.add(r.articleId())) {
              keys.add(new Key(r.date(), r.publishedTs(), r.articleId(), input, number));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the corpus " + corpusDir, e);
    }
    if (keys.size() < count) {
      throw new IllegalArgumentException(
          "The corpus "
              + corpusDir
              + " has "
              + keys.size()
              + " articles; the benchmark needs "
              + count
              + ": choose fewer (newsgraph.bench.articles, -Dbench.articles).");
    }
    keys.sort(ORDER);
    return List.copyOf(keys.subList(keys.size() - count, keys.size()));
  }

  private static BufferedReader reader(Path gz) throws IOException {
    return new BufferedReader(
        new InputStreamReader(
            new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8));
  }
}
