package org.newsgraph.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.newsgraph.annotate.AnnotateConf;
import org.newsgraph.cli.RunJob;
import org.newsgraph.config.SettingKeys;
import org.newsgraph.config.Settings;
import org.newsgraph.ingest.IngestConf;
import org.newsgraph.nlp.CoreNlpPipelines;
import org.newsgraph.tables.DeltaSession;
import org.newsgraph.tables.TableIO;
import org.newsgraph.tables.Tables;
import org.newsgraph.testing.SparkTestSession;

/**
 * The nightly-cost benchmark (issue 14): what a night that adds 1% new articles to an output of N
 * articles costs, against a full run of the N, both measured in one JVM. Prints a table and writes
 * {@code target/night-benchmark/results.json}; the target (night ≤ 5% of full) is a figure, never
 * asserted. Not part of {@code mvn verify}; run it with the command in docs/benchmarks.md (a
 * failsafe execution of the {@code night-benchmark} profile runs {@link #benchmark()}), or with
 * {@link #main} on the test classpath.
 *
 * <p>The latest N + 2·N/100 articles of the corpus in date order ({@link LatestArticles}) are cut
 * into a warm-up of N/100, the base of N and the night of the latest N/100, each written unchanged
 * to its own input folder in a temporary directory. Then, in one Spark session ({@code local[*]},
 * otherwise the launcher's defaults): the CoreNLP models are loaded and timed; the warm-up runs
 * into an output of its own (Spark, Delta and the job's code paths warm up on it); the full run
 * ({@link RunJob#run}) of the base into a fresh output; the night's run into the same output, with
 * a later run date. The seconds per stage come from the output's {@code runs} table. Both measured
 * runs are therefore warm: the models' load is reported apart, and added to both in the "with model
 * load" line, which is what two runs each in a fresh JVM would pay (the JVM and Spark start are not
 * measured).
 *
 * <p>System properties: {@code newsgraph.bench.articles} (N, default 1000, at least 100), {@code
 * newsgraph.bench.corpus} (a JSON Lines corpus directory; empty for {@code
 * <root>/../shared/corpora/allsides-article-bias}), {@code newsgraph.bench.sentiment} ({@code
 * newsgraph.annotate.sentiment} of the runs, default {@code off}: NER only), {@code
 * newsgraph.bench.root} (project root, default {@code ..}), {@code newsgraph.bench.results}
 * (default {@code target/night-benchmark}; the outputs are written under it and removed at the end,
 * the input folders in a temporary directory, removed too).
 */
public class NightlyCostBenchmark {

  /** The benchmark as a test: it measures and reports; it fails only when it cannot run. */
  @Test
  void benchmark() {
    NightlyCostReport report = run();
    assertThat(List.of(report.full().status(), report.night().status()))
        .as("status of the full run and of the night in the runs table")
        .containsOnly("succeeded");
  }

  public static void main(String[] args) {
    run();
  }

