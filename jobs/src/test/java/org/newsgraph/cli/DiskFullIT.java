package org.newsgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsgraph.config.SettingKeys;
import org.newsgraph.config.Settings;
import org.newsgraph.errors.NewsgraphErrors;
import org.newsgraph.errors.NewsgraphException;
import org.newsgraph.tables.TableIO;
import org.newsgraph.tables.Tables;
import org.newsgraph.testing.SparkTestSession;

/**
 * A full disk under the output, for real: the output is a 64 MB tmpfs mounted for the test (root,
 * or sudo without a password; the test is skipped otherwise unless {@code
 * NEWSGRAPH_REQUIRE_MOUNT=1}, which {@code .ci/run} sets). Ingest writes the sample articles, then
 * the disk is filled but for a few blocks and annotate runs: its write fails, the command ends with
 * newsgraph's disk-full error (exit code 3), the articles table is still at its last commit and
 * fully readable, and no annotations were committed. With the space freed, annotate runs again and
 * annotates every article.
 */
class DiskFullIT extends SparkTestSession {

  private static final Path SAMPLE = PROJECT_ROOT.resolve("sample-data/text");

  /** Left free after the filling: the lock file fits, a table's data files do not. */
  private static final long LEFT_FREE = 16 * 1024;

  private static Path mount;
  private static boolean mounted;

  @BeforeAll
  static void mountASmallDisk() throws Exception {
    mount = tempDir("disk-full-mount");
    mounted = command("mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", mount.toString()) == 0;
    if (!mounted && "1".equals(System.getenv("NEWSGRAPH_REQUIRE_MOUNT"))) {
      throw new AssertionError(
          "NEWSGRAPH_REQUIRE_MOUNT=1 but a tmpfs could not be mounted at "
              + mount
              + " (needs root or sudo without a password)");
    }
    Assumptions.assumeTrue(mounted, "a tmpfs can be mounted (root or sudo -n)");
  }

  @AfterAll
  static void unmount() throws Exception {
    if (mounted) {
      // This JVM may still hold files of the output open (Spark, Delta): a lazy unmount detaches
      // the file system at once, so the mount point is an empty directory to delete again.
      assertThat(command("umount", "-l", mount.toString()))
          .as("exit code of umount -l %s", mount)
          .isZero();
    }
  }

  /** Runs a system command, with sudo -n when not root; returns its exit code. */
  private static int command(String... args) throws IOException, InterruptedException {
    List<String> line = new ArrayList<>();
    if (!"root".equals(System.getProperty("user.name"))) {
      line.addAll(List.of("sudo", "-n"));
    }
    line.addAll(List.of(args));
    Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
    p.getInputStream().transferTo(OutputStream.nullOutputStream());
    return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
  }

  /** Writes a ballast file until the disk has about {@code LEFT_FREE} bytes left. */
  private static Path fill(Path dir) throws IOException {
    Path ballast = dir.resolve("ballast.bin");
    byte[] block = new byte[4096];
    try (OutputStream out = Files.newOutputStream(ballast)) {
      while (Files.getFileStore(dir).getUsableSpace() > LEFT_FREE) {
        out.write(block);
      }
    }
    return ballast;
  }

  @Test
  void aFullDiskFailsTheWriteCleanlyAndTheNextRunAnnotatesEverything() throws IOException {
    String output = mount.resolve("out").toString();
    Settings settings =
        Settings.defaults()
            .with(SettingKeys.INPUT.key(), SAMPLE.toString())
            .with(SettingKeys.OUTPUT.key(), output)
            .with(SettingKeys.SENTIMENT.key(), "off");
    PrintStream quiet =
        new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    NewsgraphCli.run("ingest", spark, settings, quiet);
    long articles = TableIO.read(spark, output, Tables.ARTICLES).count();
    long articlesVersion = TableIO.versions(spark, output).get(Tables.ARTICLES.name());

    Path ballast = fill(mount);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Throwable failure =
        catchThrowable(
            () ->
                NewsgraphCli.run(
                    "annotate",
                    spark,
                    settings,
                    new PrintStream(printed, true, StandardCharsets.UTF_8)));
    assertThat(failure).as("annotate on a full disk").isNotNull();
    NewsgraphException error =
        NewsgraphErrors.known(failure)
            .orElseThrow(() -> new AssertionError("not recognised as a full disk", failure));
    assertThat(error.exitCode()).as("exit code").isEqualTo(3);
    assertThat(error.getMessage()).as("message").contains("A disk is full");

    assertThat(TableIO.versions(spark, output).get(Tables.ARTICLES.name()))
        .as("articles version after the failed run")
        .isEqualTo(articlesVersion);
    assertThat(TableIO.read(spark, output, Tables.ARTICLES).count())
        .as("articles readable after the failed run")
        .isEqualTo(articles);
    assertThat(TableIO.versions(spark, output))
        .as("tables committed after the failed run")
        .doesNotContainKey(Tables.ANNOTATIONS.name());

    Files.delete(ballast);
    NewsgraphCli.run("annotate", spark, settings, quiet);
    assertThat(TableIO.read(spark, output, Tables.ANNOTATIONS).count())
        .as("annotations once the space is free again")
        .isEqualTo(articles);
  }
}
