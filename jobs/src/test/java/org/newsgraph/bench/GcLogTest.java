package org.newsgraph.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** GC log figures from lines as Java 17's G1 writes them with {@code -Xlog:gc}. */
class GcLogTest {

  @Test
  void peakIsTheLargestHeapBeforeAPauseAndPausesAreSummed() {
    GcLog gc =
        GcLog.parse(
            List.of(
                "[0.011s][info][gc] Using G1",
                "[3.210s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 204M->31M(4096M)"
                    + " 12.500ms",
                "[9.870s][info][gc] GC(1) Pause Young (Concurrent Start) (G1 Humongous Allocation)"
                    + " 2G->1500M(4096M) 30.000ms",
                "[9.990s][info][gc] GC(2) Concurrent Mark Cycle 80.000ms",
                "[12.000s][info][gc] GC(3) Pause Full (System.gc()) 900M->400M(4096M) 7.500ms"));
    assertThat(gc.peakHeapMb()).as("peak heap before a pause").isEqualTo(2048);
    assertThat(gc.peakAfterGcMb()).as("most heap left after a pause").isEqualTo(1500);
    assertThat(gc.pauses()).as("pauses, not the concurrent cycle").isEqualTo(3);
    assertThat(gc.pauseSeconds()).as("pause time").isEqualTo(0.05);
  }
}
