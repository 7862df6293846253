package org.newsgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.kernel.exceptions.TableNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsgraph.config.SettingKeys;
import org.newsgraph.runs.RunRecord;
import org.newsgraph.tables.OutputLock;
import org.newsgraph.tables.TableDef;
import org.newsgraph.tables.TableIO;
import org.newsgraph.tables.Tables;
import org.newsgraph.testing.KernelTables;
import org.newsgraph.testing.SparkTestSession;
import org.newsgraph.testing.TestTables;

/**
 * Killed and overlapping runs, as an operator meets them: every run is a JVM of its own, started as
 * bin/newsgraph starts one, on four articles and an undated note of sample-data/ (NER only).
 *
 * <ul>
 *   <li>A run killed with SIGKILL ({@code kill -9}) while ingest writes the articles, the next run
 *       killed while CoreNLP annotates, the next killed in aggregate after two period tables were
 *       committed and before their fingerprints, then a re-run with no extra option: each killed
 *       run leaves its lock and no row in {@code runs}, the next run removes the lock as stale (a
 *       process of this host that is gone), and the tables after the re-run equal those of an
 *       uninterrupted run (every data table, {@code exceptAll} both ways, without run ids).
 *   <li>A reader watching every table's transaction log all along, and reading the table with Delta
 *       Kernel whenever the log changed, only sees committed versions: every read succeeds, and the
 *       rows it read of a version are that version's rows (their count).
 *   <li>A second run started on the output while the re-run holds it exits 3 with the lock error
 *       naming the lock file and the run holding it, before any work: no progress line, the lock
 *       left as it was, no row in {@code runs}, and the one article only it was given is not in the
 *       output, which after the first run equals the uninterrupted run's (above).
 *   <li>A run with sentiment in a 600 MB heap thrashes while loading the models and exits 5 with
 *       the out-of-memory message naming the settings to change.
 * </ul>
 */
class ProcessFaultsIT extends SparkTestSession {

  private static final Path SAMPLE = PROJECT_ROOT.resolve("sample-data/text");

  /** Four articles in June and September 2018, one per file, and a file without a date. */
  private static final List<String> INPUT_FILES =
      List.of(
          "eastern-wire/2018-06-14-kremlin-leader-on-korea-summit.txt",
          "harbor-gazette/2018-06-12-leaders-meet-in-singapore.txt",
          "harbor-gazette/2018-09-11-presidents-pledge-closer-ties.txt.gz",
          "daily-courier/2018-09-12-peace-treaty-offer-at-forum.txt",
          "daily-courier/undated-note.txt");

  /** The article only the refused run is given, of a day no other input has. */
  private static final String EXTRA_FILE = "daily-courier/2018-05-24-leaders-at-economic-forum.txt";

  private static final String EXTRA_DATE = "2018-05-24";

  private static final String RUN_DATE = "2018-09-30";

  /** The tables that hold data (not run logs), compared without their run ids. */
  private static final List<TableDef> DATA_TABLES = TestTables.DATA_AND_QUARANTINE;

  /** Generous: a run takes about a minute on 2 idle cores, several while other builds run. */
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(15);

  /** How often a run's log and files are looked at while waiting for the moment to kill it. */
  private static final long POLL_MILLIS = 20;

  /** Kept after the class (a failure's logs are there); cleared when the class starts. */
  private static final Path WORK = Path.of("target", "process-faults").toAbsolutePath();

  private static final List<Process> STARTED = new CopyOnWriteArrayList<>();

  private static String reference;
  private static String recovered;
  private static final List<Child> killed = new ArrayList<>();
  private static final List<String> lockAfterKill = new ArrayList<>();
  private static boolean articlesCommittedAtKill;
  private static boolean annotationsCommittedAtKill;
  private static boolean periodTablesCommittedAtKill;
  private static boolean fingerprintsCommittedAtKill;
  private static Child rerun;
  private static Child refused;
  private static String lockBeforeRefused;
  private static String lockAfterRefused;
  private static boolean rerunAliveAfterRefused;
  private static TableReader reader;

