package io.wxrelay.cli.send;

import io.wxrelay.cli.CliError;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The verbs of a group of commands ({@code send}, {@code tags}, ...), for its messages. */
public final class Verbs {
  private Verbs() {}

  /** The verbs' names, in the order of the help. */
  static List<String> of(CommandSpec group) {
    return group.subcommands().values().stream()
        .map(CommandLine::getCommandSpec)
        .filter(verb -> verb.userObject() instanceof KindCommand)
        .map(CommandSpec::name)
        .distinct()
        .toList();
  }

  /** Whether {@code command} is a group of verbs that write commands. */
  public static boolean isGroup(CommandSpec command) {
    return !of(command).isEmpty();
  }

  /** The sentence for a group run without a verb. */
  static CliError missing(CommandSpec group) {
    return new CliError(group.name() + " needs a verb: " + String.join(", ", of(group)));
  }

  /** The sentence for a verb {@code group} does not know. */
  public static String unknown(CommandSpec group, String name) {
    return "unknown verb '"
        + name
        + "' of "
        + group.name()
        + ": use one of "
        + String.join(", ", of(group));
  }
}
