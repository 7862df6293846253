package org.newsgraph.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.newsgraph.cli.RunJob;
import org.newsgraph.config.SettingKeys;
import org.newsgraph.config.Settings;
import org.newsgraph.tables.DeltaSession;
import org.newsgraph.testing.SparkTestSession;

/**
 * The recall benchmark (issue 13): for every month of every gold file, the month's slice of the
 * shared corpus goes through the whole job ({@link RunJob#run}, sentiment off), and each gold pair
 * is scored: gold documents, job documents, recall, precision, targets. Prints a table per month
 * and writes {@code target/recall-benchmark/results.json}. Not part of {@code mvn verify}; run it
 * with the command in docs/benchmarks.md (a failsafe execution of the {@code recall-benchmark}
 * profile runs {@link #benchmark()}), or with {@link #main} on the test classpath.
 *
 * <p>One Spark session ({@code local[*]}) for all months, so the CoreNLP pipeline is loaded once.
 * Each month's slice and output live in a temporary directory, removed at the end.
 *
 * <p>System properties: {@code newsgraph.bench.months} (comma-separated months to run, e.g. {@code
 * 2018-07,1987-03}; empty for every month), {@code newsgraph.bench.root} (project root, default
 * {@code ..}), {@code newsgraph.bench.corpora} (default {@code <root>/../shared/corpora}), {@code
 * newsgraph.bench.results} (default {@code target/recall-benchmark}), {@code newsgraph.bench.keep}
 * ({@code true} keeps each month's output under {@code <results>/out/}; default {@code false}).
 */
public class RecallBenchmark {

  /** The benchmark as a test: it measures and reports; it fails only when it cannot run. */
  @Test
  void benchmark() throws IOException {
    List<RecallScorer.MonthResult> results =
        run(months(System.getProperty("newsgraph.bench.months", "")));
    assertThat(results)
        .as("months benchmarked (newsgraph.bench.months selects among the gold's)")
        .isNotEmpty();
  }

  /** Runs the benchmark; the first argument, if any, selects months as newsgraph.bench.months. */
  public static void main(String[] args) throws IOException {
    run(months(args.length == 0 ? System.getProperty("newsgraph.bench.months", "") : args[0]));
  }

  private static Set<String> months(String list) {
    return list.isBlank() ? Set.of() : Set.of(list.strip().split("\\s*,\\s*"));
  }

  /**
   * Runs every month of every gold file, or only {@code only} when not empty.
   *
   * @return the months' results, in run order
   */
  public static List<RecallScorer.MonthResult> run(Set<String> only) throws IOException {
    Path root =
        Path.of(System.getProperty("newsgraph.bench.root", "..")).toAbsolutePath().normalize();
    Path corpora =
        Path.of(
                System.getProperty(
                    "newsgraph.bench.corpora", root.resolve("../shared/corpora").toString()))
            .toAbsolutePath()
            .normalize();
    Path results =
        Path.of(System.getProperty("newsgraph.bench.results", "target/recall-benchmark"))
            .toAbsolutePath();
    List<RecallGold> golds = RecallGold.CORPORA.stream().map(RecallGold::forCorpus).toList();
    Set<String> known = new TreeSet<>();
    golds.forEach(g -> known.addAll(g.months()));
    if (!known.containsAll(only)) {
      throw new IllegalArgumentException(
          "No gold for month(s) "
              + new TreeSet<>(only).stream().filter(m -> !known.contains(m)).toList()
              + ": the gold files have "
              + known
              + " (newsgraph.bench.months, -Dbench.months).");
    }
    // Kept outputs go beside the results, to read the job's tables behind a figure.
    boolean keep = Boolean.parseBoolean(System.getProperty("newsgraph.bench.keep", "false"));
    Instant started = Instant.now();
    Path temp = Files.createTempDirectory("newsgraph-recall-");
    Path outputs = keep ? results.resolve("out") : temp.resolve("out");
    SparkSession spark =
        DeltaSession.tune(
            SparkTestSession.localSession("local[*]", "newsgraph-recall-benchmark")
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate());
    List<RecallScorer.MonthResult> monthResults = new ArrayList<>();
    Map<String, Double> runSeconds = new LinkedHashMap<>();
    try {
      for (RecallGold gold : golds) {
        String corpus = gold.corpus();
        List<String> months =
            gold.months().stream().filter(m -> only.isEmpty() || only.contains(m)).toList();
        if (months.isEmpty()) {
          continue;
        }
        Map<String, CorpusSlices.Slice> slices =
            CorpusSlices.write(corpora.resolve(corpus), months, temp.resolve("slices"));
        for (String month : months) {
          CorpusSlices.Slice slice = slices.get(month);
          String output = outputs.resolve(corpus + "-" + month).toString();
          Settings settings =
              Settings.defaults()
                  .with(SettingKeys.INPUT.key(), slice.file().toString())
                  .with(SettingKeys.OUTPUT.key(), output)
                  // The benchmark is about names and co-mentions; parsing for sentiment would
                  // triple the run time and change no count.
                  .with(SettingKeys.SENTIMENT.key(), "off")
                  .with(SettingKeys.ALIAS_FILE.key(), root.resolve("conf/aliases.tsv").toString());
          System.out.printf(
              Locale.ROOT,
              "%nrecall benchmark: %s %s, %d articles -> %s%n",
              corpus,
              month,
              slice.articles().size(),
              output);
          Instant t0 = Instant.now();
          RunJob.run(spark, settings);
          double seconds = Duration.between(t0, Instant.now()).toMillis() / 1000.0;
          runSeconds.put(corpus + " " + month, seconds);
          RecallScorer.MonthResult result =
              RecallScorer.score(
                  spark,
                  output,
                  gold,
                  month,
                  slice.articles(),
                  settings.getList(SettingKeys.PAIR_TYPES));
          monthResults.add(result);
          RecallReport.print(System.out, result, seconds);
        }
      }
    } finally {
      spark.stop();
      BenchFiles.deleteRecursively(temp);
    }
    double total = Duration.between(started, Instant.now()).toMillis() / 1000.0;
    System.out.println();
    System.out.println("recall benchmark summary (pairs meeting every target)");
    for (RecallScorer.MonthResult r : monthResults) {
      System.out.printf(
          Locale.ROOT,
          "  %-22s %s  %2d of %2d   job run %4.0f s%n",
          r.corpus(),
          r.month(),
          r.scores().size() - r.failing().size(),
          r.scores().size(),
          runSeconds.get(r.corpus() + " " + r.month()));
    }
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("started", started.toString());
    run.put("total_seconds", total);
    run.put("cores", Runtime.getRuntime().availableProcessors());
    run.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    Path json = results.resolve("results.json");
    RecallReport.writeJson(json, run, monthResults, runSeconds);
    System.out.printf(Locale.ROOT, "  total %.0f s; figures in %s%n", total, json);
    return monthResults;
  }
}
