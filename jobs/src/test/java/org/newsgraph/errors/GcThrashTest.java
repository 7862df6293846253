package org.newsgraph.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The thrashing verdict on samples, and the watch on this JVM's own collectors (which must not call
 * a healthy JVM thrashing).
 */
class GcThrashTest {

  private static final long WINDOW = 15_000;

  /**
   * Samples every {@link GcThrash#SAMPLE_MILLIS} from {@code start} to {@code end} of a JVM that
   * collects {@code share} of the time with {@code fullAfter} of its old generation in use after;
   * the verdicts the window gave.
   */
  private static List<GcThrash.Verdict> samples(
      GcThrash.Window window, long start, long end, double share, double fullAfter) {
    return samples(window, start, end, GcThrash.SAMPLE_MILLIS, share, fullAfter);
  }

  private static List<GcThrash.Verdict> samples(
      GcThrash.Window window, long start, long end, long every, double share, double fullAfter) {
    List<GcThrash.Verdict> verdicts = new ArrayList<>();
    for (long t = start; t <= end; t += every) {
      GcThrash.Verdict v = window.add(t, (long) (share * (t - start)), fullAfter);
      if (v != null) {
        verdicts.add(v);
      }
    }
    return verdicts;
  }

  @Test
  void collectingAlmostAllTheTimeWithAFullHeapIsThrashingOnceItLastsAWindow() {
    GcThrash.Window window = new GcThrash.Window(WINDOW, GcThrash.SAMPLE_MILLIS);
    // As measured with a 600 MB heap: 550 ms full collections every 560 ms, heap 99.8% full.
    List<GcThrash.Verdict> verdicts = samples(window, 30_000, 50_000, 0.98, 0.998);
    assertThat(verdicts).as("verdicts").isNotEmpty();
    GcThrash.Verdict first = verdicts.get(0);
    assertThat(first.windowMillis()).as("span of the first verdict").isEqualTo(WINDOW);
    assertThat(first.gcMillis()).as("collecting time in it").isEqualTo((long) (0.98 * WINDOW));
    assertThat(first.oldFullAfter()).as("old generation in use after collecting").isEqualTo(0.998);
  }

  @Test
  void samplesCloserThanPromisedOverflowTheRingWithoutLosingTheVerdict() {
    GcThrash.Window window = new GcThrash.Window(WINDOW, GcThrash.SAMPLE_MILLIS);
    // Five samples per promised interval: the ring holds a fifth of a window's samples.
    List<GcThrash.Verdict> verdicts = samples(window, 0, 20_000, 100, 0.98, 0.998);
    assertThat(verdicts).as("verdicts on 20 s of thrashing sampled every 100 ms").isNotEmpty();
    assertThat(verdicts.get(0).windowMillis())
        .as("span of the first verdict: at least a window")
        .isGreaterThanOrEqualTo(WINDOW);
    assertThat(samples(new GcThrash.Window(WINDOW, GcThrash.SAMPLE_MILLIS), 0, 80_000, 100, 0.8, 1))
        .as("verdicts on collections taking 80% of the time, sampled every 100 ms")
        .isEmpty();
  }

  @Test
  void lessThanAWindowOfThrashingIsNoVerdict() {
    GcThrash.Window window = new GcThrash.Window(WINDOW, GcThrash.SAMPLE_MILLIS);
    assertThat(samples(window, 0, 30_000, 0.0, 0.5)).as("verdicts on a healthy start").isEmpty();
    // 13 s of collecting in the 15 s before: less than 90% of a window.
    assertThat(samples(window, 30_000, 43_000, 1.0, 0.998))
        .as("verdicts on 13 s of thrashing")
        .isEmpty();
  }

  @Test
  void collectionsThatFreeTheHeapOrLeaveTheProgramTimeAreNotThrashingHoweverLong() {
    assertThat(samples(new GcThrash.Window(WINDOW, GcThrash.SAMPLE_MILLIS), 0, 80_000, 0.98, 0.8))
        .as("verdicts on collections leaving 80% of the heap in use")
        .isEmpty();
    // Collecting 80% of the time: slow, but the program still runs a fifth of it.
    assertThat(samples(new GcThrash.Window(WINDOW, GcThrash.SAMPLE_MILLIS), 0, 80_000, 0.8, 0.99))
        .as("verdicts on collections taking 80% of the time")
        .isEmpty();
  }

  @Test
  void thisJvmWatchedThroughCollectionsIsNotThrashing() throws InterruptedException {
    List<GcThrash.Verdict> verdicts = new CopyOnWriteArrayList<>();
    try (GcThrash watch = GcThrash.watch(1, verdicts::add)) {
      for (int i = 0; i < 4; i++) {
        System.gc();
        Thread.sleep(GcThrash.SAMPLE_MILLIS);
      }
    }
    assertThat(verdicts).as("verdicts on a JVM with its heap mostly free").isEmpty();
  }

  @Test
  void theThrashingMessageSaysWhatWasMeasuredAndNamesTheHeapSettingsAndItsOwn() {
    NewsgraphException e =
        NewsgraphErrors.gcThrash(
            new GcThrash.Verdict(15_000, 14_700, 0.998), "newsgraph.gcThrashSeconds");
    assertThat(e.exitCode()).as("exit code").isEqualTo(5);
    assertThat(e.getMessage())
        .as("message")
        .contains("ran out of memory")
        .contains("14.7 s of the last 15.0 s")
        .contains("100% full")
        .contains("NEWSGRAPH_DRIVER_MEMORY")
        .contains("spark.executor.memory")
        .contains("newsgraph.gcThrashSeconds=0");
    NewsgraphException withoutFigures = NewsgraphErrors.gcThrash(null, "newsgraph.gcThrashSeconds");
    assertThat(withoutFigures.exitCode()).as("exit code, without figures").isEqualTo(5);
    assertThat(withoutFigures.getMessage())
        .as("message without figures (built ahead, for a heap with no room to format them)")
        .contains("ran out of memory")
        .contains("collecting garbage back to back")
        .contains("NEWSGRAPH_DRIVER_MEMORY")
        .contains("newsgraph.gcThrashSeconds=0");
  }
}
