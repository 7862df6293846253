package org.newsgraph.tables;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.newsgraph.errors.NewsgraphErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer at a time per output directory: a run holds {@code <output>/_newsgraph.lock} from
 * before it reads any table until it ends, and a second run on the same output fails at once,
 * before it changes anything. The file is created atomically only if absent (on local disks and
 * HDFS; on object stores Delta's conflict detection is the only guard) and names the run: run id,
 * command, host, process id and start time.
 *
 * <p>A lock is <em>stale</em>, and is removed with a warning by the next run, when it names a
 * process on this host that no longer runs (or a process id since reused by a process that started
 * after the lock was taken). A lock from another host is never assumed stale: the error names the
 * file to remove once nothing runs there.
 */
public final class OutputLock implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(OutputLock.class);

  /** The lock's file name under the output directory (hidden from Spark's readers). */
  public static final String FILE = "_newsgraph.lock";

  private final FileSystem fs;
  private final Path file;
  private final String content;

  private OutputLock(FileSystem fs, Path file, String content) {
    this.fs = fs;
    this.file = file;
    this.content = content;
  }

  /** Takes the lock of the output for a run, or fails with the lock error (exit code 3). */
  public static OutputLock acquire(
      Configuration conf, String output, String runId, String command) {
    Path file = new Path(output, FILE);
    ProcessHandle self = ProcessHandle.current();
    String content =
        "run_id="
            + runId
            + "\ncommand="
            + command
            + "\nhost="
            + host()
            + "\npid="
            + self.pid()
            + "\nstarted="
            + Instant.now()
            + "\n";
    try {
      FileSystem fs = file.getFileSystem(conf);
      fs.mkdirs(file.getParent());
      // Two attempts: the second after removing a stale lock.
      for (int attempt = 0; attempt < 2; attempt++) {
        if (create(fs, file, content)) {
          return new OutputLock(fs, file, content);
        }
        Optional<String> held = read(fs, file);
        if (held.isEmpty()) {
          continue;
        }
        if (!stale(held.get())) {
          throw NewsgraphErrors.outputLocked(output, file.toString(), describe(held.get()));
        }
        LOG.warn(
            "removing the stale lock {} of a run that is no longer running ({})",
            file,
            describe(held.get()));
        if (read(fs, file).equals(held)) {
          fs.delete(file, false);
        }
      }
      Optional<String> held = read(fs, file);
      throw NewsgraphErrors.outputLocked(
          output, file.toString(), held.map(OutputLock::describe).orElse("unknown run"));
    } catch (IOException e) {
      throw NewsgraphErrors.ioFailure("take the lock", file.toString(), e);
    }
  }

  /** Releases the lock, when the file is still this run's. */
  @Override
  public void close() {
    try {
      if (read(fs, file).equals(Optional.of(content))) {
        fs.delete(file, false);
      } else {
        LOG.warn("the lock {} is no longer this run's; left as it is", file);
      }
    } catch (IOException e) {
      throw NewsgraphErrors.ioFailure("release the lock", file.toString(), e);
    }
  }

  /** Creates the file only if it does not exist; false when it does. */
  private static boolean create(FileSystem fs, Path file, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    if ("file".equals(fs.getUri().getScheme())) {
      // Hadoop's local file system checks for the file, then creates it: not atomic. CREATE_NEW is.
      try {
        Files.write(
            new File(file.toUri().getPath()).toPath(), bytes, StandardOpenOption.CREATE_NEW);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      }
    }
    try (OutputStream out = fs.create(file, false)) {
      out.write(bytes);
      return true;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    }
  }

  private static Optional<String> read(FileSystem fs, Path file) throws IOException {
    try (InputStream in = fs.open(file)) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      in.transferTo(bytes);
      return Optional.of(bytes.toString(StandardCharsets.UTF_8));
    } catch (java.io.FileNotFoundException e) {
      return Optional.empty();
    }
  }

  /** Whether the lock names a process of this host that is gone (see the class comment). */
  static boolean stale(String lock) {
    Properties p = properties(lock);
    if (!host().equals(p.getProperty("host"))) {
      return false;
    }
    long pid;
    Instant started;
    try {
      pid = Long.parseLong(p.getProperty("pid", ""));
      started = Instant.parse(p.getProperty("started", ""));
    } catch (NumberFormatException | DateTimeParseException e) {
      // Not written by a run of this program: leave it to the operator.
      return false;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (process.isEmpty()) {
      return true;
    }
    Optional<Instant> processStart = process.get().info().startInstant();
    return processStart.isPresent() && processStart.get().isAfter(started);
  }

  private static String describe(String lock) {
    Properties p = properties(lock);
    return "run "
        + p.getProperty("run_id", "?")
        + ", command "
        + p.getProperty("command", "?")
        + ", host "
        + p.getProperty("host", "?")
        + ", pid "
        + p.getProperty("pid", "?")
        + ", started "
        + p.getProperty("started", "?");
  }

  private static Properties properties(String lock) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(lock));
    } catch (IOException e) {
      throw new IllegalStateException("reading a string cannot fail", e);
    }
    return p;
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      throw NewsgraphErrors.ioFailure("find the name of", "this host", e);
    }
  }
}
