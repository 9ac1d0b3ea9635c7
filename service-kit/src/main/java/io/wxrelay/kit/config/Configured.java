package io.wxrelay.kit.config;

import java.io.PrintStream;
import java.util.function.Function;

/**
 * How a service's {@code main} reads its configuration: a mistake ends the process with one line on
 * stderr that names the variable (never a secret) and exit code 2, not a stack trace.
 */
public final class Configured {
  /** The exit code of a service whose configuration is wrong. */
  public static final int CONFIG_ERROR = 2;

  private Configured() {}

  /** {@code read} applied to the process environment, or the process ends as described above. */
  public static <T> T fromEnvironment(String service, Function<Env, T> read) {
    try {
      return read.apply(Env.of(System.getenv()));
    } catch (ConfigException e) {
      report(service, e, System.err);
      System.exit(CONFIG_ERROR);
      throw e; // not reached
    }
  }

  /** The line a configuration error is reported with. */
  static void report(String service, ConfigException e, PrintStream err) {
    err.println(service + ": configuration error: " + e.getMessage());
    err.flush();
  }
}
