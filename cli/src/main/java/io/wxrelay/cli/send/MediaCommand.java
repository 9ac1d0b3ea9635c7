package io.wxrelay.cli.send;

import io.wxrelay.cli.CliError;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.command.CommandData;
import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;

/** {@code wxrelay send media}: media a broadcast needs, described whole in {@code --data}. */
@Command(
    name = "media",
    aliases = "wechat.media.upload",
    mixinStandardHelpOptions = true,
    description = "Upload media a broadcast needs (wechat.media.upload), described in --data.",
    footer = {"", "Example:", "  ./wxrelay send media --data thumb.json --wait"})
final class MediaCommand extends KindCommand {
  @Override
  CommandData data() {
    throw new CliError("send media takes its data from --data FILE (see docs/contracts.md)");
  }

  @Override
  EventType typeOf(JsonNode data) {
    return EventType.MEDIA_UPLOAD;
  }
}
