package io.wxrelay.token.http;

import io.wxrelay.kit.config.ConfigException;
import io.wxrelay.kit.config.Env;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Who may call the HTTP API and over what: its clients, and TLS when a keystore is given. Read from
 * the environment:
 *
 * <ul>
 *   <li>{@value ClientsFile#VARIABLE}: a clients file, one bearer per client scoped to apps; or
 *   <li>{@value #BEARER_FILE}: one bearer in a file, a client named {@value #SINGLE_CLIENT} that
 *       may use every app and every {@link Scope};
 *   <li>neither: the API is off.
 * </ul>
 *
 * A bearer given in the environment itself ({@value #INLINE_BEARER}) is refused: environments show
 * in process listings, {@code docker inspect} and crash reports.
 */
public record ApiAccess(ApiClients clients, @Nullable TlsKeystore tls) {
  public static final String BEARER_FILE = "TOKEN_API_BEARER_FILE";
  public static final String INLINE_BEARER = "TOKEN_API_BEARER";
  public static final String DEFAULT_PER_HOUR = "TOKEN_API_INVALIDATE_PER_HOUR";
  public static final String SINGLE_CLIENT = "default";

  /** The API's access from {@code env}, empty when the API is off; {@code served}: the appids. */
  public static Optional<ApiAccess> fromEnv(Env env, Set<String> served) {
    refuseInlineBearer(env);
    Optional<String> clientsFile = env.optional(ClientsFile.VARIABLE);
    Optional<String> bearerFile = env.optional(BEARER_FILE);
    if (clientsFile.isPresent() && bearerFile.isPresent()) {
      throw new ConfigException(
          BEARER_FILE, "set either it or " + ClientsFile.VARIABLE + ", not both");
    }
    TlsKeystore tls = tls(env);
    int perHour = env.integer(DEFAULT_PER_HOUR, 2, 0, ClientsFile.MAX_INVALIDATE_PER_HOUR);
    if (clientsFile.isPresent()) {
      ApiClients clients = ClientsFile.read(Path.of(clientsFile.get()), served, perHour);
      return Optional.of(new ApiAccess(clients, tls));
    }
    if (bearerFile.isPresent()) {
      return Optional.of(new ApiAccess(singleClient(Path.of(bearerFile.get()), perHour), tls));
    }
    if (tls != null) {
      throw new ConfigException(
          TlsKeystore.KEYSTORE,
          "is set but the API is off (no " + ClientsFile.VARIABLE + " nor " + BEARER_FILE + ")");
    }
    return Optional.empty();
  }

  /** A bearer in the environment itself is refused: environments show in process listings. */
  private static void refuseInlineBearer(Env env) {
    if (env.optional(INLINE_BEARER).isPresent()) {
      throw new ConfigException(
          INLINE_BEARER,
          "a bearer in the environment is no longer accepted; write it to a file readable only"
              + " by token-service and set "
              + BEARER_FILE
              + " to its path, or list clients in "
              + ClientsFile.VARIABLE);
    }
  }

  /** The one client of {@value #BEARER_FILE}: every app, every scope. */
  private static ApiClients singleClient(Path bearerFile, int perHour) {
    byte[] digest = Bearers.readDigest(bearerFile, BEARER_FILE, "");
    return new ApiClients(
        List.of(
            new ApiClient(
                SINGLE_CLIENT, digest, Set.of(), true, perHour, EnumSet.allOf(Scope.class))));
  }

  private static @Nullable TlsKeystore tls(Env env) {
    Optional<String> keystore = env.optional(TlsKeystore.KEYSTORE);
    Optional<String> password = env.optional(TlsKeystore.PASSWORD_FILE);
    if (keystore.isEmpty() && password.isEmpty()) {
      return null;
    }
    if (keystore.isEmpty()) {
      throw new ConfigException(
          TlsKeystore.KEYSTORE, "is required with " + TlsKeystore.PASSWORD_FILE);
    }
    if (password.isEmpty()) {
      throw new ConfigException(
          TlsKeystore.PASSWORD_FILE, "is required with " + TlsKeystore.KEYSTORE);
    }
    return TlsKeystore.load(Path.of(keystore.get()), Path.of(password.get()));
  }

  /** Whether the API speaks HTTPS. */
  public boolean https() {
    return tls != null;
  }
}
