package io.wxrelay.cli;

import io.wxrelay.kit.config.ConfigException;
import io.wxrelay.kit.config.Env;
import java.time.Duration;
import java.util.Map;

/** Durations on the command line, written as everywhere in wxrelay: 250ms, 5s, 2m, 1h, 1d. */
public final class Durations {
  private Durations() {}

  public static Duration parse(String flag, String text) {
    try {
      return Env.of(Map.of(flag, text)).duration(flag, null);
    } catch (ConfigException e) {
      throw new CliError(e.getMessage());
    }
  }
}
