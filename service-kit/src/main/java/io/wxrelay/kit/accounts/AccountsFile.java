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
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.DuplicateKeyException;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

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
 *
 * <p>Parsed with snakeyaml-engine (YAML 1.2, a duplicate key refused), the parser under Jackson's
 * YAML module, without Jackson: every CLI command that reads this file started a YAML object mapper
 * for it, ~45 ms of a 0.3 s command (decision 0041).
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
    Object root;
    try {
      root =
          new Load(LoadSettings.builder().build())
              .loadFromString(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ConfigException(
          VARIABLE, "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
    } catch (YamlEngineException e) {
      throw new ConfigException(VARIABLE, file + " is not valid YAML" + position(e));
    }
    Object list = root instanceof Map<?, ?> map ? map.get("accounts") : null;
    if (!(list instanceof List<?> entries) || entries.isEmpty()) {
      throw new ConfigException(VARIABLE, file + " has no 'accounts' list");
    }
    List<Account> accounts = new ArrayList<>();
    for (Object entry : entries) {
      accounts.add(account(entry, new Where(file, accounts.size() + 1), new Resolver(env, uses)));
    }
    long distinct = accounts.stream().map(Account::appid).distinct().count();
    if (distinct != accounts.size()) {
      throw new ConfigException(VARIABLE, file + " names an appid twice");
    }
    return List.copyOf(accounts);
  }

  /**
   * Where the parser stopped, without the line's text or the parser's words, which can quote the
   * file (an undefined alias, a tag) and so a secret: only a duplicate key is named, being a field.
   */
  private static String position(YamlEngineException e) {
    if (e instanceof MarkedYamlEngineException marked && marked.getProblemMark().isPresent()) {
      var mark = marked.getProblemMark().get();
      String what = e instanceof DuplicateKeyException ? ": " + marked.getProblem() : "";
      return String.format(
          " (line %d, column %d%s)", mark.getLine() + 1, mark.getColumn() + 1, what);
    }
    return "";
  }

  private record Where(Path file, int index) {
    ConfigException problem(String text) {
      return new ConfigException(VARIABLE, file + ", account " + index + ": " + text);
    }
  }

  /** Resolves the secrets of the kinds a service uses; the others stay unread. */
  private record Resolver(Env env, Set<Secrets> uses) {
    String secret(Map<?, ?> node, Secrets kind, String field, Where where, String appid) {
      String inline = text(node, field, where);
      String file = text(node, field + "File", where);
      String variable = text(node, field + "Env", where);
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

  private static Account account(Object entry, Where where, Resolver secrets) {
    if (!(entry instanceof Map<?, ?> node)) {
      throw where.problem("is not a mapping");
    }
    for (Object field : node.keySet()) {
      if (!(field instanceof String name) || !FIELDS.contains(name)) {
        throw where.problem("unknown field '" + field + "'");
      }
    }
    String appid = text(node, "appid", where);
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
    Object rates = node.get("rateLimits");
    if (rates != null) {
      if (!(rates instanceof Map<?, ?> buckets)) {
        throw where.problem(appid + ": rateLimits is a mapping of bucket to n/period");
      }
      buckets.forEach((bucket, rate) -> limits.put(String.valueOf(bucket), String.valueOf(rate)));
    }
    String name = Optional.ofNullable(text(node, "name", where)).orElse(appid);
    return new Account(
        appid, name, secret, endpoint, callbackToken, mode, aesKey, previousKey, limits);
  }

  private static String oneOf(
      Map<?, ?> node, String field, String defaultValue, Where where, String... allowed) {
    String value = Optional.ofNullable(text(node, field, where)).orElse(defaultValue);
    if (!List.of(allowed).contains(value)) {
      throw where.problem(field + " is one of " + String.join(", ", allowed));
    }
    return value;
  }

  /**
   * A scalar field as text (a number or a boolean as the parser read it), or null when absent or
   * empty; a list or a mapping there is refused.
   */
  private static String text(Map<?, ?> node, String field, Where where) {
    Object value = node.get(field);
    if (value == null) {
      return null;
    }
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      throw where.problem(field + " is a single value, not a list or a mapping");
    }
    String text = String.valueOf(value).trim();
    return text.isEmpty() ? null : text;
  }
}
