package io.wxrelay.worker.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine on kafka-clients' {@link MockConsumer}: records of one key one after another, others
 * at once; an offset committed only when every earlier record of its partition is done; a failing
 * handler tried again; backpressure by pausing; a revoked partition drained and committed.
 */
class ConsumerEngineTest {
  private static final String TOPIC = "wechat.commands";
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
  private static final Duration WAIT = Duration.ofSeconds(5);

  private final RecordingConsumer consumer = new RecordingConsumer();
  private final AtomicInteger failures = new AtomicInteger();
  private ConsumerEngine engine;

  private ConsumerEngine start(RecordHandler handler, int maxInFlightPerPartition) {
    return start(
        handler, maxInFlightPerPartition, Failures.of(e -> e instanceof InfrastructureDown));
  }

  private ConsumerEngine start(
      RecordHandler handler, int maxInFlightPerPartition, Failures judged) {
    engine =
        ConsumerEngine.start(
            "test",
            consumer,
            List.of(TOPIC),
            handler,
            judged,
            new ConsumerEngine.Settings(
                100,
                maxInFlightPerPartition,
                Duration.ofMillis(20),
                Duration.ofSeconds(2),
                Duration.ofMillis(50),
                3),
            failures::incrementAndGet);
    consumer.schedulePollTask(
        () -> {
          consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
          consumer.rebalance(List.of(P0, P1));
        });
    await().atMost(WAIT).until(() -> consumer.assignment().size() == 2);
    return engine;
  }

  @AfterEach
  void stop() {
    if (engine != null) {
      engine.close();
    }
  }

  private void add(TopicPartition tp, long offset, String key) {
    consumer.schedulePollTask(
        () ->
            consumer.addRecord(
                new ConsumerRecord<>(
                    tp.topic(),
                    tp.partition(),
                    offset,
                    key,
                    (key + "@" + offset).getBytes(StandardCharsets.UTF_8))));
  }

  private long committed(TopicPartition tp) {
    return consumer.commits.getOrDefault(tp, 0L);
  }

  /** Waits for {@code latch}, as a call that an interrupt does not cut short. */
  private static void awaitUncut(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** MockConsumer, remembering the last offset committed per partition, assigned or not. */
  private static final class RecordingConsumer extends MockConsumer<String, byte[]> {
    final Map<TopicPartition, Long> commits = new ConcurrentHashMap<>();

    RecordingConsumer() {
      super("earliest");
    }

    @Override
    public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
      super.commitSync(offsets);
      offsets.forEach((tp, o) -> commits.put(tp, o.offset()));
    }

    @Override
    public synchronized void commitAsync(
        Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
      super.commitAsync(offsets, callback);
      offsets.forEach((tp, o) -> commits.put(tp, o.offset()));
    }
  }

  @Test
  void recordsOfOneKeyRunInOffsetOrderAndOtherKeysAlongsideThem() {
    CountDownLatch release = new CountDownLatch(1);
    List<String> order = Collections.synchronizedList(new ArrayList<>());
    start(
        record -> {
          if (record.offset() == 0) {
            release.await(); // the first of key a holds the second of key a, not key b
          }
          order.add(record.key() + "@" + record.offset());
        },
        10);
    add(P0, 0, "a");
    add(P0, 1, "a");
    add(P0, 2, "b");

    await().atMost(WAIT).until(() -> order.contains("b@2"));
    assertThat(order).containsExactly("b@2");
    release.countDown();
    await().atMost(WAIT).until(() -> order.size() == 3);
    assertThat(order).containsExactly("b@2", "a@0", "a@1");
  }

  @Test
  void anOffsetIsCommittedOnlyOnceEveryEarlierRecordOfItsPartitionIsDone() {
    CountDownLatch release = new CountDownLatch(1);
    Set<String> done = ConcurrentHashMap.newKeySet();
    start(
        record -> {
          if (record.key().equals("a")) {
            release.await();
          }
          done.add(record.key());
        },
        10);
    add(P0, 0, "a");
    add(P0, 1, "b");
    add(P0, 2, "c");
    add(P1, 0, "d");

    await().atMost(WAIT).until(() -> done.containsAll(Set.of("b", "c")) && committed(P1) == 1);
    assertThat(committed(P0)).as("offset 0 still running").isZero();
    release.countDown();
    await().atMost(WAIT).until(() -> committed(P0) == 3);
  }

