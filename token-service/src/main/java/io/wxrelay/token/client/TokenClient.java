package io.wxrelay.token.client;

import io.wxrelay.kit.config.RedisSettings;
import io.wxrelay.token.store.RedisTokenStore;
import io.wxrelay.token.store.StoredToken;
import io.wxrelay.token.store.TokenEvents;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What a worker embeds to get tokens: no secrets, never calls WeChat.
 *
 * <ul>
 *   <li>{@link #current} answers from a local cache that Redis pub/sub keeps fresh (a map read on
 *       the hot path), falling back to a Redis read when the cache has nothing valid.
 *   <li>{@link #reportInvalid} asks token-service to refresh exactly the generation that failed and
 *       waits, bounded, for a different one. Callers of one process reporting the same generation
 *       share one request.
 *   <li>{@link #renewAfterFailure} is OkHttp's {@code Authenticator} contract
 *       (docs/architecture.md, convention 5): one newer token or an exception; the caller retries
 *       once and never loops.
 * </ul>
 */
public final class TokenClient implements Tokens, AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(250);
  private static final int REPUBLISH_EVERY_POLLS = 4;

  private final RedisTokenStore store;
  private final Duration waitBound;
  private final Map<String, AccessToken> cache = new ConcurrentHashMap<>();
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("token-client").factory());
  private final TokenEvents events;
  private final Map<TicketType, TokenClient> tickets = new ConcurrentHashMap<>();

  private record Pending(
      CompletableFuture<AccessToken> result, long generation, ScheduledFuture<?> poll) {}

  private TokenClient(RedisTokenStore store, Duration waitBound) {
    this.store = store;
    this.waitBound = waitBound;
    this.events = TokenEvents.start(store, this::onUpdate, null, cache::clear);
  }

  /** A client with its own Redis connections. */
  public static TokenClient connect(RedisSettings redis, String prefix, Duration waitBound) {
    return new TokenClient(RedisTokenStore.connect(redis, prefix), waitBound);
  }

  @Override
  public AccessToken current(String appid) {
    AccessToken cached = cache.get(appid);
    if (cached != null && System.currentTimeMillis() < cached.expiresAt().toEpochMilli()) {
      return cached;
    }
    return load(appid)
        .filter(t -> System.currentTimeMillis() < t.expiresAt().toEpochMilli())
        .orElseThrow(
            () -> new TokenUnavailableException("no valid token for " + appid + " in Redis yet"));
  }

  /**
   * The current ticket of {@code type} for {@code appid}, from the same kind of cache as tokens
   * (kept fresh by the ticket's own Redis channel).
   *
   * @throws TokenUnavailableException when there is no valid one
   */
  public Ticket ticket(String appid, TicketType type) {
    return toTicket(type, ticketClient(type).current(appid));
  }

  /**
   * WeChat refused the ticket of {@code generation}: returns one of another generation, waiting at
   * most the client's bound (token-service fetches again within its force budget).
   *
   * @throws TokenUnavailableException when no other generation appears in time
   */
  public Ticket reportTicketInvalid(String appid, TicketType type, long generation) {
    return toTicket(type, ticketClient(type).reportInvalid(appid, generation));
  }

  /** A fresh read of a ticket from Redis, skipping the cache (diagnostics: token status). */
  public Optional<Ticket> readTicket(String appid, TicketType type) {
    return ticketClient(type).read(appid).map(t -> toTicket(type, t));
  }

  private TokenClient ticketClient(TicketType type) {
    return tickets.computeIfAbsent(
        type, t -> new TokenClient(store.view(t.storeSegment()), waitBound));
  }

  private static Ticket toTicket(TicketType type, AccessToken held) {
    return new Ticket(held.appid(), type, held.value(), held.generation(), held.expiresAt());
  }

  /** A fresh read from Redis, skipping the cache (for benchmarks and diagnostics). */
  public Optional<AccessToken> read(String appid) {
    return store.read(appid).map(TokenClient::toAccessToken);
  }

  /**
   * WeChat said the token of {@code generation} is invalid: returns a token of another generation,
   * waiting at most the client's bound for token-service to refresh.
   *
   * @throws TokenUnavailableException when no other generation appears in time
   */
  public AccessToken reportInvalid(String appid, long generation) {
    AccessToken cached = cache.get(appid);
    if (cached != null && cached.generation() != generation) {
      return cached; // already replaced
    }
    Pending wait =
        pending.computeIfAbsent(appid + " " + generation, k -> startWaiting(appid, generation));
    try {
      return wait.result().get(waitBound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new TokenUnavailableException(
          "no token newer than generation " + generation + " of " + appid + " within " + waitBound);
    } catch (ExecutionException e) {
      throw new TokenUnavailableException(
          "waiting for a new token of " + appid + " failed: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TokenUnavailableException("interrupted while waiting for a new token of " + appid);
    }
  }

  @Override
  public AccessToken renewAfterFailure(AccessToken used) {
    return reportInvalid(used.appid(), used.generation());
  }

  private Pending startWaiting(String appid, long generation) {
    CompletableFuture<AccessToken> result = new CompletableFuture<>();
    try {
      store.requestRefresh(appid, generation);
    } catch (RuntimeException e) {
      // Redis away: the poller asks again
    }
    int[] polls = {0};
    ScheduledFuture<?> poll =
        poller.scheduleWithFixedDelay(
            () -> {
              try {
                Optional<AccessToken> now = load(appid);
                if (now.isPresent() && now.get().generation() != generation) {
                  finish(appid, now.get());
                } else if (++polls[0] % REPUBLISH_EVERY_POLLS == 0) {
                  store.requestRefresh(appid, generation); // pub/sub drops messages nobody heard
                }
              } catch (RuntimeException e) {
                // Redis away for now: the next poll tries again (an exception would end the task)
              }
            },
            POLL.toMillis(),
            POLL.toMillis(),
            TimeUnit.MILLISECONDS);
    result.whenComplete((t, e) -> poll.cancel(false));
    Pending created = new Pending(result, generation, poll);
    poller.schedule(
        () -> pending.remove(appid + " " + generation, created),
        waitBound.toMillis(),
        TimeUnit.MILLISECONDS);
    return created;
  }

  private void onUpdate(String appid, long generation) {
    AccessToken cached = cache.get(appid);
    if (cached == null || cached.generation() != generation) {
      load(appid).ifPresent(t -> finish(appid, t));
    }
  }

  /** Completes every wait on {@code appid} for a generation other than {@code token}'s. */
  private void finish(String appid, AccessToken token) {
    pending.forEach(
        (key, wait) -> {
          if (key.startsWith(appid + " ")
              && wait.generation() != token.generation()
              && pending.remove(key, wait)) {
            wait.result().complete(token);
          }
        });
  }

  /** Reads Redis into the cache; Redis trouble becomes a {@link TokenUnavailableException}. */
  private Optional<AccessToken> load(String appid) {
    Optional<AccessToken> token;
    try {
      token = read(appid);
    } catch (TokenUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new TokenUnavailableException(
          "Redis unreachable (" + e.getClass().getSimpleName() + ")");
    }
    token.ifPresentOrElse(t -> cache.put(appid, t), () -> cache.remove(appid));
    return token;
  }

  private static AccessToken toAccessToken(StoredToken stored) {
    return new AccessToken(stored.appid(), stored.token(), stored.generation(), stored.expiresAt());
  }

  @Override
  public void close() {
    tickets.values().forEach(TokenClient::close);
    events.close();
    poller.shutdownNow();
    store.close();
  }
}
