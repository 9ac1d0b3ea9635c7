package io.wxrelay.cli;

import io.wxrelay.kit.accounts.Account;
import io.wxrelay.kit.accounts.AccountsFile;
import io.wxrelay.kit.accounts.Secrets;
import io.wxrelay.kit.config.Env;
import io.wxrelay.kit.config.KafkaSettings;
import io.wxrelay.kit.config.RedisSettings;
import io.wxrelay.schemas.Topic;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the CLI finds the relay: the same variables the services read, which {@code ./wxrelay}
 * takes from {@code .run/relay/relay.env} when {@code scripts/up.sh} wrote it.
 *
 * @param accounts the accounts file's accounts, empty when {@code WXRELAY_ACCOUNTS_FILE} is unset
 * @param prometheus Prometheus' base URL ({@code WXRELAY_PROMETHEUS_URL}), if known
 * @param simulator the simulator's base URL ({@code WXRELAY_SIM_URL}), when the relay runs on it
 * @param admins each service replica's admin base URL ({@code WXRELAY_ADMIN_URLS}: {@code
 *     name=url,...})
 */
public record CliSettings(
    Env env,
    KafkaSettings kafka,
    RedisSettings redis,
    List<Account> accounts,
    String tokenRedisPrefix,
    Optional<URI> prometheus,
    Optional<URI> simulator,
    Map<String, URI> admins) {

  public static CliSettings fromEnv(Env env) {
    Map<String, URI> admins = new LinkedHashMap<>();
    for (String entry : env.string("WXRELAY_ADMIN_URLS", "").split(",")) {
      int eq = entry.indexOf('=');
      if (eq > 0) {
        admins.put(entry.substring(0, eq).trim(), URI.create(entry.substring(eq + 1).trim()));
      }
    }
    return new CliSettings(
        env,
        KafkaSettings.fromEnv(env),
        RedisSettings.fromEnv(env),
        AccountsFile.fromEnv(env, Set.of()).orElse(List.of()),
        env.string("TOKEN_REDIS_PREFIX", "wxrelay:token:"),
        env.optional("WXRELAY_PROMETHEUS_URL").map(URI::create),
        env.optional("WXRELAY_SIM_URL").map(URI::create),
        Map.copyOf(admins));
  }

  /**
   * The accounts again, with the secrets of {@code uses} resolved: the CLI reads none of them,
   * except where a command checks them ({@code accounts}) or plays someone who holds one (the
   * demo's outsider rotating the token).
   */
  public List<Account> accounts(Set<Secrets> uses) {
    return AccountsFile.fromEnv(env, uses).orElse(List.of());
  }

  /** The topic's name, as overridden by {@code WXRELAY_TOPIC_<NAME>}. */
  public String topic(Topic topic) {
    return env.topicName(topic);
  }

  /**
   * The account a command is for: {@code given} if it is configured (or no accounts file is known),
   * else the only configured account.
   */
  public String appid(String given) {
    if (given != null) {
      if (!accounts.isEmpty() && accounts.stream().noneMatch(a -> a.appid().equals(given))) {
        throw new CliError(
            "unknown account "
                + given
                + ": the accounts file configures "
                + String.join(", ", accounts.stream().map(Account::appid).toList()));
      }
      return given;
    }
    if (accounts.size() == 1) {
      return accounts.get(0).appid();
    }
    throw new CliError(
        accounts.isEmpty()
            ? "no account given: pass --app, or set WXRELAY_ACCOUNTS_FILE (scripts/up.sh does)"
            : "several accounts are configured: pass --app with one of "
                + String.join(", ", accounts.stream().map(Account::appid).toList()));
  }
}
