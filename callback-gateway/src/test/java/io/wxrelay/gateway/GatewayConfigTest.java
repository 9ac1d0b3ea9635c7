package io.wxrelay.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxrelay.gateway.callback.GatewayApp;
import io.wxrelay.kit.config.ConfigException;
import io.wxrelay.kit.config.Env;
import io.wxrelay.testkit.SecretsApart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigTest {
  private static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

  @Test
  void withoutGatewayAppsTheAccountsFileGivesEachAccountsCallbackSettings(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("accounts.yml");
    Files.writeString(
        file,
        """
        accounts:
          - appid: wx1111111111111111
            callbackToken: shop-token
            mode: safe
            encodingAesKey: %s
          - appid: wx2222222222222222
            callbackToken: plain-token
          - appid: wx3333333333333333
            callbackToken: compat-token
            mode: compat
            encodingAesKey: %s
        """
            .formatted(KEY, KEY));

    GatewayConfig config =
        GatewayConfig.fromEnv(Env.of(Map.of("WXRELAY_ACCOUNTS_FILE", file.toString())));

    assertThat(config.apps().get("wx1111111111111111"))
        .isEqualTo(new GatewayApp("wx1111111111111111", "shop-token", KEY, null, true));
    assertThat(config.apps().get("wx2222222222222222"))
        .isEqualTo(new GatewayApp("wx2222222222222222", "plain-token", null, null, false));
    assertThat(config.apps().get("wx3333333333333333").encryptedOnly())
        .as("WeChat encrypts every push in compat mode too")
        .isTrue();
  }

  @Test
  void anAccountWithoutACallbackTokenIsRefusedByName(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("accounts.yml");
    Files.writeString(file, "accounts:\n  - appid: wx1111111111111111\n    secret: s\n");

    assertThatThrownBy(
            () -> GatewayConfig.fromEnv(Env.of(Map.of("WXRELAY_ACCOUNTS_FILE", file.toString()))))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "WXRELAY_ACCOUNTS_FILE: wx1111111111111111 has no callbackToken (callbackToken, callbackTokenFile or callbackTokenEnv)");
    assertThatThrownBy(() -> GatewayConfig.fromEnv(Env.of(Map.of())))
        .hasMessage("GATEWAY_APPS: is required when WXRELAY_ACCOUNTS_FILE is not set");
  }

  @Test
  void startsFromAnAccountsFileWhoseAppSecretIsNotHere(@TempDir Path dir) {
    SecretsApart accounts = SecretsApart.in(dir);

    GatewayConfig config =
        GatewayConfig.fromEnv(Env.of(accounts.withCallbackSecrets("the-callback-token")));

    assertThat(config.apps().get(SecretsApart.APPID))
        .isEqualTo(
            new GatewayApp(
                SecretsApart.APPID, "the-callback-token", SecretsApart.AES_KEY, null, true));
  }
}
