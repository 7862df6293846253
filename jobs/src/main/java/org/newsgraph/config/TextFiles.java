package org.newsgraph.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the small UTF-8 text files a user writes by hand: the settings file, the alias file and the
 * boilerplate file. A byte order mark at the start (written by Windows editors) is dropped: Java's
 * UTF-8 decoder keeps it as a character, which made the first key, alias or pattern a different
 * string that never matched.
 */
public final class TextFiles {

  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private TextFiles() {}

  /** The whole file as text, without a leading byte order mark. */
  public static String read(Path path) throws IOException {
    String text = Files.readString(path, StandardCharsets.UTF_8);
    return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
  }

  /** The file's lines, without a leading byte order mark. */
  public static List<String> lines(Path path) throws IOException {
    return read(path).lines().toList();
  }
}
