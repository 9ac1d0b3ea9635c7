package io.wxrelay.gateway.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wxrelay.gateway.callback.rejection.Rejection;
import org.junit.jupiter.api.Test;

class ScenesTest {

  @Test
  void aSubscribeFromAQrCodeLosesThePrefixAndAPlainFollowHasNoScene() {
    assertThat(Scenes.ofSubscribe("qrscene_store-42")).isEqualTo("store-42");
    assertThat(Scenes.ofSubscribe("plain")).isEqualTo("plain");
    assertThat(Scenes.ofSubscribe("qrscene_")).isNull();
    assertThat(Scenes.ofSubscribe("")).isNull();
    assertThat(Scenes.ofSubscribe(null)).isNull();
  }

  @Test
  void aScanKeepsItsKeyAsTheSceneAndOneWithoutIsRefused() {
    assertThat(Scenes.ofScan("qrscene_1")).isEqualTo("qrscene_1");
    Rejection refused = catchThrowableOfType(Rejection.class, () -> Scenes.ofScan(""));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.reason()).isEqualTo("bad_message");
  }

  @Test
  void scenesAreCutTo64Characters() {
    assertThat(Scenes.ofSubscribe("qrscene_" + "x".repeat(70))).isEqualTo("x".repeat(64));
    assertThat(Scenes.ofScan("y".repeat(65))).isEqualTo("y".repeat(64));
  }
}