  @BeforeAll
  static void runKilledAndOverlappingRuns() throws Exception {
    // Small tables: a short replay of their logs when this JVM reads them with Spark.
    spark.conf().set("spark.databricks.delta.snapshotPartitions", "2");
    deleteRecursively(WORK);
    Path input = copyInput("input", INPUT_FILES);
    Path extra = copyInput("extra-input", List.of(EXTRA_FILE));
    reference = WORK.resolve("reference").toString();
    recovered = WORK.resolve("recovered").toString();

    // The uninterrupted run goes beside the killed ones: one run rarely keeps both cores busy.
    Child single = Child.start("reference", input.toString(), reference);
    reader = TableReader.start(recovered);

    Child ingest = Child.start("killed-in-ingest", input.toString(), recovered);
    ingest.awaitLog("records read; finding near-duplicate stories");
    // The articles' data files are being written: their commit is a moment away.
    ingest.await(
        () -> hasFile(Path.of(recovered, Tables.ARTICLES.name()), ".parquet"),
        "the first data file of the articles");
    kill(ingest);
    articlesCommittedAtKill = committed(recovered, Tables.ARTICLES);

    Child annotate = Child.start("killed-in-annotate", input.toString(), recovered);
    annotate.awaitLog("Loaded CoreNLP models");
    kill(annotate);
    annotationsCommittedAtKill = committed(recovered, Tables.ANNOTATIONS);

    Child aggregate = Child.start("killed-in-aggregate", input.toString(), recovered);
    aggregate.awaitLog("aggregate: computing all");
    aggregate.await(
        () -> committed(recovered, Tables.COMENTION_COUNTS), "the comention_counts commit");
    kill(aggregate);
    periodTablesCommittedAtKill =
        committed(recovered, Tables.ENTITY_COUNTS) && committed(recovered, Tables.COMENTION_COUNTS);
    fingerprintsCommittedAtKill = committed(recovered, Tables.AGGREGATE_PERIODS);

    rerun = Child.start("rerun", input.toString(), recovered);
    // The first progress line comes after the lock is taken.
    rerun.awaitLog("progress: ingest:");
    lockBeforeRefused = lock(recovered);
    refused = Child.start("refused", input + "," + extra, recovered);
    refused.awaitExit();
    lockAfterRefused = lock(recovered);
    rerunAliveAfterRefused = rerun.process.isAlive();
    rerun.awaitExit();
    reader.stopAfterTwoMoreRounds();
    single.awaitExit();
    assertThat(single.process.exitValue())
        .as("exit code of the uninterrupted run; log:%n%s", single.log())
        .isZero();
  }

  @AfterAll
  static void killChildren() throws InterruptedException {
    if (reader != null) {
      reader.stop = true;
    }
    for (Process p : STARTED) {
      p.destroyForcibly();
      p.waitFor();
    }
  }

  @Test
  void aKilledRunLeavesItsLockAndTheNextRunRemovesItAsStale() throws IOException {
    List<Child> after = new ArrayList<>(killed.subList(1, killed.size()));
    after.add(rerun);
    for (int i = 0; i < killed.size(); i++) {
      Child k = killed.get(i);
      assertThat(k.process.exitValue())
          .as("%s: exit code of SIGKILL (128 + 9)", k.name)
          .isEqualTo(137);
      assertThat(lockAfterKill.get(i))
          .as("%s: the lock file after the kill names the killed process", k.name)
          .contains("pid=" + k.process.pid() + "\n");
      assertThat(after.get(i).log())
          .as("%s: the next run removes the killed run's lock, with a warning", after.get(i).name)
          .contains("removing the stale lock")
          .contains("pid " + k.process.pid() + ",");
    }
    assertThat(rerun.process.exitValue())
        .as("exit code of the re-run, with no option; log:%n%s", rerun.log())
        .isZero();
    assertThat(Path.of(recovered, OutputLock.FILE)).as("the lock after the re-run").doesNotExist();
    List<Row> runs = TableIO.read(spark, recovered, Tables.RUNS).collectAsList();
    assertThat(runs).as("rows of runs: the killed runs and the refused one left none").hasSize(1);
    assertThat(runs.get(0).<String>getAs(Tables.STATUS))
        .as("status of the re-run in runs")
        .isEqualTo(RunRecord.SUCCEEDED);
  }

  @Test
  void theKillsCameWhereIntended() {
    assertThat(annotationsCommittedAtKill)
        .as("annotations committed when the run was killed during annotate")
        .isFalse();
    assertThat(periodTablesCommittedAtKill)
        .as("entity_counts and comention_counts committed when the run was killed in aggregate")
        .isTrue();
    assertThat(fingerprintsCommittedAtKill)
        .as("aggregate_periods (the fingerprints) committed when the run was killed in aggregate")
        .isFalse();
  }

