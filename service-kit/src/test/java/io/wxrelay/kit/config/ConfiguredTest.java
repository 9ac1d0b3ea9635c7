package io.wxrelay.kit.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfiguredTest {
  @Test
  void aConfigurationErrorIsOneLineNamingTheServiceAndTheVariable() {
    var bytes = new ByteArrayOutputStream();
    ConfigException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            ConfigException.class,
            () -> Env.of(Map.of("PORT", "eighty")).integer("PORT", 1, 0, 10));

    Configured.report("token-service", e, new PrintStream(bytes, true, StandardCharsets.UTF_8));

    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo("token-service: configuration error: PORT: must be an integer, is 'eighty'\n");
  }
}
