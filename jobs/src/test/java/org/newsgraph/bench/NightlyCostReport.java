package org.newsgraph.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one run of {@link NightlyCostBenchmark}: the full run of N articles and the night
 * of N/100 into the same output, seconds per stage from the {@code runs} table, and their ratios.
 *
 * @param started when the benchmark started
 * @param commit the project's commit ({@code -dirty} with uncommitted changes), or empty
 * @param corpus the corpus directory name
 * @param sentiment {@code newsgraph.annotate.sentiment} of the runs
 * @param base the full run's articles
 * @param nightPart the night's articles
 * @param modelLoadSeconds loading the CoreNLP models, before every run
 * @param warmup the warm-up run, into an output of its own
 * @param full the full run of the base
 * @param night the night, into the full run's output
 */
record NightlyCostReport(
    Instant started,
    String commit,
    String corpus,
    String sentiment,
    LatestArticles.Part base,
    LatestArticles.Part nightPart,
    double modelLoadSeconds,
    Measured warmup,
    Measured full,
    Measured night) {

  /** The stages of a run, in order. */
  static final List<String> STAGES = List.of("ingest", "annotate", "aggregate");

  /** The target for night / full; reported, never asserted. */
  static final double TARGET = 0.05;

  /**
   * One run as the {@code runs} table records it.
   *
   * @param articles articles of its input
   * @param status {@code succeeded} or {@code failed}
   * @param runDate its run date
   * @param wallSeconds the wall clock of the call of {@code RunJob.run}
   * @param loadAverage the machine's load average (1 minute) when it ended: other work on the
   *     machine slows the run down
   * @param stageSeconds the wall clock of each stage
   * @param counts each stage's counts
   */
  record Measured(
      int articles,
      String status,
      String runDate,
      double wallSeconds,
      double loadAverage,
      Map<String, Double> stageSeconds,
      Map<String, Map<String, Long>> counts) {

    double seconds(String stage) {
      return stageSeconds.getOrDefault(stage, 0.0);
    }

    /** What the run took besides its stages: checks, the output lock, the runs table's commit. */
    double other() {
      return wallSeconds - stageSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    long count(String stage, String name) {
      return counts.getOrDefault(stage, Map.of()).getOrDefault(name, 0L);
    }

    Map<String, Object> json() {
      Map<String, Object> seconds = new LinkedHashMap<>();
      for (String stage : STAGES) {
        seconds.put(stage, seconds(stage));
      }
      seconds.put("other", other());
      seconds.put("total", wallSeconds);
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("articles", articles);
      v.put("run_date", runDate);
      v.put("status", status);
      v.put("load_average", loadAverage);
      v.put("seconds", seconds);
      v.put("counts", counts);
      return v;
    }
  }

  /** night / full of each stage, of the rest, of the whole run, and of the whole run + load. */
  Map<String, Double> ratios() {
    Map<String, Double> r = new LinkedHashMap<>();
    for (String stage : STAGES) {
      r.put(stage, night.seconds(stage) / full.seconds(stage));
    }
    r.put("other", night.other() / full.other());
    r.put("total", night.wallSeconds() / full.wallSeconds());
    r.put(
        "total_with_model_load",
        (night.wallSeconds() + modelLoadSeconds) / (full.wallSeconds() + modelLoadSeconds));
    return r;
  }

  void print(PrintStream out) {
    Map<String, Double> ratios = ratios();
    out.println();
    out.printf(
        Locale.ROOT,
        "nightly cost (issue 14): %s, sentiment %s, commit %s, %s, %d cores, heap %,d MB%n",
        corpus,
        sentiment,
        commit.isEmpty() ? "unknown" : commit,
        LocalDate.ofInstant(started, ZoneOffset.UTC),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() / (1024 * 1024));
    out.printf(
        Locale.ROOT,
        "  full run  %,6d articles, %s .. %s, run date %s, load average %.1f at its end%n",
        full.articles(),
        base.first(),
        base.last(),
        full.runDate(),
        full.loadAverage());
    out.printf(
        Locale.ROOT,
        "  night     %,6d articles, %s .. %s, run date %s, load average %.1f at its end;"
            + " into the full run's output%n",
        night.articles(),
        nightPart.first(),
        nightPart.last(),
        night.runDate(),
        night.loadAverage());
    out.printf(
        Locale.ROOT,
        "  CoreNLP models loaded in %.1f s before the runs (in neither run's figures)%n",
        modelLoadSeconds);
    out.printf(
        Locale.ROOT,
        "  warm-up   %,6d articles into an output of its own first: %.1f s (ingest %.1f,"
            + " annotate %.1f, aggregate %.1f)%n",
        warmup.articles(),
        warmup.wallSeconds(),
        warmup.seconds("ingest"),
        warmup.seconds("annotate"),
        warmup.seconds("aggregate"));
    out.println();
    out.printf(Locale.ROOT, "  %-20s %9s %9s %11s%n", "seconds", "full", "night", "night/full");
    for (String stage : STAGES) {
      row(out, stage, full.seconds(stage), night.seconds(stage), ratios.get(stage));
    }
    row(out, "other", full.other(), night.other(), ratios.get("other"));
    row(out, "total", full.wallSeconds(), night.wallSeconds(), ratios.get("total"));
    row(
        out,
        "total + model load",
        full.wallSeconds() + modelLoadSeconds,
        night.wallSeconds() + modelLoadSeconds,
        ratios.get("total_with_model_load"));
    out.println();
    out.printf(
        Locale.ROOT,
        "  night (runs table): %,d added, %,d annotated, %,d reused; %,d articles in the output%n",
        night.count("ingest", "added"),
        night.count("annotate", "annotated"),
        night.count("annotate", "reused"),
        night.count("ingest", "corpus_articles"));
    out.printf(
        Locale.ROOT,
        "  target night/full <= %.2f: total %.3f (a figure, not a check)%n",
        TARGET,
        ratios.get("total"));
  }

  private static void row(PrintStream out, String what, double full, double night, double ratio) {
    out.printf(Locale.ROOT, "  %-20s %9.1f %9.1f %11.3f%n", what, full, night, ratio);
  }

  void writeJson(Path file) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("benchmark", "nightly cost (issue 14)");
    v.put("date", LocalDate.ofInstant(started, ZoneOffset.UTC).toString());
    v.put("started", started.toString());
    v.put("commit", commit);
    v.put("corpus", corpus);
    v.put("sentiment", sentiment);
    v.put("cores", Runtime.getRuntime().availableProcessors());
    v.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    v.put("articles", full.articles());
    v.put("night_articles", night.articles());
    v.put("base_days", List.of(base.first().toString(), base.last().toString()));
    v.put("night_days", List.of(nightPart.first().toString(), nightPart.last().toString()));
    v.put("model_load_seconds", modelLoadSeconds);
    v.put("warmup", warmup.json());
    v.put("full", full.json());
    v.put("night", night.json());
    v.put("ratio_night_to_full", ratios());
    v.put("target_ratio", TARGET);
    v.put("night_annotated", night.count("annotate", "annotated"));
    v.put("night_reused", night.count("annotate", "reused"));
    try {
      Files.createDirectories(file.getParent());
      new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), v);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the benchmark's figures to " + file, e);
    }
  }
}
