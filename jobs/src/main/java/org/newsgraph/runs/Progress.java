package org.newsgraph.runs;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress lines of long work ("ingest: 38 records read ..."), logged at INFO under {@code
 * org.newsgraph.progress} so that they show with the shipped log configuration and can be silenced
 * like any other logger.
 */
public final class Progress {

  private static final Logger LOG = LoggerFactory.getLogger("org.newsgraph.progress");

  private Progress() {}

  public static void stage(String stage, String message, Object... args) {
    LOG.info(stage + ": " + message, args);
  }

  /** Seconds with one decimal, as progress lines give durations ("12.3"). */
  public static String seconds(double seconds) {
    return String.format(Locale.ROOT, "%.1f", seconds);
  }

  /**
   * The seconds since {@code startNanos}, a {@link System#nanoTime()} reading, as {@link #seconds}.
   */
  public static String secondsSince(long startNanos) {
    return seconds((System.nanoTime() - startNanos) / 1e9);
  }
}
