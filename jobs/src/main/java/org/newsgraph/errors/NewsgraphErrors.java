package org.newsgraph.errors;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every user-facing error of newsgraph, built in one place. Each says the problem, the cause and
 * the fix. Exit code 2 is a usage or configuration error, 3 an input or output problem, 4 a failed
 * consistency check, 5 out of memory.
 */
public final class NewsgraphErrors {

  private static final int USAGE = 2;
  private static final int DATA = 3;
  private static final int CHECK = 4;
  private static final int MEMORY = 5;
  private static final String OUT_OF_MEMORY = OutOfMemoryError.class.getName();

  private static final String HEAP_TOO_SMALL =
      "a JVM's heap is too small for the CoreNLP models (about 1 GB, plus 0.4 GB per further"
          + " task thread that annotates at once) and the articles in work.";

  private static final String MORE_HEAP =
      "Give the JVM more heap: NEWSGRAPH_DRIVER_MEMORY for bin/newsgraph (default 4g), or"
          + " --driver-memory and spark.executor.memory for spark-submit; or lower the memory"
          + " each task needs: newsgraph.annotate.sentiment=off (no parser models),"
          + " newsgraph.ingest.maxChars (shorter texts), fewer executor cores.";
  // Spark's refusal to start with a heap under 450 MB.
  private static final String SPARK_HEAP_TOO_SMALL = "INVALID_DRIVER_MEMORY";
  // ENOSPC as Java words it, on every file system that reports it through the JDK.
  private static final String DISK_FULL = "No space left on device";
  private static final String ABANDONED = "org.newsgraph.nlp.AbandonedThreadsException";

  private NewsgraphErrors() {}

  /**
   * A key that is no setting.
   *
   * @param nearest the setting key spelt most like it, or null when none is close
   */
  public static NewsgraphException unknownSetting(String key, String origin, String nearest) {
    return new NewsgraphException(
        "Unknown setting '"
            + key
            + "' (from "
            + origin
            + ")."
            + (nearest == null ? "" : " Did you mean '" + nearest + "'?"),
        "newsgraph only accepts the keys listed in conf/newsgraph.properties.",
        "Check the spelling against 'newsgraph settings', which lists every key.",
        USAGE,
        null);
  }

  public static NewsgraphException badSettingValue(
      String key, String value, String expected, Throwable cause) {
    return new NewsgraphException(
        "Setting '" + key + "' has an invalid value '" + value + "'.",
        "expected " + expected + (cause == null ? "" : " (" + cause.getMessage() + ")"),
        "Correct the value in --conf, spark.newsgraph.* or the settings file.",
        USAGE,
        cause);
  }

  public static NewsgraphException usage(String problem, String fix) {
    return new NewsgraphException(
        problem, "the command line could not be understood.", fix, USAGE, null);
  }

  public static NewsgraphException emptyInput() {
    return new NewsgraphException(
        "No input given: newsgraph.input (--input) is empty.",
        "run and ingest read their articles from the paths in newsgraph.input.",
        "Give --input with one or more comma-separated directories, files or globs.",
        USAGE,
        null);
  }

  public static NewsgraphException outputIsAFile(String output) {
    return new NewsgraphException(
        "Output " + output + " is a file.",
        "newsgraph writes its tables as subdirectories of the output directory.",
        "Give --output a directory (it is created when missing), not a file.",
        USAGE,
        null);
  }

  public static NewsgraphException outputNotWritable(String output, Throwable cause) {
    return new NewsgraphException(
        "Cannot write to the output directory " + output + ".",
        cause == null ? "it could not be created or is not writable." : cause.toString(),
        "Give --output a directory this user can create and write, or fix its permissions.",
        USAGE,
        cause);
  }

  public static NewsgraphException nothingToDelete() {
    return new NewsgraphException(
        "delete was given no articles to remove.",
        "none of --ids, --source, --from, --to (newsgraph.delete.*) is set, and delete never"
            + " removes every article.",
        "Name the articles, e.g. 'bin/newsgraph delete --source daily-courier' or --from"
            + " 2018-09-01 --to 2018-09-30; to start from scratch use 'bin/newsgraph run"
            + " --rebuild'.",
        USAGE,
        null);
  }

  public static NewsgraphException settingsFileUnreadable(String path, Throwable cause) {
    return new NewsgraphException(
        "Cannot read the settings file " + path + ".",
        cause == null ? "the file does not exist." : cause.toString(),
        "Pass an existing file with --conf-file, or leave the option out to use defaults.",
        USAGE,
        cause);
  }

  public static NewsgraphException inputNotFound(String path) {
    return new NewsgraphException(
        "Input path " + path + " does not exist.",
        "nothing matches it on its file system.",
        "Check --input (or newsgraph.input); paths may be directories, files or globs.",
        DATA,
        null);
  }

  public static NewsgraphException outputOverlapsInput(String input, String match, String output) {
    return new NewsgraphException(
        "Output " + output + " overlaps the input " + input + " (" + match + ").",
        "ingest would read the output's own table files as articles, or write its tables among"
            + " the files it reads.",
        "Give --output a directory outside every --input path, and no --input inside the output.",
        USAGE,
        null);
  }

