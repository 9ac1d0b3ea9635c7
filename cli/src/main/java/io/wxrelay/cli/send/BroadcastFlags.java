package io.wxrelay.cli.send;

import io.wxrelay.cli.CliError;
import io.wxrelay.schemas.command.MassMessage;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What a broadcast or its preview says: {@code --text}, or news of one article. */
public final class BroadcastFlags {
  @Option(names = "--text", description = "the message's text")
  String text;

  @Mixin NewsFlags news;

  /** No flags yet: picocli sets them. */
  public BroadcastFlags() {}

  BroadcastFlags(String text, NewsFlags news) {
    this.text = text;
    this.news = news;
  }

  /** The message of {@code send kind}: its text, or its news. */
  MassMessage message(String kind) {
    if (news.absent()) {
      return MassMessage.text(KindCommand.need(text, kind, "--text"));
    }
    if (text != null) {
      throw new CliError(kind + " sends --text or news (--news-title ...), not both");
    }
    return news.message(kind);
  }
}
