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

/** The clients file's scopes: least privilege by default, every scope named or refused. */
class ScopesTest {
  private static final String SHOP = "wx5823bf96d3bd56c7";
  private static final String BEARER = "web-bearer-0123456789abcdef0123";

  @TempDir Path dir;

  @Test
  void aClientWithoutScopesHasTheTokenScopeOnly() throws Exception {
    ApiClient client = only("");
    assertThat(client.may(Scope.TOKEN)).isTrue();
    assertThat(client.may(Scope.TICKET) || client.may(Scope.SIGN)).isFalse();
  }

  @Test
  void aSignOnlyClientMayNeitherReadTheTokenNorTheTickets() throws Exception {
    ApiClient client = only("    scopes: [sign]\n");
    assertThat(client.may(Scope.SIGN)).isTrue();
    assertThat(client.may(Scope.TOKEN) || client.may(Scope.TICKET)).isFalse();
    assertThat(client.toString()).contains("scopes=[sign]").doesNotContain(BEARER);
  }

  @Test
  void anUnknownOrEmptyScopeListStopsStartupNamingTheClient() {
    assertThatThrownBy(() -> only("    scopes: [sign, admin]\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("client web")
        .hasMessageContaining("'admin'");
    assertThatThrownBy(() -> only("    scopes: []\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("scopes is a list of token, ticket and sign");
  }

  @Test
  void theSingleBearerClientHasEveryScope() throws Exception {
    Path bearer = Files.writeString(dir.resolve("bearer"), BEARER);
    ApiClient client =
        ApiAccess.fromEnv(Env.of(Map.of(ApiAccess.BEARER_FILE, bearer.toString())), Set.of(SHOP))
            .orElseThrow()
            .clients()
            .authenticate("Bearer " + BEARER)
            .orElseThrow();
    assertThat(Set.of(Scope.values())).allMatch(client::may);
  }

  private ApiClient only(String scopes) throws Exception {
    String sha = HexFormat.of().formatHex(Bearers.sha256(BEARER));
    Path file =
        Files.writeString(
            dir.resolve("clients.yml"),
            "clients:\n  - name: web\n    bearerSha256: "
                + sha
                + "\n    apps: ["
                + SHOP
                + "]\n"
                + scopes);
    return ClientsFile.read(file, Set.of(SHOP), 2).all().getFirst();
  }
}
