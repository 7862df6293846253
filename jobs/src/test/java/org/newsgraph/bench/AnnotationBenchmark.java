package org.newsgraph.bench;

import static org.apache.spark.sql.functions.call_udf;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.newsgraph.annotate.AnnotateConf;
import org.newsgraph.annotate.TextPartitions;
import org.newsgraph.cli.NewsgraphCli;
import org.newsgraph.config.SettingKeys;
import org.newsgraph.config.Settings;
import org.newsgraph.ingest.IngestJob;
import org.newsgraph.tables.DeltaSession;
import org.newsgraph.tables.TableIO;
import org.newsgraph.tables.Tables;
import org.newsgraph.testing.SparkTestSession;
import org.newsgraph.udfs.NewsgraphFunctions;

/**
 * The annotation benchmark (issue 17): how fast annotation is against plain CoreNLP on one thread,
 * what sentiment costs, whether one query with {@code ng_entities} and {@code ng_sentiment} makes
 * one pass, what aggregation costs beside annotation, and the heap it all takes, from one run on a
 * slice of a shared corpus. Figures, not assertions: it fails only when it cannot run. Prints a
 * table and writes {@code target/annotate-benchmark/results.json}; docs/benchmarks.md has the
 * command and what the figures mean.
 *
 * <p>The slice is the first N records of the corpus (its {@code *.jsonl.gz} files in name order)
 * published in or after a month, copied unchanged to a temporary input and ingested once. Every
 * measured run is a process of its own, one after the other, as an operator would start it (the
 * launcher's JVM options: 4 GB heap, the parallel collector, {@code local[*]}), each with a GC log:
 *
 * <ul>
 *   <li>B1: {@link PlainCoreNlp} (one thread, the job's NER properties) on the texts the job
 *       stored, and its ceiling on these cores ({@link PlainCoreNlp} with a thread and a pipeline
 *       per core, in one process: what any CoreNLP program gets from them), against {@code
 *       newsgraph annotate} with sentiment off on a copy of the ingested output: whole process, the
 *       CoreNLP pass (the Spark job that runs CoreNLP, as the job logs it; the models are loaded
 *       while the articles are planned, so it holds only the part of the load that planning did not
 *       hide) against plain CoreNLP after its load, and the annotate stage (its seconds in the
 *       {@code runs} table, with the model load and its table reads and writes) against plain
 *       CoreNLP's load and annotation.
 *   <li>B2: {@code annotate} with sentiment {@code off}, {@code entity_sentences} (the default) and
 *       {@code all}, words per second of each CoreNLP pass.
 *   <li>B4: {@code aggregate} on the output of the default annotate, against that annotate.
 *   <li>B5: peak heap in use and GC pause share of each process, from its GC log.
 *   <li>B3 (in this JVM, after the processes, {@code local[*]}, default settings, models loaded and
 *       warmed up on 20 texts first): {@code SELECT ng_entities(text), ng_sentiment(text)} against
 *       the two functions in two queries, each query written to Spark's {@code noop} sink.
 * </ul>
 *
 * <p>B6, a whole run of a corpus, is {@code -Dbench.articles=all}: one {@code newsgraph run}
 * process over the whole corpus directory (default settings), its stage seconds and heap; nothing
 * else runs then.
 *
 * <p>System properties (the profile maps {@code -Dbench.*} to them): {@code
 * newsgraph.bench.articles} (N, default 400, or {@code all}), {@code newsgraph.bench.from} (first
 * month, default 2017-10), {@code newsgraph.bench.corpus} (a JSON Lines corpus directory; default
 * the AllSides corpus beside the project), {@code newsgraph.bench.root}, {@code
 * newsgraph.bench.results}, {@code newsgraph.bench.classpath} (the job's classes and runtime
 * classpath for the processes) and {@code newsgraph.bench.jvmOptions} (Java 17 module options for
 * Spark).
 */
public class AnnotationBenchmark {

  private static final Pattern MODEL_LOAD =
      Pattern.compile("Loaded CoreNLP models for settings \\S+ in ([0-9.]+) s");
  private static final Pattern PASS = Pattern.compile("CoreNLP pass: .* in ([0-9.]+) s");
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** One process the benchmark ran: wall seconds, its run's stage seconds, its GC figures. */
  record Measured(
      String what,
      double wallSeconds,
      Map<String, Double> stages,
      double pass,
      double modelLoad,
      GcLog gc) {

    double stage(String name) {
      return stages.getOrDefault(name, Double.NaN);
    }

    double gcShare() {
      return gc.pauseSeconds() / wallSeconds;
    }
  }

