package io.wxrelay.sim.token;

import static io.wxrelay.sim.SimConfig.DEFAULT_APPID;
import static io.wxrelay.sim.SimConfig.DEFAULT_SECRET;
import static io.wxrelay.sim.junit.WeChatClient.errcode;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.sim.MutableClock;
import io.wxrelay.sim.SimConfig;
import io.wxrelay.sim.SimConfig.AppSetup;
import io.wxrelay.sim.WeChatSim;
import io.wxrelay.sim.account.AppConfig;
import io.wxrelay.sim.junit.WeChatClient;
import io.wxrelay.sim.rules.SimRules;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** WeChat's token semantics (docs/wechat-api.md §1), each rule accepted and refused. */
class TokenRulesTest {
  private static final String CLASSIC =
      "/cgi-bin/token?grant_type=client_credential&appid="
          + DEFAULT_APPID
          + "&secret="
          + DEFAULT_SECRET;

  private final MutableClock clock = MutableClock.atMorning();
  private WeChatSim sim;
  private WeChatClient wechat;

  @BeforeEach
  void start() {
    SimRules rules = SimRules.wechat().withTokenDailyQuota(5);
    AppConfig whitelisted =
        AppConfig.simple("wx00000000000000ff", "other-secret").withIpWhitelist(Set.of("10.9.9.9"));
    SimConfig config =
        SimConfig.forTests()
            .withRules(rules)
            .withApps(
                List.of(SimConfig.forTests().apps().getFirst(), new AppSetup(whitelisted, 1, 0)));
    sim = WeChatSim.start(config, clock);
    wechat = new WeChatClient(sim.baseUrl());
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void classicTokenIsNewOnEveryCallAndThePreviousOneLivesOnlyForTheGracePeriod() {
    JsonNode first = wechat.get(CLASSIC);
    JsonNode second = wechat.get(CLASSIC);

    assertThat(first.path("expires_in").asInt()).isEqualTo(7200);
    assertThat(first.path("access_token").asString())
        .isNotEqualTo(second.path("access_token").asString());
    assertThat(probe(first)).isZero();
    clock.advance(Duration.ofMinutes(5));
    assertThat(probe(first)).isEqualTo(40001);
    assertThat(probe(second)).isZero();
    assertThat(sim.truth().tokensIssued("cgi-bin/token", DEFAULT_APPID)).isEqualTo(2);
  }

  @Test
  void aThirdFetchKillsTheFirstTokenAtOnce() {
    JsonNode first = wechat.get(CLASSIC);
    JsonNode second = wechat.get(CLASSIC);
    wechat.get(CLASSIC);

    assertThat(probe(first)).isEqualTo(40001);
    assertThat(probe(second)).isZero();
  }

  @Test
  void aTokenPastItsLifetimeIsExpired() {
    JsonNode token = wechat.get(CLASSIC);

    clock.advance(Duration.ofSeconds(7199));
    assertThat(probe(token)).isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(probe(token)).isEqualTo(42001);
  }

  @Test
  void theDailyQuotaEndsInErrcode45009UntilTheNextDay() {
    for (int i = 0; i < 5; i++) {
      assertThat(errcode(wechat.get(CLASSIC))).isZero();
    }
    assertThat(errcode(wechat.get(CLASSIC))).isEqualTo(45009);
    clock.advance(Duration.ofDays(1));
    assertThat(errcode(wechat.get(CLASSIC))).isZero();
  }

  @Test
  void wrongCredentialsGetWeChatsErrors() {
    String base = "/cgi-bin/token?grant_type=client_credential";
    assertThat(errcode(wechat.get(base + "&appid=wx0000000000000000&secret=x"))).isEqualTo(40013);
    assertThat(errcode(wechat.get(base + "&appid=" + DEFAULT_APPID + "&secret=wrong")))
        .isEqualTo(40125);
    assertThat(
            errcode(
                wechat.get(
                    "/cgi-bin/token?grant_type=password&appid="
                        + DEFAULT_APPID
                        + "&secret="
                        + DEFAULT_SECRET)))
        .isEqualTo(40002);
    JsonNode notWhitelisted = wechat.get(base + "&appid=wx00000000000000ff&secret=other-secret");
    assertThat(errcode(notWhitelisted)).isEqualTo(40164);
    assertThat(notWhitelisted.path("errmsg").asString()).contains("127.0.0.1").contains(" rid: ");
    assertThat(errcode(stable("wx00000000000000ff", "other-secret", false))).isEqualTo(40164);
  }

  @Test
  void everyApiChecksItsToken() {
    assertThat(errcode(wechat.post("/cgi-bin/message/mass/speed/get", "{}"))).isEqualTo(41001);
    assertThat(errcode(wechat.post("/cgi-bin/message/mass/speed/get?access_token=made-up", "{}")))
        .isEqualTo(40001);
  }

  @Test
  void stableTokenIsTheSameWhileValidAndRenewedInItsLastFiveMinutes() {
    JsonNode first = stable(DEFAULT_APPID, DEFAULT_SECRET, false);
    clock.advance(Duration.ofMinutes(100));
    JsonNode same = stable(DEFAULT_APPID, DEFAULT_SECRET, false);
    clock.advance(Duration.ofMinutes(16)); // 4 minutes left
    JsonNode renewed = stable(DEFAULT_APPID, DEFAULT_SECRET, false);

    assertThat(same.path("access_token")).isEqualTo(first.path("access_token"));
    assertThat(same.path("expires_in").asInt()).isEqualTo(7200 - 6000);
    assertThat(renewed.path("access_token")).isNotEqualTo(first.path("access_token"));
    assertThat(probe(first)).as("old and new overlap").isZero();
    clock.advance(Duration.ofMinutes(4));
    assertThat(probe(first)).isEqualTo(42001);
    assertThat(probe(renewed)).isZero();
    assertThat(sim.truth().tokensIssued("cgi-bin/stable_token", DEFAULT_APPID)).isEqualTo(2);
  }

  @Test
  void forceRefreshKillsTheOldStableTokenAtMostTwentyTimesADayAndThirtySecondsApart() {
    JsonNode before = stable(DEFAULT_APPID, DEFAULT_SECRET, false);
    JsonNode forced = stable(DEFAULT_APPID, DEFAULT_SECRET, true);
    JsonNode tooSoon = stable(DEFAULT_APPID, DEFAULT_SECRET, true);

    assertThat(forced.path("access_token")).isNotEqualTo(before.path("access_token"));
    assertThat(probe(before)).isEqualTo(40001);
    assertThat(tooSoon.path("access_token"))
        .as("within 30 s: no refresh")
        .isEqualTo(forced.path("access_token"));
    for (int i = 2; i <= 20; i++) {
      clock.advance(Duration.ofSeconds(30));
      assertThat(errcode(stable(DEFAULT_APPID, DEFAULT_SECRET, true))).as("force #%d", i).isZero();
    }
    clock.advance(Duration.ofSeconds(30));
    assertThat(errcode(stable(DEFAULT_APPID, DEFAULT_SECRET, true))).isEqualTo(45009);
    clock.advance(Duration.ofDays(1));
    assertThat(errcode(stable(DEFAULT_APPID, DEFAULT_SECRET, true))).isZero();
  }

  @Test
  void classicAndStableTokensAreIndependent() {
    JsonNode stable = stable(DEFAULT_APPID, DEFAULT_SECRET, false);
    wechat.get(CLASSIC);
    wechat.get(CLASSIC);
    wechat.get(CLASSIC);

    assertThat(probe(stable)).isZero();
  }

  @Test
  void stableTokenTakesOnlyAJsonBody() {
    assertThat(errcode(wechat.post("/cgi-bin/stable_token", "grant_type=client_credential")))
        .isEqualTo(47001);
  }

  private JsonNode stable(String appid, String secret, boolean force) {
    return wechat.post(
        "/cgi-bin/stable_token",
        """
        {"grant_type":"client_credential","appid":"%s","secret":"%s","force_refresh":%s}"""
            .formatted(appid, secret, force));
  }

  /** errcode of a harmless API call made with {@code grant}'s token. */
  private int probe(JsonNode grant) {
    return errcode(
        wechat.post(
            "/cgi-bin/message/mass/speed/get?access_token=" + grant.path("access_token").asString(),
            "{}"));
  }
}
