package io.wxrelay.sim.rules;

/** The WeChat errors the simulator answers with, errmsg prefixes as WeChat sends them. */
public enum WeChatError {
  SYSTEM_BUSY(-1, "system error"),
  INVALID_CREDENTIAL(40001, "invalid credential, access_token is invalid or not latest"),
  INVALID_GRANT_TYPE(40002, "invalid grant_type"),
  INVALID_OPENID(40003, "invalid openid"),
  INVALID_MEDIA_TYPE(40004, "invalid media type"),
  INVALID_FILE_TYPE(40005, "invalid file type"),
  INVALID_FILE_SIZE(40006, "invalid meida size"),
  INVALID_MEDIA_ID(40007, "invalid media_id"),
  INVALID_MESSAGE_TYPE(40008, "invalid message type"),
  INVALID_APPID(40013, "invalid appid"),
  INVALID_ACCESS_TOKEN(40014, "invalid access_token"),
  INVALID_ACTION_NAME(40052, "invalid action name"),
  INVALID_ACTION_INFO(40053, "invalid action info"),
  INVALID_MSG_ID(40059, "invalid msg id"),
  INVALID_APPSECRET(40125, "invalid appsecret"),
  INVALID_OPENID_LIST_SIZE(40130, "invalid openid list size, at least two openid"),
  IP_NOT_IN_WHITELIST(40164, "invalid ip, not in whitelist"),
  ACCESS_TOKEN_MISSING(41001, "access_token missing"),
  TOKEN_EXPIRED(42001, "access_token expired"),
  INVALID_ARGUMENT(44002, "empty post data"),
  MEDIA_MISSING(41005, "media data missing"),
  DAILY_QUOTA(45009, "reach max api daily quota limit"),
  MINUTE_QUOTA(45011, "api minute-quota reach limit must slower retry next minute"),
  ARTICLE_LIMIT(45008, "article size out of limit"),
  OUT_OF_WINDOW(45015, "response out of time limit or subscription is canceled"),
  NO_MASS_QUOTA(45028, "has no masssend quota"),
  OUT_OF_RESPONSE_COUNT(45047, "out of response count limit"),
  CLIENTMSGID_EXISTS(45065, "clientmsgid exist"),
  CLIENTMSGID_TOO_FAST(45066, "same clientmsgid retry too fast"),
  CLIENTMSGID_TOO_LONG(45067, "clientmsgid size out of limit"),
  SPEED_OUT_OF_RANGE(45083, "the speed out of range"),
  INVALID_JSON(47001, "data format error"),
  API_UNAUTHORIZED(48001, "api unauthorized");

  private final int code;
  private final String message;

  WeChatError(int code, String message) {
    this.code = code;
    this.message = message;
  }

  public int code() {
    return code;
  }

  public String message() {
    return message;
  }

  public WeChatException exception() {
    return new WeChatException(this);
  }

  /** The error for an errcode, for injected faults; SYSTEM_BUSY-like for codes not listed. */
  public static WeChatException forCode(int code) {
    for (WeChatError e : values()) {
      if (e.code == code) {
        return e.exception();
      }
    }
    return new WeChatException(code, "injected error");
  }
}
