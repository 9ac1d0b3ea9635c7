package io.wxrelay.worker.ratelimit;

import java.time.Clock;

/** The in-memory limiter keeps the contract of the Redis one. */
class InMemoryRateLimiterTest extends RateLimiterContract {
  @Override
  protected RateLimiter limiter(int sendTolerance) {
    return new InMemoryRateLimiter(Clock.systemUTC(), sendTolerance);
  }
}
