package io.wxrelay.token.client;

import java.util.Locale;
import java.util.Optional;

/**
 * The tickets WeChat hands out with {@code cgi-bin/ticket/getticket} (docs/wechat-api.md §12): one
 * of each type per account, held by token-service like the access token.
 */
public enum TicketType {
  /** {@code type=jsapi}: signs a page's {@code wx.config}. */
  JSAPI("jsapi", "jsapi_ticket"),
  /** {@code type=wx_card}: the card API's {@code api_ticket}. */
  WX_CARD("wx_card", "wx_card_ticket");

  private final String wire;
  private final String held;

  TicketType(String wire, String held) {
    this.wire = wire;
    this.held = held;
  }

  /** The {@code type} parameter of getticket, and the name in routes, settings and Redis keys. */
  public String wire() {
    return wire;
  }

  /** Where its tickets are kept in Redis, under token-service's prefix. */
  public String storeSegment() {
    return "ticket:" + wire;
  }

  /** The {@code held} tag of token-service's metrics. */
  public String held() {
    return held;
  }

  /** The type named {@code text} ({@code jsapi} or {@code wx_card}), if any. */
  public static Optional<TicketType> of(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    for (TicketType type : values()) {
      if (type.wire.equals(lower)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