  public static NewsgraphException noInputFiles(Collection<String> paths, int ignored) {
    return new NewsgraphException(
        "No input files found under " + String.join(", ", paths) + ".",
        "newsgraph reads .txt[.gz], .jsonl[.gz], .csv[.gz] and .parquet files"
            + (ignored > 0 ? "; " + ignored + " file(s) with other extensions were ignored." : "."),
        "Point --input at a directory or file of dated text or JSON Lines articles.",
        DATA,
        null);
  }

  public static NewsgraphException unsupportedFile(String path) {
    return new NewsgraphException(
        "Input file " + path + " has an unsupported extension.",
        "newsgraph reads .txt[.gz] (dated text), .jsonl[.gz] (JSON Lines), .csv[.gz] and"
            + " .parquet.",
        "Rename the file to the extension of its format, set --format, or leave it out of"
            + " --input.",
        DATA,
        null);
  }

  public static NewsgraphException ioFailure(String what, String path, Throwable cause) {
    return new NewsgraphException(
        "Could not " + what + " " + path + ".",
        String.valueOf(cause),
        "Check that the path is reachable and writable by this job, then re-run.",
        DATA,
        cause);
  }

  public static NewsgraphException noTables(String output) {
    return new NewsgraphException(
        "Output " + output + " holds no newsgraph tables.",
        "query reads the tables a run wrote under --output, and there are none there.",
        "Give --output the directory of a run ('bin/newsgraph run' writes out/ by default).",
        DATA,
        null);
  }

  public static NewsgraphException badQuery(String sql, String detail, Collection<String> views) {
    return new NewsgraphException(
        "The query could not be run: " + sql,
        detail,
        "Correct the SQL (Spark SQL); the tables of this output are views named "
            + String.join(", ", views)
            + ".",
        USAGE,
        null);
  }

  /**
   * A name that matches no entity of the output.
   *
   * @param suggestions entity names spelt like it, closest first; may be empty
   */
  public static NewsgraphException unknownEntity(String name, List<String> suggestions) {
    return new NewsgraphException(
        "No entity named '"
            + name
            + "' in this output."
            + (suggestions.isEmpty()
                ? ""
                : " Did you mean "
                    + String.join(", ", suggestions.stream().map(s -> "'" + s + "'").toList())
                    + "?"),
        "names are looked up in the entities table: canonical names, the spellings the articles"
            + " used, and what the naming rules and the alias file make of the name.",
        "Give a name as the articles write it; 'newsgraph query \"SELECT entity, documents FROM"
            + " entity_variants WHERE surface LIKE '%part%'\"' lists candidates.",
        USAGE,
        null);
  }

  /** The two names of a pair are one entity. */
  public static NewsgraphException samePairEntity(String a, String b, String entity) {
    return new NewsgraphException(
        "'" + a + "' and '" + b + "' are both the entity " + entity + ".",
        "a pair needs two different entities; co-mentions of an entity with itself are not counted.",
        "Give two different entities.",
        USAGE,
        null);
  }

  public static NewsgraphException tableMissing(String table, String path, String producer) {
    return new NewsgraphException(
        "Table '" + table + "' not found at " + path + ".",
        "the stage that writes it (" + producer + ") has not run for this output directory.",
        "Run 'bin/newsgraph " + producer + " --output <dir>' first, or 'bin/newsgraph run'.",
        DATA,
        null);
  }

  public static NewsgraphException tableSchemaMismatch(String table, String path, String detail) {
    return new NewsgraphException(
        "Table '" + table + "' at " + path + " does not have the expected columns.",
        detail,
        "Re-create it with the stage that writes it (or 'bin/newsgraph run'), or point --output"
            + " at a newsgraph output directory.",
        DATA,
        null);
  }

  public static NewsgraphException tableNotDelta(String table, String path) {
    return new NewsgraphException(
        "Table '" + table + "' at " + path + " is not a Delta Lake table.",
        "the directory holds files but no _delta_log: it was written by a newsgraph before"
            + " Delta Lake tables, or by another program.",
        "Write to a new --output directory (newsgraph then builds every table from the input), or"
            + " move the directory away.",
        DATA,
        null);
  }

  public static NewsgraphException outputLocked(String output, String lockFile, String holder) {
    return new NewsgraphException(
        "Output " + output + " is in use by another newsgraph run (" + holder + ").",
        "only one run at a time may write an output directory, and the lock file "
            + lockFile
            + " names the run that holds it.",
        "Wait until that run ends, or give this run another --output. If no newsgraph run is"
            + " going on that host (it was killed there), remove "
            + lockFile
            + " and re-run; a lock of a process of this host that is gone is removed"
            + " automatically.",
        DATA,
        null);
  }

  public static NewsgraphException badRecord(
      String file, String ref, String reason, String detail) {
    return new NewsgraphException(
        "Bad input record in " + file + " (" + ref + "): " + reason + ".",
        detail == null ? reason : detail,
        "Fix or remove the record, or run without --fail-fast to quarantine bad records and go"
            + " on.",
        DATA,
        null);
  }

