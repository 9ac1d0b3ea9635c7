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
  INVALID_ARGS(40035, "invalid args"),
  INVALID_APPID(40013, "invalid appid"),
  INVALID_ACCESS_TOKEN(40014, "invalid access_token"),
  INVALID_BUTTON_SIZE(40016, "invalid button size"),
  INVALID_BUTTON_TYPE(40017, "invalid button type"),
  INVALID_BUTTON_NAME_SIZE(40018, "invalid button name size"),
  INVALID_BUTTON_KEY_SIZE(40019, "invalid button key size"),
  INVALID_BUTTON_URL_SIZE(40020, "invalid button url size"),
  INVALID_SUB_BUTTON_SIZE(40023, "invalid sub button size"),
  INVALID_SUB_BUTTON_TYPE(40024, "invalid sub button type"),
  INVALID_SUB_BUTTON_NAME_SIZE(40025, "invalid sub button name size"),
  INVALID_SUB_BUTTON_KEY_SIZE(40026, "invalid sub button key size"),
  INVALID_SUB_BUTTON_URL_SIZE(40027, "invalid sub button url size"),
  INVALID_CHARSET(
      40033, "invalid charset. please check your request, if include \\uxxxx will create fail!"),
  MENU_NOT_EXIST(46003, "menu no exist"),
  NOT_CONDITIONAL_MENU(65301, "this menu is not conditionalmenu"),
  NO_SUCH_USER(65302, "there is no user"),
  NO_SELFMENU(65303, "there is no selfmenu, please create selfmenu first"),
  MATCH_RULE_EMPTY(65304, "match rule empty"),
  MENU_COUNT_LIMIT(65305, "menu count limit"),
  /** WeChat's errmsg for 65320 is not documented; the code is (docs/wechat-api.md §11.3). */
  MATCH_RULE_PRIVACY(65320, "matchrule field not supported"),
  INVALID_ACTION_NAME(40052, "invalid action name"),
  INVALID_ACTION_INFO(40053, "invalid action info"),
  INVALID_MSG_ID(40059, "invalid msg id"),
  INVALID_APPSECRET(40125, "invalid appsecret"),
  OPENID_LIST_SIZE(40032, "invalid openid list size"),
  INVALID_TEMPLATE_ID(40037, "invalid template_id"),
  INVALID_URL_SIZE(40039, "invalid url size"),
  MASS_INVALID_TAG_ID(40152, "invalid tag id"),
  INVALID_OPENID_LIST_SIZE(40130, "invalid openid list size, at least two openid"),
  INVALID_KEYWORD_LIST(40246, "invalid keyword_name_list"),
  IP_NOT_IN_WHITELIST(40164, "invalid ip, not in whitelist"),
  REQUIRE_SUBSCRIBE(43004, "require subscribe"),
  USER_REFUSED(43101, "user refuse to accept the msg"),
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
  TEMPLATE_LIMIT(45026, "template num exceeds limit"),
  MATERIAL_LIMIT(45074, "material list size out of limit, you should delete the useless material"),
  TOO_MANY_TAGS(45056, "too many tag now, no need to add new"),
  TAG_TOO_BIG(45057, "can't delete the tag that has too many fans"),
  SYS_TAG(45058, "can't modify sys tag"),
  USER_TAG_LIMIT(45059, "can not tagging one user too much"),
  INVALID_TAG_NAME(45157, "invalid tag name"),
  TAG_NAME_TOO_LONG(45158, "tag name too long"),
  INVALID_TAG_ID(45159, "invalid tag id"),
  SOME_OPENID_FAIL(45171, "some openid fail"),
  CLIENTMSGID_EXISTS(45065, "clientmsgid exist"),
  CLIENTMSGID_TOO_FAST(45066, "same clientmsgid retry too fast"),
  CLIENTMSGID_TOO_LONG(45067, "clientmsgid size out of limit"),
  SPEED_OUT_OF_RANGE(45083, "the speed out of range"),
  INVALID_JSON(47001, "data format error"),
  /** errmsg names the field, e.g. {@code argument invalid! data.thing2.value invalid}. */
  ARGUMENT_INVALID(47003, "argument invalid!"),
  API_UNAUTHORIZED(48001, "api unauthorized"),
  MATERIAL_IN_USE(48005, "forbid to delete material used by auto-reply or menu"),
  /** freepublish/submit: the draft failed WeChat's publish check (docs/wechat-api.md §13.1). */
  PUBLISH_CHECK_FAILED(53503, "the draft failed the publish check"),
  INVALID_ARTICLE_ID(53600, "Article ID 无效");

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
