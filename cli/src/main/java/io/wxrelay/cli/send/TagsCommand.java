package io.wxrelay.cli.send;

import io.wxrelay.cli.CommandGroup;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.command.CommandData;
import io.wxrelay.schemas.command.TagCreate;
import io.wxrelay.schemas.command.TagDelete;
import io.wxrelay.schemas.command.TagMembersAdd;
import io.wxrelay.schemas.command.TagMembersGet;
import io.wxrelay.schemas.command.TagMembersRemove;
import io.wxrelay.schemas.command.TagUpdate;
import io.wxrelay.schemas.command.TagsGet;
import io.wxrelay.schemas.command.UserTagsGet;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code wxrelay tags <verb>}: the account's user tags, each verb one command. */
@Command(
    name = "tags",
    mixinStandardHelpOptions = true,
    description = {
      "The account's user tags: each verb writes one command to wechat.commands (keyed by the"
          + " appid) and prints its id; --wait follows its result.",
      "A tag is named by its id (--tag): tags list shows them."
    },
    footer = {
      "",
      "Examples:",
      "  ./wxrelay tags create --name \"Autumn buyers\" --wait",
      "  ./wxrelay tags add --tag 101 --to @buyers.txt --wait",
      "  ./wxrelay tags list --wait"
    })
public final class TagsCommand implements Runnable, CommandGroup {
  @Override
  public List<Class<?>> subcommands() {
    return List.of(
        TagsCommand.Create.class,
        TagsCommand.Rename.class,
        TagsCommand.Delete.class,
        TagsCommand.ListTags.class,
        TagsCommand.Add.class,
        TagsCommand.Remove.class,
        TagsCommand.Members.class,
        TagsCommand.Of.class,
        CommandLine.HelpCommand.class);
  }

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw Verbs.missing(spec);
  }

  /** {@code tags create}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "A new user tag (wechat.tags.create); the result says its id.",
      footer = {"", "Example:", "  ./wxrelay tags create --name \"Autumn buyers\" --wait"})
  static final class Create extends KindCommand {
    @Option(names = "--name", description = "the tag's name (at most 30 bytes, unique)")
    String name;

    @Override
    CommandData data() {
      return new TagCreate(need(name, "--name"));
    }

    @Override
    EventType typeOf(JsonNode data) {
      return EventType.TAGS_CREATE;
    }
  }

  /** {@code tags rename}. */
  @Command(
      name = "rename",
      mixinStandardHelpOptions = true,
      description = "Rename a tag (wechat.tags.update).",
      footer = {
        "",
        "Example:",
        "  ./wxrelay tags rename --tag 101 --name \"Winter buyers\" --wait"
      })
  static final class Rename extends KindCommand {
    @Option(names = "--tag", paramLabel = "ID", description = "the tag's id")
    Long tag;

    @Option(names = "--name", description = "its new name")
    String name;

    @Override
    CommandData data() {
      return new TagUpdate(need(tag, "--tag"), need(name, "--name"));
    }

    @Override
    EventType typeOf(JsonNode data) {
      return EventType.TAGS_UPDATE;
    }
  }

  /** {@code tags delete}. */
  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Delete a tag; its followers lose it (wechat.tags.delete).",
      footer = {"", "Example:", "  ./wxrelay tags delete --tag 101 --wait"})
  static final class Delete extends KindCommand {
    @Option(names = "--tag", paramLabel = "ID", description = "the tag's id")
    Long tag;

    @Override
    CommandData data() {
      return new TagDelete(need(tag, "--tag"));
    }

    @Override
    EventType typeOf(JsonNode data) {
      return EventType.TAGS_DELETE;
    }
  }

  /** {@code tags list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "The account's tags (wechat.tags.get); --wait prints id, name and count.",
      footer = {"", "Example:", "  ./wxrelay tags list --wait"})
  static final class ListTags extends KindCommand {
    @Override
    CommandData data() {
      return new TagsGet();
    }

    @Override
    EventType typeOf(JsonNode data) {
      return EventType.TAGS_GET;
    }
  }

  /** What tagging and untagging take: a tag and any number of users. */
  abstract static class Membership extends KindCommand {
    @Option(names = "--tag", paramLabel = "ID", description = "the tag's id")
    Long tag;

    @Option(
        names = "--to",
        split = ",",
        paramLabel = "OPENID",
        description = "the users (any number), or @FILE with one per line")
    List<String> to;

    long tagid() {
      return need(tag, "--tag");
    }

    List<String> openids() {
      return OpenIds.of(need(to, "--to"));
    }
  }

  /** {@code tags add}. */
  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = {
        "Give users a tag (wechat.tags.members.add).",
        "Any number of users: the worker tags them 50 a call, under one result."
      },
      footer = {"", "Example:", "  ./wxrelay tags add --tag 101 --to oCarol,oDave --wait"})
  static final class Add extends Membership {
    @Override
    CommandData data() {
      return new TagMembersAdd(tagid(), openids());
    }

    @Override
    EventType typeOf(JsonNode data) {
      return EventType.TAGS_MEMBERS_ADD;
    }
  }

  /** {@code tags remove}. */
  @Command(
      name = "remove",
      mixinStandardHelpOptions = true,
      description = {
        "Take a tag from users (wechat.tags.members.remove).",
        "Any number of users: the worker untags them 50 a call, under one result."
      },
      footer = {"", "Example:", "  ./wxrelay tags remove --tag 101 --to @left.txt --wait"})
  static final class Remove extends Membership {
    @Override
    CommandData data() {
      return new TagMembersRemove(tagid(), openids());
    }

    @Override
    EventType typeOf(JsonNode data) {
      return EventType.TAGS_MEMBERS_REMOVE;
    }
  }

  /** {@code tags members}. */
  @Command(
      name = "members",
      mixinStandardHelpOptions = true,
      description = "One page of the followers with a tag (wechat.tags.members.get).",
      footer = {"", "Example:", "  ./wxrelay tags members --tag 101 --wait"})
  static final class Members extends KindCommand {
    @Option(names = "--tag", paramLabel = "ID", description = "the tag's id")
    Long tag;

    @Option(
        names = "--next-openid",
        paramLabel = "OPENID",
        description = "start after this follower (the previous page's next_openid)")
    String nextOpenid;

    @Override
    CommandData data() {
      return new TagMembersGet(need(tag, "--tag"), nextOpenid);
    }

    @Override
    EventType typeOf(JsonNode data) {
      return EventType.TAGS_MEMBERS_GET;
    }
  }

  /** {@code tags of}. */
  @Command(
      name = "of",
      mixinStandardHelpOptions = true,
      description = "The tags of one user (wechat.tags.user.get).",
      footer = {"", "Example:", "  ./wxrelay tags of --user oAlice --wait"})
  static final class Of extends KindCommand {
    @Option(names = "--user", paramLabel = "OPENID", description = "the user")
    String user;

    @Override
    CommandData data() {
      return new UserTagsGet(need(user, "--user"));
    }

    @Override
    EventType typeOf(JsonNode data) {
      return EventType.TAGS_USER_GET;
    }
  }
}
