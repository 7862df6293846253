package org.newsgraph.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Files and the commit of the benchmarks: removing and copying their work, naming the checkout. */
final class BenchFiles {

  private BenchFiles() {}

  /** The commit of the project's checkout, with {@code -dirty} when it has uncommitted changes. */
  static String gitCommit(Path root) {
    String head = git(root, "rev-parse", "HEAD");
    String status = git(root, "status", "--porcelain", "--untracked-files=no");
    if (head.isEmpty()) {
      return "unknown";
    }
    return status.isEmpty() ? head : head + "-dirty";
  }

  private static String git(Path root, String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-C", root.toString()));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return p.waitFor() == 0 ? out : "";
    } catch (IOException e) {
      // No git on the machine: the figures are still worth having, without a commit.
      System.err.println("benchmark: no commit recorded, git failed: " + e);
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while asking git for the commit", e);
    }
  }

  /** The project root: {@code newsgraph.bench.root}, {@code ..} (a module directory) by default. */
  static Path root() {
    return Path.of(System.getProperty("newsgraph.bench.root", "..")).toAbsolutePath().normalize();
  }

  /**
   * The corpus directory: {@code newsgraph.bench.corpus}, or the AllSides corpus of the shared
   * corpora beside the project root.
   */
  static Path corpus(Path root) {
    String setting = System.getProperty("newsgraph.bench.corpus", "").strip();
    return (setting.isEmpty()
            ? root.resolve("../shared/corpora/allsides-article-bias")
            : Path.of(setting))
        .toAbsolutePath()
        .normalize();
  }

  /** The {@code *.jsonl.gz} files of a corpus directory, in name order. */
  static List<Path> corpusFiles(Path corpus) throws IOException {
    try (Stream<Path> s = Files.list(corpus)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".jsonl.gz")).sorted().toList();
    }
  }

  /** A reader of the lines of a gzip file, in UTF-8. */
  static BufferedReader gzipLines(Path file) throws IOException {
    return new BufferedReader(
        new InputStreamReader(
            new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8));
  }

  /** Removes {@code dir} and everything under it; nothing when it does not exist. */
  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not remove the benchmark's " + dir, e);
    }
  }
}
