package org.newsgraph.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.util.CoreMap;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.newsgraph.nlp.NlpSettings;

/**
 * The baseline of the annotation benchmark: plain CoreNLP, one thread, one {@code StanfordCoreNLP}
 * with the job's NER properties ({@link NlpSettings#nerProperties()}: tokenize, ssplit, pos, lemma,
 * lean NER), over the texts of a JSON Lines file ({@code text} field), as a process of its own.
 * Prints one JSON line: {@code load_s} (models), {@code annotate_s} (all texts, no warm-up, as the
 * job's run has none either), {@code documents}, {@code tokens}, {@code mentions}.
 *
 * <p>Usage: {@code PlainCoreNlp TEXTS.jsonl.gz}.
 */
public final class PlainCoreNlp {

  private PlainCoreNlp() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: PlainCoreNlp TEXTS.jsonl.gz");
      System.exit(2);
    }
    List<String> texts = texts(Path.of(args[0]));
    long t0 = System.nanoTime();
    StanfordCoreNLP pipeline = new StanfordCoreNLP(NlpSettings.defaults().nerProperties());
    double load = (System.nanoTime() - t0) / 1e9;
    long tokens = 0;
    long mentions = 0;
    long t1 = System.nanoTime();
    for (String text : texts) {
      Annotation doc = new Annotation(text);
      pipeline.annotate(doc);
      for (CoreMap sentence : doc.get(CoreAnnotations.SentencesAnnotation.class)) {
        tokens += sentence.get(CoreAnnotations.TokensAnnotation.class).size();
        List<CoreMap> m = sentence.get(CoreAnnotations.MentionsAnnotation.class);
        mentions += m == null ? 0 : m.size();
      }
    }
    double annotate = (System.nanoTime() - t1) / 1e9;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("load_s", load);
    out.put("annotate_s", annotate);
    out.put("documents", texts.size());
    out.put("tokens", tokens);
    out.put("mentions", mentions);
    System.out.println(new ObjectMapper().writeValueAsString(out));
  }

  static List<String> texts(Path file) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> texts = new ArrayList<>();
    try (BufferedReader in = BenchFiles.gzipLines(file)) {
      String line;
      while ((line = in.readLine()) != null) {
        JsonNode record = json.readTree(line);
        texts.add(record.path("text").asText());
      }
    }
    return texts;
  }
}
