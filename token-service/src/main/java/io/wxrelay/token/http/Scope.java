package io.wxrelay.token.http;

import java.util.Locale;
import java.util.Optional;

/**
 * What an HTTP API client may ask for of its apps, least privilege first: a web app that signs
 * {@code wx.config} needs {@link #SIGN} only and never sees a token or a ticket.
 */
public enum Scope {
  /** {@code GET …/token} and, within its budget, {@code POST …/token/invalidate}. */
  TOKEN,
  /** {@code GET …/tickets/{type}}: the JS-SDK tickets themselves, for a server signing itself. */
  TICKET,
  /** {@code POST …/jssdk/signature}: a signature for a page, neither token nor ticket. */
  SIGN;

  /** The name in the clients file: {@code token}, {@code ticket}, {@code sign}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Scope> of(String label) {
    for (Scope scope : values()) {
      if (scope.label().equals(label)) {
        return Optional.of(scope);
      }
    }
    return Optional.empty();
  }
}
