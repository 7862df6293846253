package org.newsgraph.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.newsgraph.nlp.Sha256;
import org.newsgraph.tables.DeltaSession;

/**
 * One shared {@code local[2]} SparkSession per test class, configured for Delta Lake as the job
 * configures its own: UI off, bound to loopback, few shuffle partitions, no generated code
 * (expressions interpreted). Subclasses use {@link #spark} and {@link #tempDir()}, and may run work
 * on the session beside their own with {@link #beside}.
 */
public abstract class SparkTestSession {

  /**
   * Spark settings that interpret expressions instead of compiling generated code (Spark's own test
   * setting, no Janino at all): the tests' tables are small, and compiling costs more than it
   * saves. Without whole-stage code generation NightlyRunsIT took 184 s instead of 207 s and
   * PeriodTablesTest 148 s instead of 167 s; with expressions interpreted too, side by side:
   * PeriodTablesTest 121 s instead of 153 s, CorporaIngestIT 196 s instead of 216 s,
   * AllSidesJuly2018IT 415 s instead of 439 s. The in-process sessions use them (but
   * SampleDataRunIT's), and so do the job's processes in ProcessFaultsIT (its uninterrupted run 57
   * s instead of 73 s) and on the cluster of StandaloneClusterIT (in the driver and in each
   * executor). The job keeps Spark's defaults, and so does SampleDataRunIT's session, whose tables
   * are checked against hand-derived expectations and a plain-Java computation: the job's code path
   * stays tested.
   */
  public static final Map<String, Object> INTERPRETED =
      Map.of(
          "spark.sql.codegen.wholeStage", "false", "spark.sql.codegen.factoryMode", "NO_CODEGEN");

  protected static SparkSession spark;
  private static Path tempRoot;

  /** Work started with {@link #beside}: awaited before the session stops. */
  private static final List<CompletableFuture<?>> BESIDE = new CopyOnWriteArrayList<>();

  /** Generous: the longest work started beside a class's own takes minutes. */
  protected static final Duration BESIDE_TIMEOUT = Duration.ofMinutes(20);

  /** The project root (tests run in a module directory). */
  protected static final Path PROJECT_ROOT = Path.of("..").toAbsolutePath().normalize();

  /** The shared corpora beside the project root. */
  protected static final Path CORPORA = PROJECT_ROOT.resolve("../shared/corpora").normalize();

  @BeforeAll
  public static void startSpark() throws IOException {
    tempRoot = Files.createTempDirectory("newsgraph-test-");
    spark =
        DeltaSession.tune(
            localSession("local[2]", "newsgraph-test")
                .config("spark.sql.shuffle.partitions", "4")
                .config(INTERPRETED)
                .getOrCreate());
  }

  /**
   * A builder for a session on this machine as the tests and benchmarks use it: configured for
   * Delta Lake as the job configures its own, UI off, bound to loopback, UTC. Start it with {@link
   * DeltaSession#tune}{@code (builder.getOrCreate())}, as the command line does.
   */
  public static SparkSession.Builder localSession(String master, String appName) {
    return DeltaSession.configure(SparkSession.builder(), java.util.Map.of())
        .master(master)
        .appName(appName)
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC");
  }

  /**
   * Runs work on the shared session in a thread of its own, beside the caller's: two runs of the
   * job on one session rarely keep both cores busy all along, and together take less time than one
   * after the other. Take its result with {@code get(BESIDE_TIMEOUT...)}. When the class fails
   * before that, the work is not needed any more: its jobs are cancelled and its end awaited
   * (whatever its outcome) before the session stops and the temporary directories are deleted under
   * it.
   */
  protected static <T> CompletableFuture<T> beside(Supplier<T> work) {
    CompletableFuture<T> started = CompletableFuture.supplyAsync(work);
    BESIDE.add(started);
    return started;
  }

  @AfterAll
  public static void stopSpark() throws Exception {
    if (BESIDE.stream().anyMatch(f -> !f.isDone())) {
      // A job the work starts after the cancel still runs, so the wait is the work's own timeout.
      spark.sparkContext().cancelAllJobs();
    }
    for (CompletableFuture<?> work : BESIDE) {
      work.handle((done, failure) -> done).get(BESIDE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
    BESIDE.clear();
    if (spark != null) {
      spark.stop();
      spark = null;
    }
    deleteRecursively(tempRoot);
  }

  /** The text hash annotate stores (SHA-256 of the UTF-8 text, lower-case hex). */
  protected static String textHash(String text) {
    return Sha256.hex(text);
  }

  protected static Path tempDir(String name) throws IOException {
    return Files.createDirectories(tempRoot.resolve(name));
  }

  /** Copies the tree {@code from} to {@code to}, which must not exist. */
  public static void copyRecursively(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Files.copy(p, to.resolve(from.relativize(p).toString()));
      }
    }
  }

  public static void deleteRecursively(Path root) throws IOException {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
