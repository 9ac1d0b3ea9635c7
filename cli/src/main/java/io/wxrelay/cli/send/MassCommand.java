package io.wxrelay.cli.send;

import io.wxrelay.cli.CliError;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.command.CommandData;
import io.wxrelay.schemas.command.MassMessage;
import io.wxrelay.schemas.command.MassSend;
import io.wxrelay.schemas.command.MassSendAll;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code wxrelay send mass}: a broadcast to a tag or to everyone ({@code wechat.mass.sendall}), or
 * to a list of OpenIDs ({@code wechat.mass.send}).
 */
@Command(
    name = "mass",
    aliases = {"wechat.mass.sendall", "wechat.mass.send"},
    mixinStandardHelpOptions = true,
    description = {
      "A broadcast: to the followers with a tag or to all (wechat.mass.sendall), or to a list of"
          + " OpenIDs (wechat.mass.send).",
      "--text, or news of one article: the worker uploads its thumbnail and the news first."
    },
    footer = {
      "",
      "Examples:",
      "  ./wxrelay send mass --tag 100 --text \"Sale starts today\" --wait",
      "  ./wxrelay send mass --to oAlice,oBob --text \"VIP evening\" --wait",
      "  ./wxrelay send mass --all --news-title \"Autumn sale\" --news-thumb autumn.jpg"
          + " --news-content @autumn.html --wait",
      "  ./wxrelay send wechat.mass.sendall --data broadcast.json --id crm-2026-11-26-sale",
      "",
      "--wait exits 0 only once every chunk finished with success."
    })
final class MassCommand extends KindCommand {
  @Option(
      names = "--to",
      split = ",",
      paramLabel = "OPENID",
      description = "2 or more users, or @FILE with one per line")
  List<String> to;

  @Option(names = "--tag", description = "the followers with this tag id")
  Integer tag;

  @Option(names = "--all", description = "every follower")
  boolean all;

  @Mixin BroadcastFlags message;

  @Override
  CommandData data() {
    if (to != null) {
      return new MassSend(OpenIds.of(to), message(), null);
    }
    if (tag == null && !all) {
      throw new CliError("send mass needs --tag ID, --all, or --to OPENID,OPENID,...");
    }
    return new MassSendAll(new MassSendAll.Filter(all, tag), message(), null);
  }

  private MassMessage message() {
    return message.message(kind());
  }

  @Override
  EventType typeOf(JsonNode data) {
    return data.has("touser") ? EventType.MASS_SEND : EventType.MASS_SENDALL;
  }
}
