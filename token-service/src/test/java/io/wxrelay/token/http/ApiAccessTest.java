package io.wxrelay.token.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxrelay.kit.config.ConfigException;
import io.wxrelay.kit.config.Env;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the API's clients: from a clients file or one bearer file; never a bearer inline. */
class ApiAccessTest {
  private static final String SHOP = "wx5823bf96d3bd56c7";
  private static final String CRM = "wx1111111111111111";
  private static final Set<String> SERVED = Set.of(SHOP, CRM);
  private static final String SHOP_BEARER = "shop-web-bearer-0123456789abcdef";
  private static final String CRM_BEARER = "crm-bearer-fedcba9876543210";

  @TempDir Path dir;

  @Test
  void aClientsFileScopesEachBearerToItsApps() throws Exception {
    Files.writeString(dir.resolve("shop-web-bearer"), SHOP_BEARER + "\n");
    String crmSha = HexFormat.of().formatHex(Bearers.sha256(CRM_BEARER)).toUpperCase();
    Path file =
        clients(
            """
            clients:
              - name: shop-web
                bearerFile: shop-web-bearer
                apps: [%s]
              - name: crm
                bearerSha256: %s
                apps: ["*"]
                invalidatePerHour: 0
            """
                .formatted(SHOP, crmSha));

    ApiAccess access = read(Map.of("TOKEN_API_CLIENTS_FILE", file.toString())).orElseThrow();

    ApiClient shop = access.clients().authenticate("Bearer " + SHOP_BEARER).orElseThrow();
    assertThat(shop.name())
        .as("the trailing newline of the bearer file is not part of it")
        .isEqualTo("shop-web");
    assertThat(shop.mayUse(SHOP)).isTrue();
    assertThat(shop.mayUse(CRM)).isFalse();
    assertThat(shop.invalidatePerHour()).as("the default budget").isEqualTo(2);
    ApiClient crm = access.clients().authenticate("bearer " + CRM_BEARER).orElseThrow();
    assertThat(crm.name()).isEqualTo("crm");
    assertThat(crm.mayUse(SHOP) && crm.mayUse(CRM)).isTrue();
    assertThat(crm.invalidatePerHour()).isZero();
    assertThat(access.clients().authenticate("Bearer " + SHOP_BEARER + "x")).isEmpty();
    assertThat(access.clients().authenticate(SHOP_BEARER)).as("no scheme").isEmpty();
    assertThat(access.clients().authenticate(null)).isEmpty();
    assertThat(access.tls()).isNull();
    assertThat(access.toString()).doesNotContain(SHOP_BEARER).doesNotContain(crmSha);
  }

  @Test
  void oneBearerFileIsAClientOfEveryAppWithTheDefaultBudget() throws Exception {
    Path bearer = Files.writeString(dir.resolve("bearer"), SHOP_BEARER + "\r\n");

    ApiAccess access =
        read(Map.of(
                "TOKEN_API_BEARER_FILE", bearer.toString(), "TOKEN_API_INVALIDATE_PER_HOUR", "5"))
            .orElseThrow();

    ApiClient client = access.clients().authenticate("Bearer " + SHOP_BEARER).orElseThrow();
    assertThat(client.name()).isEqualTo("default");
    assertThat(client.everyApp()).isTrue();
    assertThat(client.invalidatePerHour()).isEqualTo(5);
    assertThat(read(Map.of())).as("no clients: the API is off").isEmpty();
  }

