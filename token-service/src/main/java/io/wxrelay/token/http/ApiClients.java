package io.wxrelay.token.http;

import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The clients of the HTTP API, and who presents a bearer. The presented bearer is hashed and its
 * digest compared with every client's in constant time, without stopping at a match: neither the
 * time nor the bearer's length tells anything about a valid one.
 */
public final class ApiClients {
  private static final String SCHEME = "bearer ";

  private final List<ApiClient> clients;

  /**
   * @throws IllegalArgumentException when two clients share a name or a bearer
   */
  public ApiClients(List<ApiClient> clients) {
    this.clients = List.copyOf(clients);
    Set<String> names = new HashSet<>();
    Set<String> digests = new HashSet<>();
    for (ApiClient client : this.clients) {
      if (!names.add(client.name())) {
        throw new IllegalArgumentException("two clients are named " + client.name());
      }
      if (!digests.add(HexFormat.of().formatHex(client.bearerSha256()))) {
        throw new IllegalArgumentException(client.name() + " has the bearer of another client");
      }
    }
  }

  public List<ApiClient> all() {
    return clients;
  }

  /** The client whose bearer {@code authorization} (the header, {@code Bearer <token>}) carries. */
  public Optional<ApiClient> authenticate(String authorization) {
    if (authorization == null
        || authorization.length() <= SCHEME.length()
        || !authorization.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
      return Optional.empty();
    }
    byte[] presented = Bearers.sha256(authorization.substring(SCHEME.length()).strip());
    ApiClient match = null;
    for (ApiClient client : clients) {
      if (MessageDigest.isEqual(presented, client.bearerSha256())) {
        match = client;
      }
    }
    return Optional.ofNullable(match);
  }

  @Override
  public String toString() {
    return clients.toString();
  }
}
