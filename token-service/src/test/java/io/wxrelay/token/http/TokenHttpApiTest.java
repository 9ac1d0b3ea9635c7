package io.wxrelay.token.http;

import static io.wxrelay.token.http.ApiCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may read and invalidate which token, and how the API says no. */
class TokenHttpApiTest {
  private static final String SHOP = "wx5823bf96d3bd56c7";
  private static final String CRM = "wx1111111111111111";
  private static final String UNSERVED = "wx9999999999999999";
  private static final String SHOP_BEARER = "shop-web-bearer-0123456789abcdef";
  private static final String CRM_BEARER = "crm-bearer-fedcba9876543210";
  private static final String OPS_BEARER = "ops-bearer-00112233445566778899";
  private static final String INVALIDATIONS = "wxrelay.token.api.invalidations";
  private static final String DENIALS = "wxrelay.token.api.denials";

  private ApiCalls calls;

  @BeforeEach
  void start() {
    ApiClients clients =
        new ApiClients(
            List.of(
                new ApiClient("shop-web", Bearers.sha256(SHOP_BEARER), Set.of(SHOP), false, 2),
                new ApiClient("crm", Bearers.sha256(CRM_BEARER), Set.of(CRM), false, 0),
                new ApiClient("ops", Bearers.sha256(OPS_BEARER), Set.of(), true, 1)));
    calls =
        new ApiCalls(new ApiAccess(clients, null), Set.of(SHOP, CRM), HttpClient.newHttpClient());
  }

  @AfterEach
  void stop() {
    calls.close();
  }

  @Test
  void eachClientReadsOnlyItsApps() throws Exception {
    var shop = calls.get(SHOP, SHOP_BEARER);
    assertThat(shop.statusCode()).isEqualTo(200);
    assertThat(json(shop).path("accessToken").asString()).isEqualTo("token-" + SHOP + "-1");
    assertThat(json(shop).path("expiresIn").asLong()).isBetween(3590L, 3600L);
    assertThat(calls.get(CRM, CRM_BEARER).statusCode()).isEqualTo(200);
    assertThat(calls.get(SHOP, OPS_BEARER).statusCode()).isEqualTo(200);
    assertThat(calls.get(CRM, OPS_BEARER).statusCode()).isEqualTo(200);

    var outOfScope = calls.get(CRM, SHOP_BEARER);
    var unknown = calls.get(UNSERVED, SHOP_BEARER);
    assertThat(outOfScope.statusCode()).isEqualTo(403);
    assertThat(unknown.statusCode())
        .as("an app the client may not use is 403 whether token-service serves it or not")
        .isEqualTo(403);
    assertThat(unknown.body()).isEqualTo(outOfScope.body()).doesNotContain("token-");
    assertThat(calls.get(UNSERVED, OPS_BEARER).statusCode())
        .as("a client of every app may learn which exist")
        .isEqualTo(404);
    assertThat(calls.count(DENIALS, "client", "shop-web", "status", "403")).isEqualTo(2);
    assertThat(calls.count(DENIALS, "client", "ops", "status", "403")).isZero();
  }

  @Test
  void aMissingOrWrongBearerIs401AndCountedAsUnknown() throws Exception {
    assertThat(calls.count(DENIALS, "client", "unknown", "status", "401"))
        .as("registered at zero")
        .isZero();
    var none = calls.get(SHOP, null);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(calls.get(SHOP, SHOP_BEARER + "x").statusCode()).isEqualTo(401);
    assertThat(calls.get(SHOP, SHOP_BEARER.substring(1)).statusCode()).isEqualTo(401);
    assertThat(calls.send("GET", "/nowhere", null, null).statusCode())
        .as("the bearer before the route")
        .isEqualTo(401);

    assertThat(calls.count(DENIALS, "client", "unknown", "status", "401")).isEqualTo(4);
  }

  @Test
  void invalidateOverTheBudgetIs429WithRetryAfterAndCounted() throws Exception {
    var first = calls.invalidate(SHOP, SHOP_BEARER, 1);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(json(first).path("generation").asLong()).isEqualTo(2);
    assertThat(calls.invalidate(SHOP, SHOP_BEARER, 1).statusCode())
        .as("the same generation again costs nothing")
        .isEqualTo(200);
    calls.clock.advance(Duration.ofMinutes(20));
    assertThat(calls.invalidate(SHOP, SHOP_BEARER, 2).statusCode()).isEqualTo(200);

    var limited = calls.invalidate(SHOP, SHOP_BEARER, 3);

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).hasValue("2400");
    assertThat(json(limited).path("retryAfter").asLong()).isEqualTo(2400);
    assertThat(calls.generations.get(SHOP)).as("the limited report did not refresh").isEqualTo(3);
    assertThat(
            calls.count(INVALIDATIONS, "client", "shop-web", "appid", SHOP, "outcome", "accepted"))
        .isEqualTo(3);
    assertThat(
            calls.count(INVALIDATIONS, "client", "shop-web", "appid", SHOP, "outcome", "limited"))
        .isEqualTo(1);
    calls.clock.advance(Duration.ofMinutes(40));
    assertThat(calls.invalidate(SHOP, SHOP_BEARER, 3).statusCode()).isEqualTo(200);
  }

  @Test
  void aClientWithoutBudgetMayNotInvalidateAndNoClientOutsideItsApps() throws Exception {
    var refused = calls.invalidate(CRM, CRM_BEARER, 1);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(json(refused).path("error").asString()).contains("may not invalidate");
    assertThat(calls.count(INVALIDATIONS, "client", "crm", "appid", CRM, "outcome", "refused"))
        .isEqualTo(1);

    assertThat(calls.invalidate(CRM, SHOP_BEARER, 1).statusCode()).isEqualTo(403);
    assertThat(calls.generations).containsEntry(CRM, 1L).containsEntry(SHOP, 1L);
    assertThat(calls.count(DENIALS, "client", "crm", "status", "403")).isEqualTo(1);
    assertThat(calls.count(DENIALS, "client", "shop-web", "status", "403")).isEqualTo(1);
  }

  @Test
  void aBadBodyCostsNoBudget() throws Exception {
    String path = "/v1/apps/" + SHOP + "/token/invalidate";
    assertThat(calls.send("POST", path, OPS_BEARER, "{}").statusCode()).isEqualTo(400);
    assertThat(calls.send("POST", path, OPS_BEARER, "not json").statusCode()).isEqualTo(400);
    assertThat(calls.send("DELETE", "/v1/apps/" + SHOP + "/token", OPS_BEARER, null).statusCode())
        .isEqualTo(405);
    assertThat(calls.invalidate(SHOP, OPS_BEARER, 1).statusCode()).isEqualTo(200);
  }
}