  public static NewsgraphException fileAccountingMismatch(
      String file, String expected, String found) {
    return new NewsgraphException(
        "Ingest lost records of "
            + file
            + ": parsed "
            + expected
            + " but the rows to write hold "
            + found
            + ".",
        "a record was neither written as an article nor quarantined; this is a bug.",
        "Report it with the input that triggers it; nothing was written to the articles table.",
        CHECK,
        null);
  }

  public static NewsgraphException staleAnnotations(long stale, List<String> examples) {
    return new NewsgraphException(
        stale
            + " article(s) changed after they were annotated (for example "
            + String.join(", ", examples)
            + ").",
        "the stored annotation was made from an older text (its text_hash differs), so its"
            + " offsets would name the wrong words and sentences; aggregate never uses it.",
        "Run 'bin/newsgraph annotate' (or 'run') on this output, then aggregate again.",
        CHECK,
        null);
  }

  /**
   * The error a run's failure stands for when it is one the user can act on although it reached the
   * command line as another exception (a Spark job that failed on an executor): out of memory, or
   * annotation workers that documents left stuck. Empty for any other failure.
   */
  public static Optional<NewsgraphException> known(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      // An executor's exception reaches the driver as a class, or only in a message.
      String text = t.getClass().getName() + ": " + t.getMessage();
      if (text.contains(OUT_OF_MEMORY) || text.contains(SPARK_HEAP_TOO_SMALL)) {
        return Optional.of(outOfMemory(failure));
      }
      if (text.contains(ABANDONED)) {
        return Optional.of(abandonedThreads(failure));
      }
      if (text.contains(DISK_FULL)) {
        return Optional.of(diskFull(failure));
      }
    }
    return Optional.empty();
  }

  /**
   * As {@link #known(Throwable)}, and out of memory when a thread of this JVM ended with an {@link
   * OutOfMemoryError} after {@code mark} (see {@link UncaughtErrors}): the failure is then most
   * likely its consequence, such as a job cancelled because Spark stopped its context.
   */
  public static Optional<NewsgraphException> known(Throwable failure, long mark) {
    return known(failure)
        .or(() -> UncaughtErrors.outOfMemorySince(mark).map(oom -> outOfMemory(failure)));
  }

  static NewsgraphException outOfMemory(Throwable failure) {
    return new NewsgraphException(
        "The run ran out of memory (java.lang.OutOfMemoryError, or a heap Spark refuses).",
        HEAP_TOO_SMALL,
        MORE_HEAP,
        MEMORY,
        failure);
  }

  /**
   * The JVM thrashed (see {@link GcThrash}): the command line ends the run as out of memory. A null
   * verdict gives the message without its figures, built ahead for when there is no room to format
   * them.
   */
  public static NewsgraphException gcThrash(GcThrash.Verdict verdict, String setting) {
    return new NewsgraphException(
        verdict == null
            ? "The run ran out of memory: the JVM was collecting garbage back to back, the old"
                + " generation of its heap still full after collecting."
            : String.format(
                Locale.ROOT,
                "The run ran out of memory: the JVM spent %.1f s of the last %.1f s collecting"
                    + " garbage, and the old generation of its heap was still %.0f%% full after"
                    + " collecting.",
                verdict.gcMillis() / 1000.0,
                verdict.windowMillis() / 1000.0,
                100 * verdict.oldFullAfter()),
        HEAP_TOO_SMALL
            + " A JVM in that state makes almost no progress, and may take minutes to fail on"
            + " its own.",
        MORE_HEAP + " (" + setting + "=0 waits for the JVM's own OutOfMemoryError instead.)",
        MEMORY,
        null);
  }

  static NewsgraphException diskFull(Throwable failure) {
    return new NewsgraphException(
        "A disk is full (No space left on device).",
        "a table's files could not all be written. Delta Lake commits a table only after all of"
            + " its files are written, so every table is at its last commit and readers see"
            + " nothing half-written; the files of the failed write are left unreferenced.",
        "Free space on the output's file system or move --output to a larger one, then run"
            + " again: it redoes what did not commit (bin/newsgraph vacuum removes the unreferenced"
            + " files once they are older than its retention). If the full disk is Spark's scratch"
            + " space, set spark.local.dir to a larger one.",
        DATA,
        failure);
  }

  static NewsgraphException abandonedThreads(Throwable failure) {
    return new NewsgraphException(
        "Annotation stopped: documents left annotation threads that do not stop"
            + " (org.newsgraph.nlp.AbandonedThreadsException).",
        "documents ran past newsgraph.annotate.timeoutSeconds in code that ignores interruption,"
            + " and newsgraph.annotate.maxAbandonedThreads of them still ran in one JVM, so its"
            + " tasks failed; Spark retries a failed task on a cluster, never in local mode.",
        "Find the articles whose text begins as the failure above says (on a cluster they are also"
            + " quarantined as annotation_timeout by the tasks that went on) and remove or repair"
            + " them, or raise newsgraph.annotate.maxAbandonedThreads; on a cluster, let Spark"
            + " retry elsewhere (spark.task.maxFailures, spark.excludeOnFailure.enabled).",
        DATA,
        failure);
  }
}
