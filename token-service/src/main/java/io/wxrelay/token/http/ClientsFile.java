package io.wxrelay.token.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.wxrelay.kit.config.ConfigException;
import io.wxrelay.schemas.Ids;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The HTTP API's clients file, named by {@value #VARIABLE}:
 *
 * <pre>
 * clients:
 *   - name: shop-web
 *     bearerFile: /run/secrets/shop-web-bearer   # or bearerSha256: &lt;64 hex digits&gt;
 *     apps: [wx5823bf96d3bd56c7]                 # or ["*"]: every app token-service serves
 *     invalidatePerHour: 2                       # 0: may not invalidate; default TOKEN_API_INVALIDATE_PER_HOUR
 *     scopes: [sign]                             # token, ticket, sign; default [token]
 * </pre>
 *
 * A bearer is never written in the file itself. Errors name the file, the client and the field,
 * never a bearer (nor a line of the file: YAML errors give only the position).
 */
public final class ClientsFile {
  public static final String VARIABLE = "TOKEN_API_CLIENTS_FILE";

  /** Most invalidations one client may ask for per hour: WeChat allows 20 force refreshes a day. */
  public static final int MAX_INVALIDATE_PER_HOUR = 20;

  private static final Set<String> FIELDS =
      Set.of("name", "bearerFile", "bearerSha256", "apps", "invalidatePerHour", "scopes");

  private ClientsFile() {}

  /**
   * The clients of {@code file}; each may name only apps of {@code served}.
   *
   * @param defaultPerHour the budget of a client that does not give {@code invalidatePerHour}
   */
  public static ApiClients read(Path file, Set<String> served, int defaultPerHour) {
    JsonNode list = clientList(file);
    List<ApiClient> clients = new ArrayList<>();
    for (JsonNode node : list) {
      Where where = new Where(file, Integer.toString(clients.size() + 1));
      clients.add(client(node, where, served, defaultPerHour));
    }
    try {
      return new ApiClients(clients);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(VARIABLE, file + ": " + e.getMessage());
    }
  }

  private static JsonNode clientList(Path file) {
    JsonNode root;
    try {
      root = new YAMLMapper().readTree(Files.readString(file, UTF_8));
    } catch (IOException e) {
      throw new ConfigException(
          VARIABLE, "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
    } catch (JacksonException e) {
      var at = e.getLocation();
      throw new ConfigException(
          VARIABLE,
          file
              + " is not valid YAML"
              + (at == null
                  ? ""
                  : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    }
    JsonNode list = root == null ? null : root.get("clients");
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new ConfigException(VARIABLE, file + " has no 'clients' list");
    }
    return list;
  }

  /** Which client of which file: by its place until its name is known. */
  private record Where(Path file, String client) {
    ConfigException problem(String text) {
      return new ConfigException(VARIABLE, this + text);
    }

    Where named(String name) {
      return new Where(file, name);
    }

    @Override
    public String toString() {
      return file + ", client " + client + ": ";
    }
  }

  private static ApiClient client(JsonNode node, Where where, Set<String> served, int perHour) {
    if (!node.isObject()) {
      throw where.problem("is not a mapping");
    }
    for (String field : node.propertyNames()) {
      if (field.equals("bearer")) {
        throw where.problem(
            "a bearer is not written in this file: give bearerFile (a file holding it) or"
                + " bearerSha256 (its SHA-256 in hex)");
      }
      if (!FIELDS.contains(field)) {
        throw where.problem("unknown field '" + field + "'");
      }
    }
    String name = node.path("name").asString("");
    if (!ApiClient.NAME.matcher(name).matches()) {
      throw where.problem("name must be 1 to 64 letters, digits, '.', '_' or '-'");
    }
    Where named = where.named(name);
    byte[] digest = digest(node, named);
    Set<String> apps = apps(node.get("apps"), named, served);
    int budget = budget(node.get("invalidatePerHour"), named, perHour);
    return new ApiClient(
        name, digest, apps, apps.contains("*"), budget, scopes(node.get("scopes"), named));
  }

  private static Set<Scope> scopes(JsonNode scopes, Where where) {
    if (scopes == null) {
      return EnumSet.of(Scope.TOKEN);
    }
    if (!scopes.isArray() || scopes.isEmpty()) {
      throw where.problem("scopes is a list of token, ticket and sign");
    }
    Set<Scope> result = EnumSet.noneOf(Scope.class);
    for (JsonNode scope : scopes) {
      result.add(
          Scope.of(scope.asString(""))
              .orElseThrow(
                  () ->
                      where.problem(
                          "scopes holds '"
                              + scope.asString("")
                              + "'; give token, ticket or sign")));
    }
    return result;
  }

  private static byte[] digest(JsonNode node, Where where) {
    JsonNode file = node.get("bearerFile");
    JsonNode sha = node.get("bearerSha256");
    if ((file == null) == (sha == null)) {
      throw where.problem("give exactly one of bearerFile and bearerSha256");
    }
    if (file != null) {
      if (!file.isString() || file.asString().isBlank()) {
        throw where.problem("bearerFile is a path");
      }
      // a relative path is relative to the clients file
      Path path = where.file().toAbsolutePath().resolveSibling(file.asString().strip());
      return Bearers.readDigest(path, VARIABLE, where.toString());
    }
    return Bearers.parseDigest(sha.asString(""), VARIABLE, where.toString());
  }

  private static Set<String> apps(JsonNode apps, Where where, Set<String> served) {
    if (apps == null || !apps.isArray() || apps.isEmpty()) {
      throw where.problem("apps is a list of appids, or [\"*\"] for every app");
    }
    Set<String> result = new LinkedHashSet<>();
    for (JsonNode app : apps) {
      String appid = app.asString("");
      if (appid.equals("*")) {
        if (apps.size() != 1) {
          throw where.problem("\"*\" stands alone in apps");
        }
      } else if (!Ids.isAppid(appid)) {
        throw where.problem("apps holds '" + appid + "', which is not an appid");
      } else if (!served.contains(appid)) {
        throw where.problem("token-service does not serve " + appid);
      }
      result.add(appid);
    }
    return result;
  }

  private static int budget(JsonNode value, Where where, int perHour) {
    if (value == null) {
      return perHour;
    }
    if (!value.isIntegralNumber()
        || value.asLong() < 0
        || value.asLong() > MAX_INVALIDATE_PER_HOUR) {
      throw where.problem(
          "invalidatePerHour is a whole number from 0 to " + MAX_INVALIDATE_PER_HOUR);
    }
    return value.asInt();
  }
}