  @Test
  void benchmark() throws Exception {
    Map<String, Object> figures = run();
    assertThat(figures).as("figures").containsKey("commit");
  }

  public static void main(String[] args) throws Exception {
    run();
  }

  /** Runs the benchmark, prints its figures and writes results.json. */
  public static Map<String, Object> run() throws Exception {
    String articlesSetting = System.getProperty("newsgraph.bench.articles", "400").strip();
    boolean whole = articlesSetting.equals("all");
    int articles = whole ? Integer.MAX_VALUE : Integer.parseInt(articlesSetting);
    String from = System.getProperty("newsgraph.bench.from", "2017-10").strip();
    Path root = BenchFiles.root();
    Path corpus = BenchFiles.corpus(root);
    Path results =
        Path.of(System.getProperty("newsgraph.bench.results", "target/annotate-benchmark"))
            .toAbsolutePath();
    Path work = results.resolve("work");
    BenchFiles.deleteRecursively(work);
    Files.createDirectories(work);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("started", Instant.now().toString());
    figures.put("commit", BenchFiles.gitCommit(root));
    figures.put("corpus", corpus.toString());
    figures.put("cores", Runtime.getRuntime().availableProcessors());
    Processes processes = new Processes(root, work);
    // This JVM's session reads the runs tables of the processes, ingests the slice and runs B3.
    SparkSession spark =
        DeltaSession.tune(
            SparkTestSession.localSession("local[*]", "newsgraph-annotate-benchmark")
                .getOrCreate());
    try {
      if (whole) {
        wholeCorpus(processes, corpus, figures);
      } else {
        slice(spark, processes, corpus, articles, from, work, figures);
      }
    } finally {
      spark.stop();
      BenchFiles.deleteRecursively(work);
    }
    Path json = results.resolve("results.json");
    Files.createDirectories(results);
    JSON.writeValue(json.toFile(), figures);
    System.out.printf(Locale.ROOT, "%nannotate benchmark: figures in %s%n", json);
    return figures;
  }

  /** B6: one whole run over the corpus directory. */
  private static void wholeCorpus(Processes processes, Path corpus, Map<String, Object> figures)
      throws Exception {
    Path output = processes.work.resolve("output");
    System.out.printf(Locale.ROOT, "%nannotate benchmark B6: whole run of %s%n", corpus);
    Measured run =
        processes.job(
            "B6 run",
            List.of("run", "--input", corpus.toString(), "--output", output.toString()),
            output);
    System.out.printf(
        Locale.ROOT,
        "B6 whole run: %.0f s wall; stages %s; peak heap %,d MB; GC pauses %.1f%%%n",
        run.wallSeconds(),
        run.stages(),
        run.gc().peakHeapMb(),
        100 * run.gcShare());
    figures.put("B6", measured(run));
  }

