package io.wxrelay.worker.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionLagTest {
  private static final TopicPartition P = new TopicPartition("wechat.commands", 3);
  private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
  private static final Optional<Instant> TEN_MINUTES_AGO = Optional.of(NOW.minusSeconds(600));

  private static PartitionOffsets offsets(Long committed, long start, long end) {
    return new PartitionOffsets(
        P, committed == null ? OptionalLong.empty() : OptionalLong.of(committed), start, end);
  }

  @Test
  void lagIsTheRecordsAfterTheCommittedOffsetAndAgeThatOfTheFirstOfThem() {
    PartitionLag lag = PartitionLag.of(offsets(40L, 0, 100), true, TEN_MINUTES_AGO, NOW);

    assertThat(lag.records()).isEqualTo(60);
    assertThat(lag.oldestAge()).contains(Duration.ofMinutes(10));
    assertThat(lag.oldestAgeSeconds()).contains(600.0);
  }

  @Test
  void noLagMeansAgeZeroWhateverTheTimestamp() {
    PartitionLag lag = PartitionLag.of(offsets(100L, 0, 100), true, TEN_MINUTES_AGO, NOW);

    assertThat(lag.records()).isZero();
    assertThat(lag.oldestAge()).contains(Duration.ZERO);
  }

  @Test
  void aGroupThatNeverCommittedCountsFromWhereItsResetPolicyStartsIt() {
    assertThat(PartitionLag.of(offsets(null, 20, 100), true, TEN_MINUTES_AGO, NOW).records())
        .as("earliest: the whole log is to do")
        .isEqualTo(80);
    assertThat(PartitionLag.of(offsets(null, 20, 100), false, TEN_MINUTES_AGO, NOW).records())
        .as("latest: a new consumer skips to the end")
        .isZero();
  }

  @Test
  void aCommittedOffsetDeletedByRetentionCountsFromTheLogStartForEarliest() {
    assertThat(offsets(5L, 20, 100).position(true)).isEqualTo(20);
    assertThat(offsets(5L, 20, 100).position(false)).isEqualTo(100);
    assertThat(PartitionLag.of(offsets(5L, 20, 100), true, TEN_MINUTES_AGO, NOW).records())
        .isEqualTo(80);
  }

  @Test
  void aCommittedOffsetPastTheEndIsNoLag() {
    assertThat(PartitionLag.of(offsets(120L, 0, 100), true, TEN_MINUTES_AGO, NOW).records())
        .isZero();
  }

  @Test
  void anUnreadTimestampLeavesTheAgeUnknownButTheLagCounted() {
    PartitionLag lag = PartitionLag.of(offsets(40L, 0, 100), true, Optional.empty(), NOW);

    assertThat(lag.records()).isEqualTo(60);
    assertThat(lag.oldestAge()).isEmpty();
  }

  @Test
  void aTimestampAheadOfOurClockIsAgeZero() {
    PartitionLag lag =
        PartitionLag.of(offsets(40L, 0, 100), true, Optional.of(NOW.plusSeconds(3)), NOW);

    assertThat(lag.oldestAge()).contains(Duration.ZERO);
  }
}