  /** Runs the benchmark, prints its table and writes its results. */
  public static NightlyCostReport run() {
    int articles = Integer.parseInt(System.getProperty("newsgraph.bench.articles", "1000").strip());
    if (articles < 100) {
      throw new IllegalArgumentException(
          "newsgraph.bench.articles (-Dbench.articles) is "
              + articles
              + ": the night is 1% of it, so it must be at least 100.");
    }
    int nightSize = articles / 100;
    String sentiment = System.getProperty("newsgraph.bench.sentiment", "off").strip();
    Path root = BenchFiles.root();
    Path corpus = BenchFiles.corpus(root);
    Path results =
        Path.of(System.getProperty("newsgraph.bench.results", "target/night-benchmark"))
            .toAbsolutePath();
    Instant started = Instant.now();
    Settings defaults =
        Settings.defaults()
            .with(SettingKeys.SENTIMENT.key(), sentiment)
            .with(SettingKeys.ALIAS_FILE.key(), root.resolve("conf/aliases.tsv").toString());
    Path warmupOut = results.resolve("warmup-output");
    Path output = results.resolve("output");
    BenchFiles.deleteRecursively(warmupOut);
    BenchFiles.deleteRecursively(output);
    Path temp = createTempDirectory();
    String name = corpus.getFileName().toString();
    String[] parts = {"warmup", "base", "night"};
    Path[] files = new Path[parts.length];
    for (int i = 0; i < parts.length; i++) {
      files[i] = temp.resolve(parts[i]).resolve(name).resolve(name + "-" + parts[i] + ".jsonl.gz");
    }
    SparkSession spark =
        DeltaSession.tune(
            SparkTestSession.localSession("local[*]", "newsgraph-night-benchmark").getOrCreate());
    try {
      System.out.printf(
          Locale.ROOT,
          "%nnight benchmark: slicing the latest %,d articles of %s%n",
          articles + 2 * nightSize,
          corpus);
      List<LatestArticles.Part> slice =
          LatestArticles.write(
              corpus,
              IngestConf.rules(defaults, LocalDate.now()),
              new int[] {nightSize, articles, nightSize},
              files);
      long t0 = System.nanoTime();
      CoreNlpPipelines.annotator(AnnotateConf.nlp(defaults));
      double modelLoad = (System.nanoTime() - t0) / 1e9;
      NightlyCostReport.Measured warmup =
          measure(spark, "warm-up", slice.get(0), warmupOut, defaults);
      NightlyCostReport.Measured full = measure(spark, "full run", slice.get(1), output, defaults);
      NightlyCostReport.Measured night = measure(spark, "night", slice.get(2), output, defaults);
      NightlyCostReport report =
          new NightlyCostReport(
              started,
              BenchFiles.gitCommit(root),
              name,
              sentiment,
              slice.get(1),
              slice.get(2),
              modelLoad,
              warmup,
              full,
              night);
      report.print(System.out);
      Path json = results.resolve("results.json");
      report.writeJson(json);
      System.out.printf(Locale.ROOT, "figures in %s%n", json);
      return report;
    } finally {
      spark.stop();
      BenchFiles.deleteRecursively(temp);
      BenchFiles.deleteRecursively(warmupOut);
      BenchFiles.deleteRecursively(output);
    }
  }

  /**
   * Runs the job on one part into {@code output}, with the day after the part's latest article as
   * run date: the run's row of the output's {@code runs} table (its latest) and the wall-clock
   * seconds of the call of {@link RunJob#run}.
   */
  private static NightlyCostReport.Measured measure(
      SparkSession spark, String what, LatestArticles.Part part, Path output, Settings defaults) {
    System.out.printf(
        Locale.ROOT,
        "%nnight benchmark: %s, %,d articles (%s .. %s) -> %s%n",
        what,
        part.articles().size(),
        part.first(),
        part.last(),
        output);
    Settings settings =
        defaults
            .with(SettingKeys.INPUT.key(), part.file().getParent().getParent().toString())
            .with(SettingKeys.OUTPUT.key(), output.toString())
            .with(SettingKeys.RUN_DATE.key(), part.last().plusDays(1).toString());
    long t0 = System.nanoTime();
    RunJob.run(spark, settings);
    double wall = (System.nanoTime() - t0) / 1e9;
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    List<Row> rows =
        TableIO.read(spark, output.toString(), Tables.RUNS).orderBy(Tables.STARTED).collectAsList();
    Row row = rows.get(rows.size() - 1);
    Map<String, Double> seconds = new LinkedHashMap<>();
    Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
    for (Row s : row.<Row>getList(row.fieldIndex(Tables.STAGES))) {
      String stage = s.getAs(Tables.STAGE);
      seconds.put(stage, s.<Double>getAs(Tables.SECONDS));
      counts.put(stage, Map.copyOf(s.getJavaMap(s.fieldIndex(Tables.COUNTS))));
    }
    return new NightlyCostReport.Measured(
        part.articles().size(),
        row.getAs(Tables.STATUS),
        row.<java.sql.Date>getAs(Tables.RUN_DATE).toString(),
        wall,
        load,
        seconds,
        counts);
  }

  private static Path createTempDirectory() {
    try {
      return Files.createTempDirectory("newsgraph-night-");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create the benchmark's temporary directory", e);
    }
  }
}
