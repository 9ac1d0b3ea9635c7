package io.wxrelay.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxrelay.kit.config.Env;
import io.wxrelay.sim.account.AccountType;
import io.wxrelay.sim.account.Mode;
import io.wxrelay.sim.rules.SimRules;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimConfigTest {

  @Test
  void defaultsAreWeChatsRulesAndOneDemoApp() {
    SimConfig config = SimConfig.fromEnv(Env.of(Map.of()));

    assertThat(config.port()).isEqualTo(8089);
    assertThat(config.rules()).isEqualTo(SimRules.wechat());
    assertThat(config.apps())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.app().appid()).isEqualTo(SimConfig.DEFAULT_APPID);
              assertThat(a.followers()).isEqualTo(1000);
            });
  }

  @Test
  void everySettingComesFromItsVariable() {
    SimConfig config =
        SimConfig.fromEnv(
            Env.of(
                Map.of(
                    "SIM_APPS", "wx1111111111111111:s1,wx2222222222222222:s2",
                    "SIM_MODE", "safe",
                    "SIM_ACCOUNT_TYPE", "subscription",
                    "SIM_CALLBACK_URL", "http://127.0.0.1:8080/wechat/{appid}",
                    "SIM_TOKEN_TTL", "30s",
                    "SIM_FOLLOWERS", "100000",
                    "SIM_OPENIDS", "oAlice@100, oBob",
                    "SIM_FAULTS", "message/custom/send: rate=0.1; errors=-1")));

    assertThat(config.apps()).hasSize(2);
    assertThat(config.apps().get(1).app().mode()).isEqualTo(Mode.SAFE);
    assertThat(config.apps().get(1).app().type()).isEqualTo(AccountType.SUBSCRIPTION);
    assertThat(config.apps().get(1).app().callbackUrl())
        .isEqualTo("http://127.0.0.1:8080/wechat/wx2222222222222222");
    assertThat(config.rules().tokenTtl()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.apps().getFirst().followers()).isEqualTo(100_000);
    assertThat(config.faults()).contains("rate=0.1");
    assertThat(config.apps().getFirst().seeded()).containsExactly("oAlice@100", "oBob");
  }

  @Test
  void aBadAppListNamesTheVariable() {
    assertThatThrownBy(() -> SimConfig.fromEnv(Env.of(Map.of("SIM_APPS", "shop"))))
        .hasMessageStartingWith("SIM_APPS: ");
  }
}