  private static void slice(
      SparkSession spark,
      Processes processes,
      Path corpus,
      int articles,
      String from,
      Path work,
      Map<String, Object> figures)
      throws Exception {
    Path input = work.resolve("input").resolve(corpus.getFileName().toString());
    Files.createDirectories(input);
    int sliced = writeSlice(corpus, articles, from, input.resolve("slice.jsonl.gz"));
    System.out.printf(
        Locale.ROOT,
        "%nannotate benchmark: the first %,d articles of %s from %s%n",
        sliced,
        corpus,
        from);
    Path ingested = work.resolve("ingested");
    Path texts = work.resolve("texts.jsonl.gz");
    {
      Settings settings =
          Settings.defaults()
              .with(SettingKeys.INPUT.key(), input.getParent().toString())
              .with(SettingKeys.OUTPUT.key(), ingested.toString());
      IngestJob.run(spark, settings);
      List<String> stored =
          TableIO.read(spark, ingested.toString(), Tables.ARTICLES)
              .orderBy(Tables.ARTICLE_ID)
              .select(Tables.TEXT)
              .as(org.apache.spark.sql.Encoders.STRING())
              .collectAsList();
      long words = writeTexts(stored, texts);
      figures.put("articles", stored.size());
      figures.put("words", words);
      System.out.printf(
          Locale.ROOT,
          "annotate benchmark: %,d articles, %,d words stored%n",
          stored.size(),
          words);

      // B1: plain CoreNLP against the job, sentiment off.
      PlainResult plain = processes.plain(texts, 1);
      // The ceiling: plain CoreNLP on every core, a pipeline per thread, in one cold process.
      PlainResult ceiling = processes.plain(texts, Runtime.getRuntime().availableProcessors());
      Map<String, Measured> annotate = new LinkedHashMap<>();
      for (String scope : List.of("off", "entity_sentences", "all")) {
        Path output = work.resolve("annotate-" + scope);
        SparkTestSession.copyRecursively(ingested, output);
        annotate.put(
            scope,
            processes.job(
                "annotate, sentiment " + scope,
                List.of(
                    "annotate",
                    "--output",
                    output.toString(),
                    "--conf",
                    SettingKeys.SENTIMENT.key() + "=" + scope),
                output));
      }
      // B4: aggregate of the default annotation.
      Path aggregated = work.resolve("annotate-entity_sentences");
      Measured aggregate =
          processes.job(
              "aggregate", List.of("aggregate", "--output", aggregated.toString()), aggregated);
      // B3: one query against two, in this JVM.
      Map<String, Double> onePass = onePass(spark, ingested);

      report(plain, ceiling, annotate, aggregate, onePass, words, figures);
    }
  }

