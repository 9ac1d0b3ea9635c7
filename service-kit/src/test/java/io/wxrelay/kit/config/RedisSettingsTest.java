package io.wxrelay.kit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisSettingsTest {
  private static final String TLS_URL = "rediss://worker:hunter2@127.0.0.1:6391";

  @Test
  void theUrlIsReadFromTheFileRedisUrlFileNames(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("redis.url"), TLS_URL + "\n");

    RedisSettings settings =
        RedisSettings.fromEnv(Env.of(Map.of("REDIS_URL_FILE", file.toString())));

    assertThat(settings.url()).hasToString(TLS_URL);
    assertThat(settings.tls()).isTrue();
  }

  @Test
  void aUrlFileAndAUrlTogetherAreRefused(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("redis.url"), TLS_URL);

    assertThatThrownBy(
            () ->
                RedisSettings.fromEnv(
                    Env.of(Map.of("REDIS_URL_FILE", file.toString(), "REDIS_URL", TLS_URL))))
        .isInstanceOf(ConfigException.class)
        .hasMessage("REDIS_URL_FILE: and REDIS_URL are both set; set one");
  }

  @Test
  void aUrlFileThatIsMissingEmptyOrNotAUrlIsRefusedWithoutItsContent(@TempDir Path dir)
      throws IOException {
    Path missing = dir.resolve("missing.url");
    Path empty = Files.writeString(dir.resolve("empty.url"), "\n");
    Path wrong = Files.writeString(dir.resolve("wrong.url"), "http://app:hunter2@cache:6379");

    assertThatThrownBy(() -> urlFile(missing))
        .hasMessage("REDIS_URL_FILE: cannot read " + missing + " (NoSuchFileException)");
    assertThatThrownBy(() -> urlFile(empty))
        .hasMessage("REDIS_URL_FILE: file " + empty + " is empty");
    assertThatThrownBy(() -> urlFile(wrong))
        .hasMessage("REDIS_URL_FILE: must be a redis or rediss URL with a host")
        .message()
        .doesNotContain("hunter2");
  }

  private static RedisSettings urlFile(Path file) {
    return RedisSettings.fromEnv(Env.of(Map.of("REDIS_URL_FILE", file.toString())));
  }

  @Test
  void withoutACaFileTheJvmsTruststoreApplies() {
    RedisSettings settings = RedisSettings.fromEnv(Env.of(Map.of("REDIS_URL", TLS_URL)));

    assertThat(settings.caFile()).isEmpty();
    assertThat(settings.tls()).isTrue();
  }

  @Test
  void aCaFileIsTakenForATlsUrl() throws URISyntaxException {
    Path ca = resource("ca-a.pem");

    RedisSettings settings =
        RedisSettings.fromEnv(Env.of(Map.of("REDIS_URL", TLS_URL, "REDIS_CA_FILE", ca.toString())));

    assertThat(settings.caFile()).contains(ca.toAbsolutePath());
    assertThat(settings.describe()).isEqualTo("rediss://127.0.0.1:6391 (CA " + ca + ")");
  }

  @Test
  void aMissingCaFileIsRefusedNamingTheVariableAndTheFileButNotThePassword() {
    Path missing = Path.of("no-such-dir", "ca.pem").toAbsolutePath();

    assertThatThrownBy(
            () ->
                RedisSettings.fromEnv(
                    Env.of(Map.of("REDIS_URL", TLS_URL, "REDIS_CA_FILE", missing.toString()))))
        .isInstanceOfSatisfying(
            ConfigException.class, e -> assertThat(e.variable()).isEqualTo("REDIS_CA_FILE"))
        .hasMessage("REDIS_CA_FILE: file " + missing + " does not exist or is not readable")
        .message()
        .doesNotContain("hunter2");
  }

  @Test
  void aCaFileForAPlaintextUrlIsRefusedRatherThanIgnored() throws URISyntaxException {
    Path ca = resource("ca-a.pem");

    assertThatThrownBy(
            () ->
                RedisSettings.fromEnv(
                    Env.of(
                        Map.of(
                            "REDIS_URL",
                            "redis://app:hunter2@cache:6379",
                            "REDIS_CA_FILE",
                            ca.toString()))))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("REDIS_CA_FILE: is set (" + ca)
        .hasMessageContaining("not a rediss:// (TLS) URL")
        .message()
        .doesNotContain("hunter2");
  }

  @Test
  void neitherDescribeNorToStringShowThePassword() throws URISyntaxException {
    RedisSettings settings =
        RedisSettings.fromEnv(
            Env.of(
                Map.of(
                    "REDIS_URL",
                    TLS_URL,
                    "REDIS_CA_FILE",
                    resource("ca-a.pem").toString(),
                    "REDIS_POOL_MAX",
                    "4")));

    assertThat(settings.describe()).doesNotContain("hunter2").doesNotContain("worker");
    assertThat(settings.toString())
        .doesNotContain("hunter2")
        .startsWith("RedisSettings[rediss://127.0.0.1:6391 (CA ")
        .contains("maxConnections=4");
  }

  @Test
  void theThreeArgumentConstructorHasNoCaFile() {
    RedisSettings settings =
        new RedisSettings(
            java.net.URI.create("redis://127.0.0.1:6379"), 2, java.time.Duration.ofSeconds(1));

    assertThat(settings.caFile()).isEqualTo(Optional.empty());
    assertThat(settings.tls()).isFalse();
  }

  static Path resource(String name) throws URISyntaxException {
    return Path.of(RedisSettingsTest.class.getResource("/redis-tls/" + name).toURI());
  }
}
