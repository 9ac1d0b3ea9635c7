package io.wxrelay.cli.token;

import io.wxrelay.cli.CommandGroup;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code wxrelay token status}. */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = "What token-service keeps for each account.",
    footer = {"", "Example:", "  ./wxrelay token status --app wx5823bf96d3bd56c7"})
public final class TokenCommand implements Runnable, CommandGroup {
  @Override
  public List<Class<?>> subcommands() {
    return List.of(TokenStatus.class, CommandLine.HelpCommand.class);
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
