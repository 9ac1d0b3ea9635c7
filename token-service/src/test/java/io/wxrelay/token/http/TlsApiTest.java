package io.wxrelay.token.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxrelay.kit.config.Env;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API over HTTPS with a keystore keytool makes for this test, and a client that trusts only its
 * certificate.
 */
class TlsApiTest {
  private static final String APP = "wx5823bf96d3bd56c7";
  private static final String BEARER = "tls-client-bearer-0123456789";
  private static final String PASSWORD = "keystore-password-42";

  @TempDir Path dir;

  @Test
  void aClientTrustingTheCertificateReadsATokenOverHttps() throws Exception {
    Path keystore = keystore();
    Path password = Files.writeString(dir.resolve("password"), PASSWORD + "\n");
    Path bearer = Files.writeString(dir.resolve("bearer"), BEARER + "\n");
    ApiAccess access =
        ApiAccess.fromEnv(
                Env.of(
                    Map.of(
                        "TOKEN_API_BEARER_FILE", bearer.toString(),
                        "TOKEN_API_TLS_KEYSTORE", keystore.toString(),
                        "TOKEN_API_TLS_KEYSTORE_PASSWORD_FILE", password.toString())),
                Set.of(APP))
            .orElseThrow();
    assertThat(access.https()).isTrue();
    HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(keystore)).build();

    try (ApiCalls calls = new ApiCalls(access, Set.of(APP), trusting)) {
      var answer = calls.get(APP, BEARER);
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(ApiCalls.json(answer).path("accessToken").asString())
          .isEqualTo("token-" + APP + "-1");
      assertThat(calls.get(APP, null).statusCode()).isEqualTo(401);

      try (ApiCalls plain = new ApiCalls(access, Set.of(APP), HttpClient.newHttpClient())) {
        assertThatThrownBy(() -> plain.get(APP, BEARER))
            .as("a client that does not trust the certificate gets no token")
            .isInstanceOf(IOException.class);
      }
    }
  }

  @Test
  void aWrongPasswordStopsStartupNamingTheFilesNotThePassword() throws Exception {
    Path keystore = keystore();
    Path wrong = Files.writeString(dir.resolve("wrong"), "not-the-password-at-all");

    assertThatThrownBy(() -> TlsKeystore.load(keystore, wrong))
        .hasMessageStartingWith("TOKEN_API_TLS_KEYSTORE: cannot read " + keystore)
        .hasMessageContaining("TOKEN_API_TLS_KEYSTORE_PASSWORD_FILE")
        .message()
        .doesNotContain("not-the-password")
        .doesNotContain(PASSWORD);
  }

  /** A PKCS12 keystore with a self-signed EC key for 127.0.0.1 and localhost, made by keytool. */
  private Path keystore() throws Exception {
    Path keystore = dir.resolve("api.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process =
        new ProcessBuilder(
                List.of(
                    keytool.toString(),
                    "-genkeypair",
                    "-alias",
                    "token-api",
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-dname",
                    "CN=localhost",
                    "-ext",
                    "SAN=ip:127.0.0.1,dns:localhost",
                    "-validity",
                    "2",
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    keystore.toString(),
                    "-storepass",
                    PASSWORD,
                    "-keypass",
                    PASSWORD))
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
    assertThat(process.exitValue()).as("keytool: %s", output).isZero();
    return keystore;
  }

  /** An SSL context trusting only the keystore's certificate. */
  private static SSLContext trusting(Path keystore) throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      keys.load(in, PASSWORD.toCharArray());
    }
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("token-api", keys.getCertificate("token-api"));
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }
}
