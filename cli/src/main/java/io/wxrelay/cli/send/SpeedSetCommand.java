package io.wxrelay.cli.send;

import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.command.CommandData;
import io.wxrelay.schemas.command.MassSpeedSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code wxrelay send speed-set}: sets the account's broadcast speed. */
@Command(
    name = "speed-set",
    aliases = "wechat.mass.speed.set",
    mixinStandardHelpOptions = true,
    description = "Set the account's broadcast speed (wechat.mass.speed.set).",
    footer = {"", "Example:", "  ./wxrelay send speed-set --speed 1"})
final class SpeedSetCommand extends KindCommand {
  @Option(names = "--speed", description = "0 (fastest, 800k/min) to 4 (slowest, 100k/min)")
  Integer speed;

  @Override
  CommandData data() {
    return new MassSpeedSet(need(speed, "--speed"));
  }

  @Override
  EventType typeOf(JsonNode data) {
    return EventType.MASS_SPEED_SET;
  }
}
