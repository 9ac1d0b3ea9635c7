package io.wxrelay.cli.show;

import io.wxrelay.cli.CliError;
import io.wxrelay.cli.CliSettings;
import io.wxrelay.cli.Durations;
import io.wxrelay.cli.RelayContext;
import io.wxrelay.cli.consume.TopicReader;
import io.wxrelay.schemas.Topic;
import io.wxrelay.schemas.codec.ContractCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** {@code wxrelay tail events|results|dlq|commands}: follow a topic, a line per record. */
@Command(
    name = "tail",
    mixinStandardHelpOptions = true,
    description = {
      "Follow one of wxrelay's topics, a line per record (Ctrl-C stops).",
      "It reads without a consumer group: it commits nothing and moves nobody's offsets."
    },
    footer = {
      "",
      "Examples:",
      "  ./wxrelay tail events --type wechat.event.subscribe",
      "  ./wxrelay tail results --id crm-2026-11-26-sale --json",
      "  ./wxrelay tail dlq --from-beginning --max 10"
    })
public final class TailCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TOPIC", description = "events, results, dlq or commands")
  String topic;

  @Option(names = "--json", description = "print each record's JSON as it is")
  boolean json;

  @Option(names = "--from-beginning", description = "start at the oldest retained record")
  boolean fromBeginning;

  @Option(names = "--app", description = "only records about this appid")
  String app;

  @Option(names = "--type", description = "only records of this type (a prefix: wechat.event.)")
  String type;

  @Option(names = "--id", description = "only records of this id or about this command id")
  String id;

  @Option(names = "--max", description = "stop after this many records")
  Integer max;

  @Option(
      names = "--idle-timeout",
      description = "stop when nothing arrived for this long, e.g. 10s")
  String idleTimeout;

  @Override
  public Integer call() {
    CliSettings settings = RelayContext.settings(spec);
    String name = settings.topic(topicOf(topic));
    Duration idle = idleTimeout == null ? null : Durations.parse("--idle-timeout", idleTimeout);
    var mapper = ContractCodec.newMapper();
    var out = spec.commandLine().getOut();
    int shown = 0;
    Instant lastSeen = Instant.now();
    try (TopicReader reader = TopicReader.open(settings.kafka(), name, fromBeginning)) {
      while (max == null || shown < max) {
        var records = reader.poll(Duration.ofMillis(500));
        for (var record : records) {
          JsonNode event;
          try {
            event = mapper.readTree(record.value());
          } catch (JacksonException e) {
            out.printf(
                "(offset %d of partition %d is not JSON)%n", record.offset(), record.partition());
            continue;
          }
          if (!matches(event)) {
            continue;
          }
          out.println(
              json ? new String(record.value(), StandardCharsets.UTF_8) : EventLines.line(event));
          out.flush();
          lastSeen = Instant.now();
          if (max != null && ++shown >= max) {
            break;
          }
        }
        if (idle != null && Instant.now().isAfter(lastSeen.plus(idle))) {
          break;
        }
      }
    }
    return 0;
  }

  private boolean matches(JsonNode event) {
    if (app != null && !app.equals(event.path("subject").asString(""))) {
      return false;
    }
    if (type != null && !event.path("type").asString("").startsWith(type)) {
      return false;
    }
    return id == null
        || id.equals(event.path("id").asString(""))
        || id.equals(event.path("data").path("commandId").asString(""));
  }

  private static Topic topicOf(String name) {
    return switch (name) {
      case "events" -> Topic.EVENTS;
      case "results" -> Topic.RESULTS;
      case "dlq" -> Topic.COMMANDS_DLQ;
      case "commands" -> Topic.COMMANDS;
      case "retry" -> Topic.COMMANDS_RETRY;
      default ->
          throw new CliError("unknown topic '" + name + "': use events, results, dlq or commands");
    };
  }
}
