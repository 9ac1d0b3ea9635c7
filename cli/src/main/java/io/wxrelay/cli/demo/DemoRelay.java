package io.wxrelay.cli.demo;

import io.wxrelay.cli.CliError;
import io.wxrelay.cli.CliSettings;
import io.wxrelay.cli.consume.TopicReader;
import io.wxrelay.cli.send.CommandEvents;
import io.wxrelay.cli.send.CommandWriter;
import io.wxrelay.cli.send.ResultWait;
import io.wxrelay.cli.store.RelayRedis;
import io.wxrelay.schemas.Topic;
import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.schemas.command.CommandData;
import io.wxrelay.token.store.StoredToken;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * What the demo does to the relay and reads back from it, each wait bounded: commands written and
 * their results followed, events awaited on {@code wechat.events}, the token in Redis, and
 * Prometheus polled until a scrape shows what happened.
 */
final class DemoRelay {
  static final Duration STEP_TIMEOUT = Duration.ofSeconds(90);
  static final Duration SCRAPE_WAIT = Duration.ofSeconds(40);

  private final CliSettings settings;
  private final String appid;
  private final ContractCodec codec;
  private final Prometheus prometheus;
  private final RelayRedis redis;
  private final TopicReader results;
  private final TopicReader events;
  private final CommandWriter writer;

  DemoRelay(
      CliSettings settings,
      String appid,
      ContractCodec codec,
      Prometheus prometheus,
      RelayRedis redis,
      TopicReader results,
      TopicReader events,
      CommandWriter writer) {
    this.settings = settings;
    this.appid = appid;
    this.codec = codec;
    this.prometheus = prometheus;
    this.redis = redis;
    this.results = results;
    this.events = events;
    this.writer = writer;
  }

  /**
   * Writes a command of the account and follows its result (and a broadcast's finish events); empty
   * when none came in time.
   */
  Optional<ResultWait.Outcome> send(String id, CommandData data, Consumer<String> progress) {
    var command =
        new CommandEvents(codec)
            .encode(CommandEvents.command(id, "/wxrelay/demo", appid, Instant.now(), data));
    writer.write(settings.topic(Topic.COMMANDS), command.key(), command.value());
    return result(id, command.broadcast(), progress);
  }

  /** The result of a command someone else wrote (a QR reply); empty when none came in time. */
  Optional<ResultWait.Outcome> result(String id, boolean broadcast, Consumer<String> progress) {
    return new ResultWait(results, codec.mapper(), progress).await(id, broadcast, STEP_TIMEOUT);
  }

  /** The first event of {@code type} from {@code openid}, or null when none came in time. */
  JsonNode awaitEvent(String type, String openid) {
    Instant deadline = Instant.now().plus(STEP_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      for (var record : events.poll(Duration.ofMillis(200))) {
        JsonNode event = codec.mapper().readTree(record.value());
        if (event.path("type").asString("").equals(type)
            && openid.equals(event.path("data").path("openid").asString(""))) {
          return event;
        }
      }
    }
    return null;
  }

  /** The token token-service holds now, for the account. */
  Optional<StoredToken> token() {
    return redis.tokens().read(appid);
  }

  long generation() {
    return token().map(StoredToken::generation).orElse(0L);
  }

  double value(String promql) {
    return prometheus.value(promql);
  }

  Map<String, Double> values(List<String> queries) {
    Map<String, Double> values = new LinkedHashMap<>();
    queries.forEach(q -> values.put(q, prometheus.value(q)));
    return values;
  }

  /** Polls Prometheus until {@code q} is above {@code floor} or the wait ends; its last value. */
  double awaitAbove(String q, double floor) {
    Instant deadline = Instant.now().plus(SCRAPE_WAIT);
    double value = prometheus.value(q);
    while (value <= floor && Instant.now().isBefore(deadline)) {
      pause(Duration.ofSeconds(1));
      value = prometheus.value(q);
    }
    return value;
  }

  static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliError("interrupted", CliError.NOT_SUCCEEDED);
    }
  }
}
