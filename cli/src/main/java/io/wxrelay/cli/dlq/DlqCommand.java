package io.wxrelay.cli.dlq;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code wxrelay dlq list|replay}. */
@Command(
    name = "dlq",
    mixinStandardHelpOptions = true,
    description = "List the dead letters of wechat.commands.dlq, or replay some of them.",
    subcommands = {DlqList.class, DlqReplay.class, CommandLine.HelpCommand.class},
    footer = {
      "",
      "Examples:",
      "  ./wxrelay dlq list",
      "  ./wxrelay dlq replay --id crm-42 --dry-run"
    })
public final class DlqCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
