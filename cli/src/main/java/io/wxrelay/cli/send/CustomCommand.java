package io.wxrelay.cli.send;

import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.command.CommandData;
import io.wxrelay.schemas.command.CustomMessage;
import io.wxrelay.schemas.command.CustomSend;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code wxrelay send custom}: a customer-service text to one user. */
@Command(
    name = "custom",
    aliases = "wechat.custom.send",
    mixinStandardHelpOptions = true,
    description = "A customer-service message to one user (wechat.custom.send).",
    footer = {"", "Example:", "  ./wxrelay send custom --to oAlice --text \"hi\" --wait"})
final class CustomCommand extends KindCommand {
  @Option(names = "--to", split = ",", paramLabel = "OPENID", description = "the user")
  List<String> to;

  @Option(names = "--text", description = "the message's text")
  String text;

  @Override
  CommandData data() {
    return new CustomSend(OneUser.of(to, kind()), CustomMessage.text(need(text, "--text")));
  }

  @Override
  EventType typeOf(JsonNode data) {
    return EventType.CUSTOM_SEND;
  }
}
