package org.newsgraph.ingest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names taken from an input file's path, for the settings that name a dated-text file's source
 * ({@code newsgraph.ingest.textSource}) and the namespace of input ids ({@code
 * newsgraph.ingest.idNamespace}). A spec is one of:
 *
 * <ul>
 *   <li>{@code {dir}}: the name of the directory that holds the file ({@code news/reuters/a.txt} →
 *       {@code reuters});
 *   <li>{@code {dir:N}}: the name of the N-th directory above the file, {@code {dir:1}} being
 *       {@code {dir}}: with a nightly drop layout {@code incoming/reuters/2018-09-12/a.txt}, {@code
 *       {dir:2}} gives {@code reuters} every night, where {@code {dir}} would give the date;
 *   <li>an empty string: no name;
 *   <li>anything else without braces: that name, whatever the path.
 * </ul>
 *
 * A path with too few directories for {@code {dir:N}} gives no name.
 */
public final class PathNames {

  /** The spec for the name of the directory that holds the file. */
  public static final String DIRECTORY = "{dir}";

  private static final Pattern DIRECTORY_SPEC = Pattern.compile("\\{dir(?::([1-9][0-9]?))?\\}");

  private PathNames() {}

  /** What is wrong with a spec, or null when it is one of the forms above. */
  public static String problem(String spec) {
    if (DIRECTORY_SPEC.matcher(spec).matches()) {
      return null;
    }
    return spec.contains("{") || spec.contains("}")
        ? "{dir}, {dir:N} with N from 1 to 99, an empty value or a name without braces"
        : null;
  }

  /** The name {@code spec} gives the file {@code inputFile}, or null for none. */
  public static String resolve(String spec, String inputFile) {
    Matcher m = DIRECTORY_SPEC.matcher(spec);
    if (m.matches()) {
      return directoryName(inputFile, m.group(1) == null ? 1 : Integer.parseInt(m.group(1)));
    }
    return spec.isEmpty() ? null : spec;
  }

  /**
   * The name of the {@code level}-th directory above a file (1: the one that holds it), or null
   * when the path has no such directory.
   */
  static String directoryName(String path, int level) {
    String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    for (int i = 0; i < level; i++) {
      int slash = p.lastIndexOf('/');
      if (slash <= 0) {
        return null;
      }
      p = p.substring(0, slash);
    }
    String name = p.substring(p.lastIndexOf('/') + 1);
    // "hdfs://host" or "s3a://bucket" ends in the scheme's colon or is the authority: no directory.
    return name.isEmpty() || name.endsWith(":") || p.endsWith("//" + name) ? null : name;
  }
}
