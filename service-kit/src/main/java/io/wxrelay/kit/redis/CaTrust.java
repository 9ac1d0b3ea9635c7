package io.wxrelay.kit.redis;

import io.wxrelay.kit.config.ConfigException;
import io.wxrelay.kit.config.RedisSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.List;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.SslVerifyMode;

/**
 * TLS options trusting only the CA certificates of a PEM file ({@code REDIS_CA_FILE}), with the
 * server's host name verified ({@link SslVerifyMode#FULL}). Jedis reads a truststore, not PEM: the
 * certificates go into an in-memory PKCS#12 store (public certificates only, so its password
 * protects nothing).
 */
final class CaTrust {
  static final char[] STORE_PASSWORD = "wxrelay-ca".toCharArray();

  private CaTrust() {}

  /** TLS options trusting {@code caFile}'s certificates; a {@link ConfigException} naming it. */
  static SslOptions sslOptions(Path caFile) {
    byte[] store = truststore(certificates(caFile), caFile);
    return SslOptions.builder()
        .truststore(() -> new ByteArrayInputStream(store), STORE_PASSWORD)
        .trustStoreType("PKCS12")
        .sslVerifyMode(SslVerifyMode.FULL)
        .build();
  }

  /** The X.509 certificates of a PEM file, at least one. */
  static List<Certificate> certificates(Path caFile) {
    Collection<? extends Certificate> found;
    try (InputStream in = Files.newInputStream(caFile)) {
      found = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (IOException e) {
      throw problem(caFile, "cannot be read (" + e.getClass().getSimpleName() + ")");
    } catch (CertificateException e) {
      throw problem(caFile, "is not a PEM certificate file (" + e.getMessage() + ")");
    }
    if (found.isEmpty()) {
      throw problem(caFile, "holds no certificate");
    }
    return List.copyOf(found);
  }

  /** The certificates as trusted entries of a PKCS#12 store, serialized. */
  static byte[] truststore(List<Certificate> certificates, Path caFile) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      for (int i = 0; i < certificates.size(); i++) {
        store.setCertificateEntry("ca-" + i, certificates.get(i));
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      store.store(out, STORE_PASSWORD);
      return out.toByteArray();
    } catch (IOException | GeneralSecurityException e) {
      throw problem(caFile, "cannot be made a truststore (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static ConfigException problem(Path caFile, String what) {
    return new ConfigException(RedisSettings.CA_FILE, "file " + caFile + " " + what);
  }
}
