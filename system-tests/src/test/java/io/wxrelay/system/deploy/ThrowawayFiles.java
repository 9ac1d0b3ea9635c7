package io.wxrelay.system.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;

/**
 * Throwaway contents for a secret file, plausible enough for the reader that takes it, chosen by
 * the file's name: a Kafka client properties file, a {@code rediss://} URL, a PEM certificate or
 * key, a PKCS12 keystore (its password in every {@code *.password} file), a token API clients file,
 * an EncodingAESKey; anything else a random-looking word. Nothing real is ever written.
 */
final class ThrowawayFiles {
  static final String PASSWORD = "throwaway-password-0000";

  private final Path workDir;
  private KeyStore keyStore;
  private byte[] keyStoreBytes;

  ThrowawayFiles(Path workDir) {
    this.workDir = workDir;
  }

  /** What a file named {@code fileName} holds. */
  byte[] contentFor(String fileName) {
    String name = fileName.toLowerCase(java.util.Locale.ROOT);
    if (name.endsWith(".p12") || name.endsWith(".pfx")) {
      return keyStoreBytes();
    }
    if (name.endsWith(".crt") || name.endsWith(".pem")) {
      return pem("CERTIFICATE", certificate()).getBytes(StandardCharsets.UTF_8);
    }
    if (name.endsWith(".key")) {
      return pem("PRIVATE KEY", privateKey()).getBytes(StandardCharsets.UTF_8);
    }
    return text(name).getBytes(StandardCharsets.UTF_8);
  }

  private static String text(String name) {
    if (name.endsWith(".password")) {
      return PASSWORD + "\n";
    }
    if (name.endsWith(".url")) {
      return "rediss://throwaway:" + PASSWORD + "@redis.example.com:6380/0\n";
    }
    if (name.endsWith(".properties")) {
      return String.join(
          "\n",
          List.of(
              "security.protocol=SASL_SSL",
              "sasl.mechanism=SCRAM-SHA-512",
              "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required"
                  + " username=\"throwaway\" password=\""
                  + PASSWORD
                  + "\";",
              ""));
    }
    if (name.contains("clients") && (name.endsWith(".yml") || name.endsWith(".yaml"))) {
      return "clients:\n  - name: throwaway\n    bearerSha256: "
          + "0".repeat(64)
          + "\n    apps: [\"*\"]\n";
    }
    if (name.contains("aes-key")) {
      return "ThrowawayEncodingAesKey0123456789abcdefghij\n"; // 43 characters
    }
    if (name.endsWith(".username")) {
      return "throwaway\n";
    }
    return "throwaway-" + Integer.toHexString(name.hashCode()) + "-0123456789abcdef\n";
  }

  private byte[] keyStoreBytes() {
    load();
    return keyStoreBytes.clone();
  }

  private byte[] certificate() {
    load();
    try {
      return keyStore.getCertificate("tls").getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] privateKey() {
    load();
    try {
      return keyStore.getKey("tls", PASSWORD.toCharArray()).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One throwaway key pair, made by the JDK's keytool. */
  private void load() {
    if (keyStore != null) {
      return;
    }
    Path file = workDir.resolve("throwaway.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    try {
      Process p =
          new ProcessBuilder(
                  keytool.toString(),
                  "-genkeypair",
                  "-alias",
                  "tls",
                  "-keyalg",
                  "EC",
                  "-groupname",
                  "secp256r1",
                  "-dname",
                  "CN=throwaway.example.com",
                  "-validity",
                  "2",
                  "-storetype",
                  "PKCS12",
                  "-keystore",
                  file.toString(),
                  "-storepass",
                  PASSWORD,
                  "-keypass",
                  PASSWORD)
              .redirectErrorStream(true)
              .start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IllegalStateException("keytool failed: " + output);
      }
      keyStoreBytes = Files.readAllBytes(file);
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(file)) {
        store.load(in, PASSWORD.toCharArray());
      }
      keyStore = store;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
