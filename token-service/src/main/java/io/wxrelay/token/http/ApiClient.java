package io.wxrelay.token.http;

import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One caller of the HTTP API: its name (in metrics and logs), the SHA-256 of its bearer, the apps
 * it may read ({@code everyApp}: all that token-service serves) and how many token invalidations it
 * may ask for per hour (0: none). {@link #toString} never shows the digest.
 */
public final class ApiClient {
  /** What a client name may look like: it becomes a metric tag and a Redis key. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final String name;
  private final byte[] bearerSha256;
  private final Set<String> apps;
  private final boolean everyApp;
  private final int invalidatePerHour;
  private final Set<Scope> scopes;

  /** A client of the {@link Scope#TOKEN} scope only (what clients could do before tickets). */
  public ApiClient(
      String name, byte[] bearerSha256, Set<String> apps, boolean everyApp, int invalidatePerHour) {
    this(name, bearerSha256, apps, everyApp, invalidatePerHour, EnumSet.of(Scope.TOKEN));
  }

  public ApiClient(
      String name,
      byte[] bearerSha256,
      Set<String> apps,
      boolean everyApp,
      int invalidatePerHour,
      Set<Scope> scopes) {
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException("a client has at least one scope");
    }
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("bad client name");
    }
    if (bearerSha256.length != 32) {
      throw new IllegalArgumentException("a SHA-256 digest has 32 bytes");
    }
    this.name = name;
    this.bearerSha256 = bearerSha256.clone();
    this.apps = Set.copyOf(apps);
    this.everyApp = everyApp;
    this.invalidatePerHour = invalidatePerHour;
    this.scopes = Set.copyOf(scopes);
  }

  /** Whether this client may ask for what {@code scope} covers. */
  public boolean may(Scope scope) {
    return scopes.contains(scope);
  }

  public String name() {
    return name;
  }

  /** Whether this client may read (and invalidate) {@code appid}'s token. */
  public boolean mayUse(String appid) {
    return everyApp || apps.contains(appid);
  }

  /** Whether this client may use every app token-service serves (it learns which exist). */
  public boolean everyApp() {
    return everyApp;
  }

  public int invalidatePerHour() {
    return invalidatePerHour;
  }

  byte[] bearerSha256() {
    return bearerSha256;
  }

  @Override
  public String toString() {
    return "ApiClient["
        + name
        + ", apps="
        + (everyApp ? "*" : apps)
        + ", invalidatePerHour="
        + invalidatePerHour
        + ", scopes="
        + scopes.stream().map(Scope::label).sorted().toList()
        + "]";
  }
}
