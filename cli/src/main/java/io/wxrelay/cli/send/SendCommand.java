package io.wxrelay.cli.send;

import io.wxrelay.cli.CliError;
import io.wxrelay.cli.CommandGroup;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.Topic;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code wxrelay send <kind>}: one command on {@code wechat.commands}, checked before it is
 * written. Each kind is a subcommand with its own flags ({@link KindCommand}).
 */
@Command(
    name = "send",
    mixinStandardHelpOptions = true,
    description = {
      "Write one command to wechat.commands and print its id.",
      "The command is checked against its schema first: a bad field is named by its JSON pointer"
          + " and nothing is written.",
      "Each kind has its own flags (./wxrelay send <kind> --help); a kind is also named by its"
          + " CloudEvents type (e.g. wechat.custom.send), and --data FILE gives its whole data."
    },
    footer = {
      "",
      "Examples:",
      "  ./wxrelay send custom --to oAlice --text \"hi\" --wait",
      "  ./wxrelay send qr --scene order-42 --expire 7d --reply-text \"Your order 42\" --wait",
      "  ./wxrelay send mass --tag 100 --text \"Sale starts today\" --wait",
      "  ./wxrelay send speed-set --speed 1",
      "  ./wxrelay send wechat.mass.sendall --data broadcast.json --id crm-2026-11-26-sale",
      "",
      "--wait exits 0 only on SUCCEEDED (and, for a broadcast, once every chunk finished)."
    })
public final class SendCommand implements Runnable, CommandGroup {
  @Override
  public List<Class<?>> subcommands() {
    return List.of(
        CustomCommand.class,
        QrCommand.class,
        MassCommand.class,
        PreviewCommand.class,
        MassGetCommand.class,
        MassDeleteCommand.class,
        SpeedGetCommand.class,
        SpeedSetCommand.class,
        MediaCommand.class,
        CommandLine.HelpCommand.class);
  }

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CliError("send needs a command type: " + String.join(", ", Verbs.of(spec)));
  }

  /** The sentence for a command type {@code send} does not know. */
  public static String unknownType(CommandSpec send, String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (String group : List.of("tags", "template", "users", "publish", "material", "menu")) {
      if (lower.startsWith("wechat." + group + ".")
          && EventType.byValue(lower).filter(t -> t.topic() == Topic.COMMANDS).isPresent()) {
        return lower + " is written by ./wxrelay " + group + " (see: wxrelay " + group + " --help)";
      }
    }
    return "unknown command type '"
        + name
        + "': use one of "
        + String.join(", ", Verbs.of(send))
        + ", or a type of "
        + Topic.COMMANDS.defaultName();
  }
}
