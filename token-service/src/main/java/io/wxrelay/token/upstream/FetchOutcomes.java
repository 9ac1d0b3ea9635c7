package io.wxrelay.token.upstream;

import io.wxrelay.token.upstream.FetchOutcome.ConfigError;
import io.wxrelay.token.upstream.FetchOutcome.Issued;
import io.wxrelay.token.upstream.FetchOutcome.QuotaExhausted;
import io.wxrelay.token.upstream.FetchOutcome.Transient;
import java.io.IOException;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Classifies token endpoint answers, one rule per line (docs/wechat-api.md §1.3). */
public final class FetchOutcomes {
  /**
   * Errors only an operator can fix: appid, secret (40001 on a token endpoint), grant, whitelist,
   * frozen.
   */
  private static final Set<Integer> CONFIG =
      Set.of(40001, 40002, 40013, 40125, 40164, 40243, 48001);

  private FetchOutcomes() {}

  public static FetchOutcome classify(int httpStatus, JsonNode body) {
    return classify(httpStatus, body, "access_token");
  }

  /**
   * The same rules for an answer carrying what was asked for in {@code field} ({@code
   * access_token}, or {@code ticket} for getticket, whose success also says errcode 0).
   */
  public static FetchOutcome classify(int httpStatus, JsonNode body, String field) {
    if (httpStatus >= 500) {
      return new Transient("HTTP " + httpStatus);
    }
    if (httpStatus != 200 || body == null || !body.isObject()) {
      return new Transient("unexpected answer, HTTP " + httpStatus);
    }
    JsonNode token = body.get(field);
    if (token != null && token.isString() && !token.asString().isEmpty()) {
      return new Issued(token.asString(), body.path("expires_in").asLong(7200));
    }
    int errcode = body.path("errcode").asInt(Integer.MIN_VALUE);
    String reason = "errcode " + errcode + " " + firstWords(body.path("errmsg").asString(""));
    if (CONFIG.contains(errcode)) {
      return new ConfigError(errcode, reason);
    }
    if (errcode == 45009) {
      return new QuotaExhausted(errcode, reason);
    }
    return new Transient(reason); // -1 system busy, 45011, anything unknown
  }

  public static FetchOutcome classify(IOException e) {
    return new Transient(e.getClass().getSimpleName()); // messages may carry the URL: left out
  }

  /** errmsg without WeChat's rid/hint suffix. */
  private static String firstWords(String errmsg) {
    int cut = errmsg.indexOf(" rid:");
    if (cut < 0) {
      cut = errmsg.indexOf(" hint:");
    }
    return cut < 0 ? errmsg : errmsg.substring(0, cut);
  }
}
