package io.wxrelay.token;

import static io.wxrelay.token.TokenFixture.APPID;
import static io.wxrelay.token.TokenFixture.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.sim.junit.WeChatClient;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import io.wxrelay.token.client.AccessToken;
import io.wxrelay.token.client.TokenClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each class of WeChat error gets its own treatment; foreign rotations raise the alarm. */
@ExtendWith(RealInfrastructure.class)
class ErrorClassesIT {
  private static final String BUDGET =
      "wxrelay_token_force_budget{appid=\"" + APPID + "\",held=\"access_token\"";
  private static final String ROTATIONS =
      "wxrelay_token_foreign_rotations_total{appid=\"" + APPID + "\",held=\"access_token\"";

  @Test
  void aWrongSecretIsAConfigurationErrorReportedOnReadinessAndNotRetriedInALoop(RedisEndpoint redis)
      throws Exception {
    try (TokenFixture f = new TokenFixture(redis, Duration.ofHours(2), Duration.ofMinutes(5))) {
      TokenService service =
          f.replica("stable", Map.of("TOKEN_APPS", APPID + ":not-the-secret-42:stable"));

      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  Admin.get(service.adminPort(), "/health/ready").statusCode() == 503
                      && Admin.get(service.adminPort(), "/health/ready").body().contains("40125"));
      // a hot loop would show up as more calls: the count must hold still for 1.5 s
      await()
          .during(Duration.ofMillis(1500))
          .atMost(Duration.ofSeconds(3))
          .until(() -> f.sim.truth().calls("stable_token", APPID) == 1);

      String ready = Admin.get(service.adminPort(), "/health/ready").body();
      assertThat(ready)
          .contains("app " + APPID + ": DOWN - app " + APPID + ": errcode 40125 invalid appsecret");
      assertThat(ready + Admin.get(service.adminPort(), "/metrics").body())
          .doesNotContain("not-the-secret-42");
      assertThat(f.sim.truth().calls("stable_token", APPID)).isEqualTo(1);
    }
  }

  @Test
  void transientErrorsAreRetriedWithBackoffWhileTheCurrentTokenIsStillServed(RedisEndpoint redis) {
    try (TokenFixture f = new TokenFixture(redis, Duration.ofSeconds(6), Duration.ofSeconds(3))) {
      f.replica("stable", Map.of("TOKEN_STABLE_RENEW_WINDOW", "3s"));
      TokenClient client = f.client(Duration.ofSeconds(5));
      await().atMost(Duration.ofSeconds(10)).until(() -> client.read(APPID).isPresent());
      AccessToken first = client.current(APPID);
      f.sim.faults().configure("stable_token: rate=1; errors=-1");

      await()
          .atMost(Duration.ofSeconds(6))
          .until(() -> f.sim.truth().faultedCalls("stable_token") >= 4);
      assertThat(client.current(APPID)).as("still served").isEqualTo(first);
      assertThat(f.probe(first.value())).as("and still valid").isZero();
      f.sim.faults().clear();

      await().atMost(Duration.ofSeconds(5)).until(() -> client.current(APPID).generation() == 2);
      assertThat(f.sim.truth().faultedCalls("stable_token"))
          .as("backoff, not a hot loop")
          .isLessThan(30);
    }
  }

  @Test
  void aSpentDailyQuotaBacksOff(RedisEndpoint redis) throws Exception {
    try (TokenFixture f = new TokenFixture(redis, Duration.ofHours(2), Duration.ofMinutes(5))) {
      f.sim.faults().configure("stable_token: rate=1; errors=45009");
      TokenService service = f.replica("stable", Map.of("TOKEN_QUOTA_BACKOFF", "1h"));

      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> f.sim.truth().faultedCalls("stable_token") == 1);
      await()
          .during(Duration.ofMillis(1500))
          .atMost(Duration.ofSeconds(3))
          .until(() -> f.sim.truth().faultedCalls("stable_token") == 1);

      assertThat(f.sim.truth().faultedCalls("stable_token")).isEqualTo(1);
      assertThat(service.ready()).containsEntry(APPID, false);
    }
  }

  @Test
  void aReportedInvalidStableTokenThatWeChatStillHandsOutIsForceRefreshedWithinTheBudget(
      RedisEndpoint redis) {
    try (TokenFixture f = new TokenFixture(redis, Duration.ofHours(2), Duration.ofMinutes(5))) {
      TokenService service = f.replica("stable", Map.of());
      TokenClient client = f.client(Duration.ofSeconds(5));
      await().atMost(Duration.ofSeconds(10)).until(() -> client.read(APPID).isPresent());
      AccessToken first = client.current(APPID);

      AccessToken renewed = client.reportInvalid(APPID, first.generation());

      assertThat(renewed.generation()).isEqualTo(first.generation() + 1);
      assertThat(renewed.value()).isNotEqualTo(first.value());
      assertThat(f.probe(first.value())).as("force_refresh killed it").isEqualTo(40001);
      assertThat(f.sim.truth().tokensIssued("cgi-bin/stable_token", APPID)).isEqualTo(2);
      assertThat(Admin.metric(service.adminPort(), ROTATIONS)).isEqualTo(1);
      assertThat(Admin.metric(service.adminPort(), BUDGET)).isEqualTo(19);
    }
  }

  @Test
  void aTokenRotatedByAnotherProgramIsReplacedWithoutForceAndRaisesTheAlarm(RedisEndpoint redis) {
    try (TokenFixture f = new TokenFixture(redis, Duration.ofHours(2), Duration.ofMinutes(5))) {
      TokenService service = f.replica("stable", Map.of());
      TokenClient client = f.client(Duration.ofSeconds(5));
      await().atMost(Duration.ofSeconds(10)).until(() -> client.read(APPID).isPresent());
      AccessToken ours = client.current(APPID);
      new WeChatClient(f.sim.baseUrl())
          .post(
              "/cgi-bin/stable_token",
              "{\"grant_type\":\"client_credential\",\"appid\":\""
                  + APPID
                  + "\",\"secret\":\""
                  + SECRET
                  + "\",\"force_refresh\":true}");
      assertThat(f.probe(ours.value())).isEqualTo(40001);

      AccessToken renewed = client.reportInvalid(APPID, ours.generation());

      assertThat(f.probe(renewed.value())).isZero();
      assertThat(Admin.metric(service.adminPort(), ROTATIONS)).isEqualTo(1);
      assertThat(Admin.metric(service.adminPort(), BUDGET))
          .as("no force refresh of ours was needed")
          .isEqualTo(20);
    }
  }

  @Test
  void classicTokensKilledByAnotherProgramAreReplacedOnReport(RedisEndpoint redis) {
    try (TokenFixture f = new TokenFixture(redis, Duration.ofHours(2), Duration.ofSeconds(1))) {
      f.replica("classic", Map.of());
      TokenClient client = f.client(Duration.ofSeconds(5));
      await().atMost(Duration.ofSeconds(10)).until(() -> client.read(APPID).isPresent());
      AccessToken ours = client.current(APPID);
      WeChatClient other = new WeChatClient(f.sim.baseUrl());
      other.token(APPID, SECRET);
      other.token(APPID, SECRET);
      assertThat(f.probe(ours.value())).isEqualTo(40001);

      AccessToken renewed = client.renewAfterFailure(ours);

      assertThat(f.probe(renewed.value())).isZero();
      assertThat(renewed.generation()).isEqualTo(ours.generation() + 1);
    }
  }
}
