package org.newsgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsgraph.bench.AnnotationBenchmark;

/**
 * Tests the checks bin/newsgraph makes before it builds or starts anything: a bad JAVA or MVN is
 * named as the variable that is wrong, not blamed on PATH; and the JVM options it starts Java with
 * (NEWSGRAPH_JAVA_OPTS), seen by a stand-in for java that prints its arguments.
 */
class LauncherTest {

  private static final Path LAUNCHER = Path.of("..", "bin", "newsgraph").toAbsolutePath();

  private record Result(int exitCode, String out, String err) {}

  /**
   * Runs {@code bin/newsgraph run --help} with these variables added to the environment (and
   * NEWSGRAPH_JAVA_OPTS removed first, so the caller's own does not leak in).
   */
  private static Result launch(Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", LAUNCHER.toString(), "run", "--help");
    pb.environment().remove("NEWSGRAPH_JAVA_OPTS");
    pb.environment().putAll(env);
    Process p = pb.start();
    // Stderr is read beside stdout, so that neither pipe fills while the other is read.
    CompletableFuture<String> err =
        CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
    String out = readAll(p.getInputStream());
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("bin/newsgraph did not finish in 60 s");
    }
    return new Result(p.exitValue(), out, err.get(60, TimeUnit.SECONDS));
  }

  private static String readAll(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Result launch(String variable, String value) throws Exception {
    return launch(Map.of(variable, value));
  }

  @Test
  void aJavaThatIsNotAnExecutableIsNamed() throws Exception {
    Result r = launch("JAVA", "/no/such/java");
    assertThat(r.exitCode()).as("exit code").isEqualTo(2);
    assertThat(r.err())
        .as("error message")
        .contains("JAVA=/no/such/java is not an executable file", "unset JAVA")
        .doesNotContain("not on PATH");
  }

  @Test
  void aJavaThatIsNotJava17IsNamed() throws Exception {
    Result r = launch("JAVA", "/bin/true");
    assertThat(r.exitCode()).as("exit code").isEqualTo(2);
    assertThat(r.err()).as("error message").contains("Java 17 or newer is needed, /bin/true");
  }

  /**
   * The arguments bin/newsgraph starts java with, from a stand-in that answers the version check as
   * Java 17 and prints its arguments one per line; MVN is a no-op, should the launcher find the jar
   * older than the sources.
   */
  private static List<String> javaArguments(Path dir, Map<String, String> env) throws Exception {
    Path java = dir.resolve("java");
    Files.writeString(
        java,
        "#!/bin/bash\n"
            + "for a in \"$@\"; do [ \"$a\" = -version ] && { echo 'openjdk version \"17.0.9\"' >&2;"
            + " exit 0; }; done\n"
            + "printf '%s\\n' \"$@\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, String> all = new HashMap<>(env);
    all.put("JAVA", java.toString());
    all.put("MVN", "/bin/true");
    Result r = launch(all);
    assertThat(r.exitCode()).as("exit code of the stand-in java; stderr:%n%s", r.err()).isZero();
    return r.out().lines().toList();
  }

  @Test
  void theJvmGetsTheParallelCollectorUnlessNewsgraphJavaOptsSaysOtherwise(@TempDir Path dir)
      throws Exception {
    assertThat(javaArguments(dir, Map.of()))
        .as("java's arguments by default")
        .contains(
            AnnotationBenchmark.LAUNCHER_COLLECTOR,
            "-Xmx4g",
            "org.newsgraph.cli.NewsgraphCli",
            "run",
            "--help");
    assertThat(javaArguments(dir, Map.of("NEWSGRAPH_JAVA_OPTS", " -XX:+UseG1GC  -Xss4m ")))
        .as("java's arguments with NEWSGRAPH_JAVA_OPTS=' -XX:+UseG1GC  -Xss4m ' (split on spaces)")
        .contains("-XX:+UseG1GC", "-Xss4m", "org.newsgraph.cli.NewsgraphCli")
        .doesNotContain(AnnotationBenchmark.LAUNCHER_COLLECTOR);
    assertThat(javaArguments(dir, Map.of("NEWSGRAPH_JAVA_OPTS", "")))
        .as("java's arguments with NEWSGRAPH_JAVA_OPTS empty")
        .contains("-Xmx4g", "org.newsgraph.cli.NewsgraphCli")
        .doesNotContain(AnnotationBenchmark.LAUNCHER_COLLECTOR, "");
  }
}
