package io.wxrelay.cli.send;

import io.wxrelay.cli.CliError;
import io.wxrelay.cli.Durations;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.command.CommandData;
import io.wxrelay.schemas.command.CustomMessage;
import io.wxrelay.schemas.command.QrCodeCreate;
import io.wxrelay.schemas.command.QrScene;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code wxrelay send qr}: a parametric QR code, optionally with a reply to whoever scans it. */
@Command(
    name = "qr",
    aliases = "wechat.qrcode.create",
    mixinStandardHelpOptions = true,
    description = {
      "A parametric QR code (wechat.qrcode.create), temporary unless --permanent.",
      "A reply (text or a news article) is sent to whoever scans it."
    },
    footer = {
      "",
      "Examples:",
      "  ./wxrelay send qr --scene order-42 --expire 7d --reply-text \"Your order 42\" --wait",
      "  ./wxrelay send qr --scene order-42 --reply-title \"Your order\""
          + " --reply-url https://shop/o/42"
    })
final class QrCommand extends KindCommand {
  @Option(names = "--scene", description = "a number or a string (e.g. order-42)")
  String scene;

  @Option(names = "--expire", description = "lifetime of a temporary code, e.g. 60s, 7d (<= 30d)")
  String expire;

  @Option(names = "--permanent", description = "a permanent code")
  boolean permanent;

  @Option(names = "--reply-text", description = "text sent to whoever scans it")
  String replyText;

  @Option(names = "--reply-title", description = "a news article sent to whoever scans it")
  String replyTitle;

  @Option(names = "--reply-url", description = "the article's link")
  String replyUrl;

  @Option(names = "--reply-description", description = "the article's description")
  String replyDescription;

  @Option(names = "--reply-picurl", description = "the article's picture")
  String replyPicUrl;

  @Override
  CommandData data() {
    String named = need(scene, "--scene");
    QrScene qrScene =
        named.matches("\\d{1,10}") ? QrScene.of(Long.parseLong(named)) : QrScene.of(named);
    return new QrCodeCreate(qrScene, expireSeconds(), permanent ? Boolean.TRUE : null, reply());
  }

  @Override
  EventType typeOf(JsonNode data) {
    return EventType.QRCODE_CREATE;
  }

  private Integer expireSeconds() {
    if (expire == null) {
      return null;
    }
    long seconds = Durations.parse("--expire", expire).toSeconds();
    return (int) Math.min(seconds, Integer.MAX_VALUE);
  }

  private CustomMessage reply() {
    if (replyText != null && replyTitle != null) {
      throw new CliError(
          "give a QR code one reply: --reply-text or --reply-title (a news article)");
    }
    if (replyText != null) {
      return CustomMessage.text(replyText);
    }
    if (replyTitle != null) {
      return NewsReply.of(replyTitle, replyDescription, replyUrl, replyPicUrl);
    }
    return null;
  }
}
