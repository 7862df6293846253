package org.newsgraph.transform;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.newsgraph.jobs.NewsgraphErrors;

/**
 * The input files of a run, found by walking the input paths on any Hadoop file system and sorted
 * by format. Directories are read recursively; hidden files ({@code .x}, {@code _x}) are skipped;
 * files of other formats inside a directory are counted as ignored, a file named explicitly with an
 * unknown extension is an error.
 *
 * @param datedText non-empty {@code .txt} and {@code .txt.gz} files
 * @param jsonLines non-empty {@code .jsonl} and {@code .jsonl.gz} files
 * @param emptyFiles zero-byte files of either format (each becomes one quarantine record)
 * @param ignored files in the input directories, or matched by a glob, of neither format
 */
public record InputFiles(
    List<String> datedText, List<String> jsonLines, List<String> emptyFiles, List<String> ignored) {

  enum Format {
    DATED_TEXT,
    JSON_LINES
  }

  public int total() {
    return datedText.size() + jsonLines.size() + emptyFiles.size();
  }

  /** Lists and classifies the files of the given comma-separated input paths. */
  public static InputFiles find(List<String> inputs, Configuration hadoopConf) {
    List<String> text = new ArrayList<>();
    List<String> jsonl = new ArrayList<>();
    List<String> empty = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    for (String input : inputs) {
      Path path = new Path(input);
      try {
        FileSystem fs = path.getFileSystem(hadoopConf);
        FileStatus[] matches = fs.globStatus(path);
        if (matches == null || matches.length == 0) {
          throw NewsgraphErrors.inputNotFound(input);
        }
        boolean glob = input.chars().anyMatch(c -> "*?[{".indexOf(c) >= 0);
        for (FileStatus match : matches) {
          if (match.isDirectory()) {
            RemoteIterator<LocatedFileStatus> files = fs.listFiles(match.getPath(), true);
            while (files.hasNext()) {
              LocatedFileStatus f = files.next();
              if (!isHidden(f.getPath(), match.getPath())) {
                classify(f, text, jsonl, empty, ignored);
              }
            }
          } else if (!classify(match, text, jsonl, empty, ignored) && !glob) {
            // A file named on its own must be readable; one matched by a glob may be skipped.
            throw NewsgraphErrors.unsupportedFile(match.getPath().toString());
          }
        }
      } catch (IOException e) {
        throw NewsgraphErrors.ioFailure("list input files under", input, e);
      }
    }
    text.sort(null);
    jsonl.sort(null);
    empty.sort(null);
    ignored.sort(null);
    if (text.isEmpty() && jsonl.isEmpty() && empty.isEmpty()) {
      throw NewsgraphErrors.noInputFiles(inputs, ignored.size());
    }
    return new InputFiles(
        List.copyOf(text), List.copyOf(jsonl), List.copyOf(empty), List.copyOf(ignored));
  }

  static Format format(String path) {
    String name = path.toLowerCase(Locale.ROOT);
    if (name.endsWith(".txt") || name.endsWith(".txt.gz")) {
      return Format.DATED_TEXT;
    }
    if (name.endsWith(".jsonl") || name.endsWith(".jsonl.gz")) {
      return Format.JSON_LINES;
    }
    return null;
  }

  private static boolean classify(
      FileStatus file,
      List<String> text,
      List<String> jsonl,
      List<String> empty,
      List<String> ignored) {
    String path = file.getPath().toString();
    Format f = format(path);
    if (f != null && file.getLen() == 0) {
      empty.add(path);
    } else if (f == Format.DATED_TEXT) {
      text.add(path);
    } else if (f == Format.JSON_LINES) {
      jsonl.add(path);
    } else {
      ignored.add(path);
      return false;
    }
    return true;
  }

  /** Whether any path component below the listed root starts with '.' or '_'. */
  private static boolean isHidden(Path file, Path root) {
    String rel = file.toUri().getPath().substring(root.toUri().getPath().length());
    for (String part : rel.split("/")) {
      if (part.startsWith(".") || part.startsWith("_")) {
        return true;
      }
    }
    return false;
  }
}
