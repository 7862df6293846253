package org.newsgraph.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Month slices of a shared corpus for the benchmark: the records of each month, copied unchanged to
 * a temporary {@code .jsonl.gz} (never into the project), with the articles as the job will
 * identify them.
 */
public final class CorpusSlices {

  /**
   * One month of a corpus.
   *
   * @param corpus the corpus directory name
   * @param month {@code YYYY-MM}
   * @param file the slice: {@code <dir>/<month>/<corpus>/<corpus>-<month>.jsonl.gz}, so that the
   *     job namespaces ids by the corpus directory name as it does on the corpus itself
   * @param articles its articles: {@code <corpus>:<id>} and the {@code text} field
   */
  public record Slice(String corpus, String month, Path file, List<GoldCounter.Article> articles) {}

  private CorpusSlices() {}

  /**
   * Reads every {@code *.jsonl.gz} file of {@code corpusDir} once and writes one slice per month
   * (records whose {@code published} starts with the month) under {@code dir}.
   */
  public static Map<String, Slice> write(Path corpusDir, Collection<String> months, Path dir) {
    if (!Files.isDirectory(corpusDir)) {
      throw new IllegalArgumentException(
          "Corpus directory "
              + corpusDir
              + " not found: the benchmark reads the shared corpora beside the project"
              + " (../shared/corpora) or -Dnewsgraph.bench.corpora=DIR.");
    }
    String corpus = corpusDir.getFileName().toString();
    ObjectMapper json = new ObjectMapper();
    Map<String, Writer> writers = new LinkedHashMap<>();
    Map<String, Path> files = new LinkedHashMap<>();
    Map<String, List<GoldCounter.Article>> articles = new LinkedHashMap<>();
    try {
      for (String month : months) {
        Path file =
            Files.createDirectories(dir.resolve(month).resolve(corpus))
                .resolve(corpus + "-" + month + ".jsonl.gz");
        files.put(month, file);
        articles.put(month, new ArrayList<>());
        writers.put(
            month,
            new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8));
      }
      for (Path input : BenchFiles.corpusFiles(corpusDir)) {
        try (BufferedReader in = BenchFiles.gzipLines(input)) {
          String line;
          while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
              continue;
            }
            JsonNode record = json.readTree(line);
            String published = record.path("published").asText("");
            String month = published.length() >= 7 ? published.substring(0, 7) : "";
            Writer out = writers.get(month);
            if (out != null) {
              out.write(line);
              out.write('\n');
              articles
                  .get(month)
                  .add(
                      new GoldCounter.Article(
                          corpus + ":" + record.get("id").asText(), record.get("text").asText()));
            }
          }
        }
      }
      for (Writer w : writers.values()) {
        w.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not slice " + corpusDir + " into " + dir, e);
    }
    Map<String, Slice> slices = new LinkedHashMap<>();
    for (String month : months) {
      slices.put(
          month, new Slice(corpus, month, files.get(month), List.copyOf(articles.get(month))));
    }
    return slices;
  }
}