  @Test
  void afterTheKillsTheRerunGivesTheTablesOfAnUninterruptedRun() {
    for (TableDef table : DATA_TABLES) {
      Dataset<Row> a = TestTables.withoutRunId(spark, recovered, table);
      Dataset<Row> e = TestTables.withoutRunId(spark, reference, table);
      // Whether the kill in ingest came before or after the articles commit is a matter of
      // milliseconds; either must end the same.
      String when = articlesCommittedAtKill ? "after" : "before";
      assertThat(a.exceptAll(e).count())
          .as("%s: rows only after the kills (ingest killed %s its commit)", table.name(), when)
          .isZero();
      assertThat(e.exceptAll(a).count())
          .as(
              "%s: rows only in the uninterrupted run (ingest killed %s its commit)",
              table.name(), when)
          .isZero();
    }
  }

  @Test
  void aReaderDuringTheKilledRunsOnlySeesCommittedVersions() {
    assertThat(reader.failures).as("reads by Delta Kernel that failed").isEmpty();
    Map<TableDef, Map<Long, Set<Long>>> rowsByVersion = new LinkedHashMap<>();
    for (TableReader.Seen s : reader.seen) {
      rowsByVersion
          .computeIfAbsent(s.table(), t -> new TreeMap<>())
          .computeIfAbsent(s.version(), v -> new TreeSet<>())
          .add(s.rows());
    }
    assertThat(rowsByVersion.keySet()).as("tables the reader read").containsAll(DATA_TABLES);
    rowsByVersion.forEach(
        (table, versions) ->
            versions.forEach(
                (version, rows) ->
                    assertThat(rows)
                        .as(
                            "%s version %d: rows read during the runs vs its rows now",
                            table.name(), version)
                        .containsExactly(
                            (long)
                                KernelTables.read(recovered, table, version)
                                    .firstColumn()
                                    .size())));
  }

  @Test
  void aSecondRunAtOnceExitsWithTheLockErrorAndChangesNothing() throws IOException {
    String log = refused.log();
    assertThat(refused.process.exitValue())
        .as("exit code of the second run; log:%n%s", log)
        .isEqualTo(3);
    assertThat(log)
        .as("the second run's error")
        .contains("is in use by another newsgraph run")
        .contains(Path.of(recovered, OutputLock.FILE).toString())
        .contains("pid " + rerun.process.pid() + ",")
        .doesNotContain("progress:");
    assertThat(rerunAliveAfterRefused).as("the first run was still running").isTrue();
    assertThat(lockAfterRefused)
        .as("the lock after the second run failed")
        .isEqualTo(lockBeforeRefused)
        .contains("pid=" + rerun.process.pid() + "\n");
    assertThat(
            TableIO.read(spark, recovered, Tables.ARTICLES)
                .where(functions.col(Tables.DATE).equalTo(EXTRA_DATE))
                .count())
        .as("articles of the file only the second run was given")
        .isZero();
    assertThat(
            TableIO.read(spark, recovered, Tables.RUNS)
                .select(Tables.RUN_ID)
                .as(Encoders.STRING())
                .collectAsList())
        .as("run ids in runs: the first run's only")
        .containsExactly(lockProperty(lockBeforeRefused, "run_id"));
  }

  @Test
  void aRunOutOfMemoryExitsFiveNamingTheSettingsToChange() throws Exception {
    // 600 MB: enough for Spark to start, too little for the parser and sentiment models.
    Child starved =
        Child.start(
            "out-of-memory",
            copyInput("out-of-memory-input", INPUT_FILES).toString(),
            WORK.resolve("out-of-memory-output").toString(),
            "600m",
            "entity_sentences");
    starved.awaitExit();
    String log = starved.log();
    assertThat(starved.process.exitValue())
        .as("exit code of a run out of memory; log:%n%s", log)
        .isEqualTo(5);
    assertThat(log)
        .as("the run's error")
        .contains("newsgraph run failed: The run ran out of memory")
        .contains("NEWSGRAPH_DRIVER_MEMORY")
        .contains("spark.executor.memory");
    // Loading the models into that heap mostly thrashes (full collections back to back, each
    // freeing almost nothing) for a minute or more before an OutOfMemoryError, and the watch ends
    // it first, with its figures or, when even they find no room, the message it built ahead. Now
    // and then the heap runs out before the watch's window is full (the CI run of stop 48: 48 s
    // after the models began loading); the JVM's own error then ends the run the same way.
    assertThat(log)
        .as(
            "the run's error: thrashing seen by the watch of newsgraph.gcThrashSeconds, or the"
                + " JVM's own OutOfMemoryError")
        .satisfiesAnyOf(
            watched ->
                assertThat(watched)
                    .contains("collecting garbage")
                    .contains("newsgraph.gcThrashSeconds=0"),
            own -> assertThat(own).contains("java.lang.OutOfMemoryError: Java heap space"));
  }

