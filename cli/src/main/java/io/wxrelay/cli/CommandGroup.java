package io.wxrelay.cli;

import java.util.List;

/**
 * A command that has subcommands ({@code send}, {@code tags}, {@code menu conditional}, ...). It
 * names them here rather than in its {@code @Command(subcommands = ...)}, so that the command line
 * builds only the ones a command line goes through (see {@code io.wxrelay.cli.main.CommandTree}).
 */
public interface CommandGroup {
  /** Its subcommands' classes, in the order of its help. */
  List<Class<?>> subcommands();
}
