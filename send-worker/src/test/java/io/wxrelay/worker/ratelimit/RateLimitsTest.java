package io.wxrelay.worker.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxrelay.kit.config.ConfigException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitsTest {
  @Test
  void anAppsOwnLimitWinsOverTheWildcard() {
    RateLimits limits =
        RateLimits.parse("V", "*:mass=60/1m, wx5823bf96d3bd56c7:mass=10/1s/5,*:qrcode/create=5/1s");
    assertThat(limits.limitFor("wx5823bf96d3bd56c7", "mass"))
        .contains(new Limit(10, Duration.ofSeconds(1), 5));
    assertThat(limits.limitFor("wx0000000000000000", "mass"))
        .contains(new Limit(60, Duration.ofMinutes(1), 1));
    assertThat(limits.limitFor("wx0000000000000000", "message/custom/send")).isEmpty();
  }

  @Test
  void sendallSendAndPreviewShareWeChatsMassBucket() {
    assertThat(RateLimits.bucketOf("message/mass/sendall")).isEqualTo(RateLimits.MASS);
    assertThat(RateLimits.bucketOf("message/mass/send")).isEqualTo(RateLimits.MASS);
    assertThat(RateLimits.bucketOf("message/mass/preview")).isEqualTo(RateLimits.MASS);
    assertThat(RateLimits.bucketOf("message/mass/get")).isEqualTo("message/mass/get");
  }

  @Test
  void aBadEntryNamesTheVariableAndTheEntry() {
    assertThatThrownBy(() -> RateLimits.parse("WORKER_RATE_LIMITS", "*:mass=60/1m,mass=5"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("WORKER_RATE_LIMITS")
        .hasMessageContaining("entry 2");
  }

  @Test
  void theGcraScheduleSpacesCallsEvenly() {
    Limit limit = new Limit(200, Duration.ofSeconds(1), 1);
    assertThat(limit.sendIntervalMicros()).isEqualTo(5_050);
    assertThat(limit.sendToleranceMicros(0)).isZero();
    assertThat(new Limit(60, Duration.ofMinutes(1), 10).sendToleranceMicros(0))
        .isEqualTo(9 * 1_010_000);
  }
}