  @Test
  void aHandlerThatFailsIsTriedAgainAfterTheBackoffAndItsRecordStaysUncommittedMeanwhile() {
    AtomicInteger calls = new AtomicInteger();
    start(
        record -> {
          if (calls.incrementAndGet() < 6) {
            throw new InfrastructureDown(); // more often than a poisoned record is tried
          }
        },
        10);
    add(P0, 0, "a");

    await().atMost(WAIT).until(() -> committed(P0) == 1);
    assertThat(calls).hasValue(6);
    assertThat(failures).hasValue(5);
  }

  @Test
  void aRecordThatKeepsFailingForAReasonOfItsOwnIsGivenUpAndThePartitionMovesOn() {
    List<String> poisoned = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger calls = new AtomicInteger();
    start(
        new RecordHandler() {
          @Override
          public void handle(InboundRecord record) {
            if (record.offset() == 0) {
              calls.incrementAndGet();
              throw new IllegalArgumentException("a bug this record triggers");
            }
          }

          @Override
          public void poisoned(InboundRecord record, Exception failure) {
            poisoned.add(record.offset() + ": " + failure.getMessage());
          }
        },
        10);
    add(P0, 0, "a");
    add(P0, 1, "a"); // behind it, same key

    await().atMost(WAIT).until(() -> committed(P0) == 2);
    assertThat(calls).as("tried poisonAttempts times").hasValue(3);
    assertThat(poisoned).containsExactly("0: a bug this record triggers");
  }

  @Test
  void aRecordHeldByAnErrorOnlyAHumanCanFixIsNeitherGivenUpNorCommittedAndGoesOnOnceFixed() {
    AtomicBoolean fixed = new AtomicBoolean();
    AtomicInteger calls = new AtomicInteger();
    HeldOnRefusal judged = new HeldOnRefusal();
    start(
        record -> {
          if (record.partition() == 0 && record.offset() == 0) {
            calls.incrementAndGet();
            if (!fixed.get()) {
              throw new Refused();
            }
          }
        },
        10,
        judged);
    add(P0, 0, "a");
    add(P0, 1, "b");
    add(P1, 0, "c");

    // Tried far more often than a poisoned record (3), at the held backoff; the other partition
    // goes on as before.
    await().atMost(WAIT).until(() -> calls.get() > 10 && committed(P1) == 1);
    // A record given up would count as done, and its offset would be committed.
    assertThat(committed(P0)).as("the held record keeps its offset").isZero();
    assertThat(judged.held).hasSize(1);

    fixed.set(true);
    await().atMost(WAIT).until(() -> committed(P0) == 2);
    assertThat(judged.held).as("released by its success").isEmpty();
  }

  /** A refusal retrying cannot fix (as Redis's NOPERM). */
  private static final class Refused extends RuntimeException {
    Refused() {
      super("refused", null, false, false);
    }
  }

  /** Holds the attempts that failed with {@link Refused}; anything else is the record's own. */
  private static final class HeldOnRefusal implements Failures {
    final Set<Object> held = ConcurrentHashMap.newKeySet();

    @Override
    public Verdict judge(Object holder, Exception failure) {
      if (failure instanceof Refused) {
        held.add(holder);
        return Verdict.HELD;
      }
      return Verdict.RECORD;
    }

    @Override
    public void settled(Object holder) {
      held.remove(holder);
    }

    @Override
    public Duration heldBackoff() {
      return Duration.ofMillis(5);
    }
  }

