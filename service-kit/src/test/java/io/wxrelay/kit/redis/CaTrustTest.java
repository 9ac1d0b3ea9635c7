package io.wxrelay.kit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxrelay.kit.config.ConfigException;
import java.io.ByteArrayInputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.SslVerifyMode;

class CaTrustTest {

  @Test
  void everyCertificateOfThePemFileIsRead() throws URISyntaxException {
    assertThat(CaTrust.certificates(resource("ca-a.pem"))).hasSize(1);
    assertThat(CaTrust.certificates(resource("two-cas.pem"))).hasSize(2);
  }

  @Test
  void theOptionsVerifyTheHostName() throws Exception {
    SslOptions options = CaTrust.sslOptions(resource("ca-a.pem"));

    assertThat(options.getSslVerifyMode()).isEqualTo(SslVerifyMode.FULL);
    // Jedis sets the socket's parameters up when it makes the context: host name checked as HTTPS.
    assertThat(options.createSslContext()).isNotNull();
    assertThat(options.getSslParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
  }

  @Test
  void theTruststoreHoldsExactlyTheFilesCertificatesAsTrustAnchors() throws Exception {
    Path cas = resource("two-cas.pem");
    List<Certificate> certificates = CaTrust.certificates(cas);

    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(
        new ByteArrayInputStream(CaTrust.truststore(certificates, cas)), CaTrust.STORE_PASSWORD);

    List<Certificate> stored = new ArrayList<>();
    for (String alias : Collections.list(store.aliases())) {
      assertThat(store.isCertificateEntry(alias)).as(alias).isTrue();
      stored.add(store.getCertificate(alias));
    }
    assertThat(stored).containsExactlyInAnyOrderElementsOf(certificates);
  }

  @Test
  void aFileWithoutCertificatesIsRefusedNamingTheVariableAndTheFile() throws URISyntaxException {
    Path garbage = resource("garbage.pem");

    assertThatThrownBy(() -> CaTrust.sslOptions(garbage))
        .isInstanceOfSatisfying(
            ConfigException.class, e -> assertThat(e.variable()).isEqualTo("REDIS_CA_FILE"))
        .hasMessageStartingWith("REDIS_CA_FILE: file " + garbage + " ");
  }

  @Test
  void aFileThatVanishedIsRefusedNamingIt() {
    Path gone = Path.of("target", "no-such-ca.pem").toAbsolutePath();

    assertThatThrownBy(() -> CaTrust.sslOptions(gone))
        .isInstanceOf(ConfigException.class)
        .hasMessage("REDIS_CA_FILE: file " + gone + " cannot be read (NoSuchFileException)");
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(CaTrustTest.class.getResource("/redis-tls/" + name).toURI());
  }
}
