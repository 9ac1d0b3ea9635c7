package io.wxrelay.cli.token;

import io.wxrelay.cli.CliError;
import io.wxrelay.cli.CliSettings;
import io.wxrelay.cli.RelayContext;
import io.wxrelay.cli.store.RelayRedis;
import io.wxrelay.kit.accounts.Account;
import io.wxrelay.token.client.TicketType;
import io.wxrelay.token.store.RedisTokenStore;
import io.wxrelay.token.store.StoredToken;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wxrelay token status}: each account's token as kept in Redis, never the token itself. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Per account: the token's generation, endpoint, age and time left, today's force_refresh"
          + " budget, and whether it is ready; then each JS-SDK ticket's generation, age, time"
          + " left and force budget; then each token-service replica's readiness.",
      "Neither the token nor a ticket is ever printed."
    },
    footer = {"", "Example:", "  ./wxrelay token status"})
final class TokenStatus implements Callable<Integer> {
  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  @Spec CommandSpec spec;

  @Option(names = "--app", description = "only this appid (default: every configured account)")
  String app;

  @Override
  public Integer call() {
    CliSettings settings = RelayContext.settings(spec);
    List<String> appids = appids(settings);
    int forceLimit = settings.env().integer("TOKEN_FORCE_DAILY_LIMIT", 20, 0, 1000);
    var out = spec.commandLine().getOut();
    Instant now = Instant.now();
    boolean allReady = true;
    out.printf(
        "%-20s %-6s %-10s %-9s %-12s %-14s %s%n",
        "APPID", "READY", "GENERATION", "ENDPOINT", "OBTAINED", "EXPIRES IN", "FORCE BUDGET");
    try (RelayRedis redis = RelayRedis.connect(settings)) {
      for (String appid : appids) {
        allReady &= row(out, redis, appid, forceLimit, now);
      }
      out.printf(
          "%n%-20s %-8s %-10s %-12s %-14s %s%n",
          "APPID", "TICKET", "GENERATION", "OBTAINED", "EXPIRES IN", "FORCE BUDGET");
      for (String appid : appids) {
        for (TicketType type : TicketType.values()) {
          ticketRow(out, redis.tokens().view(type.storeSegment()), appid, type, forceLimit, now);
        }
      }
    }
    for (Map.Entry<String, URI> admin : settings.admins().entrySet()) {
      if (admin.getKey().startsWith("token")) {
        out.printf("replica %s: %s%n", admin.getKey(), readiness(admin.getValue()));
      }
    }
    return allReady ? 0 : CliError.NOT_SUCCEEDED;
  }

  private List<String> appids(CliSettings settings) {
    List<String> appids =
        app != null
            ? List.of(settings.appid(app))
            : settings.accounts().stream().map(Account::appid).toList();
    if (appids.isEmpty()) {
      throw new CliError(
          "no account to show: pass --app, or set WXRELAY_ACCOUNTS_FILE (scripts/up.sh does)");
    }
    return appids;
  }

  /** Prints the account's token line; whether it has a token that has not expired. */
  private static boolean row(
      PrintWriter out, RelayRedis redis, String appid, int forceLimit, Instant now) {
    Optional<StoredToken> token = redis.tokens().read(appid);
    String day = LocalDate.ofInstant(now, CHINA).toString();
    int budget = redis.tokens().forceBudgetLeft(appid, day, forceLimit);
    boolean ready = token.isPresent() && token.get().expiresAt().isAfter(now);
    out.printf(
        "%-20s %-6s %-10s %-9s %-12s %-14s %d of %d today%n",
        appid,
        ready ? "yes" : "no",
        token.map(t -> Long.toString(t.generation())).orElse("-"),
        token.map(StoredToken::endpoint).orElse("-"),
        token.map(t -> human(Duration.between(t.obtainedAt(), now)) + " ago").orElse("-"),
        token.map(t -> human(t.remaining(now))).orElse("-"),
        budget,
        forceLimit);
    return ready;
  }

  /** The ticket's line: what {@code store} (the type's view) holds; never the ticket. */
  private static void ticketRow(
      PrintWriter out,
      RedisTokenStore store,
      String appid,
      TicketType type,
      int forceLimit,
      Instant now) {
    Optional<StoredToken> ticket = store.read(appid);
    String day = LocalDate.ofInstant(now, CHINA).toString();
    out.printf(
        "%-20s %-8s %-10s %-12s %-14s %d of %d today%n",
        appid,
        type.wire(),
        ticket.map(t -> Long.toString(t.generation())).orElse("-"),
        ticket.map(t -> human(Duration.between(t.obtainedAt(), now)) + " ago").orElse("-"),
        ticket
            .map(t -> t.expiresAt().isAfter(now) ? human(t.remaining(now)) : "expired")
            .orElse("-"),
        store.forceBudgetLeft(appid, day, forceLimit),
        forceLimit);
  }

  private static String readiness(URI admin) {
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(admin.resolve("/health/ready"))
                  .timeout(Duration.ofSeconds(3))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return answer.statusCode() == 200 ? "ready" : "not ready: " + answer.body().strip();
    } catch (java.io.IOException e) {
      return "does not answer at " + admin;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /** {@code 1h 59m}, {@code 4m 10s}, {@code 12s}. */
  static String human(Duration d) {
    long s = d.toSeconds();
    if (s >= 3600) {
      return (s / 3600) + "h " + (s % 3600 / 60) + "m";
    }
    if (s >= 60) {
      return (s / 60) + "m " + (s % 60) + "s";
    }
    return s + "s";
  }
}
