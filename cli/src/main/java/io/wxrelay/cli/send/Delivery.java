package io.wxrelay.cli.send;

import io.wxrelay.cli.CliError;
import io.wxrelay.cli.CliSettings;
import io.wxrelay.cli.consume.TopicReader;
import io.wxrelay.schemas.Topic;
import java.io.PrintWriter;
import java.time.Duration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a checked command to {@code wechat.commands} and prints its id; with {@code --wait},
 * follows its result (and what follows it: a broadcast's finish events, a template message's
 * delivery, a follower sync's pages), prints what its response says and answers with the exit code.
 */
final class Delivery {
  private final CliSettings settings;
  private final JsonMapper mapper;
  private final PrintWriter out;

  Delivery(CliSettings settings, JsonMapper mapper, PrintWriter out) {
    this.settings = settings;
    this.mapper = mapper;
    this.out = out;
  }

  /** Writes the command and returns at once. */
  int write(CommandEvents.Outgoing command, String key) {
    try (CommandWriter writer = new CommandWriter(settings.kafka())) {
      writer.write(settings.topic(Topic.COMMANDS), key, command.value());
    }
    out.println(command.id());
    return 0;
  }

  /**
   * Writes the command and waits for its end: 0 only on SUCCEEDED (and, for a broadcast or a
   * template message, once every chunk or the message finished with success).
   */
  int writeAndWait(CommandEvents.Outgoing command, String key, Duration timeout, String shown) {
    try (TopicReader results =
            TopicReader.openForKey(settings.kafka(), settings.topic(Topic.RESULTS), command.id());
        CommandWriter writer = new CommandWriter(settings.kafka())) {
      writer.write(settings.topic(Topic.COMMANDS), key, command.value());
      out.println(command.id());
      out.printf("wrote %s (key %s); waiting for its result ...%n", command.event().type(), key);
      out.flush();
      var ended =
          new ResultWait(results, mapper, this::progress)
              .await(command.id(), command.follow(), timeout)
              .orElseThrow(
                  () ->
                      new CliError(
                          "no result for "
                              + command.id()
                              + " within "
                              + shown
                              + " (is a send-worker running?)",
                          CliError.TIMED_OUT));
      ResponseLines.of(command.event().type(), ended.result(), ended.pages()).forEach(out::println);
      out.flush();
      return exitCode(command, ended, shown);
    }
  }

  private void progress(String line) {
    out.println(line);
    out.flush();
  }

  private static int exitCode(
      CommandEvents.Outgoing command, ResultWait.Outcome ended, String timeout) {
    if (ended.submitted() && ended.finishes().size() < ended.chunks()) {
      String id = command.id();
      String what =
          switch (command.follow()) {
            case DELIVERY ->
                String.format(
                    "%s was sent (msgid %s), but WeChat reported no delivery within %s",
                    id, ended.result().path("response").path("msgid").asString("?"), timeout);
            case PUBLISHED ->
                String.format(
                    "%s was submitted (publish_id %s), but WeChat reported no finish within %s",
                    id, ended.result().path("response").path("publish_id").asString("?"), timeout);
            default ->
                String.format(
                    "%s was submitted, but WeChat reported the end of %d of its %d chunks within"
                        + " %s",
                    id, ended.finishes().size(), ended.chunks(), timeout);
          };
      throw new CliError(
          what + " (follow the rest with: ./wxrelay tail results --id " + id + ")",
          CliError.TIMED_OUT);
    }
    return ended.succeeded() ? 0 : CliError.NOT_SUCCEEDED;
  }
}