  @Test
  void aBearerInTheEnvironmentIsRefusedWithoutEchoingIt() {
    assertThatThrownBy(() -> read(Map.of("TOKEN_API_BEARER", SHOP_BEARER)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("TOKEN_API_BEARER_FILE")
        .hasMessageContaining("TOKEN_API_CLIENTS_FILE")
        .message()
        .doesNotContain(SHOP_BEARER);
  }

  @Test
  void errorsNameTheFileAndTheClientButNeverABearer() throws Exception {
    Path shortBearer = Files.writeString(dir.resolve("short"), "too-short\n");
    assertThatThrownBy(() -> read(Map.of("TOKEN_API_BEARER_FILE", shortBearer.toString())))
        .hasMessageStartingWith("TOKEN_API_BEARER_FILE: the bearer in " + shortBearer)
        .message()
        .doesNotContain("too-short");

    Path spaced = Files.writeString(dir.resolve("spaced"), "two words of a bearer 0123456789");
    Path file =
        clients(
            "clients:\n  - name: shop-web\n    bearerFile: "
                + spaced
                + "\n    apps: ["
                + SHOP
                + "]\n");
    assertThatThrownBy(() -> read(Map.of("TOKEN_API_CLIENTS_FILE", file.toString())))
        .hasMessageStartingWith("TOKEN_API_CLIENTS_FILE: " + file + ", client shop-web: ")
        .hasMessageContaining(spaced.toString())
        .message()
        .doesNotContain("two words");

    Path inline =
        clients("clients:\n  - name: x\n    bearer: " + SHOP_BEARER + "\n    apps: [\"*\"]\n");
    assertThatThrownBy(() -> read(Map.of("TOKEN_API_CLIENTS_FILE", inline.toString())))
        .hasMessageContaining(inline + ", client 1: a bearer is not written in this file")
        .message()
        .doesNotContain(SHOP_BEARER);

    Path broken = clients("clients: [ {name: x, bearerSha256: " + SHOP_BEARER + "\n");
    assertThatThrownBy(() -> read(Map.of("TOKEN_API_CLIENTS_FILE", broken.toString())))
        .hasMessageContaining(broken + " is not valid YAML")
        .message()
        .doesNotContain(SHOP_BEARER);

    Path missing = dir.resolve("absent.yml");
    assertThatThrownBy(() -> read(Map.of("TOKEN_API_CLIENTS_FILE", missing.toString())))
        .hasMessage("TOKEN_API_CLIENTS_FILE: cannot read " + missing + " (NoSuchFileException)");
  }

  @Test
  void aClientFileIsCheckedAgainstTheAppsAndItsOtherClients() throws Exception {
    String sha = HexFormat.of().formatHex(Bearers.sha256(SHOP_BEARER));
    assertProblem(
        "clients:\n  - {name: a, bearerSha256: " + sha + ", apps: [wx9999999999999999]}\n",
        "client a: token-service does not serve wx9999999999999999");
    assertProblem(
        "clients:\n  - {name: a, bearerSha256: "
            + sha
            + ", apps: [\"*\"]}\n"
            + "  - {name: b, bearerSha256: "
            + sha
            + ", apps: [\"*\"]}\n",
        "b has the bearer of another client");
    assertProblem(
        "clients:\n  - {name: a, bearerSha256: "
            + sha
            + ", apps: [\"*\"], invalidatePerHour: 21}\n",
        "invalidatePerHour is a whole number from 0 to 20");
    assertProblem(
        "clients:\n  - {name: a, bearerSha256: abc, apps: [\"*\"]}\n",
        "bearerSha256 must be 64 hexadecimal digits");
    assertProblem("clients:\n  - {name: a, apps: [\"*\"]}\n", "exactly one of bearerFile");
    assertProblem(
        "clients:\n  - {name: \"a b\", bearerSha256: " + sha + ", apps: [\"*\"]}\n",
        "name must be");
  }

  @Test
  void tlsNeedsAKeystoreAndItsPasswordFileAndAnApi() throws Exception {
    Path bearer = Files.writeString(dir.resolve("bearer"), SHOP_BEARER);
    assertThatThrownBy(
            () ->
                read(
                    Map.of(
                        "TOKEN_API_BEARER_FILE",
                        bearer.toString(),
                        "TOKEN_API_TLS_KEYSTORE",
                        dir.resolve("api.p12").toString())))
        .hasMessage(
            "TOKEN_API_TLS_KEYSTORE_PASSWORD_FILE: is required with TOKEN_API_TLS_KEYSTORE");
    Path password = Files.writeString(dir.resolve("password"), "pw");
    assertThatThrownBy(
            () ->
                read(
                    Map.of(
                        "TOKEN_API_TLS_KEYSTORE",
                        dir.resolve("api.p12").toString(),
                        "TOKEN_API_TLS_KEYSTORE_PASSWORD_FILE",
                        password.toString())))
        .hasMessageStartingWith("TOKEN_API_TLS_KEYSTORE: cannot read");
  }

  private void assertProblem(String yaml, String problem) throws Exception {
    Path file = clients(yaml);
    assertThatThrownBy(() -> read(Map.of("TOKEN_API_CLIENTS_FILE", file.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("TOKEN_API_CLIENTS_FILE: " + file)
        .hasMessageContaining(problem)
        .message()
        .doesNotContain(HexFormat.of().formatHex(Bearers.sha256(SHOP_BEARER)));
  }

  private Path clients(String yaml) throws Exception {
    return Files.writeString(Files.createTempFile(dir, "clients", ".yml"), yaml);
  }

  private static java.util.Optional<ApiAccess> read(Map<String, String> env) {
    return ApiAccess.fromEnv(Env.of(env), SERVED);
  }
}
