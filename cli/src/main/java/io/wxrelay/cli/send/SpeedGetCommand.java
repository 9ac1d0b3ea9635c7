package io.wxrelay.cli.send;

import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.command.CommandData;
import io.wxrelay.schemas.command.MassSpeedGet;
import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;

/** {@code wxrelay send speed-get}: the account's broadcast speed. */
@Command(
    name = "speed-get",
    aliases = "wechat.mass.speed.get",
    mixinStandardHelpOptions = true,
    description = "Read the account's broadcast speed (wechat.mass.speed.get).",
    footer = {"", "Example:", "  ./wxrelay send speed-get --wait"})
final class SpeedGetCommand extends KindCommand {
  @Override
  CommandData data() {
    return new MassSpeedGet();
  }

  @Override
  EventType typeOf(JsonNode data) {
    return EventType.MASS_SPEED_GET;
  }
}
