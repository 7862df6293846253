package org.newsgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Tests the checks bin/newsgraph makes before it builds or starts anything: a bad JAVA or MVN is
 * named as the variable that is wrong, not blamed on PATH.
 */
class LauncherTest {

  private static final Path LAUNCHER = Path.of("..", "bin", "newsgraph").toAbsolutePath();

  private record Result(int exitCode, String err) {}

  private static Result launch(String variable, String value) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", LAUNCHER.toString(), "run", "--help");
    pb.environment().put(variable, value);
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("bin/newsgraph did not finish in 60 s");
    }
    return new Result(p.exitValue(), err);
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
}
