package io.wxrelay.cli.main;

import io.wxrelay.cli.CommandGroup;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The command line of {@code ./wxrelay}, built as far as one line of words needs it (decision
 * 0040).
 *
 * <p>picocli builds a command by reflection over its class and its options, and through
 * {@code @Command(subcommands = ...)} every command below it: for the whole tree, most of the CLI's
 * start. So the groups name their subcommands in {@link CommandGroup}, and a subcommand is built
 * only when the line names it (its name or an alias, in any case, anywhere in the line: a word that
 * merely looks like one builds one more command, never one fewer). Every other subcommand is a
 * <em>summary</em>: its own object, unparsed, with the name, aliases, header, description and
 * visibility of its {@code @Command}, which is all that its group's help and "unknown verb"
 * sentence show of it. A line that names no subcommand never reaches one.
 */
final class CommandTree {
  private static final IFactory FACTORY = CommandLine.defaultFactory();

  private CommandTree() {}

  /** Every command built: for the tests and the start-up cache's training. */
  static CommandLine whole(Object root) {
    return build(root, annotation -> true);
  }

  /** The commands {@code words} name built, every other one a summary. */
  static CommandLine forWords(Object root, String... words) {
    Set<String> named =
        Arrays.stream(words).map(w -> w.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    return build(
        root,
        annotation ->
            Stream.concat(Stream.of(annotation.name()), Arrays.stream(annotation.aliases()))
                .anyMatch(name -> named.contains(name.toLowerCase(Locale.ROOT))));
  }

  private static CommandLine build(Object command, Predicate<Command> named) {
    CommandLine line = new CommandLine(command, FACTORY);
    if (command instanceof CommandGroup group) {
      for (Class<?> type : group.subcommands()) {
        Command annotation = type.getAnnotation(Command.class);
        if (named.test(annotation)) {
          line.addSubcommand(build(create(type), named));
        } else {
          line.addSubcommand(annotation.name(), summary(type, annotation), annotation.aliases());
        }
      }
    }
    return line;
  }

  /** What a group's help shows of a subcommand, without picocli looking into it. */
  private static CommandSpec summary(Class<?> type, Command annotation) {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(create(type));
    spec.usageMessage()
        .header(annotation.header())
        .description(annotation.description())
        .hidden(annotation.hidden());
    return spec;
  }

  private static Object create(Class<?> type) {
    try {
      return FACTORY.create(type);
    } catch (Exception e) {
      throw new IllegalStateException("cannot make the command " + type.getName(), e);
    }
  }
}
