package io.wxrelay.faults;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GatewayCountersTest {
  private static final String METRICS =
      """
      # HELP wxrelay_gateway_callbacks_total Pushes by account, type and outcome
      wxrelay_gateway_callbacks_total{appid="wx1",outcome="failed",type="wechat.message.text"} 12.0
      wxrelay_gateway_callbacks_total{appid="wx1",outcome="failed",type="wechat.event.scan"} 3.0
      wxrelay_gateway_callbacks_total{appid="wx1",outcome="published",type="wechat.message.text"} 900.0
      wxrelay_gateway_dedupe_total{outcome="claimed",service="callback-gateway"} 915.0
      wxrelay_gateway_dedupe_total{outcome="unavailable",service="callback-gateway"} 2.0
      wxrelay_gateway_in_flight{service="callback-gateway"} 0.0
      """;

  @Test
  void failedPublishesAndUnansweredClaimsAreWhatTheGatewayWasUnsureOf() {
    GatewayCounters counters = GatewayCounters.parse(METRICS);

    assertThat(counters.failed()).isEqualTo(15);
    assertThat(counters.unavailable()).isEqualTo(2);
    assertThat(counters.unsure()).isEqualTo(17);
    assertThat(counters.lines()).hasSize(5);
  }

  @Test
  void aGatewayWithoutTroubleWasSureOfEverything() {
    assertThat(GatewayCounters.parse("wxrelay_gateway_in_flight 0.0\n").unsure()).isZero();
  }
}