  /** What the engine under test counts as broken infrastructure. */
  private static final class InfrastructureDown extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InfrastructureDown() {
      super("Redis away");
    }
  }

  @Test
  void aPartitionWithTooManyRecordsInFlightIsPausedUntilOneFinishes() {
    CountDownLatch release = new CountDownLatch(1);
    start(record -> release.await(), 2);
    add(P0, 0, "a");
    add(P0, 1, "b");

    await().atMost(WAIT).until(() -> engine.inFlight() == 2 && consumer.paused().contains(P0));
    assertThat(consumer.paused()).doesNotContain(P1);
    release.countDown();
    await().atMost(WAIT).until(() -> consumer.paused().isEmpty() && committed(P0) == 2);
  }

  @Test
  void aRevokedPartitionsRunningRecordsFinishAndAreCommittedBeforeItGoes() {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    start(
        record -> {
          started.countDown();
          release.await();
        },
        10);
    add(P0, 0, "a");
    await().atMost(WAIT).until(() -> started.getCount() == 0);

    consumer.schedulePollTask(() -> consumer.rebalance(List.of(P1)));
    release.countDown(); // within the drain bound
    await().atMost(WAIT).until(() -> consumer.assignment().equals(Set.of(P1)));
    assertThat(committed(P0)).isEqualTo(1);
  }

  @Test
  void aKeylessRecordBackOnItsPartitionWaitsForItsFirstProcessingStillInACall() {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    start(
        record -> {
          runs.incrementAndGet();
          most.accumulateAndGet(running.incrementAndGet(), Math::max);
          try {
            awaitUncut(release); // a WeChat call: the cut at the drain bound does not end it
          } finally {
            running.decrementAndGet();
          }
        },
        10);
    add(P0, 0, null);
    await().atMost(WAIT).until(() -> runs.get() == 1);

    // Revoked: drained for its bound (2 s), then cut; the call goes on. Then it comes back.
    consumer.schedulePollTask(() -> consumer.rebalance(List.of(P1)));
    await().atMost(WAIT).until(() -> consumer.assignment().equals(Set.of(P1)));
    consumer.schedulePollTask(() -> consumer.rebalance(List.of(P0, P1)));
    add(P0, 0, null);
    await()
        .during(Duration.ofMillis(300))
        .atMost(WAIT)
        .until(() -> consumer.assignment().size() == 2 && runs.get() == 1);

    release.countDown();
    await().atMost(WAIT).until(() -> runs.get() == 2);
    assertThat(most.get()).as("processings of the record at once").isEqualTo(1);
  }

  @Test
  void keyedRecordsShareTheirKeysLaneAndAKeylessRecordHasItsPlaces() {
    ConsumerRecord<String, byte[]> a0 = new ConsumerRecord<>(TOPIC, 0, 0, "a", new byte[0]);
    ConsumerRecord<String, byte[]> a1 = new ConsumerRecord<>(TOPIC, 0, 1, "a", new byte[0]);
    ConsumerRecord<String, byte[]> none0 = new ConsumerRecord<>(TOPIC, 0, 0, null, new byte[0]);
    ConsumerRecord<String, byte[]> none1 = new ConsumerRecord<>(TOPIC, 0, 1, null, new byte[0]);
    ConsumerRecord<String, byte[]> again = new ConsumerRecord<>(TOPIC, 0, 0, null, new byte[1]);

    assertThat(ConsumerEngine.laneOf(a0)).isEqualTo(ConsumerEngine.laneOf(a1));
    assertThat(ConsumerEngine.laneOf(none0))
        .isNotEqualTo(ConsumerEngine.laneOf(none1))
        .isEqualTo(ConsumerEngine.laneOf(again))
        .isNotEqualTo(ConsumerEngine.laneOf(a0));
  }

  @Test
  void closingStopsPollingAndCommitsWhatIsDone() {
    start(record -> {}, 10);
    add(P0, 0, "a");
    add(P0, 1, "a");
    await().atMost(WAIT).until(() -> engine.inFlight() == 0 && committed(P0) == 2);

    engine.close();
    assertThat(engine.isRunning()).isFalse();
    assertThat(consumer.closed()).isTrue();
  }

  @Test
  void readyOnceInItsGroupAndNeitherReadyNorLiveOnceItsConsumerDies() {
    ConsumerEngine joining =
        ConsumerEngine.start(
            "joining",
            new RecordingConsumer(),
            List.of(TOPIC),
            record -> {},
            Failures.of(e -> false),
            new ConsumerEngine.Settings(
                10, 10, Duration.ofMillis(20), Duration.ofSeconds(1), Duration.ofMillis(50), 3),
            () -> {});
    try {
      assertThat(joining.readiness().up()).as("no assignment yet").isFalse();
      assertThat(joining.readiness().detail()).contains("not in its consumer group yet");
      assertThat(joining.liveness().up()).isTrue();
    } finally {
      joining.close();
    }

    start(record -> {}, 10);
    await().atMost(WAIT).until(() -> engine.readiness().up());
    assertThat(engine.readiness().detail()).isEqualTo("test: 2 partitions");

    consumer.setPollException(new org.apache.kafka.common.KafkaException("fatal, as if fenced"));
    await().atMost(WAIT).until(() -> !engine.liveness().up());
    assertThat(engine.liveness().detail()).isEqualTo("test: the polling thread stopped");
    assertThat(engine.readiness().up()).isFalse();
  }
}
