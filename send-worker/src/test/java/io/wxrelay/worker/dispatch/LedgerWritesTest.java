package io.wxrelay.worker.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxrelay.worker.consume.Failures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LedgerWritesTest {
  private final List<Duration> waits = new ArrayList<>();
  private final RecordedFailures failures = new RecordedFailures();
  private final LedgerWrites writes =
      new LedgerWrites(failures, waits::add, Duration.ofMillis(50), Duration.ofMillis(200));

  @Test
  void aTransientFailureIsTriedAgainWithAGrowingBackoff() throws InterruptedException {
    AtomicInteger tries = new AtomicInteger();
    String done = writes.writeAndGet("complete", () -> failFirst(tries, 4, new Down()));

    assertThat(done).isEqualTo("written");
    assertThat(waits)
        .containsExactly(
            Duration.ofMillis(50),
            Duration.ofMillis(100),
            Duration.ofMillis(200),
            Duration.ofMillis(200));
    assertThat(failures.held).isEmpty();
  }

  @Test
  void aHeldFailureIsTriedAgainInPlaceAtTheHeldBackoffAndReleasedBySuccess()
      throws InterruptedException {
    AtomicInteger tries = new AtomicInteger();
    String done = writes.writeAndGet("complete", () -> failFirst(tries, 3, new Refused()));

    assertThat(done).isEqualTo("written");
    assertThat(waits).containsOnly(RecordedFailures.HELD_BACKOFF).hasSize(3);
    assertThat(failures.everHeld).hasSize(1);
    assertThat(failures.held).as("the success releases it").isEmpty();
  }

  @Test
  void aFailureOfTheRecordsOwnIsThrownAtOnce() {
    assertThatThrownBy(
            () ->
                writes.writeAndGet(
                    "complete",
                    () -> {
                      throw new IllegalArgumentException("bug");
                    }))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(waits).isEmpty();
  }

  private static String failFirst(AtomicInteger tries, int times, RuntimeException failure) {
    if (tries.incrementAndGet() <= times) {
      throw failure;
    }
    return "written";
  }

  private static final class Down extends RuntimeException {}

  private static final class Refused extends RuntimeException {}

  /** Down is transient, Refused held; remembers who is held. */
  private static final class RecordedFailures implements Failures {
    static final Duration HELD_BACKOFF = Duration.ofSeconds(9);
    final Set<Object> held = new HashSet<>();
    final Set<Object> everHeld = new HashSet<>();

    @Override
    public Verdict judge(Object holder, Exception failure) {
      if (failure instanceof Refused) {
        held.add(holder);
        everHeld.add(holder);
        return Verdict.HELD;
      }
      return failure instanceof Down ? Verdict.TRANSIENT : Verdict.RECORD;
    }

    @Override
    public void settled(Object holder) {
      held.remove(holder);
    }

    @Override
    public Duration heldBackoff() {
      return HELD_BACKOFF;
    }
  }
}
