package io.wxrelay.worker.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.worker.consume.InboundRecord;
import io.wxrelay.worker.plan.CallPlan;
import io.wxrelay.worker.plan.CommandCalls;
import io.wxrelay.worker.plan.Repeatability;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A windowed plan counts from the earlier of the record's timestamp and now, and a processing that
 * began clean from its own first call; other plans count from their first processing.
 */
class RepeatWindowTest {
  private static final Duration WINDOW = Duration.ofMinutes(9);
  private final DispatchHarness h = new DispatchHarness();
  private final CallPlan plan =
      new CommandCalls(h.codec.mapper(), 10_000).plan(h.templateSend("tpl-1"));
  private final ResultSheet sheet = new ResultSheet(plan, 0, "");

  private InboundRecord writtenAgo(Duration ago) {
    return new InboundRecord(
        "wechat.commands",
        0,
        1,
        "k",
        h.codec.encode(h.templateSend("tpl-1")),
        Map.of(),
        Optional.of(h.clock.instant().minus(ago)));
  }

  @Test
  void aWindowedPlanCountsFromTheRecordsTimestampWhenInDoubt() {
    RepeatWindow window =
        RepeatWindow.of(
            Repeatability.within(WINDOW), writtenAgo(WINDOW), Optional.empty(), sheet, h.clock);

    assertThat(window.sinceFirst()).isEqualTo(WINDOW);
    assertThat(window.repeatableNow(false)).isFalse();
  }

  @Test
  void aCleanProcessingCountsFromItsOwnFirstCall() {
    RepeatWindow window =
        RepeatWindow.of(
            Repeatability.within(WINDOW), writtenAgo(WINDOW), Optional.empty(), sheet, h.clock);
    sheet.calling(h.clock.instant());
    h.clock.advance(Duration.ofMinutes(1));

    assertThat(window.repeatableNow(true)).isTrue();
    assertThat(window.sinceFirst())
        .as("the horizon still counts from the record")
        .isGreaterThan(WINDOW);
  }

  @Test
  void anAlwaysRepeatablePlanCountsFromThisProcessing() {
    RepeatWindow window =
        RepeatWindow.of(
            Repeatability.ALWAYS,
            writtenAgo(Duration.ofHours(1)),
            Optional.empty(),
            sheet,
            h.clock);

    assertThat(window.sinceFirst()).isZero();
    assertThat(window.repeatableNow(false)).isTrue();
  }
}
