package org.newsgraph.cli;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsgraph.config.SettingKeys;
import org.newsgraph.config.Settings;
import org.newsgraph.tables.TableIO;
import org.newsgraph.tables.Tables;
import org.newsgraph.testing.SparkTestSession;
import org.newsgraph.testing.TestTables;

/**
 * The job on a real Spark standalone cluster: a Master and two Workers (one core, 3 GB each) as
 * JVMs of their own on 127.0.0.1, started from the Maven-resolved Spark jars through a Spark home
 * that only holds links to them ({@code ../shared/FACTS.md}), as a Spark installation has them, and
 * the shaded job jar submitted with Spark's {@code SparkSubmit} in client mode, the CoreNLP models
 * (the shift-reduce parser's {@code models-english} too) shipped with {@code --jars}. While the
 * executors annotate {@code sample-data/} (entities and the default sentiment, small partitions),
 * one executor JVM is killed with SIGKILL; the standalone Master has its Worker start another,
 * Spark runs the lost tasks again, and the run ends with exit code 0, its summary printed, and
 * tables equal to an embedded in-process run's on the same input (every data table and the
 * quarantine, {@code exceptAll} both ways, without run ids), so no article is lost or annotated
 * twice. The embedded run goes beside the cluster's, and the cluster interprets expressions as the
 * in-process tests do. Ports are taken free at the start; every process started is stopped at the
 * end, also when a step fails. Logs stay in {@code target/standalone-cluster/}.
 */
class StandaloneClusterIT extends SparkTestSession {

  private static final Path SAMPLE = PROJECT_ROOT.resolve("sample-data/text");
  private static final Path TARGET = PROJECT_ROOT.resolve("jobs/target");
  private static final Path WORK = TARGET.resolve("standalone-cluster");
  private static final String RUN_DATE = "2018-09-30";
  private static final Duration TIMEOUT = Duration.ofMinutes(15);

  /** A progress line of annotation under way: some articles annotated, of all. */
  private static final Pattern ANNOTATED =
      Pattern.compile("progress: annotate: [0-9,]+ of [0-9,]+ articles \\(");

  /** Every process this class started, stopped at the end. */
  private static final List<Process> STARTED = new CopyOnWriteArrayList<>();

  private static String reference;
  private static String clustered;
  private static Process submit;
  private static Path submitLog;
  private static ProcessHandle killedExecutor;
  private static String progressAtKill;

  /** The embedded reference run, beside the cluster's. */
  private static CompletableFuture<Void> embedded;

  /** The job's settings, the same for both runs (the default sentiment). */
  private static final Map<String, String> SETTINGS =
      Map.of(
          // Many small tasks, so that the kill lands mid-annotation and progress is logged often.
          SettingKeys.WORDS_PER_PARTITION.key(), "400",
          SettingKeys.PROGRESS_SECONDS.key(), "1");

