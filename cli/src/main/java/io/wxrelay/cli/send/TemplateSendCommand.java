package io.wxrelay.cli.send;

import io.wxrelay.cli.CliError;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.command.CommandData;
import io.wxrelay.schemas.command.TemplateSend;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code wxrelay template send}: a template message to one follower. */
@Command(
    name = "send",
    mixinStandardHelpOptions = true,
    description = {
      "A template message to one follower (wechat.template.send), keyed by appid:openid.",
      "--wait prints WeChat's msgid, then waits (within --timeout) for WeChat's delivery report"
          + " (wechat.template.finished) and prints its status."
    },
    footer = {
      "",
      "Example:",
      "  ./wxrelay template send --to oAlice --template TEMPLATE_ID --value first=\"Paid\""
          + " --value keyword1=30.00 --url https://shop.example/o/42 --wait",
      "",
      "--wait exits 0 only once WeChat reported the message delivered."
    })
final class TemplateSendCommand extends KindCommand {
  @Option(names = "--to", split = ",", paramLabel = "OPENID", description = "the follower")
  List<String> to;

  @Option(names = "--template", paramLabel = "ID", description = "the template's template_id")
  String template;

  @Option(
      names = "--value",
      paramLabel = "KEY=VALUE",
      description = "one of the template's values (data.KEY.value), repeatable")
  Map<String, String> values;

  @Option(names = "--url", description = "the page the message opens")
  String url;

  @Option(
      names = "--miniprogram",
      paramLabel = "APPID[:PAGEPATH]",
      description = "the mini program (and page) the message opens instead")
  String miniprogram;

  @Override
  CommandData data() {
    String touser = OneUser.of(to, kind());
    String id = need(template, "--template");
    if (values == null || values.isEmpty()) {
      throw new CliError(kind() + " needs a --value KEY=VALUE for each of the template's keys");
    }
    Map<String, TemplateSend.Value> data = new LinkedHashMap<>();
    values.forEach((key, value) -> data.put(key, new TemplateSend.Value(value, null)));
    return new TemplateSend(touser, id, url, miniprogram(), data);
  }

  private TemplateSend.Miniprogram miniprogram() {
    if (miniprogram == null) {
      return null;
    }
    int colon = miniprogram.indexOf(':');
    return colon < 0
        ? new TemplateSend.Miniprogram(miniprogram, null)
        : new TemplateSend.Miniprogram(
            miniprogram.substring(0, colon), miniprogram.substring(colon + 1));
  }

  @Override
  EventType typeOf(JsonNode data) {
    return EventType.TEMPLATE_SEND;
  }
}
