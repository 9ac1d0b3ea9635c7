package io.wxrelay.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * An accounts file whose every secret lives elsewhere, as in a deployment that mounts each service
 * only its own: the AppSecret in {@value #SECRET_VARIABLE}, the callback token in {@value
 * #CALLBACK_TOKEN_VARIABLE}, the EncodingAESKey in a file next to the accounts file. A service
 * started from it with only its own secrets at hand shows that it does not resolve the others.
 */
public final class SecretsApart {
  public static final String APPID = "wx1111111111111111";
  public static final String SECRET_VARIABLE = "SHOP_APPSECRET";
  public static final String CALLBACK_TOKEN_VARIABLE = "SHOP_CALLBACK_TOKEN";
  public static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

  private final Path accountsFile;
  private final Path aesKeyFile;

  private SecretsApart(Path accountsFile, Path aesKeyFile) {
    this.accountsFile = accountsFile;
    this.aesKeyFile = aesKeyFile;
  }

  /** Writes the accounts file into {@code dir}; the key file is not written until asked. */
  public static SecretsApart in(Path dir) {
    Path keyFile = dir.resolve("shop-aes-key");
    Path file = dir.resolve("accounts.yml");
    write(
        file,
        """
        accounts:
          - appid: %s
            name: shop
            secretEnv: %s
            callbackTokenEnv: %s
            mode: safe
            encodingAesKeyFile: %s
            rateLimits:
              message/custom/send: 200/1s
        """
            .formatted(APPID, SECRET_VARIABLE, CALLBACK_TOKEN_VARIABLE, keyFile));
    return new SecretsApart(file, keyFile);
  }

  /** The environment of a service that holds none of the secrets. */
  public Map<String, String> withoutSecrets() {
    return Map.of("WXRELAY_ACCOUNTS_FILE", accountsFile.toString());
  }

  /** The environment of token-service: the AppSecret only. */
  public Map<String, String> withAppSecret(String secret) {
    return Map.of("WXRELAY_ACCOUNTS_FILE", accountsFile.toString(), SECRET_VARIABLE, secret);
  }

  /** The environment of the gateway: the callback token, and the key file written. */
  public Map<String, String> withCallbackSecrets(String callbackToken) {
    write(aesKeyFile, AES_KEY + "\n");
    return Map.of(
        "WXRELAY_ACCOUNTS_FILE", accountsFile.toString(), CALLBACK_TOKEN_VARIABLE, callbackToken);
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
