package io.wxrelay.cli.send;

import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.command.CommandData;
import io.wxrelay.schemas.command.MassPreview;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code wxrelay send preview}: a broadcast shown to one user first. */
@Command(
    name = "preview",
    aliases = "wechat.mass.preview",
    mixinStandardHelpOptions = true,
    description = "A broadcast shown to one user first (wechat.mass.preview).",
    footer = {
      "",
      "Example:",
      "  ./wxrelay send preview --to oAlice --text \"How the sale will look\" --wait"
    })
final class PreviewCommand extends KindCommand {
  @Option(names = "--to", split = ",", paramLabel = "OPENID", description = "the user")
  List<String> to;

  @Mixin BroadcastFlags message;

  @Override
  CommandData data() {
    return new MassPreview(OneUser.of(to, kind()), null, message.message(kind()));
  }

  @Override
  EventType typeOf(JsonNode data) {
    return EventType.MASS_PREVIEW;
  }
}
