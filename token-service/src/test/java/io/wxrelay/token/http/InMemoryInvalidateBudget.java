package io.wxrelay.token.http;

import io.wxrelay.token.store.InvalidateBudget;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The invalidate budget of one JVM, for tests of the API without Redis. */
final class InMemoryInvalidateBudget implements InvalidateBudget {
  private final InstantSource clock;
  private final Map<String, LinkedHashMap<String, Instant>> charges = new HashMap<>();

  InMemoryInvalidateBudget(InstantSource clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Optional<Duration> take(
      String client, String appid, long generation, int perHour) {
    Instant now = clock.instant();
    LinkedHashMap<String, Instant> mine =
        charges.computeIfAbsent(client, c -> new LinkedHashMap<>());
    mine.values().removeIf(at -> !at.isAfter(now.minus(WINDOW)));
    String token = appid + " " + generation;
    if (mine.containsKey(token)) {
      return Optional.empty();
    }
    if (mine.size() >= perHour) {
      Instant oldest = mine.values().iterator().next();
      Duration wait = Duration.between(now, oldest.plus(WINDOW));
      return Optional.of(wait.isPositive() ? wait : Duration.ofMillis(1));
    }
    mine.put(token, now);
    return Optional.empty();
  }
}
