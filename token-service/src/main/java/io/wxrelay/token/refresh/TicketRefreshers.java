package io.wxrelay.token.refresh;

import io.wxrelay.kit.lifecycle.Lifecycle;
import io.wxrelay.token.client.TicketType;
import io.wxrelay.token.client.Tokens;
import io.wxrelay.token.metrics.TokenMetrics;
import io.wxrelay.token.store.RedisTokenStore;
import io.wxrelay.token.store.TokenEvents;
import io.wxrelay.token.upstream.AppCredentials;
import io.wxrelay.token.upstream.WeChatTicketEndpoint;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * The refreshers of one replica's tickets: per ticket type, the token's scheme under its own Redis
 * keys ({@link RedisTokenStore#view}), an {@link AppRefresher} per account fetching with the
 * account's current access token, and the pub/sub listener that wakes them.
 */
public final class TicketRefreshers {
  private TicketRefreshers() {}

  /** Where the ticket refreshers of a replica fetch and keep tickets. */
  public record Wiring(
      URI wechatApiBase,
      Duration timeout,
      JsonMapper mapper,
      RedisTokenStore store,
      Tokens tokens,
      TokenMetrics metrics,
      RefreshSettings settings,
      InstantSource clock) {}

  /**
   * Builds (not starts) the refreshers of {@code types} for {@code apps}; registers what closes.
   */
  public static List<AppRefresher> build(
      Wiring wiring, List<AppCredentials> apps, Set<TicketType> types, Lifecycle lifecycle) {
    List<AppRefresher> all = new ArrayList<>();
    for (TicketType type : types) {
      RedisTokenStore store = wiring.store().view(type.storeSegment());
      var endpoint =
          new WeChatTicketEndpoint(
              wiring.wechatApiBase(), wiring.timeout(), wiring.mapper(), wiring.tokens(), type);
      lifecycle.register(type.wire() + " client", endpoint::close);
      Map<String, AppRefresher> byApp = new LinkedHashMap<>();
      for (AppCredentials app : apps) {
        // no secret: getticket takes the access token; the stable scheme (same value while valid)
        var credentials = new AppCredentials(app.appid(), "", AppCredentials.Endpoint.STABLE);
        byApp.put(
            app.appid(),
            new AppRefresher(
                credentials,
                type.held(),
                wiring.settings(),
                store,
                endpoint,
                wiring.metrics().holding(type.held()),
                wiring.clock()));
      }
      lifecycle.register(type.wire() + " events", events(store, byApp));
      all.addAll(byApp.values());
    }
    return all;
  }

  private static TokenEvents events(RedisTokenStore store, Map<String, AppRefresher> byApp) {
    return TokenEvents.start(
        store,
        (appid, gen) -> {
          AppRefresher r = byApp.get(appid);
          if (r != null) {
            r.wake();
          }
        },
        (appid, gen) -> {
          AppRefresher r = byApp.get(appid);
          if (r != null) {
            r.reportInvalid(gen);
          }
        },
        () -> byApp.values().forEach(AppRefresher::wake));
  }
}
