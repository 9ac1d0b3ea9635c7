package io.wxrelay.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.schemas.outcome.CommandResult;
import io.wxrelay.sim.WeChatSim;
import java.time.Duration;
import java.util.UUID;

/** A user the simulator makes up, who scans a QR code and must get its reply once. */
final class Newcomers {
  private Newcomers() {}

  /**
   * A new user of {@code appid} scans the code {@code created} made; waits until the simulator
   * delivered {@code reply}, and checks that it went once, to that user.
   */
  static void scanAndExpectReply(WeChatSim sim, String appid, CommandResult created, String reply) {
    String newcomer = "oNewcomer" + UUID.randomUUID().toString().substring(0, 8);
    sim.users().scan(appid, newcomer, (String) created.response().get("ticket"));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !sim.truth().deliveries(d -> reply.equals(d.text())).isEmpty());
    assertThat(sim.truth().deliveries(d -> reply.equals(d.text())))
        .singleElement()
        .satisfies(d -> assertThat(d.openid()).isEqualTo(newcomer));
  }
}
