package io.wxrelay.cli.send;

import io.wxrelay.cli.CommandGroup;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.command.CommandData;
import io.wxrelay.schemas.command.UsersInfo;
import io.wxrelay.schemas.command.UsersSync;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code wxrelay users <verb>}: the account's followers. */
@Command(
    name = "users",
    mixinStandardHelpOptions = true,
    description = {
      "The account's followers: each verb writes one command to wechat.commands (keyed by the"
          + " appid) and prints its id; --wait follows its result."
    },
    footer = {
      "",
      "Examples:",
      "  ./wxrelay users sync --wait",
      "  ./wxrelay users info --to oAlice,oBob --wait"
    })
public final class UsersCommand implements Runnable, CommandGroup {
  @Override
  public List<Class<?>> subcommands() {
    return List.of(UsersCommand.Sync.class, UsersCommand.Info.class, CommandLine.HelpCommand.class);
  }

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw Verbs.missing(spec);
  }

  /** {@code users sync}. */
  @Command(
      name = "sync",
      mixinStandardHelpOptions = true,
      description = {
        "Every follower's OpenID (wechat.users.sync): WeChat's pages of up to 10,000, each"
            + " published as a wechat.users.page record before the result.",
        "--wait prints each page as it arrives, then the totals."
      },
      footer = {"", "Example:", "  ./wxrelay users sync --wait"})
  static final class Sync extends KindCommand {
    @Override
    CommandData data() {
      return new UsersSync();
    }

    @Override
    EventType typeOf(JsonNode data) {
      return EventType.USERS_SYNC;
    }
  }

  /** {@code users info}. */
  @Command(
      name = "info",
      mixinStandardHelpOptions = true,
      description = {
        "What WeChat says about up to 1,000 followers (wechat.users.info), 100 a call.",
        "WeChat no longer fills nickname, headimgurl, sex, city, province and country."
      },
      footer = {"", "Example:", "  ./wxrelay users info --to oAlice,oBob --lang zh_CN --wait"})
  static final class Info extends KindCommand {
    @Option(
        names = "--to",
        split = ",",
        paramLabel = "OPENID",
        description = "the followers (1 to 1,000), or @FILE with one per line")
    List<String> to;

    @Option(names = "--lang", description = "zh_CN, zh_TW or en")
    String lang;

    @Override
    CommandData data() {
      return new UsersInfo(OpenIds.of(need(to, "--to")), lang);
    }

    @Override
    EventType typeOf(JsonNode data) {
      return EventType.USERS_INFO;
    }
  }
}
