package io.wxrelay.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThrowawayFilesTest {
  @TempDir Path work;

  @Test
  void eachKindOfFileGetsWhatItsReaderAccepts() throws Exception {
    ThrowawayFiles files = new ThrowawayFiles(work);

    assertThat(text(files, "redis.url")).startsWith("rediss://");
    assertThat(text(files, "shop.encoding-aes-key").strip()).hasSize(43);
    assertThat(text(files, "ca.pem")).startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(text(files, "tls.key")).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(text(files, "api-clients.yml")).contains("bearerSha256");
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(
        new ByteArrayInputStream(files.contentFor("api.p12")),
        text(files, "api.p12.password").strip().toCharArray());
    assertThat(store.isKeyEntry("tls")).isTrue();
  }

  private static String text(ThrowawayFiles files, String name) {
    return new String(files.contentFor(name), StandardCharsets.UTF_8);
  }
}
