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
 * follows its result (and a broadcast's finish events) and answers with the exit code.
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
   * Writes the command and waits for its end: 0 only on SUCCEEDED (and, for a broadcast, once every
   * chunk finished with success).
   */
  int writeAndWait(CommandEvents.Outgoing command, String key, Duration timeout, String shown) {
    try (TopicReader results =
            TopicReader.open(settings.kafka(), settings.topic(Topic.RESULTS), false);
        CommandWriter writer = new CommandWriter(settings.kafka())) {
      writer.write(settings.topic(Topic.COMMANDS), key, command.value());
      out.println(command.id());
      out.printf("wrote %s (key %s); waiting for its result ...%n", command.event().type(), key);
      out.flush();
      var outcome =
          new ResultWait(results, mapper, this::progress)
              .await(command.id(), command.broadcast(), timeout);
      return exitCode(
          command.id(),
          outcome.orElseThrow(
              () ->
                  new CliError(
                      "no result for "
                          + command.id()
                          + " within "
                          + shown
                          + " (is a send-worker running?)",
                      CliError.TIMED_OUT)),
          shown);
    }
  }

  private void progress(String line) {
    out.println(line);
    out.flush();
  }

  private static int exitCode(String id, ResultWait.Outcome ended, String timeout) {
    if (ended.submitted() && ended.finishes().size() < ended.chunks()) {
      throw new CliError(
          String.format(
              "%s was submitted, but WeChat reported the end of %d of its %d chunks within %s"
                  + " (follow the rest with: ./wxrelay tail results --id %s)",
              id, ended.finishes().size(), ended.chunks(), timeout, id),
          CliError.TIMED_OUT);
    }
    return ended.succeeded() ? 0 : CliError.NOT_SUCCEEDED;
  }
}
