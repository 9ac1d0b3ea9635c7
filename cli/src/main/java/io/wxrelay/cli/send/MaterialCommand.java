package io.wxrelay.cli.send;

import io.wxrelay.cli.CliError;
import io.wxrelay.cli.CommandGroup;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.command.CommandData;
import io.wxrelay.schemas.command.MaterialCount;
import io.wxrelay.schemas.command.MaterialDelete;
import io.wxrelay.schemas.command.MaterialList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code wxrelay material <verb>}: the account's permanent material library. */
@Command(
    name = "material",
    mixinStandardHelpOptions = true,
    description = {
      "The account's permanent material (images, voice, video, news) against WeChat's caps: each"
          + " verb writes one command to wechat.commands (keyed by the appid) and prints its id;"
          + " --wait follows its result."
    },
    footer = {
      "",
      "Examples:",
      "  ./wxrelay material count --wait",
      "  ./wxrelay material list --type image --offset 20 --count 20 --wait",
      "  ./wxrelay material delete --media-id MEDIA_ID --wait"
    })
public final class MaterialCommand implements Runnable, CommandGroup {
  @Override
  public List<Class<?>> subcommands() {
    return List.of(
        MaterialCommand.Count.class,
        MaterialCommand.ListPage.class,
        MaterialCommand.Delete.class,
        CommandLine.HelpCommand.class);
  }

  /** WeChat's kinds of permanent material. */
  static final List<String> TYPES = List.of("image", "video", "voice", "news");

  /** WeChat's largest page of batchget_material. */
  static final int MAX_PAGE = 20;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw Verbs.missing(spec);
  }

  /** {@code material count}. */
  @Command(
      name = "count",
      mixinStandardHelpOptions = true,
      description = {
        "How much permanent material the account holds (wechat.material.count).",
        "--wait prints each kind's count, the configured cap and the share used."
      },
      footer = {"", "Example:", "  ./wxrelay material count --wait"})
  static final class Count extends KindCommand {
    @Override
    CommandData data() {
      return new MaterialCount();
    }

    @Override
    EventType typeOf(JsonNode data) {
      return EventType.MATERIAL_COUNT;
    }
  }

  /** {@code material list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = {
        "One page of the account's permanent material of a type (wechat.material.list), newest"
            + " first; temporary media is never listed."
      },
      footer = {"", "Example:", "  ./wxrelay material list --type image --count 20 --wait"})
  static final class ListPage extends KindCommand {
    @Option(names = "--type", description = "image, video, voice or news")
    String type;

    @Option(names = "--offset", description = "where the page starts (default 0)")
    int offset;

    @Option(names = "--count", description = "items in the page, 1 to 20 (default 20)")
    int count = MAX_PAGE;

    @Override
    CommandData data() {
      String kind = need(type, "--type");
      if (!TYPES.contains(kind)) {
        throw new CliError(
            kind() + " --type is one of " + String.join(", ", TYPES) + ", not '" + kind + "'");
      }
      if (count < 1 || count > MAX_PAGE) {
        throw new CliError(kind() + " --count is 1 to 20 (WeChat's page), not " + count);
      }
      if (offset < 0) {
        throw new CliError(kind() + " --offset is 0 or more, not " + offset);
      }
      return new MaterialList(kind, offset, count);
    }

    @Override
    EventType typeOf(JsonNode data) {
      return EventType.MATERIAL_LIST;
    }
  }

  /** {@code material delete}. */
  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = {
        "Deletes one permanent material (wechat.material.delete). WeChat refuses an unknown or"
            + " temporary media_id (40007) and material an auto-reply or the menu uses (48005)."
      },
      footer = {"", "Example:", "  ./wxrelay material delete --media-id MEDIA_ID --wait"})
  static final class Delete extends KindCommand {
    @Option(names = "--media-id", description = "the material's media_id")
    String mediaId;

    @Override
    CommandData data() {
      return new MaterialDelete(need(mediaId, "--media-id"));
    }

    @Override
    EventType typeOf(JsonNode data) {
      return EventType.MATERIAL_DELETE;
    }
  }
}