  private static void report(
      PlainResult plain,
      PlainResult ceiling,
      Map<String, Measured> annotate,
      Measured aggregate,
      Map<String, Double> onePass,
      long words,
      Map<String, Object> figures) {
    Measured off = annotate.get("off");
    // In local mode the job loads the models while it plans (and logs the load), so the pass
    // holds only the part of the load the planning did not hide: it is compared as it is.
    double pass = off.pass();
    Map<String, Object> b1 = new LinkedHashMap<>();
    b1.put("plain_process_s", plain.wallSeconds());
    b1.put("plain_load_s", plain.loadSeconds());
    b1.put("plain_annotate_s", plain.annotateSeconds());
    b1.put("plain_words_per_s", words / plain.annotateSeconds());
    b1.put("job_process_s", off.wallSeconds());
    b1.put("job_stage_s", off.stage("annotate"));
    b1.put("job_model_load_s", off.modelLoad());
    b1.put("job_pass_s", off.pass());
    b1.put("job_words_per_s", words / pass);
    b1.put("process_ratio", plain.wallSeconds() / off.wallSeconds());
    b1.put("stage_ratio", (plain.loadSeconds() + plain.annotateSeconds()) / off.stage("annotate"));
    b1.put("pass_ratio", plain.annotateSeconds() / pass);
    b1.put("ceiling_threads", ceiling.threads());
    b1.put("ceiling_process_s", ceiling.wallSeconds());
    b1.put("ceiling_load_s", ceiling.loadSeconds());
    b1.put("ceiling_annotate_s", ceiling.annotateSeconds());
    b1.put("ceiling_ratio", plain.annotateSeconds() / ceiling.annotateSeconds());
    b1.put("pass_of_ceiling", ceiling.annotateSeconds() / pass);
    b1.put("mentions_plain", plain.mentions());
    b1.put("mentions_ceiling", ceiling.mentions());
    figures.put("B1", b1);
    System.out.printf(
        Locale.ROOT,
        "%nB1 plain CoreNLP (1 thread) vs job annotate, NER only, %,d words%n"
            + "  whole process:  plain %.1f s, job %.1f s: job %.2fx%n"
            + "  annotation:     plain %.1f s after its %.1f s load (%,.0f words/s)%n"
            + "  CoreNLP pass:   job %.1f s (models loaded in %.1f s while planning, %,.0f words/s):"
            + " job %.2fx%n"
            + "  with the load:  plain %.1f s, job annotate stage %.1f s: job %.2fx%n"
            + "  ceiling:        plain CoreNLP on %d threads, a pipeline each, in one process:"
            + " annotation %.1f s after its %.1f s load (%,.0f words/s), %.2fx one thread;"
            + " whole process %.1f s%n"
            + "                  the job's pass is %.2f of the ceiling (mentions: %,d on one"
            + " thread, %,d on %d)%n",
        words,
        plain.wallSeconds(),
        off.wallSeconds(),
        plain.wallSeconds() / off.wallSeconds(),
        plain.annotateSeconds(),
        plain.loadSeconds(),
        words / plain.annotateSeconds(),
        off.pass(),
        off.modelLoad(),
        words / pass,
        plain.annotateSeconds() / pass,
        plain.loadSeconds() + plain.annotateSeconds(),
        off.stage("annotate"),
        (plain.loadSeconds() + plain.annotateSeconds()) / off.stage("annotate"),
        ceiling.threads(),
        ceiling.annotateSeconds(),
        ceiling.loadSeconds(),
        words / ceiling.annotateSeconds(),
        plain.annotateSeconds() / ceiling.annotateSeconds(),
        ceiling.wallSeconds(),
        ceiling.annotateSeconds() / pass,
        plain.mentions(),
        ceiling.mentions(),
        ceiling.threads());

    Map<String, Object> b2 = new LinkedHashMap<>();
    System.out.printf(Locale.ROOT, "%nB2 sentiment scope: the CoreNLP pass%n");
    double nerRate = words / pass;
    for (Map.Entry<String, Measured> e : annotate.entrySet()) {
      Measured m = e.getValue();
      double after = m.pass();
      double rate = words / after;
      b2.put(
          e.getKey(),
          Map.of(
              "stage_s",
              m.stage("annotate"),
              "model_load_s",
              m.modelLoad(),
              "words_per_s",
              rate,
              "of_ner_only",
              rate / nerRate));
      System.out.printf(
          Locale.ROOT,
          "  %-16s pass %6.1f s, load %4.1f s, %,7.0f words/s, %.2fx NER only; stage %.1f s,"
              + " process %.1f s%n",
          e.getKey(),
          m.pass(),
          m.modelLoad(),
          rate,
          rate / nerRate,
          m.stage("annotate"),
          m.wallSeconds());
    }
    figures.put("B2", b2);

    double both = onePass.get("one_query_s");
    double two = onePass.get("entities_s") + onePass.get("sentiment_s");
    figures.put(
        "B3",
        Map.of(
            "one_query_s",
            both,
            "entities_query_s",
            onePass.get("entities_s"),
            "sentiment_query_s",
            onePass.get("sentiment_s"),
            "ratio_two_over_one",
            two / both));
    System.out.printf(
        Locale.ROOT,
        "%nB3 ng_entities + ng_sentiment: one query %.1f s; two queries %.1f s + %.1f s = %.1f s"
            + " (%.2fx the one query)%n",
        both,
        onePass.get("entities_s"),
        onePass.get("sentiment_s"),
        two,
        two / both);

    Measured def = annotate.get("entity_sentences");
    double share = aggregate.stage("aggregate") / def.stage("annotate");
    figures.put(
        "B4",
        Map.of(
            "aggregate_s",
            aggregate.stage("aggregate"),
            "annotate_s",
            def.stage("annotate"),
            "aggregate_over_annotate",
            share,
            "aggregate_process_s",
            aggregate.wallSeconds()));
    System.out.printf(
        Locale.ROOT,
        "%nB4 aggregate stage %.1f s vs default annotate stage %.1f s: %.0f%%%n",
        aggregate.stage("aggregate"),
        def.stage("annotate"),
        100 * share);

    Map<String, Object> b5 = new LinkedHashMap<>();
    System.out.printf(
        Locale.ROOT, "%nB5 heap and GC per process (4 GB heap, parallel collector)%n");
    List<Measured> all = new ArrayList<>(annotate.values());
    all.add(aggregate);
    b5.put(
        "plain",
        Map.of(
            "peak_heap_mb",
            plain.gc().peakHeapMb(),
            "peak_after_gc_mb",
            plain.gc().peakAfterGcMb(),
            "gc_pause_share",
            plain.gc().pauseSeconds() / plain.wallSeconds()));
    System.out.printf(
        Locale.ROOT,
        "  %-38s peak heap %,6d MB, %,6d MB after GC, GC pauses %4.1f%% of %.1f s%n",
        "plain CoreNLP",
        plain.gc().peakHeapMb(),
        plain.gc().peakAfterGcMb(),
        100 * plain.gc().pauseSeconds() / plain.wallSeconds(),
        plain.wallSeconds());
    for (Measured m : all) {
      b5.put(
          m.what(),
          Map.of(
              "peak_heap_mb",
              m.gc().peakHeapMb(),
              "peak_after_gc_mb",
              m.gc().peakAfterGcMb(),
              "gc_pause_share",
              m.gcShare()));
      System.out.printf(
          Locale.ROOT,
          "  %-38s peak heap %,6d MB, %,6d MB after GC, GC pauses %4.1f%% of %.1f s%n",
          m.what(),
          m.gc().peakHeapMb(),
          m.gc().peakAfterGcMb(),
          100 * m.gcShare(),
          m.wallSeconds());
    }
    figures.put("B5", b5);
    Map<String, Object> processes = new LinkedHashMap<>();
    for (Measured m : all) {
      processes.put(m.what(), measured(m));
    }
    figures.put("processes", processes);
  }

