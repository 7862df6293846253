package org.newsgraph.tables;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.newsgraph.testing.SparkTestSession;

/** {@link DeltaSession#tune}: its defaults, and the user's values kept. */
class DeltaSessionTest extends SparkTestSession {

  @Test
  void tuneSetsItsDefaultsOnlyWhereTheUserSetNone() {
    SparkSession fresh = spark.newSession();
    fresh.conf().unset(DeltaSession.CACHED_PLAN_PARTITIONING);
    fresh.conf().unset(DeltaSession.SNAPSHOT_PARTITIONS);
    fresh.conf().unset(DeltaSession.OPTIMIZE_WRITE);
    DeltaSession.tune(fresh);
    assertThat(fresh.conf().get(DeltaSession.CACHED_PLAN_PARTITIONING))
        .as("persisted datasets may have their shuffles coalesced")
        .isEqualTo("true");
    assertThat(fresh.conf().get(DeltaSession.SNAPSHOT_PARTITIONS))
        .as("Delta reads its log with the session's parallelism (local[2]), not 50 partitions")
        .isEqualTo("2");
    assertThat(fresh.conf().get(DeltaSession.OPTIMIZE_WRITE))
        .as("writes are binned by partition value, not one file per task and date")
        .isEqualTo("true");

    SparkSession user = spark.newSession();
    user.conf().set(DeltaSession.CACHED_PLAN_PARTITIONING, "false");
    user.conf().set(DeltaSession.SNAPSHOT_PARTITIONS, "7");
    user.conf().set(DeltaSession.OPTIMIZE_WRITE, "false");
    DeltaSession.tune(user);
    assertThat(user.conf().get(DeltaSession.CACHED_PLAN_PARTITIONING))
        .as("the user's value is kept")
        .isEqualTo("false");
    assertThat(user.conf().get(DeltaSession.SNAPSHOT_PARTITIONS))
        .as("the user's value is kept")
        .isEqualTo("7");
    assertThat(user.conf().get(DeltaSession.OPTIMIZE_WRITE))
        .as("the user's value is kept")
        .isEqualTo("false");
  }
}
