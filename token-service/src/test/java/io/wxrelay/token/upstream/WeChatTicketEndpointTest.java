package io.wxrelay.token.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.sim.SimConfig;
import io.wxrelay.sim.WeChatSim;
import io.wxrelay.sim.junit.WeChatClient;
import io.wxrelay.token.client.AccessToken;
import io.wxrelay.token.client.TicketType;
import io.wxrelay.token.client.Tokens;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** getticket against the simulator: a stale token is reported once and the call made again. */
class WeChatTicketEndpointTest {
  private static final String APPID = SimConfig.DEFAULT_APPID;
  private final WeChatSim sim = WeChatSim.start(SimConfig.forTests());
  private final String valid =
      new WeChatClient(sim.baseUrl()).token(APPID, SimConfig.DEFAULT_SECRET);
  private final List<Long> reported = new ArrayList<>();

  @AfterEach
  void stop() {
    sim.close();
  }

  private WeChatTicketEndpoint endpoint(String first, String renewed) {
    Tokens tokens =
        new Tokens() {
          @Override
          public AccessToken current(String appid) {
            return new AccessToken(appid, first, 1, Instant.now().plusSeconds(60));
          }

          @Override
          public AccessToken renewAfterFailure(AccessToken used) {
            reported.add(used.generation());
            return new AccessToken(used.appid(), renewed, 2, Instant.now().plusSeconds(60));
          }
        };
    return new WeChatTicketEndpoint(
        URI.create(sim.baseUrl()),
        Duration.ofSeconds(5),
        ContractCodec.newMapper(),
        tokens,
        TicketType.JSAPI);
  }

  private AppCredentials app() {
    return new AppCredentials(APPID, "", AppCredentials.Endpoint.STABLE);
  }

  @Test
  void aTicketWithTheCurrentToken() {
    FetchOutcome outcome = endpoint(valid, valid).fetch(app(), false);
    assertThat(outcome).isInstanceOf(FetchOutcome.Issued.class);
    assertThat(((FetchOutcome.Issued) outcome).expiresInSeconds()).isEqualTo(7200);
    assertThat(outcome.toString()).doesNotContain(((FetchOutcome.Issued) outcome).token());
    assertThat(reported).isEmpty();
  }

  @Test
  void aStaleTokenIsReportedAndTheCallMadeOnceMore() {
    FetchOutcome outcome = endpoint("stale-token", valid).fetch(app(), false);
    assertThat(outcome).isInstanceOf(FetchOutcome.Issued.class);
    assertThat(reported).containsExactly(1L);
    assertThat(sim.truth().tokensIssued("ticket/jsapi", APPID)).isEqualTo(1);
  }

  @Test
  void refusedTwiceIsATemporaryFailureThatNamesNoToken() {
    FetchOutcome outcome = endpoint("stale-token", "still-stale").fetch(app(), false);
    assertThat(outcome).isInstanceOf(FetchOutcome.Transient.class);
    assertThat(outcome.toString()).contains("40001").doesNotContain("stale");
    assertThat(reported).as("once, never a loop").containsExactly(1L);
  }
}
