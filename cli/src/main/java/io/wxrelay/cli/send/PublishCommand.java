package io.wxrelay.cli.send;

import io.wxrelay.cli.CliError;
import io.wxrelay.cli.CommandGroup;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.command.CommandData;
import io.wxrelay.schemas.command.PublishDelete;
import io.wxrelay.schemas.command.PublishGet;
import io.wxrelay.schemas.command.PublishSubmit;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code wxrelay publish <verb>}: publishing drafts (freepublish). */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description = {
      "Publishing drafts (freepublish): each verb writes one command to wechat.commands (keyed by"
          + " the appid) and prints its id; --wait follows its result."
    },
    footer = {
      "",
      "Examples:",
      "  ./wxrelay publish submit --media-id DRAFT_MEDIA_ID --wait",
      "  ./wxrelay publish submit --data articles.json --wait",
      "  ./wxrelay publish get --publish-id 2247503051 --wait",
      "  ./wxrelay publish delete --article-id ARTICLE_ID --index 1"
    })
public final class PublishCommand implements Runnable, CommandGroup {
  @Override
  public List<Class<?>> subcommands() {
    return List.of(
        PublishCommand.Submit.class,
        PublishCommand.Get.class,
        PublishCommand.Delete.class,
        CommandLine.HelpCommand.class);
  }

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw Verbs.missing(spec);
  }

  /** {@code publish submit}. */
  @Command(
      name = "submit",
      mixinStandardHelpOptions = true,
      description = {
        "Publish a draft (wechat.publish.submit): --media-id names a draft of draft/add; or one"
            + " article written inline (--news-title, --news-thumb, --news-content), or --data"
            + " FILE holding {\"articles\": [...]}, that the worker makes into a draft first.",
        "Never repeated: a submit whose answer was lost ends UNKNOWN (a second would publish"
            + " twice).",
        "--wait prints the publish_id, then waits (within --timeout) for WeChat's finish"
            + " (wechat.publish.finished) and prints the articles' URLs."
      },
      footer = {
        "",
        "Example:",
        "  ./wxrelay publish submit --media-id DRAFT_MEDIA_ID --wait",
        "  ./wxrelay publish submit --news-title \"Autumn sale\" --news-thumb autumn.jpg"
            + " --news-content @sale.html --wait",
        "",
        "--wait exits 0 only once WeChat reported the draft published."
      })
  static final class Submit extends KindCommand {
    @Option(names = "--media-id", paramLabel = "ID", description = "the draft's media_id")
    String mediaId;

    @Mixin NewsFlags news = new NewsFlags();

    @Override
    CommandData data() {
      if (news.viaGiven()) {
        throw new CliError("publish submit always makes its draft via draft/add: drop --news-via");
      }
      if (mediaId != null && !news.absent()) {
        throw new CliError(
            "publish submit takes --media-id or an article's --news-* flags, not both");
      }
      if (mediaId == null && !news.absent()) {
        return new PublishSubmit(null, List.of(news.article("publish submit")));
      }
      return new PublishSubmit(need(mediaId, "--media-id"), null);
    }

    @Override
    EventType typeOf(JsonNode data) {
      return EventType.PUBLISH_SUBMIT;
    }
  }

  /** {@code publish get}. */
  @Command(
      name = "get",
      mixinStandardHelpOptions = true,
      description = {"The state of a publish task (wechat.publish.get) by its publish_id."},
      footer = {"", "Example:", "  ./wxrelay publish get --publish-id 2247503051 --wait"})
  static final class Get extends KindCommand {
    @Option(names = "--publish-id", paramLabel = "ID", description = "the task's publish_id")
    String publishId;

    @Override
    CommandData data() {
      return new PublishGet(need(publishId, "--publish-id"));
    }

    @Override
    EventType typeOf(JsonNode data) {
      return EventType.PUBLISH_GET;
    }
  }

  /** {@code publish delete}. */
  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = {
        "Delete a published article (wechat.publish.delete); it cannot be undone.",
        "--index is the article's 1-based number in its group; without it the whole group goes."
      },
      footer = {"", "Example:", "  ./wxrelay publish delete --article-id ARTICLE_ID --index 1"})
  static final class Delete extends KindCommand {
    @Option(names = "--article-id", paramLabel = "ID", description = "the group's article_id")
    String articleId;

    @Option(names = "--index", paramLabel = "N", description = "the article's number (1-8)")
    Integer index;

    @Override
    CommandData data() {
      return new PublishDelete(need(articleId, "--article-id"), index);
    }

    @Override
    EventType typeOf(JsonNode data) {
      return EventType.PUBLISH_DELETE;
    }
  }
}
