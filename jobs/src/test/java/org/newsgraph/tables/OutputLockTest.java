package org.newsgraph.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsgraph.errors.NewsgraphException;

/**
 * One writer per output: a second lock on the same output fails with the lock error (exit code 3)
 * and leaves the first run's lock; a released lock can be taken again; a lock of a process of this
 * host that is gone is stale and taken over; a lock of another host never is.
 */
class OutputLockTest {

  @TempDir Path output;

  private OutputLock lock(String runId) {
    return OutputLock.acquire(new Configuration(), output.toString(), runId, "run");
  }

  private Path lockFile() {
    return output.resolve(OutputLock.FILE);
  }

  @Test
  void aSecondRunOnTheSameOutputGetsTheLockError() throws IOException {
    try (OutputLock first = lock("first-run")) {
      String held = Files.readString(lockFile());
      assertThatThrownBy(() -> lock("second-run"))
          .as("the second run fails at once")
          .isInstanceOf(NewsgraphException.class)
          .hasMessageContaining("is in use by another newsgraph run")
          .hasMessageContaining("first-run")
          .hasMessageContaining("cause:")
          .hasMessageContaining("fix:")
          .satisfies(
              e ->
                  assertThat(((NewsgraphException) e).exitCode())
                      .as("exit code of an input/output problem")
                      .isEqualTo(3));
      assertThat(Files.readString(lockFile()))
          .as("the first run's lock is left as it was")
          .isEqualTo(held);
    }
    assertThat(lockFile()).as("the lock is released at the end of the run").doesNotExist();
    try (OutputLock again = lock("third-run")) {
      assertThat(Files.readString(lockFile())).as("a released lock is taken").contains("third-run");
    }
  }

  @Test
  void aLockOfAProcessOfThisHostThatIsGoneIsTakenOver() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Files.writeString(lockFile(), lockOf(host(), gone.pid(), Instant.now()));

    try (OutputLock taken = lock("after-a-kill")) {
      assertThat(Files.readString(lockFile()))
          .as("the stale lock is replaced by this run's")
          .contains("after-a-kill");
    }
  }

  @Test
  void aLockOfAnotherHostIsNeverAssumedStale() throws IOException {
    String other = lockOf("another-host.example", 1, Instant.parse("2018-09-12T02:00:00Z"));
    Files.writeString(lockFile(), other);

    assertThatThrownBy(() -> lock("mine"))
        .as("the lock of another host")
        .isInstanceOf(NewsgraphException.class)
        .hasMessageContaining("another-host.example")
        .hasMessageContaining("remove " + lockFile());
    assertThat(Files.readString(lockFile())).as("the lock is kept").isEqualTo(other);
  }

  @Test
  void aLockOfALiveProcessOfThisHostIsNotStale() throws IOException {
    ProcessHandle self = ProcessHandle.current();
    assertThat(OutputLock.stale(lockOf(host(), self.pid(), Instant.now())))
        .as("this JVM's own lock")
        .isFalse();
    assertThat(OutputLock.stale(lockOf(host(), self.pid(), Instant.parse("2000-01-01T00:00:00Z"))))
        .as("a lock taken before this process started: its process id was reused")
        .isTrue();
  }

  private static String lockOf(String host, long pid, Instant started) {
    return "run_id=r\ncommand=run\nhost=" + host + "\npid=" + pid + "\nstarted=" + started + "\n";
  }

  private static String host() throws IOException {
    return InetAddress.getLocalHost().getHostName();
  }
}
