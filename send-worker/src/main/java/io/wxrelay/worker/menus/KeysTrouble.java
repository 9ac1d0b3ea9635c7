package io.wxrelay.worker.menus;

import io.wxrelay.kit.redis.RedisErrors;
import io.wxrelay.worker.metrics.WorkerMeters;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A failure of the menu keys' bookkeeping, which is advisory: it runs after WeChat accepted a menu
 * call or while a click is answered, and neither may be undone by it (a lost menuid, a click left
 * unanswered). So it is logged (a WARN with the reason, never the server's message, which may name
 * a user or a key), a Redis failure counted as {@code wxrelay_worker_redis_errors_total{kind=
 * "advisory"}}, and the work carries on.
 */
final class KeysTrouble {
  private static final Logger log = LoggerFactory.getLogger(KeysTrouble.class);

  /** The redis errors' kind of a failure that changes no outcome. */
  static final String KIND = "advisory";

  private final WorkerMeters.Recorder meters;

  KeysTrouble(WorkerMeters.Recorder meters) {
    this.meters = meters;
  }

  /** {@code what} of {@code appid}'s menu keys failed with {@code failure}; carry on. */
  void failed(String appid, String what, RuntimeException failure) {
    Optional<RedisErrors.Reason> redis = RedisErrors.classify(failure);
    redis.ifPresent(reason -> meters.redisError(KIND, reason.label()));
    log.warn(
        "menu keys of {}: {} failed ({}, {}); skipped, the command or click goes on",
        appid,
        what,
        failure.getClass().getSimpleName(),
        redis.map(RedisErrors.Reason::label).orElse("not redis"));
  }
}
