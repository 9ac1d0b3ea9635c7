package io.wxrelay.sim.rules;

/** Ends a simulated API call with WeChat's {@code {"errcode":N,"errmsg":"..."}} (HTTP 200). */
public final class WeChatException extends RuntimeException {
  private final int code;
  private final transient Object extra;

  WeChatException(WeChatError error) {
    this(error.code(), error.message());
  }

  WeChatException(int code, String message) {
    this(code, message, null);
  }

  private WeChatException(int code, String message, Object extra) {
    super(message, null, false, false);
    this.code = code;
    this.extra = extra;
  }

  /** The same error carrying extra response fields (45065 returns the existing msg_id). */
  public WeChatException with(Object extraFields) {
    return new WeChatException(code, getMessage(), extraFields);
  }

  /** The same error with another errmsg (e.g. naming the refused IP). */
  public WeChatException withMessage(String message) {
    return new WeChatException(code, message, extra);
  }

  public int code() {
    return code;
  }

  /** Extra response fields, or null. */
  public Object extra() {
    return extra;
  }
}
