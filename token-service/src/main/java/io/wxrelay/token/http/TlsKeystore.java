package io.wxrelay.token.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.wxrelay.kit.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The HTTP API's TLS identity: a PKCS12 keystore ({@value #KEYSTORE}) holding one private key and
 * its certificate chain, whose password is read from a file ({@value #PASSWORD_FILE}; a trailing
 * newline is fine). Loaded when the configuration is read, so a wrong password or file stops
 * token-service at startup; errors name the files, never the password.
 */
public record TlsKeystore(Path keystore, SSLContext sslContext) {
  public static final String KEYSTORE = "TOKEN_API_TLS_KEYSTORE";
  public static final String PASSWORD_FILE = "TOKEN_API_TLS_KEYSTORE_PASSWORD_FILE";

  /** Loads {@code keystore} with the password in {@code passwordFile}. */
  public static TlsKeystore load(Path keystore, Path passwordFile) {
    char[] password = password(passwordFile);
    try (InputStream in = Files.newInputStream(keystore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return new TlsKeystore(keystore, context);
    } catch (IOException e) {
      throw new ConfigException(
          KEYSTORE,
          "cannot read "
              + keystore
              + " as PKCS12 with the password of "
              + PASSWORD_FILE
              + " ("
              + e.getClass().getSimpleName()
              + ")");
    } catch (GeneralSecurityException e) {
      throw new ConfigException(
          KEYSTORE, keystore + " holds no usable key (" + e.getClass().getSimpleName() + ")");
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private static char[] password(Path file) {
    try {
      return Files.readString(file, UTF_8).strip().toCharArray();
    } catch (IOException e) {
      throw new ConfigException(
          PASSWORD_FILE, "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  @Override
  public String toString() {
    return "TlsKeystore[" + keystore + "]";
  }
}
