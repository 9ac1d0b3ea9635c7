package io.wxrelay.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkerMetersTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final WorkerMeters.Recorder meters = new WorkerMeters.Recorder(registry);

  @Test
  void theInFlightGaugeKeepsReadingItsSupplierAfterAGc() {
    AtomicInteger inFlight = new AtomicInteger(7);
    meters.inFlight("commands", inFlight::get);
    System.gc();
    assertThat(registry.get("wxrelay.worker.in.flight").tag("engine", "commands").gauge().value())
        .isEqualTo(7);
  }

  @Test
  void countersAreSharedPerTagCombination() {
    meters.call("wx5823bf96d3bd56c7", "message/custom/send", "ok", Duration.ofMillis(3));
    meters.call("wx5823bf96d3bd56c7", "message/custom/send", "ok", Duration.ofMillis(5));
    meters.call("wx5823bf96d3bd56c7", "message/custom/send", "retryable", Duration.ofMillis(5));
    assertThat(registry.get("wxrelay.worker.calls").tag("class", "ok").counter().count())
        .isEqualTo(2);
    assertThat(registry.get("wxrelay.worker.call.latency").timer().count()).isEqualTo(3);
  }

  @Test
  void aTypeUpstreamMadeUpIsCountedAsUnknownSoTheLabelCannotExplode() {
    meters.command("wechat.custom.send", "succeeded");
    for (int i = 0; i < 50; i++) {
      meters.command("wechat.typo." + i, "dead");
    }
    meters.retry("no such type", "parked");

    assertThat(registry.find("wxrelay.worker.commands").counters())
        .extracting(c -> c.getId().getTag("type"))
        .containsExactlyInAnyOrder("wechat.custom.send", "unknown");
    assertThat(registry.get("wxrelay.worker.commands").tag("type", "unknown").counter().count())
        .isEqualTo(50);
    assertThat(registry.get("wxrelay.worker.retries").counter().getId().getTag("type"))
        .isEqualTo("unknown");
  }

  @Test
  void aBroadcastsFinishAddsItsRecipientsByOutcome() {
    meters.massRecipients(9_998, 2);
    meters.massRecipients(5_000, 0);

    assertThat(
            registry.get("wxrelay.worker.mass.recipients").tag("outcome", "sent").counter().count())
        .isEqualTo(14_998);
    assertThat(
            registry
                .get("wxrelay.worker.mass.recipients")
                .tag("outcome", "error")
                .counter()
                .count())
        .isEqualTo(2);
  }
}
