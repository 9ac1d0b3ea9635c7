package io.wxrelay.worker.ratelimit;

import java.time.Duration;

/** A limiter shared by every worker: one state per appid × bucket, kept by the implementation. */
public interface RateLimiter {
  /** Takes a permit now, or says how long to wait before asking again (never both). */
  Duration tryAcquire(String appid, String bucket, Limit limit);

  /**
   * Refuses every permit of {@code appid} × {@code bucket} until the next multiple of {@code
   * window}.
   */
  void pauseUntilNextWindow(String appid, String bucket, Duration window);

  /**
   * Whether {@code appid} × {@code bucket} is paused, and for how long ({@link Duration#ZERO}:
   * not).
   */
  Duration paused(String appid, String bucket);
}
