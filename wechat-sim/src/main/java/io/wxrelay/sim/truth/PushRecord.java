package io.wxrelay.sim.truth;

import java.time.Instant;
import java.util.List;

/**
 * A push to an account's callback URL and how the receiver answered each attempt.
 *
 * @param kind {@code event:subscribe}, {@code message:text}, ...
 * @param dedupeKey WeChat's dedupe key (MsgId, or FromUserName + CreateTime + Event)
 * @param attempts one line per attempt, e.g. {@code 200 success 12ms}, {@code timeout 5000ms}
 * @param acknowledged whether an attempt got {@code success}, an empty body or a reply
 * @param sentAt when the first attempt was sent (null before it is)
 * @param answeredAt when the attempt that was acknowledged got its answer (null until one is)
 */
public record PushRecord(
    long id,
    String appid,
    String openid,
    String kind,
    String dedupeKey,
    List<String> attempts,
    boolean acknowledged,
    boolean finished,
    Instant sentAt,
    Instant answeredAt) {}
