package io.wxrelay.worker.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class LagScanTest {
  private static final Instant T0 = Instant.parse("2026-12-05T12:00:00Z");
  private static final WatchedGroup COMMANDS =
      WatchedGroup.of("workers", List.of("commands", "retry"), "earliest");

  private final AtomicReference<Instant> now = new AtomicReference<>(T0);
  private final FakePositions brokers = new FakePositions();
  private final LagScan scan = new LagScan(brokers, now::get);

  @Test
  void eachPartitionOfTheGroupsTopicsHasItsLagAndTheAgeOfItsOldestUnfinishedRecord() {
    brokers
        .partition("commands", 0, 0, 10)
        .partition("commands", 1, 0, 5)
        .partition("retry", 0, 0, 0)
        .partition("other", 0, 0, 99)
        .commit("workers", "commands", 0, 7)
        .commit("workers", "commands", 1, 5)
        .written("commands", 0, 7, T0.minusSeconds(30));

    Map<TopicPartition, PartitionLag> lags = byPartition(scan.scan(COMMANDS));

    assertThat(lags).containsOnlyKeys(tp("commands", 0), tp("commands", 1), tp("retry", 0));
    assertThat(lags.get(tp("commands", 0)).records()).isEqualTo(3);
    assertThat(lags.get(tp("commands", 0)).oldestAge()).contains(Duration.ofSeconds(30));
    assertThat(lags.get(tp("commands", 1)).records()).isZero();
    assertThat(lags.get(tp("retry", 0)).records()).isZero();
    assertThat(brokers.reads)
        .as("only a partition with lag has its record read")
        .containsExactly(Map.of(tp("commands", 0), 7L));
  }

  @Test
  void aGroupThatDoesNotMoveHasItsRecordReadOnceAndItsAgeGrowsWithTheClock() {
    stuckAtFourOfTen();

    scan.scan(COMMANDS);
    now.set(T0.plusSeconds(120));

    assertLag(scan.scan(COMMANDS).getFirst(), 6, 180, 1);
  }

  @Test
  void aGroupThatMovesHasTheRecordAtItsNewPositionRead() {
    stuckAtFourOfTen().written("commands", 0, 8, T0.minusSeconds(5));
    scan.scan(COMMANDS);

    brokers.commit("workers", "commands", 0, 8);

    assertLag(scan.scan(COMMANDS).getFirst(), 2, 5, 2);
  }

  @Test
  void aGroupWithoutCommitsCountsFromItsResetPolicy() {
    brokers.partition("events", 0, 3, 10).written("events", 0, 3, T0.minusSeconds(9));

    PartitionLag earliest =
        scan.scan(WatchedGroup.of("fresh", List.of("events"), "earliest")).getFirst();
    PartitionLag latest =
        scan.scan(WatchedGroup.of("fresh-latest", List.of("events"), "latest")).getFirst();

    assertThat(earliest.records()).isEqualTo(7);
    assertThat(earliest.oldestAge()).contains(Duration.ofSeconds(9));
    assertThat(latest.records()).isZero();
  }

  @Test
  void aTopicThatDoesNotExistHasNoPartitionsAndAFailureOfTheBrokersIsThrown() {
    assertThat(scan.scan(WatchedGroup.of("g", List.of("missing"), "earliest"))).isEmpty();

    brokers.failing = true;
    assertThatThrownBy(() -> scan.scan(COMMANDS)).isInstanceOf(IllegalStateException.class);
  }

  /** {@code lag} has {@code records} and {@code ageSeconds}, after {@code reads} record reads. */
  private void assertLag(PartitionLag lag, long records, long ageSeconds, int reads) {
    assertThat(lag.records()).isEqualTo(records);
    assertThat(lag.oldestAge()).contains(Duration.ofSeconds(ageSeconds));
    assertThat(brokers.reads).as("records read").hasSize(reads);
  }

  /** Ten records, of which the group committed four; the fifth was written a minute ago. */
  private FakePositions stuckAtFourOfTen() {
    return brokers
        .partition("commands", 0, 0, 10)
        .commit("workers", "commands", 0, 4)
        .written("commands", 0, 4, T0.minusSeconds(60));
  }

  static TopicPartition tp(String topic, int partition) {
    return new TopicPartition(topic, partition);
  }

  private static Map<TopicPartition, PartitionLag> byPartition(List<PartitionLag> lags) {
    return lags.stream().collect(Collectors.toMap(PartitionLag::partition, l -> l));
  }
}
