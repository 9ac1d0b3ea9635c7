package io.wxrelay.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.testkit.Shell;
import java.time.Duration;
import java.util.Map;

/** Prometheus' own checker, as scripts/test.sh installs it (Debian's prometheus package). */
final class Promtool {
  private Promtool() {}

  /** Runs {@code promtool args...}; fails saying how to install it when it is not there. */
  static Shell.Run run(String... args) {
    Shell.Run which =
        Shell.run(Map.of(), Duration.ofSeconds(10), "sh", "-c", "command -v promtool");
    assertThat(which.exitCode())
        .as(
            "promtool is not on the PATH: scripts/test.sh installs it (Debian's prometheus"
                + " package: apt-get install prometheus)")
        .isZero();
    String[] command = new String[args.length + 1];
    command[0] = "promtool";
    System.arraycopy(args, 0, command, 1, args.length);
    return Shell.run(Map.of(), Duration.ofMinutes(1), command);
  }
}
