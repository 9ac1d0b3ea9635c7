package io.wxrelay.cli.dlq;

import io.wxrelay.cli.CommandGroup;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code wxrelay dlq list|replay}. */
@Command(
    name = "dlq",
    mixinStandardHelpOptions = true,
    description = "List the dead letters of wechat.commands.dlq, or replay some of them.",
    footer = {
      "",
      "Examples:",
      "  ./wxrelay dlq list",
      "  ./wxrelay dlq replay --id crm-42 --dry-run"
    })
public final class DlqCommand implements Runnable, CommandGroup {
  @Override
  public List<Class<?>> subcommands() {
    return List.of(DlqList.class, DlqReplay.class, CommandLine.HelpCommand.class);
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
