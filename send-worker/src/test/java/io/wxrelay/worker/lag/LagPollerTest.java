package io.wxrelay.worker.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wxrelay.worker.metrics.WorkerMeters;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class LagPollerTest {
  private static final Instant T0 = Instant.parse("2026-12-05T12:00:00Z");
  private static final List<WatchedGroup> GROUPS =
      List.of(
          WatchedGroup.of("workers", List.of("commands"), "earliest"),
          WatchedGroup.of("events", List.of("events"), "latest"));

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final FakePositions brokers =
      new FakePositions()
          .partition("commands", 0, 0, 10)
          .commit("workers", "commands", 0, 6)
          .written("commands", 0, 6, T0.minusSeconds(20))
          .partition("events", 0, 0, 3)
          .commit("events", "events", 0, 1);
  private final AtomicBoolean closed = new AtomicBoolean();
  private final LagPoller poller =
      new LagPoller(
          brokers,
          () -> closed.set(true),
          GROUPS,
          new LagSettings(Duration.ofSeconds(1)),
          registry,
          () -> T0);

  @Test
  void oneReadExportsEveryWatchedGroup() {
    poller.pollOnce();

    assertThat(lag("workers")).isEqualTo(4.0);
    assertThat(lag("events")).isEqualTo(2.0);
    assertThat(errors("workers")).isZero();
  }

  @Test
  void aFailedReadIsCountedAndKeepsTheLastValuesInsteadOfThrowing() {
    poller.pollOnce();
    brokers.commit("workers", "commands", 0, 8);
    brokers.failing = true;

    poller.pollOnce();

    assertThat(errors("workers")).isEqualTo(1.0);
    assertThat(errors("events")).isEqualTo(1.0);
    assertThat(lag("workers")).as("as last read").isEqualTo(4.0);

    brokers.failing = false;
    poller.pollOnce();
    assertThat(lag("workers")).isEqualTo(2.0);
  }

  @Test
  void aPartitionThatIsGoneStopsBeingExported() {
    poller.pollOnce();
    brokers.remove("events", 0);

    poller.pollOnce();

    assertThat(lag("events")).as("no series").isEqualTo(-1);
    assertThat(lag("workers")).isEqualTo(4.0);
  }

  @Test
  void startedItReadsOnItsOwnThreadUntilClosed() throws Exception {
    poller.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> lag("workers") == 4.0);

    brokers.commit("workers", "commands", 0, 10);
    await().atMost(Duration.ofSeconds(5)).until(() -> lag("workers") == 0.0);

    poller.close();
    assertThat(closed).isTrue();
  }

  private double lag(String group) {
    var gauge = registry.find(WorkerMeters.GROUP_LAG.meterName()).tag("group", group).gauge();
    return gauge == null ? -1 : gauge.value();
  }

  private double errors(String group) {
    return registry
        .get(WorkerMeters.GROUP_LAG_ERRORS.meterName())
        .tag("group", group)
        .counter()
        .count();
  }
}
