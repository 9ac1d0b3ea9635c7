package io.wxrelay.cli.show;

import io.wxrelay.cli.send.ResultLines;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** One line of text per record of any wxrelay topic, for people reading a terminal. */
public final class EventLines {
  private static final int DATA_CHARS = 120;

  private EventLines() {}

  /** {@code <time> <type> <id> <subject> <what it says>}. */
  public static String line(JsonNode event) {
    JsonNode data = event.path("data");
    String type = event.path("type").asString("?");
    String what =
        switch (type) {
          case "wechat.result" ->
              data.path("commandType").asString("")
                  + " "
                  + data.path("commandId").asString("")
                  + ": "
                  + ResultLines.describe(data);
          case "wechat.mass.finished" -> massFinished(data);
          case "wechat.template.finished" ->
              data.path("commandId").asString("") + ": " + ResultLines.delivery(data);
          case "wechat.publish.finished" ->
              data.path("commandId").asString("") + ": " + ResultLines.published(data);
          case "wechat.users.page" ->
              data.path("commandId").asString("") + " " + ResultLines.page(data);
          case "wechat.command.deadletter" ->
              data.path("commandType").asString("?")
                  + " "
                  + data.path("commandId").asString("(no id)")
                  + ": "
                  + data.path("errorClass").asString("")
                  + " - "
                  + data.path("reason").asString("");
          default -> inbound(data);
        };
    return String.format(
        "%-24s %-32s %-40s %s %s",
        event.path("time").asString("-"),
        type,
        event.path("id").asString("-"),
        event.path("subject").asString("-"),
        what);
  }

  private static String massFinished(JsonNode data) {
    return data.path("commandId").asString("")
        + " chunk "
        + data.path("chunkIndex").asInt(0)
        + ": "
        + data.path("status").asString("")
        + String.format(
            ", sent %,d of %,d (%,d errors)",
            data.path("sentCount").asLong(),
            data.path("totalCount").asLong(),
            data.path("errorCount").asLong());
  }

  /** A push from WeChat: who, then what it carries beyond the envelope WeChat always sends. */
  private static String inbound(JsonNode data) {
    if (!data.isObject()) {
      return shorten(data.toString());
    }
    ObjectNode rest = ((ObjectNode) data).deepCopy();
    rest.remove(List.of("toUserName", "openid", "createTime"));
    String who = data.hasNonNull("openid") ? data.get("openid").asString() + " " : "";
    return who + shorten(rest.toString());
  }

  private static String shorten(String text) {
    return text.length() <= DATA_CHARS ? text : text.substring(0, DATA_CHARS - 3) + "...";
  }
}
