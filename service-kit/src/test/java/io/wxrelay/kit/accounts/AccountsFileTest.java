package io.wxrelay.kit.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxrelay.kit.config.ConfigException;
import io.wxrelay.kit.config.Env;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountsFileTest {
  private static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

  private static final Set<Secrets> ALL = EnumSet.allOf(Secrets.class);

  @TempDir Path dir;

  @Test
  void secretsOfAKindNotAskedForAreNeitherReadNorHeld() throws Exception {
    Path file =
        write(
            """
            accounts:
              - appid: wx5823bf96d3bd56c7
                secretFile: %s
                callbackTokenEnv: NOT_SET_HERE
                mode: safe
                encodingAesKeyFile: %s
                previousEncodingAesKey: inline-previous-key
            """
                .formatted(dir.resolve("no-such-secret"), dir.resolve("no-such-key")));

    Account worker = AccountsFile.read(file, Env.of(Map.of()), Set.of()).getFirst();
    assertThat(worker.secret()).isNull();
    assertThat(worker.callbackToken()).isNull();
    assertThat(worker.encodingAesKey()).isNull();
    assertThat(worker.previousEncodingAesKey()).as("not even an inline one").isNull();
    assertThat(worker.mode()).isEqualTo("safe");

    assertThatThrownBy(() -> AccountsFile.read(file, Env.of(Map.of()), Set.of(Secrets.APP_SECRET)))
        .hasMessageContaining("cannot read secretFile");
    assertThatThrownBy(() -> AccountsFile.read(file, Env.of(Map.of()), Set.of(Secrets.CALLBACK)))
        .hasMessageContaining("callbackTokenEnv names NOT_SET_HERE, which is not set");
  }

  @Test
  void readsEveryFieldAndSecretsInlineFromFilesAndFromTheEnvironment() throws Exception {
    Files.writeString(dir.resolve("secret"), "file-secret-value\n");
    Path file =
        write(
            """
            accounts:
              - appid: wx5823bf96d3bd56c7
                name: shop
                secretFile: %s
                tokenEndpoint: classic
                callbackTokenEnv: SHOP_TOKEN
                mode: safe
                encodingAesKey: %s
                rateLimits:
                  mass: 60/1m
                  message/custom/send: 400/1s
              - appid: wx0000000000000001
                secret: inline-secret
                callbackToken: plain-token
            """
                .formatted(dir.resolve("secret"), KEY));

    List<Account> accounts =
        AccountsFile.read(file, Env.of(Map.of("SHOP_TOKEN", "env-token")), ALL);

    Account shop = accounts.get(0);
    assertThat(shop.name()).isEqualTo("shop");
    assertThat(shop.secret()).isEqualTo("file-secret-value");
    assertThat(shop.tokenEndpoint()).isEqualTo("classic");
    assertThat(shop.callbackToken()).isEqualTo("env-token");
    assertThat(shop.mode()).isEqualTo("safe");
    assertThat(shop.encodingAesKey()).isEqualTo(KEY);
    assertThat(shop.rateLimits())
        .containsEntry("mass", "60/1m")
        .containsEntry("message/custom/send", "400/1s");
    Account second = accounts.get(1);
    assertThat(second.name()).isEqualTo("wx0000000000000001");
    assertThat(second.tokenEndpoint()).isEqualTo("stable");
    assertThat(second.mode()).isEqualTo("plain");
    assertThat(second.rateLimits()).isEmpty();
    assertThat(shop.toString()).doesNotContain("file-secret-value", "env-token", KEY);
  }

  @Test
  void fromEnvIsEmptyWithoutTheVariable() {
    assertThat(AccountsFile.fromEnv(Env.of(Map.of()), ALL)).isEmpty();
  }

  @Test
  void errorsNameTheAccountAndFieldButNeverAValue() throws Exception {
    assertProblem("accounts: []", "has no 'accounts' list");
    assertProblem("accounts:\n  - appid: nope\n", "account 1: appid must look like");
    assertProblem(
        "accounts:\n  - appid: wx5823bf96d3bd56c7\n    secrt: top-secret-typo\n",
        "account 1: unknown field 'secrt'");
    assertProblem(
        "accounts:\n  - appid: wx5823bf96d3bd56c7\n    secret: a\n    secretEnv: B\n",
        "give secret one way");
    assertProblem(
        "accounts:\n  - appid: wx5823bf96d3bd56c7\n    secretEnv: NOT_SET_ANYWHERE\n",
        "secretEnv names NOT_SET_ANYWHERE, which is not set");
    assertProblem(
        "accounts:\n  - appid: wx5823bf96d3bd56c7\n    mode: safe\n    encodingAesKey: short-secret\n",
        "safe mode needs a 43-character encodingAesKey");
    assertProblem(
        "accounts:\n  - appid: wx5823bf96d3bd56c7\n  - appid: wx5823bf96d3bd56c7\n",
        "names an appid twice");
    assertProblem("accounts: [unclosed", "is not valid YAML");
    assertProblem(
        "accounts:\n  - appid: wx5823bf96d3bd56c7\n    secret: top-secret-typo: x\n",
        "is not valid YAML (line 3, column ");
    assertProblem(
        "accounts:\n  - appid: wx5823bf96d3bd56c7\n    name: a\n    name: b\n",
        "is not valid YAML (line 4, column 5: found duplicate key name)");
    assertProblem( // the parser's own words would quote the alias
        "accounts:\n  - appid: wx5823bf96d3bd56c7\n    secret: *top-secret-typo\n",
        "is not valid YAML (line 3, column ");
    assertProblem(
        "accounts:\n  - appid: wx5823bf96d3bd56c7\n    mode: [safe]\n",
        "account 1: mode is a single value, not a list or a mapping");
    assertThatThrownBy(() -> AccountsFile.read(dir.resolve("missing.yml"), Env.of(Map.of()), ALL))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cannot read");
  }

  private void assertProblem(String yaml, String expected) throws Exception {
    Path file = write(yaml);
    assertThatThrownBy(() -> AccountsFile.read(file, Env.of(Map.of()), ALL))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(AccountsFile.VARIABLE + ": ")
        .hasMessageContaining(expected)
        .hasMessageNotContaining("top-secret-typo")
        .hasMessageNotContaining("short-secret");
  }

  private Path write(String yaml) throws Exception {
    Path file = Files.createTempFile(dir, "accounts", ".yml");
    Files.writeString(file, yaml);
    return file;
  }
}
