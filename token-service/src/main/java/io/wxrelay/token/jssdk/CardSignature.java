package io.wxrelay.token.jssdk;

import java.util.Arrays;

/**
 * The card signature of the {@code wx_card} ticket (docs/wechat-api.md §12.2): unlike {@link
 * JsSdkSignature}, the values themselves (ticket, nonce, timestamp, card id, …) are sorted and
 * concatenated, then sha1, lower-case hex.
 */
public final class CardSignature {
  private CardSignature() {}

  /** The signature of {@code values}, the ticket among them; their order does not matter. */
  public static String sign(String... values) {
    String[] sorted = values.clone();
    Arrays.sort(sorted);
    return JsSdkSignature.sha1Hex(String.join("", sorted));
  }
}
