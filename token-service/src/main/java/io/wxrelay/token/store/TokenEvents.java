package io.wxrelay.token.store;

import java.time.Duration;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Listens to the token channels on Redis pub/sub: updates (a new token was written) and requests (a
 * worker saw a token fail). Runs on its own thread, resubscribes after Redis restarts, and calls
 * {@code onReconnect} then, because messages published while it was away are lost.
 */
public final class TokenEvents implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TokenEvents.class);
  private static final Duration RETRY = Duration.ofMillis(500);

  private final RedisTokenStore store;
  private final BiConsumer<String, Long> onUpdate;
  private final BiConsumer<String, Long> onRequest;
  private final Runnable onReconnect;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile JedisPubSub subscription;

  private TokenEvents(
      RedisTokenStore store,
      BiConsumer<String, Long> onUpdate,
      BiConsumer<String, Long> onRequest,
      Runnable onReconnect) {
    this.store = store;
    this.onUpdate = onUpdate;
    this.onRequest = onRequest;
    this.onReconnect = onReconnect;
    this.thread = Thread.ofPlatform().daemon().name("token-events").unstarted(this::run);
  }

  /** Starts listening. {@code onRequest} may be null (clients do not serve requests). */
  public static TokenEvents start(
      RedisTokenStore store,
      BiConsumer<String, Long> onUpdate,
      BiConsumer<String, Long> onRequest,
      Runnable onReconnect) {
    TokenEvents events = new TokenEvents(store, onUpdate, onRequest, onReconnect);
    events.thread.start();
    return events;
  }

  private void run() {
    while (running) {
      JedisPubSub pubSub = new Listener();
      subscription = pubSub;
      try {
        Keys keys = store.keys();
        if (onRequest == null) {
          store.redis().subscribe(pubSub, keys.updates());
        } else {
          store.redis().subscribe(pubSub, keys.updates(), keys.requests());
        }
      } catch (JedisException | IllegalStateException e) {
        if (running) {
          log.warn(
              "token channel subscription lost ({}); resubscribing", e.getClass().getSimpleName());
          sleep();
        }
      }
    }
  }

  private final class Listener extends JedisPubSub {
    @Override
    public void onSubscribe(String channel, int subscribedChannels) {
      if (channel.equals(store.keys().updates())) {
        onReconnect.run(); // whatever happened while unsubscribed, read it now
      }
    }

    @Override
    public void onMessage(String channel, String message) {
      int space = message.lastIndexOf(' ');
      if (space < 0) {
        return;
      }
      String appid = message.substring(0, space);
      long generation;
      try {
        generation = Long.parseLong(message.substring(space + 1));
      } catch (NumberFormatException e) {
        return; // not ours
      }
      if (channel.equals(store.keys().updates())) {
        onUpdate.accept(appid, generation);
      } else if (onRequest != null) {
        onRequest.accept(appid, generation);
      }
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(RETRY);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    JedisPubSub current = subscription;
    if (current != null && current.isSubscribed()) {
      try {
        current.unsubscribe();
      } catch (JedisException e) {
        // connection already gone
      }
    }
    thread.interrupt();
  }
}
