package io.wxrelay.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.testkit.Shell;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test command, as CI runs it, with a Redis URL that carries a user and password: it says which
 * Redis it uses without them, and its own check of its output finds none. (It printed everything up
 * to the '@' — the password.) Maven is only asked its version: nothing connects anywhere.
 */
class TestCommandPrintsNoPasswordIT {
  @Test
  void theTestCommandNamesRedisWithoutItsPasswordAndChecksItsOutputForIt(@TempDir Path runDir) {
    String password = "pw-" + UUID.randomUUID();

    Shell.Run run =
        Shell.run(
            Map.of(
                "REDIS_URL",
                "redis://wxrelay:" + password + "@127.0.0.1:6379/0",
                "KAFKA_BOOTSTRAP_SERVERS",
                "127.0.0.1:9",
                "WXRELAY_RUN_DIR",
                runDir.toString()),
            Duration.ofMinutes(2),
            "scripts/test.sh",
            "--version");

    assertThat(run.exitCode()).as(run.transcript()).isZero();
    assertThat(run.out() + run.err())
        .contains("Redis: redis://127.0.0.1:6379/0")
        .contains("Apache Maven")
        .doesNotContain(password)
        .doesNotContain("wxrelay:pw-");
    assertThat(run.out()).contains("Passwords found in this run's output: none, of ");
  }
}
