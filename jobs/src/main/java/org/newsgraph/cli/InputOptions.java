package org.newsgraph.cli;

import picocli.CommandLine.Option;

/** The options of the commands that read input files (run and ingest). */
final class InputOptions {

  @Option(
      names = "--input",
      paramLabel = "PATHS",
      descriptionKey = "newsgraph.input",
      description =
          "Comma-separated directories, files or globs on any file system Spark"
              + " reads (newsgraph.input, default: ${DEFAULT-VALUE}).")
  String input;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      descriptionKey = "newsgraph.ingest.format",
      description =
          "auto (by extension), text, jsonl, csv or parquet"
              + " (newsgraph.ingest.format, default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--fail-fast",
      descriptionKey = "newsgraph.ingest.failFast",
      description =
          "Stop at the first bad record (exit code 3) instead of quarantining it"
              + " (newsgraph.ingest.failFast).")
  boolean failFast;

  @Option(
      names = "--rebuild",
      descriptionKey = "newsgraph.ingest.rebuild",
      description =
          "Start from scratch: the input replaces the articles of the output instead"
              + " of adding to them (newsgraph.ingest.rebuild).")
  boolean rebuild;
}
