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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.newsgraph.nlp.NlpSettings;

/**
 * The baseline of the annotation benchmark: plain CoreNLP with the job's NER properties ({@link
 * NlpSettings#nerProperties()}: tokenize, ssplit, pos, lemma, lean NER), over the texts of a JSON
 * Lines file ({@code text} field), as a process of its own: one {@code StanfordCoreNLP} on one
 * thread, or with THREADS, that many threads with a pipeline each (annotators of its own) taking
 * the texts in order from one queue, the most a CoreNLP program gets from the cores of one JVM.
 * Prints one JSON line: {@code threads}, {@code load_s} (every pipeline's models), {@code
 * annotate_s} (all texts, no warm-up, as the job's run has none either), {@code documents}, {@code
 * tokens}, {@code mentions}.
 *
 * <p>Usage: {@code PlainCoreNlp TEXTS.jsonl.gz [THREADS]}.
 */
public final class PlainCoreNlp {

  private PlainCoreNlp() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: PlainCoreNlp TEXTS.jsonl.gz [THREADS]");
      System.exit(2);
    }
    List<String> texts = texts(Path.of(args[0]));
    int threads = args.length == 2 ? Integer.parseInt(args[1]) : 1;
    long t0 = System.nanoTime();
    List<StanfordCoreNLP> pipelines = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      // CoreNLP hands a second pipeline the annotators of the first unless its pool is cleared.
      StanfordCoreNLP.clearAnnotatorPool();
      pipelines.add(new StanfordCoreNLP(NlpSettings.defaults().nerProperties()));
    }
    double load = (System.nanoTime() - t0) / 1e9;
    AtomicInteger next = new AtomicInteger();
    AtomicLong tokens = new AtomicLong();
    AtomicLong mentions = new AtomicLong();
    long t1 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> running = new ArrayList<>();
    for (StanfordCoreNLP pipeline : pipelines) {
      running.add(
          pool.submit(
              () -> {
                for (int i = next.getAndIncrement(); i < texts.size(); i = next.getAndIncrement()) {
                  Annotation doc = new Annotation(texts.get(i));
                  pipeline.annotate(doc);
                  for (CoreMap sentence : doc.get(CoreAnnotations.SentencesAnnotation.class)) {
                    tokens.addAndGet(sentence.get(CoreAnnotations.TokensAnnotation.class).size());
                    List<CoreMap> m = sentence.get(CoreAnnotations.MentionsAnnotation.class);
                    mentions.addAndGet(m == null ? 0 : m.size());
                  }
                }
              }));
    }
    for (Future<?> f : running) {
      f.get();
    }
    double annotate = (System.nanoTime() - t1) / 1e9;
    pool.shutdown();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("threads", threads);
    out.put("load_s", load);
    out.put("annotate_s", annotate);
    out.put("documents", texts.size());
    out.put("tokens", tokens.get());
    out.put("mentions", mentions.get());
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
