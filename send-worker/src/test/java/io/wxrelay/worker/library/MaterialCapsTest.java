package io.wxrelay.worker.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxrelay.kit.config.ConfigException;
import io.wxrelay.kit.config.Env;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The caps: WeChat's current figures by default, each settable, a thumb an image. */
class MaterialCapsTest {
  @Test
  void defaultsAreWeChatsCurrentCaps() {
    MaterialCaps caps = MaterialCaps.fromEnv(Env.of(Map.of()));

    assertThat(caps).isEqualTo(new MaterialCaps(100_000, 1_000, 1_000, 100_000));
    assertThat(caps.of("thumb")).isEqualTo(100_000);
  }

  @Test
  void eachCapIsSetByItsOwnVariable() {
    MaterialCaps caps =
        MaterialCaps.fromEnv(
            Env.of(Map.of("WORKER_MATERIAL_CAP_IMAGE", "5000", "WORKER_MATERIAL_CAP_VIDEO", "3")));

    assertThat(caps.of("image")).isEqualTo(5_000);
    assertThat(caps.of("video")).isEqualTo(3);
    assertThat(caps.of("voice")).isEqualTo(1_000);
    assertThatThrownBy(() -> caps.of("mpvideo")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCapIsAPositiveNumber() {
    assertThatThrownBy(() -> MaterialCaps.fromEnv(Env.of(Map.of("WORKER_MATERIAL_CAP_NEWS", "0"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("WORKER_MATERIAL_CAP_NEWS");
  }
}
