package io.wxrelay.cli.send;

import io.wxrelay.cli.CliError;
import io.wxrelay.schemas.EventType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds a command's {@code data} from the common flags, in WeChat's own field names. It checks
 * only what a flag needs to be placed; the schema check of the whole command comes after, in {@link
 * CommandEvents}, and names any remaining problem by its JSON pointer.
 */
public final class DataBuilder {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private DataBuilder() {}

  /** The type of a command's data: a mass to a list of users is {@code wechat.mass.send}. */
  public static EventType typeOf(CommandKind kind, JsonNode data) {
    return kind == CommandKind.MASS && data.has("touser") ? EventType.MASS_SEND : kind.type();
  }

  public static ObjectNode build(CommandKind kind, CommandOptions o) {
    ObjectNode data = JSON.objectNode();
    switch (kind) {
      case CUSTOM -> {
        data.put("touser", single(o, "custom"));
        text(data, o, "custom");
      }
      case PREVIEW -> {
        data.put("touser", single(o, "preview"));
        message(data, o, "preview");
      }
      case MASS -> {
        if (o.to() != null) {
          var users = data.putArray("touser");
          o.to().forEach(users::add);
        } else if (o.tag() != null || o.all()) {
          ObjectNode filter = data.putObject("filter");
          filter.put("is_to_all", o.all());
          if (o.tag() != null) {
            filter.put("tag_id", o.tag());
          }
        } else {
          throw new CliError("send mass needs --tag ID, --all, or --to OPENID,OPENID,...");
        }
        message(data, o, "mass");
      }
      case QR -> qr(data, o);
      case MASS_GET -> data.put("msg_id", need(o.msgId(), "mass-get", "--msg-id"));
      case MASS_DELETE -> {
        data.put("msg_id", need(o.msgId(), "mass-delete", "--msg-id"));
        if (o.articleIdx() != null) {
          data.put("article_idx", o.articleIdx());
        }
      }
      case SPEED_GET -> {}
      case SPEED_SET -> data.put("speed", need(o.speed(), "speed-set", "--speed"));
      case MEDIA ->
          throw new CliError("send media takes its data from --data FILE (see docs/contracts.md)");
    }
    return data;
  }

  private static void qr(ObjectNode data, CommandOptions o) {
    String scene = need(o.scene(), "qr", "--scene");
    if (scene.matches("\\d{1,10}")) {
      data.put("scene", Long.parseLong(scene));
    } else {
      data.put("scene", scene);
    }
    if (o.permanent()) {
      data.put("permanent", true);
    }
    if (o.expire() != null) {
      data.put("expireSeconds", o.expire().toSeconds());
    }
    if (o.replyText() != null && o.replyTitle() != null) {
      throw new CliError(
          "give a QR code one reply: --reply-text or --reply-title (a news article)");
    }
    if (o.replyText() != null) {
      ObjectNode reply = data.putObject("reply");
      reply.put("msgtype", "text");
      reply.putObject("text").put("content", o.replyText());
    } else if (o.replyTitle() != null) {
      ObjectNode reply = data.putObject("reply");
      reply.put("msgtype", "news");
      ObjectNode article = reply.putObject("news").putArray("articles").addObject();
      article.put("title", o.replyTitle());
      putIf(article, "description", o.replyDescription());
      putIf(article, "url", o.replyUrl());
      putIf(article, "picurl", o.replyPicUrl());
    }
  }

  /** A broadcast's message: news of one article from the {@code --news-*} flags, or text. */
  private static void message(ObjectNode data, CommandOptions o, String kind) {
    if (o.news().absent()) {
      text(data, o, kind);
      return;
    }
    if (o.text() != null) {
      throw new CliError("send " + kind + " sends --text or news (--news-title ...), not both");
    }
    data.put("msgtype", "mpnews");
    data.set("mpnews", o.news().mpnews(kind));
  }

  private static void text(ObjectNode data, CommandOptions o, String kind) {
    data.put("msgtype", "text");
    data.putObject("text").put("content", need(o.text(), kind, "--text"));
  }

  private static String single(CommandOptions o, String kind) {
    if (o.to() == null || o.to().size() != 1) {
      throw new CliError("send " + kind + " needs exactly one --to OPENID");
    }
    return o.to().get(0);
  }

  private static <T> T need(T value, String kind, String flag) {
    if (value == null) {
      throw new CliError(
          "send " + kind + " needs " + flag + " (or the whole data with --data FILE)");
    }
    return value;
  }

  private static void putIf(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }
}
