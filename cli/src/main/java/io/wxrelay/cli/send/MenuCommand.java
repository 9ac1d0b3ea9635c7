package io.wxrelay.cli.send;

import io.wxrelay.cli.CliError;
import io.wxrelay.cli.CommandGroup;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.command.CommandData;
import io.wxrelay.schemas.command.MenuConditionalDelete;
import io.wxrelay.schemas.command.MenuDelete;
import io.wxrelay.schemas.command.MenuGet;
import io.wxrelay.schemas.command.MenuTryMatch;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code wxrelay menu <verb>}: the account's custom menus, each verb one command. */
@Command(
    name = "menu",
    mixinStandardHelpOptions = true,
    description = {
      "The account's custom menus: each verb writes one command to wechat.commands (keyed by the"
          + " appid) and prints its id; --wait follows its result.",
      "A menu is WeChat's {\"button\":[...]} in a JSON file (--data): 1-3 buttons, each with 1-5"
          + " sub_button or a type; WeChat's limits are checked before anything is written."
    },
    footer = {
      "",
      "Examples:",
      "  ./wxrelay menu create --data menu.json --wait",
      "  ./wxrelay menu get --wait",
      "  ./wxrelay menu conditional add --data vip-menu.json --wait",
      "  ./wxrelay menu trymatch --user oAlice --wait"
    })
public final class MenuCommand implements Runnable, CommandGroup {
  @Override
  public List<Class<?>> subcommands() {
    return List.of(
        MenuCommand.Create.class,
        MenuCommand.Get.class,
        MenuCommand.Delete.class,
        MenuCommand.Conditional.class,
        MenuCommand.TryMatch.class,
        CommandLine.HelpCommand.class);
  }

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw Verbs.missing(spec);
  }

  /** {@code menu create}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Replace the default menu (wechat.menu.create) with the {\"button\":[...]} of --data.",
        "--wait prints the click keys no reply rule answers and the rules' keys on no menu."
      },
      footer = {"", "Example:", "  ./wxrelay menu create --data menu.json --wait"})
  static final class Create extends KindCommand {
    @Override
    CommandData data() {
      throw dataNeeded(kind(), "{\"button\":[...]}");
    }

    @Override
    EventType typeOf(JsonNode data) {
      return EventType.MENU_CREATE;
    }
  }

  /** {@code menu get}. */
  @Command(
      name = "get",
      mixinStandardHelpOptions = true,
      description = "The menus (wechat.menu.get); --wait prints them as a tree.",
      footer = {"", "Example:", "  ./wxrelay menu get --wait"})
  static final class Get extends KindCommand {
    @Override
    CommandData data() {
      return new MenuGet();
    }

    @Override
    EventType typeOf(JsonNode data) {
      return EventType.MENU_GET;
    }
  }

  /** {@code menu delete}. */
  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Delete the default menu and every conditional menu (wechat.menu.delete).",
      footer = {"", "Example:", "  ./wxrelay menu delete --wait"})
  static final class Delete extends KindCommand {
    @Override
    CommandData data() {
      return new MenuDelete();
    }

    @Override
    EventType typeOf(JsonNode data) {
      return EventType.MENU_DELETE;
    }
  }

  /** {@code menu trymatch}. */
  @Command(
      name = "trymatch",
      mixinStandardHelpOptions = true,
      description = "The menu a user sees (wechat.menu.trymatch); --wait prints it as a tree.",
      footer = {"", "Example:", "  ./wxrelay menu trymatch --user oAlice --wait"})
  static final class TryMatch extends KindCommand {
    @Option(names = "--user", paramLabel = "OPENID", description = "an OpenID or WeChat id")
    String user;

    @Override
    CommandData data() {
      return new MenuTryMatch(need(user, "--user"));
    }

    @Override
    EventType typeOf(JsonNode data) {
      return EventType.MENU_TRYMATCH;
    }
  }

  /** {@code menu conditional <verb>}. */
  @Command(
      name = "conditional",
      mixinStandardHelpOptions = true,
      description = "Conditional menus: shown to the users a tag or a client platform matches.")
  static final class Conditional implements Runnable, CommandGroup {
    @Override
    public List<Class<?>> subcommands() {
      return List.of(
          MenuCommand.ConditionalAdd.class,
          MenuCommand.ConditionalDelete.class,
          CommandLine.HelpCommand.class);
    }

    @Spec CommandSpec spec;

    @Override
    public void run() {
      throw Verbs.missing(spec);
    }
  }

  /** {@code menu conditional add}. */
  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = {
        "Add a conditional menu (wechat.menu.conditional.add) from --data: {\"button\":[...],"
            + " \"matchrule\":{\"tag_id\":\"2\"}}; the result says its menuid.",
        "WeChat refuses sex, region and language rules (65320): use a tag."
      },
      footer = {"", "Example:", "  ./wxrelay menu conditional add --data vip-menu.json --wait"})
  static final class ConditionalAdd extends KindCommand {
    @Override
    CommandData data() {
      throw dataNeeded(kind(), "{\"button\":[...],\"matchrule\":{...}}");
    }

    @Override
    EventType typeOf(JsonNode data) {
      return EventType.MENU_CONDITIONAL_ADD;
    }
  }

  /** {@code menu conditional delete}. */
  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Delete a conditional menu (wechat.menu.conditional.delete).",
      footer = {"", "Example:", "  ./wxrelay menu conditional delete --menuid 208379533 --wait"})
  static final class ConditionalDelete extends KindCommand {
    @Option(names = "--menuid", paramLabel = "ID", description = "the menu's id")
    String menuid;

    @Override
    CommandData data() {
      return new MenuConditionalDelete(need(menuid, "--menuid"));
    }

    @Override
    EventType typeOf(JsonNode data) {
      return EventType.MENU_CONDITIONAL_DELETE;
    }
  }

  /** The sentence for a verb whose data only --data gives. */
  private static CliError dataNeeded(String kind, String shape) {
    return new CliError(kind + " needs --data FILE holding " + shape);
  }
}
