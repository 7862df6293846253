package org.newsgraph.ingest;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.newsgraph.errors.NewsgraphErrors;

/**
 * The input files of a run, found by walking the input paths on any Hadoop file system and sorted
 * by format. Directories are read recursively; hidden files ({@code .x}, {@code _x}) are skipped.
 * The format comes from the extension ({@code .txt[.gz]} dated text, {@code .jsonl[.gz]} JSON
 * Lines, {@code .csv[.gz]} CSV, {@code .parquet} Parquet) unless one format is forced for all
 * files. Files of other formats inside a directory or matched by a glob are counted as ignored; a
 * file named explicitly with an unknown extension is an error.
 *
 * @param byFormat non-empty files of each format, sorted
 * @param emptyFiles zero-byte files of a known format (each becomes one quarantine record)
 * @param ignored files of no known format
 */
public record InputFiles(
    Map<Format, List<String>> byFormat, List<String> emptyFiles, List<String> ignored) {

  /** The input formats. */
  public enum Format {
    DATED_TEXT("text"),
    JSON_LINES("jsonl"),
    CSV("csv"),
    PARQUET("parquet");

    private final String settingValue;

    Format(String settingValue) {
      this.settingValue = settingValue;
    }

    public String settingValue() {
      return settingValue;
    }

    /** The format of a setting value, or null for {@code auto} (by extension). */
    public static Format parse(String value) {
      if (value.equalsIgnoreCase("auto")) {
        return null;
      }
      for (Format f : values()) {
        if (f.settingValue.equalsIgnoreCase(value.strip())) {
          return f;
        }
      }
      throw new IllegalArgumentException(
          "unknown format '" + value + "'; expected auto, text, jsonl, csv or parquet");
    }

    static Format ofFileName(String path) {
      String name = path.toLowerCase(Locale.ROOT);
      if (name.endsWith(".txt") || name.endsWith(".txt.gz")) {
        return DATED_TEXT;
      }
      if (name.endsWith(".jsonl") || name.endsWith(".jsonl.gz")) {
        return JSON_LINES;
      }
      if (name.endsWith(".csv") || name.endsWith(".csv.gz")) {
        return CSV;
      }
      return name.endsWith(".parquet") ? PARQUET : null;
    }
  }

  public List<String> files(Format format) {
    return byFormat.getOrDefault(format, List.of());
  }

  public List<String> datedText() {
    return files(Format.DATED_TEXT);
  }

  public List<String> jsonLines() {
    return files(Format.JSON_LINES);
  }

  /** Files read, empty ones included. */
  public int total() {
    return byFormat.values().stream().mapToInt(List::size).sum() + emptyFiles.size();
  }

  /**
   * Checks that every input path matches something on its file system, without listing directories:
   * a missing path fails before Spark starts.
   */
  public static void checkExist(List<String> inputs, Configuration hadoopConf) {
    for (String input : inputs) {
      Path path = new Path(input);
      try {
        FileStatus[] matches = path.getFileSystem(hadoopConf).globStatus(path);
        if (matches == null || matches.length == 0) {
          throw NewsgraphErrors.inputNotFound(input);
        }
      } catch (IOException e) {
        throw NewsgraphErrors.ioFailure("look for the input", input, e);
      }
    }
  }

  /**
   * Checks that the output is neither an input nor inside one, and no input is inside the output:
   * ingest would otherwise read the output's own table files as articles, and a rebuild would
   * replace its input. Paths are compared fully qualified (scheme, authority, absolute path), after
   * expanding globs.
   */
  public static void checkApart(List<String> inputs, String output, Configuration hadoopConf) {
    Path out = new Path(output);
    try {
      Path qualifiedOut = out.getFileSystem(hadoopConf).makeQualified(out);
      for (String input : inputs) {
        Path path = new Path(input);
        FileStatus[] matches = path.getFileSystem(hadoopConf).globStatus(path);
        for (FileStatus match : matches == null ? new FileStatus[0] : matches) {
          Path in = match.getPath();
          if (within(qualifiedOut, in) || within(in, qualifiedOut)) {
            throw NewsgraphErrors.outputOverlapsInput(
                input, in.toString(), qualifiedOut.toString());
          }
        }
      }
    } catch (IOException e) {
      throw NewsgraphErrors.ioFailure("compare the input with the output", output, e);
    }
  }

  /** True when {@code path} is {@code dir} or below it, both qualified. */
  private static boolean within(Path path, Path dir) {
    // "file:/a" and "file:///a" are one path: compare scheme, authority and path apart.
    URI p = path.toUri().normalize();
    URI d = dir.toUri().normalize();
    if (!Objects.equals(p.getScheme(), d.getScheme())
        || !Objects.toString(p.getAuthority(), "").equals(Objects.toString(d.getAuthority(), ""))) {
      return false;
    }
    String dirPath = d.getPath().endsWith("/") ? d.getPath() : d.getPath() + "/";
    return p.getPath().equals(d.getPath()) || p.getPath().startsWith(dirPath);
  }

  /** Lists and classifies the files of the inputs, each format by extension. */
  public static InputFiles find(List<String> inputs, Configuration hadoopConf) {
    return find(inputs, null, hadoopConf);
  }

  /**
   * Lists and classifies the files of the inputs.
   *
   * @param forced the format of every file, or null to go by extension
   */
  public static InputFiles find(List<String> inputs, Format forced, Configuration hadoopConf) {
    Map<Format, List<String>> byFormat = new EnumMap<>(Format.class);
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
                classify(f, forced, byFormat, empty, ignored);
              }
            }
          } else if (!classify(match, forced, byFormat, empty, ignored) && !glob) {
            // A file named on its own must be readable; one matched by a glob may be skipped.
            throw NewsgraphErrors.unsupportedFile(match.getPath().toString());
          }
        }
      } catch (IOException e) {
        throw NewsgraphErrors.ioFailure("list input files under", input, e);
      }
    }
    byFormat.values().forEach(l -> l.sort(null));
    empty.sort(null);
    ignored.sort(null);
    if (byFormat.isEmpty() && empty.isEmpty()) {
      throw NewsgraphErrors.noInputFiles(inputs, ignored.size());
    }
    Map<Format, List<String>> frozen = new EnumMap<>(Format.class);
    byFormat.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
    return new InputFiles(
        Collections.unmodifiableMap(frozen), List.copyOf(empty), List.copyOf(ignored));
  }

  private static boolean classify(
      FileStatus file,
      Format forced,
      Map<Format, List<String>> byFormat,
      List<String> empty,
      List<String> ignored) {
    String path = file.getPath().toString();
    Format f = forced != null ? forced : Format.ofFileName(path);
    if (f == null) {
      ignored.add(path);
      return false;
    }
    if (file.getLen() == 0) {
      empty.add(path);
    } else {
      byFormat.computeIfAbsent(f, k -> new ArrayList<>()).add(path);
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
