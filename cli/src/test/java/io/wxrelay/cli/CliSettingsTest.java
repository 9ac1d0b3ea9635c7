package io.wxrelay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxrelay.kit.accounts.Account;
import io.wxrelay.kit.accounts.Secrets;
import io.wxrelay.kit.config.Env;
import io.wxrelay.testkit.SecretsApart;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliSettingsTest {
  @Test
  void startsFromAnAccountsFileWithoutAnyOfItsSecretsAndHoldsNone(@TempDir Path dir) {
    SecretsApart accounts = SecretsApart.in(dir);

    CliSettings settings = CliSettings.fromEnv(Env.of(accounts.withoutSecrets()));

    assertThat(settings.accounts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.appid()).isEqualTo(SecretsApart.APPID);
              assertThat(a.secret()).isNull();
              assertThat(a.callbackToken()).isNull();
              assertThat(a.encodingAesKey()).isNull();
            });
    assertThat(settings.appid(null)).isEqualTo(SecretsApart.APPID);
  }

  @Test
  void aCommandThatNeedsASecretResolvesItOnPurpose(@TempDir Path dir) {
    SecretsApart accounts = SecretsApart.in(dir);

    CliSettings settings = CliSettings.fromEnv(Env.of(accounts.withAppSecret("the-secret")));

    assertThat(settings.accounts(Set.of(Secrets.APP_SECRET)))
        .extracting(Account::secret)
        .containsExactly("the-secret");
    assertThatThrownBy(() -> settings.accounts(Set.of(Secrets.CALLBACK)))
        .hasMessageContaining(SecretsApart.CALLBACK_TOKEN_VARIABLE + ", which is not set");
  }
}
