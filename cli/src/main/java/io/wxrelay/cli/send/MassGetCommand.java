package io.wxrelay.cli.send;

import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.command.CommandData;
import io.wxrelay.schemas.command.MassGet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code wxrelay send mass-get}: the state of a broadcast. */
@Command(
    name = "mass-get",
    aliases = "wechat.mass.get",
    mixinStandardHelpOptions = true,
    description = "The state of a broadcast (wechat.mass.get).",
    footer = {"", "Example:", "  ./wxrelay send mass-get --msg-id 1000000001 --wait"})
final class MassGetCommand extends KindCommand {
  @Option(names = "--msg-id", description = "the broadcast's msg_id")
  Long msgId;

  @Override
  CommandData data() {
    return new MassGet(need(msgId, "--msg-id"));
  }

  @Override
  EventType typeOf(JsonNode data) {
    return EventType.MASS_GET;
  }
}
