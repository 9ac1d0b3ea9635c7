package io.wxrelay.endtoend;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/compose-secrets.sh, run with bash in a copy of the repository's compose folder: it makes
 * ./secrets/ (0700) with random files (0600) and .env (0600) with REDIS_PASSWORD, prints none of
 * them, keeps them on a second run, and docker-compose.yml interpolates with that .env.
 */
class ComposeSecretsIT {
  private static final Path ROOT = Path.of("..");
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  @Test
  void makesSecretsReadableOnlyByTheOwnerPrintsNoneAndKeepsThem(@TempDir Path dir)
      throws Exception {
    Files.copy(ROOT.resolve("docker-compose.yml"), dir.resolve("docker-compose.yml"));
    Files.writeString(dir.resolve(".env"), "COMPOSE_PROJECT_NAME=mine"); // no final newline

    String firstOutput = run(dir);
    Path secrets = dir.resolve("secrets");
    assertThat(Files.getPosixFilePermissions(secrets))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    Map<String, String> values = new HashMap<>();
    for (String name : List.of("token-api-bearer", "grafana-admin-password")) {
      Path file = secrets.resolve(name);
      assertThat(Files.getPosixFilePermissions(file)).as(name).isEqualTo(OWNER_ONLY);
      values.put(name, Files.readString(file, UTF_8));
    }
    assertThat(Files.getPosixFilePermissions(dir.resolve(".env"))).isEqualTo(OWNER_ONLY);
    Map<String, String> env = dotEnv(dir.resolve(".env"));
    assertThat(env).containsEntry("COMPOSE_PROJECT_NAME", "mine").containsKey("SECRETS_UID");
    values.put("REDIS_PASSWORD", env.get("REDIS_PASSWORD"));
    assertThat(values.values())
        .allSatisfy(v -> assertThat(v).matches("[0-9a-f]{64}"))
        .doesNotHaveDuplicates();

    String secondOutput = run(dir);
    for (String output : List.of(firstOutput, secondOutput)) {
      assertThat(values.values()).allSatisfy(v -> assertThat(output).doesNotContain(v));
    }
    assertThat(secondOutput).doesNotContain("created", "added");
    assertThat(dotEnv(dir.resolve(".env"))).isEqualTo(env);
    for (String name : List.of("token-api-bearer", "grafana-admin-password")) {
      assertThat(Files.readString(secrets.resolve(name), UTF_8)).isEqualTo(values.get(name));
    }

    String compose =
        ComposeInterpolation.interpolate(
            Files.readString(dir.resolve("docker-compose.yml"), UTF_8), env);
    assertThat(compose).contains("redis://:" + env.get("REDIS_PASSWORD") + "@redis:6379");
  }

  /** Runs the script for {@code dir}; its output (stdout and stderr) once it succeeded. */
  private static String run(Path dir) throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder("bash", ROOT.resolve("scripts/compose-secrets.sh").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("script.out").toFile());
    builder.environment().put("COMPOSE_DIR", dir.toString());
    Process process = builder.start();
    process.getOutputStream().close();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the script ends").isTrue();
    String output = Files.readString(dir.resolve("script.out"), UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  private static Map<String, String> dotEnv(Path file) throws IOException {
    Map<String, String> env = new HashMap<>();
    for (String line : Files.readAllLines(file, UTF_8)) {
      int eq = line.indexOf('=');
      assertThat(eq).as("a .env line is NAME=value").isPositive();
      env.put(line.substring(0, eq), line.substring(eq + 1));
    }
    return env;
  }
}
