package io.wxrelay.worker.lag;

import io.micrometer.core.instrument.MeterRegistry;
import io.wxrelay.kit.kafka.BrokerGroupPositions;
import io.wxrelay.kit.kafka.GroupPositions;
import io.wxrelay.kit.kafka.KafkaClients;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the lag of the worker's groups from the brokers on a daemon thread of its own, every
 * interval, and exports it ({@link LagGauges}). It shares no client with the worker's consumers. A
 * failed read is counted and logged, and the group keeps the series of its last good read; the loop
 * never ends by an exception.
 */
public final class LagPoller implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LagPoller.class);

  /** The longest one request to the brokers (or one record's read) may take. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final LagScan scan;
  private final List<WatchedGroup> groups;
  private final LagGauges gauges;
  private final Duration interval;
  private final AutoCloseable source;
  private final Map<String, List<PartitionLag>> last = new HashMap<>();
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("wxrelay-lag").daemon(true).factory());

  LagPoller(
      GroupPositions positions,
      AutoCloseable source,
      List<WatchedGroup> groups,
      LagSettings settings,
      MeterRegistry registry,
      InstantSource clock) {
    this.scan = new LagScan(positions, clock);
    this.source = source;
    this.groups = List.copyOf(groups);
    this.gauges = new LagGauges(registry, groups);
    this.interval = settings.interval();
  }

  /**
   * A poller of {@code groups} through clients of its own named {@code clientId}, with the worker's
   * Kafka settings; {@link #start} starts it.
   */
  public static LagPoller of(
      KafkaClients kafka,
      String clientId,
      List<WatchedGroup> groups,
      LagSettings settings,
      MeterRegistry registry,
      InstantSource clock) {
    BrokerGroupPositions positions = BrokerGroupPositions.of(kafka, clientId, REQUEST_TIMEOUT);
    return new LagPoller(positions, positions, groups, settings, registry, clock);
  }

  /** Reads now, then every interval after the end of the read before; returns this. */
  public LagPoller start() {
    thread.scheduleWithFixedDelay(this::pollOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** One read of every group, then the gauges show what is known. Never throws. */
  void pollOnce() {
    for (WatchedGroup group : groups) {
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
      try {
        last.put(group.groupId(), scan.scan(group));
      } catch (RuntimeException e) {
        if (Thread.currentThread().isInterrupted()) {
          return; // closing: not a failure of the brokers
        }
        gauges.failed(group.groupId());
        log.warn("The lag of group {} could not be read: {}", group.groupId(), e.toString());
      }
    }
    try {
      gauges.show(Map.copyOf(last));
    } catch (RuntimeException e) {
      log.warn("The lag gauges could not be updated: {}", e.toString());
    }
  }

  /** Stops the thread (waiting for a read under way), then closes the clients. */
  @Override
  public void close() throws Exception {
    thread.shutdownNow();
    if (!thread.awaitTermination(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      log.warn("The lag poller did not stop within {}", REQUEST_TIMEOUT);
    }
    source.close();
  }
}
