package io.wxrelay.kit.accounts;

import io.wxrelay.kit.config.ConfigException;
import io.wxrelay.kit.config.Env;
import io.wxrelay.schemas.Ids;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The one place a user configures WeChat accounts: a YAML file where by {@value #VARIABLE} that
 * token-service, callback-gateway and send-worker all read.
 *
 * <pre>
 * accounts:
 *   - appid: wx5823bf96d3bd56c7
 *     name: shop
 *     secretFile: /run/secrets/shop-appsecret   # or secretEnv: SHOP_SECRET, or secret: ...
 *     tokenEndpoint: stable                     # or classic
 *     callbackToken: shop-callback-token        # also callbackTokenEnv / callbackTokenFile
 *     mode: safe                                # plain, compat or safe
 *     encodingAesKeyEnv: SHOP_AES_KEY           # compat and safe; previousEncodingAesKey too
 *     rateLimits:
 *       mass: 60/1m
 *       message/custom/send: 400/1s
 * </pre>
 *
 * Every secret ({@code secret}, {@code callbackToken}, {@code encodingAesKey}, {@code
 * previousEncodingAesKey}) can be written inline, read from a file ({@code ...File}: the file's
 * content, trimmed) or from an environment variable ({@code ...Env}), never from a command line. A
 * service resolves only the {@link Secrets} it uses: token-service the AppSecrets, the gateway the
 * callback tokens and keys, the workers and the CLI none, so their files and variables need not
 * exist where those run. Errors name the file, the account and the field, never a value.
 */
public final class AccountsFile {
  /** The environment variable that names the file. */
  public static final String VARIABLE = "WXRELAY_ACCOUNTS_FILE";

  private static final Set<String> FIELDS =
      Set.of(
          "appid",
          "name",
          "secret",
          "secretFile",
          "secretEnv",
          "tokenEndpoint",
          "callbackToken",
          "callbackTokenFile",
          "callbackTokenEnv",
          "mode",
          "encodingAesKey",
          "encodingAesKeyFile",
          "encodingAesKeyEnv",
          "previousEncodingAesKey",
          "previousEncodingAesKeyFile",
          "previousEncodingAesKeyEnv",
          "rateLimits");

  private AccountsFile() {}

  /**
   * The accounts of the file where by {@value #VARIABLE}, if it is set, with the secrets of {@code
   * uses} resolved (none if empty).
   */
  public static Optional<List<Account>> fromEnv(Env env, Set<Secrets> uses) {
    return env.optional(VARIABLE).map(path -> read(Path.of(path), env, uses));
  }

  /**
   * The accounts of the file, for a service whose own list ({@code overrideVariable}, e.g. {@code
   * TOKEN_APPS}) is not set: one of the two is required.
   */
  public static List<Account> required(Env env, String overrideVariable, Set<Secrets> uses) {
    return fromEnv(env, uses)
        .orElseThrow(
            () ->
                new ConfigException(
                    overrideVariable, "is required when " + VARIABLE + " is not set"));
  }

  /**
   * Reads and checks {@code file}; {@code env} resolves {@code ...Env} fields of the secrets in
   * {@code uses}.
   */
  public static List<Account> read(Path file, Env env, Set<Secrets> uses) {
    JsonNode root;
    try {
      root = new YAMLMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ConfigException(
          VARIABLE, "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
    } catch (JacksonException e) {
      throw new ConfigException(VARIABLE, file + " is not valid YAML: " + e.getOriginalMessage());
    }
    JsonNode list = root == null ? null : root.get("accounts");
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new ConfigException(VARIABLE, file + " has no 'accounts' list");
    }
    List<Account> accounts = new ArrayList<>();
    for (JsonNode node : list) {
      accounts.add(account(node, new Where(file, accounts.size() + 1), new Resolver(env, uses)));
    }
    long distinct = accounts.stream().map(Account::appid).distinct().count();
    if (distinct != accounts.size()) {
      throw new ConfigException(VARIABLE, file + " names an appid twice");
    }
    return List.copyOf(accounts);
  }

  private record Where(Path file, int index) {
    ConfigException problem(String text) {
      return new ConfigException(VARIABLE, file + ", account " + index + ": " + text);
    }
  }

  /** Resolves the secrets of the kinds a service uses; the others stay unread. */
  private record Resolver(Env env, Set<Secrets> uses) {
    String secret(JsonNode node, Secrets kind, String field, Where where, String appid) {
      String inline = text(node, field);
      String file = text(node, field + "File");
      String variable = text(node, field + "Env");
      int given = (inline == null ? 0 : 1) + (file == null ? 0 : 1) + (variable == null ? 0 : 1);
      if (given > 1) {
        throw where.problem(
            appid + ": give " + field + " one way: inline, " + field + "File or " + field + "Env");
      }
      if (!uses.contains(kind)) {
        return null;
      }
      if (file != null) {
        return fromFile(file, field, where, appid);
      }
      if (variable != null) {
        return env.optional(variable)
            .orElseThrow(
                () ->
                    where.problem(
                        appid + ": " + field + "Env names " + variable + ", which is not set"));
      }
      return inline;
    }

    private static String fromFile(String file, String field, Where where, String appid) {
      try {
        String value = Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
        return value.isEmpty() ? null : value;
      } catch (IOException e) {
        throw where.problem(appid + ": cannot read " + field + "File " + file);
      }
    }
  }

  private static Account account(JsonNode node, Where where, Resolver secrets) {
    if (!node.isObject()) {
      throw where.problem("is not a mapping");
    }
    for (String field : node.propertyNames()) {
      if (!FIELDS.contains(field)) {
        throw where.problem("unknown field '" + field + "'");
      }
    }
    String appid = text(node, "appid");
    if (appid == null || !Ids.isAppid(appid)) {
      throw where.problem("appid must look like wx followed by 16 letters or digits");
    }
    String secret = secrets.secret(node, Secrets.APP_SECRET, "secret", where, appid);
    String endpoint = oneOf(node, "tokenEndpoint", "stable", where, "stable", "classic");
    String mode = oneOf(node, "mode", "plain", where, "plain", "compat", "safe");
    String callbackToken = secrets.secret(node, Secrets.CALLBACK, "callbackToken", where, appid);
    String aesKey = secrets.secret(node, Secrets.CALLBACK, "encodingAesKey", where, appid);
    String previousKey =
        secrets.secret(node, Secrets.CALLBACK, "previousEncodingAesKey", where, appid);
    if (secrets.uses().contains(Secrets.CALLBACK)
        && !mode.equals("plain")
        && (aesKey == null || aesKey.length() != 43)) {
      throw where.problem(appid + ": " + mode + " mode needs a 43-character encodingAesKey");
    }
    Map<String, String> limits = new LinkedHashMap<>();
    JsonNode rates = node.get("rateLimits");
    if (rates != null) {
      if (!rates.isObject()) {
        throw where.problem(appid + ": rateLimits is a mapping of bucket to n/period");
      }
      rates.properties().forEach(e -> limits.put(e.getKey(), e.getValue().asString()));
    }
    String name = Optional.ofNullable(text(node, "name")).orElse(appid);
    return new Account(
        appid, name, secret, endpoint, callbackToken, mode, aesKey, previousKey, limits);
  }

  private static String oneOf(
      JsonNode node, String field, String defaultValue, Where where, String... allowed) {
    String value = Optional.ofNullable(text(node, field)).orElse(defaultValue);
    if (!List.of(allowed).contains(value)) {
      throw where.problem(field + " is one of " + String.join(", ", allowed));
    }
    return value;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    String text = value.asString().trim();
    return text.isEmpty() ? null : text;
  }
}