  @BeforeAll
  static void runOnAClusterAndKillAnExecutor() throws Exception {
    deleteRecursively(WORK);
    Files.createDirectories(WORK);
    reference = WORK.resolve("embedded").toString();
    clustered = WORK.resolve("cluster").toString();

    Settings settings =
        Settings.defaults()
            .with(SettingKeys.INPUT.key(), SAMPLE.toString())
            .with(SettingKeys.OUTPUT.key(), reference)
            .with(SettingKeys.RUN_DATE.key(), RUN_DATE);
    for (var e : SETTINGS.entrySet()) {
      settings = settings.with(e.getKey(), e.getValue());
    }
    Settings embeddedSettings = settings;
    // The embedded run goes beside the cluster's: neither keeps both cores busy all along.
    embedded =
        beside(
            () -> {
              NewsgraphCli.run(
                  "run",
                  spark,
                  embeddedSettings,
                  new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
              return null;
            });

    String sparkClasspath = Files.readString(TARGET.resolve("spark-classpath.txt")).strip();
    Path sparkHome = sparkHome(sparkClasspath);
    int masterPort = freePort();
    String master = "spark://127.0.0.1:" + masterPort;
    Process masterProcess =
        start(
            "master",
            sparkHome,
            List.of(
                "-Xmx512m",
                "-cp",
                sparkClasspath,
                "org.apache.spark.deploy.master.Master",
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(masterPort),
                "--webui-port",
                Integer.toString(freePort())));
    awaitLog(
        masterProcess, WORK.resolve("master.log"), Pattern.compile("I have been elected leader"));
    for (int w = 1; w <= 2; w++) {
      Process worker =
          start(
              "worker-" + w,
              sparkHome,
              List.of(
                  "-Xmx512m",
                  "-cp",
                  sparkClasspath,
                  "org.apache.spark.deploy.worker.Worker",
                  master,
                  "--host",
                  "127.0.0.1",
                  "--cores",
                  "1",
                  "--memory",
                  "3g",
                  "--webui-port",
                  Integer.toString(freePort()),
                  "--work-dir",
                  Files.createDirectories(WORK.resolve("worker-" + w + "-work")).toString()));
      awaitLog(
          worker,
          WORK.resolve("worker-" + w + ".log"),
          Pattern.compile("Successfully registered with master"));
    }

    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            "-Xmx1500m",
            "-cp",
            sparkClasspath,
            "org.apache.spark.deploy.SparkSubmit",
            "--master",
            master,
            "--deploy-mode",
            "client",
            "--class",
            NewsgraphCli.class.getName(),
            "--conf",
            "spark.driver.host=127.0.0.1",
            "--conf",
            "spark.driver.bindAddress=127.0.0.1",
            "--conf",
            "spark.ui.enabled=false",
            "--conf",
            "spark.executor.memory=2500m",
            "--conf",
            "spark.executor.cores=1",
            "--conf",
            "spark.sql.shuffle.partitions=4"));
    // Interpreted expressions, as the in-process tests run them, in the driver and the executors:
    // compiling generated code in each new executor JVM cost this class two and a half minutes.
    INTERPRETED.forEach((key, value) -> command.addAll(List.of("--conf", key + "=" + value)));
    command.addAll(
        List.of(
            "--jars",
            models(),
            jobJar().toString(),
            "run",
            "--input",
            SAMPLE.toString(),
            "--output",
            clustered,
            "--run-date",
            RUN_DATE));
    for (var e : SETTINGS.entrySet()) {
      command.addAll(List.of("--conf", e.getKey() + "=" + e.getValue()));
    }
    submit = start("submit", sparkHome, command);
    submitLog = WORK.resolve("submit.log");

    // Mid-annotation: after the first task of annotation ended, while articles are left.
    awaitLog(submit, submitLog, ANNOTATED);
    progressAtKill =
        Files.readAllLines(submitLog).stream()
            .filter(l -> ANNOTATED.matcher(l).find())
            .reduce((a, b) -> b)
            .orElseThrow();
    List<ProcessHandle> executors = executors(sparkHome);
    assertThat(executors).as("executor JVMs running while annotating").hasSize(2);
    killedExecutor = executors.get(0);
    killedExecutor.destroyForcibly();
    killedExecutor.onExit().get(1, TimeUnit.MINUTES);

