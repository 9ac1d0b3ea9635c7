package io.wxrelay.cli;

import picocli.CommandLine.Model.CommandSpec;

/** What every subcommand gets from the root command: the settings of this run. */
public interface RelayContext {
  CliSettings settings();

  /** The settings of the command line that {@code spec} belongs to. */
  static CliSettings settings(CommandSpec spec) {
    return ((RelayContext) spec.root().userObject()).settings();
  }
}
