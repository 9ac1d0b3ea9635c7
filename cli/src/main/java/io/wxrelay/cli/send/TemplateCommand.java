package io.wxrelay.cli.send;

import io.wxrelay.cli.CliError;
import io.wxrelay.cli.CommandGroup;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.command.CommandData;
import io.wxrelay.schemas.command.TemplateAdd;
import io.wxrelay.schemas.command.TemplateDelete;
import io.wxrelay.schemas.command.TemplateIndustryGet;
import io.wxrelay.schemas.command.TemplateIndustrySet;
import io.wxrelay.schemas.command.TemplateList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code wxrelay template <verb>}: template messages and the account's templates. */
@Command(
    name = "template",
    mixinStandardHelpOptions = true,
    description = {
      "Template messages and the account's templates: each verb writes one command to"
          + " wechat.commands and prints its id; --wait follows its result.",
      "template send is keyed by appid:openid, the others by the appid."
    },
    footer = {
      "",
      "Examples:",
      "  ./wxrelay template list --wait",
      "  ./wxrelay template send --to oAlice --template TEMPLATE_ID --value first=\"Paid\""
          + " --value keyword1=30.00 --wait",
      "  ./wxrelay template industry --set 1,4 --wait"
    })
public final class TemplateCommand implements Runnable, CommandGroup {
  @Override
  public List<Class<?>> subcommands() {
    return List.of(
        TemplateSendCommand.class,
        TemplateCommand.ListTemplates.class,
        TemplateCommand.Add.class,
        TemplateCommand.Delete.class,
        TemplateCommand.Industry.class,
        CommandLine.HelpCommand.class);
  }

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw Verbs.missing(spec);
  }

  /** {@code template list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "The account's templates (wechat.template.list); --wait prints id and title.",
      footer = {"", "Example:", "  ./wxrelay template list --wait"})
  static final class ListTemplates extends KindCommand {
    @Override
    CommandData data() {
      return new TemplateList();
    }

    @Override
    EventType typeOf(JsonNode data) {
      return EventType.TEMPLATE_LIST;
    }
  }

  /** {@code template add}. */
  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description =
          "Add a template from WeChat's library (wechat.template.add); the result says"
              + " its template_id.",
      footer = {"", "Example:", "  ./wxrelay template add --short TM00015 --wait"})
  static final class Add extends KindCommand {
    @Option(
        names = "--short",
        paramLabel = "ID",
        description = "the library template's short id (template_id_short), e.g. TM00015")
    String shortId;

    @Option(
        names = "--keywords",
        split = ",",
        paramLabel = "NAME",
        description = "a category template's keywords, in order (keyword_name_list)")
    List<String> keywords;

    @Override
    CommandData data() {
      return new TemplateAdd(need(shortId, "--short"), keywords);
    }

    @Override
    EventType typeOf(JsonNode data) {
      return EventType.TEMPLATE_ADD;
    }
  }

  /** {@code template delete}. */
  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Delete a template (wechat.template.delete).",
      footer = {"", "Example:", "  ./wxrelay template delete --template TEMPLATE_ID --wait"})
  static final class Delete extends KindCommand {
    @Option(names = "--template", paramLabel = "ID", description = "the template's template_id")
    String template;

    @Override
    CommandData data() {
      return new TemplateDelete(need(template, "--template"));
    }

    @Override
    EventType typeOf(JsonNode data) {
      return EventType.TEMPLATE_DELETE;
    }
  }

  /** {@code template industry}: read the account's industries, or set them. */
  @Command(
      name = "industry",
      mixinStandardHelpOptions = true,
      description = {
        "The account's two industries: read them (wechat.template.industry.get), or set them"
            + " with --set (wechat.template.industry.set).",
        "Changing an industry deletes its templates; WeChat allows it once a month."
      },
      footer = {
        "",
        "Examples:",
        "  ./wxrelay template industry --wait",
        "  ./wxrelay template industry --set 1,4 --wait"
      })
  static final class Industry extends KindCommand {
    @Option(
        names = "--set",
        split = ",",
        paramLabel = "CODE",
        description = "the two industry codes (1 to 41): industry_id1,industry_id2")
    List<String> set;

    @Override
    CommandData data() {
      if (set == null) {
        return new TemplateIndustryGet();
      }
      if (set.size() != 2) {
        throw new CliError(kind() + " --set needs two industry codes, e.g. --set 1,4");
      }
      return new TemplateIndustrySet(set.get(0), set.get(1));
    }

    @Override
    EventType typeOf(JsonNode data) {
      return data.has("industry_id1")
          ? EventType.TEMPLATE_INDUSTRY_SET
          : EventType.TEMPLATE_INDUSTRY_GET;
    }
  }
}