  private static Path copyInput(String name, List<String> files) throws IOException {
    Path dir = WORK.resolve(name);
    for (String f : files) {
      // Under its source's directory: the source and the id namespace are its name.
      Path target = dir.resolve(f);
      Files.createDirectories(target.getParent());
      Files.copy(SAMPLE.resolve(f), target);
    }
    return dir;
  }

  private static void kill(Child child) throws IOException, InterruptedException {
    child.process.destroyForcibly();
    child.process.waitFor();
    killed.add(child);
    lockAfterKill.add(lock(recovered));
  }

  private static String lock(String output) throws IOException {
    return Files.readString(Path.of(output, OutputLock.FILE));
  }

  private static String lockProperty(String lock, String name) {
    return lock.lines()
        .filter(l -> l.startsWith(name + "="))
        .map(l -> l.substring(name.length() + 1))
        .findFirst()
        .orElseThrow();
  }

  /** Whether the table's first version is committed (its first commit file exists). */
  private static boolean committed(String output, TableDef table) {
    return Files.exists(
        Path.of(output, table.name(), "_delta_log", String.format("%020d.json", 0)));
  }

  private static boolean hasFile(Path dir, String suffix) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.anyMatch(f -> f.getFileName().toString().endsWith(suffix));
    }
  }

  /** A condition waited for; it may read files. */
  @FunctionalInterface
  private interface Condition {
    boolean holds() throws IOException;
  }

  /**
   * A newsgraph run in a JVM of its own, started as bin/newsgraph starts one (job jar and runtime
   * classpath, Java 17 opens, the shipped log configuration), with stdout and stderr in one log.
   */
  private static final class Child {
    final String name;
    final Process process;
    final Path log;

    private Child(String name, Process process, Path log) {
      this.name = name;
      this.process = process;
      this.log = log;
    }

    static Child start(String name, String input, String output) throws IOException {
      return start(name, input, output, "2g", "off");
    }

    /** A run with this heap and sentiment scope. */
    static Child start(String name, String input, String output, String heap, String sentiment)
        throws IOException {
      Path scratch = Files.createDirectories(WORK.resolve("scratch").resolve(name));
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      for (String opt : System.getProperty("newsgraph.test.opens", "").split(" ")) {
        if (!opt.isEmpty()) {
          command.add(opt);
        }
      }
      // Interpreted expressions, as the in-process tests run them.
      INTERPRETED.forEach((key, value) -> command.add("-D" + key + "=" + value));
      command.addAll(
          List.of(
              "-Xmx" + heap,
              // A short run spends less on the C1 compiler alone and one GC thread. C1 alone gets a
              // 48 MB code cache, which a whole run fills ("Out of space in CodeCache"): 256 MB.
              "-XX:TieredStopAtLevel=1",
              "-XX:ReservedCodeCacheSize=256m",
              "-XX:+UseSerialGC",
              "-Dspark.master=local[2]",
              "-Dspark.ui.enabled=false",
              "-Dspark.ui.showConsoleProgress=false",
              "-Dspark.driver.host=127.0.0.1",
              "-Dspark.driver.bindAddress=127.0.0.1",
              // A killed JVM leaves its Spark scratch files behind: under target/, not /tmp.
              "-Dspark.local.dir=" + scratch,
              "-Djava.io.tmpdir=" + scratch,
              "-Dlog4j2.configurationFile=" + PROJECT_ROOT.resolve("conf/log4j2.properties"),
              "-cp",
              classpath(),
              NewsgraphCli.class.getName(),
              "run",
              "--input",
              input,
              "--output",
              output,
              "--run-date",
              RUN_DATE,
              "--conf",
              SettingKeys.SENTIMENT.key() + "=" + sentiment,
              // Few rows: few partitions, and a short replay of the Delta logs.
              "--conf",
              "spark.sql.shuffle.partitions=2",
              "--conf",
              "spark.databricks.delta.snapshotPartitions=2"));
      Path log = WORK.resolve(name + ".log");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(WORK.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().put("NEWSGRAPH_HOME", PROJECT_ROOT.toString());
      Process process = builder.start();
      STARTED.add(process);
      return new Child(name, process, log);
    }

    /** The shaded job jar and the runtime classpath Maven wrote, as bin/newsgraph uses them. */
    private static String classpath() throws IOException {
      Path target = PROJECT_ROOT.resolve("jobs/target");
      Path jar;
      try (Stream<Path> jars = Files.list(target)) {
        jar =
            jars.filter(p -> p.getFileName().toString().matches("newsgraph-jobs-.*\\.jar"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no job jar in " + target + "; mvn verify"));
      }
      return jar + ":" + Files.readString(target.resolve("runtime-classpath.txt")).strip();
    }

    String log() throws IOException {
      return Files.readString(log);
    }

    void awaitLog(String text) throws IOException, InterruptedException {
      await(() -> log().contains(text), "a log line with '" + text + "'");
    }

    /** Waits for a condition; fails when the run ends or the time is up first. */
    void await(Condition condition, String what) throws IOException, InterruptedException {
      long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
      while (!condition.holds()) {
        if (!process.isAlive()) {
          throw new AssertionError(
              name
                  + " ended (exit code "
                  + process.exitValue()
                  + ") before "
                  + what
                  + "; log:\n"
                  + log());
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              name + " did not reach " + what + " within " + RUN_TIMEOUT + "; log:\n" + log());
        }
        Thread.sleep(POLL_MILLIS);
      }
    }

    void awaitExit() throws IOException, InterruptedException {
      if (!process.waitFor(RUN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(name + " did not end within " + RUN_TIMEOUT + "; log:\n" + log());
      }
    }
  }

  /**
   * Reads the tables of an output with Delta Kernel, a reader that knows nothing of the writer, in
   * a thread of its own until stopped: it lists every table's transaction log over and over and
   * reads the table whenever the listing changed (a commit, or one under way); keeps what it read
   * and what failed.
   */
  private static final class TableReader implements Runnable {

    /** One read: a table's version and the number of its rows. */
    record Seen(TableDef table, long version, long rows) {}

    final String output;
    final Set<Seen> seen = ConcurrentHashMap.newKeySet();
    final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    volatile boolean stop;
    volatile long rounds;
    private final Map<String, List<String>> logs = new TreeMap<>();
    private Thread thread;

    private TableReader(String output) {
      this.output = output;
    }

    static TableReader start(String output) {
      TableReader r = new TableReader(output);
      r.thread = new Thread(r, "table-reader");
      r.thread.setDaemon(true);
      r.thread.start();
      return r;
    }

    @Override
    public void run() {
      while (!stop) {
        for (TableDef table : Tables.ALL) {
          try {
            List<String> log = log(table);
            if (log.equals(logs.put(table.name(), log))) {
              continue;
            }
            KernelTables.Read read = KernelTables.read(output, table);
            seen.add(new Seen(table, read.version(), read.firstColumn().size()));
          } catch (TableNotFoundException e) {
            // No version committed yet: nothing to read, nothing wrong.
          } catch (IOException | RuntimeException e) {
            failures.add(table.name() + ": " + e);
          }
        }
        rounds++;
        try {
          Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }

    /** The names in the table's transaction log directory; none before it exists. */
    private List<String> log(TableDef table) throws IOException {
      Path dir = Path.of(output, table.name(), "_delta_log");
      if (!Files.isDirectory(dir)) {
        return List.of();
      }
      try (Stream<Path> files = Files.list(dir)) {
        return files.map(f -> f.getFileName().toString()).sorted().toList();
      }
    }

    /** Stops once it has read every table twice more: the last reads see the final versions. */
    void stopAfterTwoMoreRounds() throws InterruptedException {
      long until = rounds + 2;
      while (rounds < until && thread.isAlive()) {
        Thread.sleep(POLL_MILLIS);
      }
      stop = true;
      thread.join();
    }
  }
}