  private static Map<String, Object> measured(Measured m) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("wall_s", m.wallSeconds());
    out.put("stages_s", m.stages());
    out.put("model_load_s", m.modelLoad());
    out.put("peak_heap_mb", m.gc().peakHeapMb());
    out.put("peak_after_gc_mb", m.gc().peakAfterGcMb());
    out.put("gc_pause_s", m.gc().pauseSeconds());
    return out;
  }

  /**
   * B3 in this JVM: the stored texts in packed partitions, the default settings; a warm-up query on
   * 20 texts, then one query with both functions and one query with each.
   */
  private static Map<String, Double> onePass(SparkSession spark, Path output) {
    Settings settings = Settings.defaults();
    NewsgraphFunctions.registerAnnotation(spark, AnnotateConf.nlp(settings));
    Dataset<Row> articles =
        TableIO.read(spark, output.toString(), Tables.ARTICLES)
            .select(Tables.ARTICLE_ID, Tables.TEXT);
    Dataset<Row> texts =
        TextPartitions.pack(
                spark,
                articles,
                settings.getInt(SettingKeys.WORDS_PER_PARTITION),
                spark.sparkContext().defaultParallelism())
            .rows()
            .cache();
    texts.count();
    Column entities = call_udf(NewsgraphFunctions.ENTITIES, col(Tables.TEXT));
    Column sentiment = call_udf(NewsgraphFunctions.SENTIMENT, col(Tables.TEXT));
    System.out.printf(Locale.ROOT, "%nB3: warm-up on 20 texts%n");
    sink(texts.limit(20).select(entities, sentiment));
    Map<String, Double> seconds = new LinkedHashMap<>();
    seconds.put("one_query_s", sink(texts.select(entities, sentiment)));
    seconds.put("entities_s", sink(texts.select(entities)));
    seconds.put("sentiment_s", sink(texts.select(sentiment)));
    texts.unpersist();
    return seconds;
  }

  private static double sink(Dataset<Row> rows) {
    long t0 = System.nanoTime();
    rows.write().format("noop").mode("overwrite").save();
    return (System.nanoTime() - t0) / 1e9;
  }

  /** The first {@code articles} records published in or after {@code from}, unchanged. */
  private static int writeSlice(Path corpus, int articles, String from, Path file)
      throws IOException {
    ObjectMapper json = new ObjectMapper();
    int written = 0;
    try (Writer out =
        new OutputStreamWriter(
            new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8)) {
      for (Path input : BenchFiles.corpusFiles(corpus)) {
        try (BufferedReader in = BenchFiles.gzipLines(input)) {
          String line;
          while (written < articles && (line = in.readLine()) != null) {
            if (json.readTree(line).path("published").asText().compareTo(from) >= 0) {
              out.write(line);
              out.write('\n');
              written++;
            }
          }
        }
      }
    }
    if (written == 0) {
      throw new IllegalArgumentException(
          "No article of "
              + corpus
              + " is published in or after "
              + from
              + ": -Dbench.from=YYYY-MM");
    }
    return written;
  }

  /** The stored texts as JSON Lines ({@code text}), for the plain baseline; their words. */
  private static long writeTexts(List<String> texts, Path file) throws IOException {
    ObjectMapper json = new ObjectMapper();
    long words = 0;
    try (Writer out =
        new OutputStreamWriter(
            new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8)) {
      for (String text : texts) {
        out.write(json.writeValueAsString(Map.of("text", text)));
        out.write('\n');
        String stripped = text.strip();
        words += stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
      }
    }
    return words;
  }

  /** What a plain CoreNLP process printed, with its wall time and GC log. */
  record PlainResult(
      int threads,
      double wallSeconds,
      double loadSeconds,
      double annotateSeconds,
      long mentions,
      GcLog gc) {}

  /**
   * The collector bin/newsgraph gives the JVM by default ({@code NEWSGRAPH_JAVA_OPTS}): the
   * processes measured run as users run them. {@code LauncherTest} checks that the launcher's
   * default is this one.
   */
  public static final String LAUNCHER_COLLECTOR = "-XX:+UseParallelGC";

  /** Starts the measured processes, one at a time, with the launcher's JVM options. */
  private static final class Processes {
    private final Path root;
    private final Path work;
    private final String classpath;
    private final List<String> jvmOptions;
    private int started;

    Processes(Path root, Path work) {
      this.root = root;
      this.work = work;
      this.classpath =
          System.getProperty("newsgraph.bench.classpath", System.getProperty("java.class.path"));
      this.jvmOptions =
          List.of(System.getProperty("newsgraph.bench.jvmOptions", "").strip().split("\\s+"));
    }

    PlainResult plain(Path texts, int threads) throws Exception {
      String name = threads == 1 ? "plain" : "plain-" + threads;
      Path gc = work.resolve("gc-" + name + ".log");
      Path log = work.resolve(name + ".log");
      double wall =
          start(
              "plain CoreNLP, " + threads + (threads == 1 ? " thread" : " threads"),
              gc,
              log,
              PlainCoreNlp.class.getName(),
              List.of(texts.toString(), Integer.toString(threads)));
      List<String> lines = Files.readAllLines(log);
      JsonNode out = new ObjectMapper().readTree(lines.get(lines.size() - 1));
      return new PlainResult(
          threads,
          wall,
          out.path("load_s").asDouble(),
          out.path("annotate_s").asDouble(),
          out.path("mentions").asLong(),
          GcLog.read(gc));
    }

    Measured job(String what, List<String> args, Path output) throws Exception {
      int n = started + 1;
      Path gc = work.resolve("gc-" + n + ".log");
      Path log = work.resolve("job-" + n + ".log");
      double wall = start(what, gc, log, NewsgraphCli.class.getName(), args);
      String text = Files.readString(log);
      Matcher load = MODEL_LOAD.matcher(text);
      Matcher pass = PASS.matcher(text);
      return new Measured(
          what,
          wall,
          stages(output),
          pass.find() ? Double.parseDouble(pass.group(1)) : Double.NaN,
          load.find() ? Double.parseDouble(load.group(1)) : 0,
          GcLog.read(gc));
    }

    private double start(String what, Path gc, Path log, String main, List<String> args)
        throws Exception {
      started++;
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmOptions.stream().filter(s -> !s.isEmpty()).toList());
      command.addAll(
          List.of(
              "-Xmx4g",
              LAUNCHER_COLLECTOR,
              "-Xlog:gc:file=" + gc,
              "-Dspark.master=local[*]",
              "-Dspark.ui.enabled=false",
              "-Dspark.ui.showConsoleProgress=false",
              "-Dlog4j2.configurationFile=" + root.resolve("conf/log4j2.properties"),
              "-cp",
              classpath,
              main));
      command.addAll(args);
      System.out.printf(Locale.ROOT, "annotate benchmark: %s ...%n", what);
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().put("NEWSGRAPH_HOME", root.toString());
      long t0 = System.nanoTime();
      Process process = builder.start();
      int exit = process.waitFor();
      double wall = (System.nanoTime() - t0) / 1e9;
      if (exit != 0) {
        throw new IllegalStateException(
            what + " exited with " + exit + "; its output:\n" + Files.readString(log));
      }
      System.out.printf(Locale.ROOT, "annotate benchmark: %s took %.1f s%n", what, wall);
      return wall;
    }

    /** The stage seconds of the output's latest run. */
    private static Map<String, Double> stages(Path output) {
      SparkSession spark = SparkSession.active();
      List<Row> rows =
          TableIO.read(spark, output.toString(), Tables.RUNS)
              .orderBy(Tables.STARTED)
              .collectAsList();
      Row row = rows.get(rows.size() - 1);
      Map<String, Double> seconds = new LinkedHashMap<>();
      for (Row s : row.<Row>getList(row.fieldIndex(Tables.STAGES))) {
        seconds.put(s.getAs(Tables.STAGE), s.<Double>getAs(Tables.SECONDS));
      }
      return seconds;
    }
  }
}
