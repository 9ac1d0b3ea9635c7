package io.wxrelay.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageRefTest {

  @Test
  void aReferenceSplitsIntoRepositoryTagAndDigest() {
    ImageRef ref = ImageRef.parse("registry.example.com:5000/wxrelay/send-worker:1.2@sha256:ab");

    assertThat(ref.repository()).isEqualTo("registry.example.com:5000/wxrelay/send-worker");
    assertThat(ref.tag()).isEqualTo("1.2");
    assertThat(ref.digest()).isEqualTo("sha256:ab");
    assertThat(ref.service()).contains(WxService.SEND_WORKER);
  }

  @Test
  void onlyRepositoriesEndingInWxrelaySlashServiceAreOurs() {
    assertThat(ImageRef.parse("wxrelay/cli").service()).contains(WxService.CLI);
    assertThat(ImageRef.parse("localhost:5000/cli:1").service()).isEmpty();
    assertThat(ImageRef.parse("redis:7.4").service()).isEmpty();
  }
}
