package io.wxrelay.worker.wechat;

import io.wxrelay.schemas.outcome.CommandResult.ErrorClass;
import io.wxrelay.worker.wechat.CallOutcome.Ok;
import io.wxrelay.worker.wechat.CallOutcome.Permanent;
import io.wxrelay.worker.wechat.CallOutcome.Refused;
import io.wxrelay.worker.wechat.CallOutcome.Retry;
import io.wxrelay.worker.wechat.CallOutcome.Throttled;
import io.wxrelay.worker.wechat.CallOutcome.TokenExpired;
import io.wxrelay.worker.wechat.CallOutcome.Unknown;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The one place WeChat's answers become {@link CallOutcome}s (docs/wechat-api.md §1.3, §2.5, §5,
 * §8.3): pure functions, one early return per rule.
 */
public final class Classifier {
  /** 40001 invalid credential, 40014 invalid access_token, 42001 expired (§1.3). */
  private static final Set<Integer> TOKEN = Set.of(40001, 40014, 42001);

  /** -1 system busy; 9500002 mass backend busy (§2.5); 268487002 platform busy (§10.1). */
  private static final Set<Integer> BUSY = Set.of(-1, 9500002, 268487002);

  /**
   * 45009 daily quota, 45028 no mass quota (§2.5): no use retrying today; 45074 the material
   * library of that kind is full (§14): no use retrying until material is deleted.
   */
  private static final Set<Integer> QUOTA = Set.of(45009, 45028, 45074);

  /**
   * The user cannot be reached now, by the user's doing: 45015 outside the 48-hour window or
   * unfollowed, 45047 window quota spent (§5); 43004 a template message to someone who does not
   * follow, 43101 a user who refused the account's messages (§9.5). Nothing for an operator to fix,
   * so no dead letter.
   */
  private static final Set<Integer> USER_WINDOW = Set.of(45015, 45047, 43004, 43101);

  /** 45011: per-minute quota; retry next minute (§1.3). */
  private static final int MINUTE_QUOTA = 45011;

  /** 45065: the clientmsgid already has a broadcast, whose msg_id comes back (§2.2). */
  private static final int CLIENTMSGID_EXISTS = 45065;

  /**
   * 45171: a (un)tagging call changed every OpenID but those in its {@code fail_openid_list}
   * (§8.3), which the result lists.
   */
  private static final int SOME_OPENID_FAIL = 45171;

  /** 45066: same clientmsgid retried within a minute (§2.2). */
  private static final int CLIENTMSGID_TOO_FAST = 45066;

  private final Duration clientmsgidRetryGap;

  /**
   * @param clientmsgidRetryGap how long to wait after 45066 (WeChat: one minute)
   */
  public Classifier(Duration clientmsgidRetryGap) {
    this.clientmsgidRetryGap = clientmsgidRetryGap;
  }

  /** An HTTP answer: status and the parsed JSON object (null when the body was not JSON). */
  public CallOutcome answer(int httpStatus, @Nullable Map<String, Object> json) {
    if (httpStatus == 503 || httpStatus == 429) {
      // Refused before it was handled: nothing was done.
      return new Retry(null, "HTTP " + httpStatus, Duration.ZERO, "http " + httpStatus);
    }
    if (httpStatus >= 500) {
      // A gateway's 502 or 504, a 500: the request may have been carried out behind it.
      return new Unknown("HTTP " + httpStatus + " after the request was sent");
    }
    if (httpStatus != 200 || json == null) {
      // Not WeChat's JSON API answering; nothing suggests the call was carried out.
      return new Permanent(null, "HTTP " + httpStatus + (json == null ? ", not JSON" : ""));
    }
    int errcode = json.get("errcode") instanceof Number n ? n.intValue() : 0;
    String errmsg = json.get("errmsg") instanceof String s ? s : null;
    if (errcode == 0) {
      return new Ok(0, errmsg, fields(json));
    }
    if (errcode == CLIENTMSGID_EXISTS) {
      return new Ok(errcode, errmsg, fields(json)); // already sent: success, with its msg_id
    }
    if (errcode == SOME_OPENID_FAIL) {
      return new Ok(errcode, errmsg, fields(json)); // the others were changed: success, with both
    }
    if (TOKEN.contains(errcode)) {
      return new TokenExpired(errcode, errmsg);
    }
    if (BUSY.contains(errcode)) {
      return new Retry(errcode, errmsg, Duration.ZERO, "wechat busy");
    }
    if (errcode == MINUTE_QUOTA) {
      return new Throttled(errcode, errmsg);
    }
    if (errcode == CLIENTMSGID_TOO_FAST) {
      return new Retry(errcode, errmsg, clientmsgidRetryGap, "clientmsgid retried too fast");
    }
    if (QUOTA.contains(errcode)) {
      return new Refused(errcode, errmsg, ErrorClass.QUOTA);
    }
    if (USER_WINDOW.contains(errcode)) {
      return new Refused(errcode, errmsg, ErrorClass.USER_WINDOW);
    }
    return new Permanent(errcode, errmsg); // bad media, type, openid list, unauthorized, ...
  }

  /**
   * No answer. {@code sent}: the request had begun to go out when it failed (its first byte may
   * have been written), so WeChat may have acted on it; only a failure before that (no connection)
   * is certain to have sent nothing.
   */
  public CallOutcome.Failure failure(IOException e, boolean sent) {
    String what = e.getClass().getSimpleName();
    if (!sent) {
      return new Retry(null, what + " before the request was sent", Duration.ZERO, "connection");
    }
    return new Unknown(what + " after the request was sent");
  }

  private static Map<String, Object> fields(Map<String, Object> json) {
    Map<String, Object> fields = new LinkedHashMap<>(json);
    fields.remove("errcode");
    fields.remove("errmsg");
    return fields;
  }
}
