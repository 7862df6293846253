package org.newsgraph.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The figures of a JVM's unified GC log ({@code -Xlog:gc:file=...}, G1 or any collector that logs
 * {@code Pause ... 1024M->300M(4096M) 12.345ms}): the peak heap in use (the largest size before a
 * collection), the most heap still in use after a collection (an upper bound of the live data: what
 * the heap must hold), and the total time of the stop-the-world pauses.
 *
 * @param peakHeapMb the most heap in use before any collection, in MB: G1 lets it grow towards the
 *     maximum heap when it can, so it says more about the collector than about the job
 * @param peakAfterGcMb the most heap in use after any collection, in MB
 * @param pauseSeconds the pauses summed
 * @param pauses how many pauses
 */
public record GcLog(long peakHeapMb, long peakAfterGcMb, double pauseSeconds, int pauses) {

  private static final Pattern PAUSE =
      Pattern.compile("Pause .*?(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\) ([0-9.]+)ms");

  public static GcLog read(Path file) throws IOException {
    return parse(Files.readAllLines(file));
  }

  static GcLog parse(List<String> lines) {
    long peak = 0;
    long after = 0;
    double pauseMs = 0;
    int pauses = 0;
    for (String line : lines) {
      Matcher m = PAUSE.matcher(line);
      if (m.find()) {
        peak = Math.max(peak, megabytes(Long.parseLong(m.group(1)), m.group(2)));
        after = Math.max(after, megabytes(Long.parseLong(m.group(3)), m.group(4)));
        pauseMs += Double.parseDouble(m.group(7));
        pauses++;
      }
    }
    return new GcLog(peak, after, pauseMs / 1000, pauses);
  }

  private static long megabytes(long value, String unit) {
    return switch (unit) {
      case "K" -> value / 1024;
      case "G" -> value * 1024;
      default -> value;
    };
  }
}
