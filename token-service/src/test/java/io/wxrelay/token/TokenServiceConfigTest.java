package io.wxrelay.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxrelay.kit.config.ConfigException;
import io.wxrelay.kit.config.Env;
import io.wxrelay.testkit.SecretsApart;
import io.wxrelay.token.client.TicketType;
import io.wxrelay.token.upstream.AppCredentials;
import io.wxrelay.token.upstream.AppCredentials.Endpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenServiceConfigTest {

  @Test
  void appsDefaultToTheStableEndpoint() {
    var config =
        TokenServiceConfig.fromEnv(
            Env.of(
                Map.of(
                    "TOKEN_APPS", "wx1111111111111111:s3cr3t,wx2222222222222222:other:classic")));

    assertThat(config.apps())
        .extracting(AppCredentials::endpoint)
        .containsExactly(Endpoint.STABLE, Endpoint.CLASSIC);
    assertThat(config.toString()).doesNotContain("s3cr3t").doesNotContain("other");
    assertThat(config.api()).as("no API clients: the API is off").isNull();
  }

  @Test
  void badAppsAreRefusedWithoutEchoingTheSecret() {
    assertThatThrownBy(
            () -> TokenServiceConfig.fromEnv(Env.of(Map.of("TOKEN_APPS", "shop:s3cr3t"))))
        .hasMessageStartingWith("TOKEN_APPS: entry 1")
        .message()
        .doesNotContain("s3cr3t");
    assertThatThrownBy(() -> TokenServiceConfig.fromEnv(Env.of(Map.of())))
        .hasMessage("TOKEN_APPS: is required when WXRELAY_ACCOUNTS_FILE is not set");
    assertThatThrownBy(
            () ->
                TokenServiceConfig.fromEnv(
                    Env.of(
                        Map.of(
                            "TOKEN_APPS",
                            "wx1111111111111111:s",
                            "TOKEN_API_BEARER",
                            "an-inline-bearer-0123456789"))))
        .as("a bearer in the environment is refused, pointing to the file variables")
        .hasMessageStartingWith("TOKEN_API_BEARER")
        .hasMessageContaining("TOKEN_API_BEARER_FILE")
        .message()
        .doesNotContain("an-inline-bearer");
  }

  @Test
  void theJsapiTicketIsHeldUnlessTokenTicketsSaysOtherwise() {
    // Card rights are rarer than the JS-SDK's: an account without them would alarm forever.
    Map<String, String> app = Map.of("TOKEN_APPS", "wx1111111111111111:s");
    assertThat(TokenServiceConfig.fromEnv(Env.of(app)).tickets()).containsExactly(TicketType.JSAPI);
    assertThat(TokenServiceConfig.tickets("jsapi,wx_card"))
        .containsExactly(TicketType.JSAPI, TicketType.WX_CARD);
    assertThat(TokenServiceConfig.tickets(" wx_card ")).containsExactly(TicketType.WX_CARD);
    assertThat(TokenServiceConfig.tickets("none")).isEmpty();
    assertThatThrownBy(() -> TokenServiceConfig.tickets("jsapi,card"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("TOKEN_TICKETS: names jsapi, wx_card or none, not 'card'");
  }

  @Test
  void aStableTokenIsRefreshedInsideWeChatsRenewalWindow() {
    var config = TokenServiceConfig.fromEnv(Env.of(Map.of("TOKEN_APPS", "wx1111111111111111:s")));

    assertThat(config.refresh().marginFor(Endpoint.CLASSIC)).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.refresh().marginFor(Endpoint.STABLE)).isEqualTo(Duration.ofSeconds(270));
  }

  @Test
  void withoutTokenAppsTheAccountsFileGivesSecretsAndEndpoints(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("accounts.yml");
    Files.writeString(
        file,
        "accounts:\n  - appid: wx1111111111111111\n    secretEnv: SHOP_SECRET\n    tokenEndpoint: classic\n");
    var config =
        TokenServiceConfig.fromEnv(
            Env.of(Map.of("WXRELAY_ACCOUNTS_FILE", file.toString(), "SHOP_SECRET", "from-env")));

    assertThat(config.apps())
        .containsExactly(new AppCredentials("wx1111111111111111", "from-env", Endpoint.CLASSIC));
    // TOKEN_APPS, when set, still wins.
    var overridden =
        TokenServiceConfig.fromEnv(
            Env.of(
                Map.of(
                    "WXRELAY_ACCOUNTS_FILE",
                    file.toString(),
                    "TOKEN_APPS",
                    "wx2222222222222222:other")));
    assertThat(overridden.apps())
        .extracting(AppCredentials::appid)
        .containsExactly("wx2222222222222222");
  }

  @Test
  void startsFromAnAccountsFileWhoseCallbackSecretsAreNotHere(@TempDir Path dir) {
    SecretsApart accounts = SecretsApart.in(dir);

    var config = TokenServiceConfig.fromEnv(Env.of(accounts.withAppSecret("the-app-secret")));

    assertThat(config.apps())
        .containsExactly(new AppCredentials(SecretsApart.APPID, "the-app-secret", Endpoint.STABLE));
    assertThatThrownBy(() -> TokenServiceConfig.fromEnv(Env.of(accounts.withoutSecrets())))
        .as("its own secret it does need")
        .hasMessageContaining(SecretsApart.SECRET_VARIABLE + ", which is not set");
  }
}