    if (!submit.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the submitted run did not end within " + TIMEOUT + "; " + logs());
    }
    embedded.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @AfterAll
  static void stopTheCluster() throws Exception {
    // Executors are children of the Workers: stop them with their parents.
    for (Process p : STARTED) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(1, TimeUnit.MINUTES);
    }
  }

  /** A Spark home whose jars/ links to the Spark jars (what a Worker starts executors from). */
  private static Path sparkHome(String sparkClasspath) throws IOException {
    Path jars = Files.createDirectories(WORK.resolve("spark-home/jars"));
    for (String jar : sparkClasspath.split(":")) {
      Path source = Path.of(jar);
      Path link = jars.resolve(source.getFileName());
      if (!Files.exists(link)) {
        Files.createSymbolicLink(link, source);
      }
    }
    return jars.getParent();
  }

  private static String models() throws IOException {
    String models =
        String.join(
            ",",
            Stream.of(Files.readString(TARGET.resolve("runtime-classpath.txt")).strip().split(":"))
                .filter(p -> p.contains("stanford-corenlp-") && p.contains("-models"))
                .toList());
    assertThat(models).as("models jars for --jars").contains("models-english");
    return models;
  }

  private static Path jobJar() throws IOException {
    try (Stream<Path> jars = Files.list(TARGET)) {
      return jars.filter(p -> p.getFileName().toString().matches("newsgraph-jobs-.*\\.jar"))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no shaded jar in " + TARGET + "; mvn verify"));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** A JVM of the cluster, with the environment a Worker needs, its output in WORK/name.log. */
  private static Process start(String name, Path sparkHome, List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String opt : System.getProperty("newsgraph.test.opens", "").split(" ")) {
      if (!opt.isEmpty()) {
        command.add(opt);
      }
    }
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(WORK.toFile())
            .redirectErrorStream(true)
            .redirectOutput(WORK.resolve(name + ".log").toFile());
    Map<String, String> env = builder.environment();
    env.put("SPARK_HOME", sparkHome.toString());
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("NEWSGRAPH_HOME", PROJECT_ROOT.toString());
    Process process = builder.start();
    STARTED.add(process);
    return process;
  }

  private static void awaitLog(Process process, Path log, Pattern text) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!text.matcher(Files.readString(log)).find()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError(
            "no log line with '"
                + text
                + "' in "
                + log
                + " (process alive: "
                + process.isAlive()
                + "); "
                + logs());
      }
      Thread.sleep(100);
    }
  }

  /** The executor JVMs of this cluster's Workers. */
  private static List<ProcessHandle> executors(Path sparkHome) {
    return ProcessHandle.allProcesses()
        .filter(
            p -> {
              Optional<String> line = p.info().commandLine();
              return line.isPresent()
                  && line.get().contains("CoarseGrainedExecutorBackend")
                  && line.get().contains(sparkHome.toString());
            })
        .toList();
  }

  private static String logs() throws IOException {
    StringBuilder all = new StringBuilder("logs in " + WORK + ":\n");
    try (Stream<Path> files = Files.list(WORK)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
        List<String> lines = Files.readAllLines(f);
        all.append("== ").append(f.getFileName()).append(" (last 40 lines)\n");
        lines
            .subList(Math.max(0, lines.size() - 40), lines.size())
            .forEach(l -> all.append(l).append('\n'));
      }
    }
    return all.toString();
  }

  @Test
  void theRunEndsWellAfterAnExecutorWasKilledMidAnnotation() throws IOException {
    assertThat(submit.exitValue()).as("exit code of the submitted run; %s", logs()).isZero();
    assertThat(progressAtKill)
        .as("annotation progress when the executor was killed")
        .doesNotContain("done");
    assertThat(killedExecutor.isAlive()).as("the killed executor is alive").isFalse();
    assertThat(Files.readString(submitLog))
        .as("the driver saw the executor go")
        .containsPattern("Lost executor|ExecutorLostFailure");
  }

  /**
   * The driver printed the run's summary, whose count of mentions by resolution is the mentions
   * table's, and the executors computed sentiment with the parser of the shipped models.
   */
  @Test
  void theDriverPrintsTheSummaryAndTheExecutorsComputeSentiment() throws IOException {
    String printed = Files.readString(submitLog);
    assertThat(printed)
        .as("summary printed by the submitted job")
        .contains("co-mention pairs of 2018-09 by documents");
    String namesLine =
        printed.lines().filter(l -> l.strip().startsWith("entity names")).findFirst().orElse("");
    var mentions = TableIO.read(spark, clustered, Tables.MENTIONS_TABLE);
    for (Row r : mentions.groupBy(Tables.RESOLUTION).count().collectAsList()) {
      assertThat(namesLine)
          .as("summary line of entity names, for resolution %s", r.<String>getAs(0))
          .contains(String.format(Locale.ROOT, "%,d %s", r.getLong(1), r.<String>getAs(0)));
    }
    assertThat(mentions.where(col(Tables.SENTIMENT_SCORE).isNotNull()).count())
        .as("mentions whose sentence got sentiment on the cluster")
        .isPositive();
  }

  @Test
  void theTablesEqualAnEmbeddedRunsAndEveryArticleIsAnnotatedOnce() {
    TestTables.assertSameTables(
        spark, TestTables.DATA_AND_QUARANTINE, clustered, reference, "cluster vs embedded");
    long articles = TableIO.read(spark, clustered, Tables.ARTICLES).count();
    var annotations = TableIO.read(spark, clustered, Tables.ANNOTATIONS);
    assertThat(annotations.count()).as("annotation rows").isEqualTo(articles);
    assertThat(annotations.select(Tables.ARTICLE_ID).distinct().count())
        .as("articles annotated")
        .isEqualTo(articles);
  }
}
