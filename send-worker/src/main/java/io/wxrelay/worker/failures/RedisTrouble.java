package io.wxrelay.worker.failures;

import io.wxrelay.kit.admin.Health;
import io.wxrelay.kit.config.Env;
import io.wxrelay.kit.redis.RedisErrors;
import io.wxrelay.kit.redis.RedisErrors.Kind;
import io.wxrelay.kit.redis.RedisErrors.Reason;
import io.wxrelay.worker.consume.Failures;
import io.wxrelay.worker.metrics.WorkerMeters;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's failures by kind (decision 0026). A Redis error that passes by itself (the
 * connection, a timeout, a failover) is retried as any infrastructure failure; one that only a
 * human can fix (NOPERM, a wrong password, OOM, a broken script, WRONGTYPE, MISCONF) holds its
 * command: kept uncommitted, never given up, tried again every {@link Settings#heldBackoff}, and at
 * once visible: readiness DOWN naming the reason, {@code wxrelay_worker_redis_blocked} at 1 and a
 * log line, each once per change of state. The first success of a held command's attempts (or its
 * end, when its partition moves away) releases it; the state clears with the last one. Every Redis
 * error counts in {@code wxrelay_worker_redis_errors_total} by kind and reason. Thread-safe.
 */
public final class RedisTrouble implements Failures {
  private static final Logger log = LoggerFactory.getLogger(RedisTrouble.class);

  /**
   * @param heldBackoff how long a command held by a Redis error that needs a human waits before it
   *     is tried again: slow, so that a held worker costs Redis and the CPU little, and bounded, so
   *     that the command goes on soon after the fix
   */
  public record Settings(Duration heldBackoff) {
    public static final Duration DEFAULT_HELD_BACKOFF = Duration.ofSeconds(10);

    public static Settings fromEnv(Env env) {
      return new Settings(env.duration("WORKER_REDIS_BLOCKED_RETRY", DEFAULT_HELD_BACKOFF));
    }
  }

  private final Predicate<Exception> infrastructure;
  private final Settings settings;
  private final WorkerMeters.Recorder meters;
  private final Map<Object, Reason> held = new HashMap<>();
  private final Set<Reason> reported = EnumSet.noneOf(Reason.class);

  /**
   * @param infrastructure which failures that are not Redis errors are broken infrastructure
   *     (Kafka, the network), retried as transient
   */
  public RedisTrouble(
      Predicate<Exception> infrastructure, Settings settings, WorkerMeters.Recorder meters) {
    this.infrastructure = infrastructure;
    this.settings = settings;
    this.meters = meters;
    meters.redisBlocked(this::blocked);
  }

  @Override
  public Verdict judge(Object holder, Exception failure) {
    Optional<Reason> redis = RedisErrors.classify(failure);
    if (redis.isEmpty()) {
      return infrastructure.test(failure) ? Verdict.TRANSIENT : Verdict.RECORD;
    }
    Reason reason = redis.get();
    meters.redisError(reason.kind().label(), reason.label());
    if (reason.kind() == Kind.TRANSIENT) {
      return Verdict.TRANSIENT;
    }
    hold(holder, reason);
    return Verdict.HELD;
  }

  private synchronized void hold(Object holder, Reason reason) {
    held.put(holder, reason);
    if (reported.add(reason)) {
      // The reason only: Redis's own message may name a user or a key.
      log.error(
          "Redis refuses with {}, which retrying cannot fix: the commands it hits are kept"
              + " and tried again every {}; readiness is DOWN until one succeeds"
              + " (docs/operations.md, \"Redis refuses\")",
          reason.label(),
          settings.heldBackoff());
    }
  }

  @Override
  public synchronized void settled(Object holder) {
    if (held.remove(holder) != null && held.isEmpty()) {
      log.info("Redis no longer holds commands ({} before): they go on", labels(reported));
      reported.clear();
    }
  }

  @Override
  public Duration heldBackoff() {
    return settings.heldBackoff();
  }

  /** 1 while a Redis error that needs a human holds commands, else 0. */
  public synchronized int blocked() {
    return held.isEmpty() ? 0 : 1;
  }

  /** The {@code redis} component of readiness: DOWN with the reasons while commands are held. */
  public synchronized Health health() {
    if (held.isEmpty()) {
      return Health.ok();
    }
    return Health.down(
        "Redis refuses ("
            + labels(EnumSet.copyOf(held.values()))
            + "): "
            + held.size()
            + " commands or writes held, tried again every "
            + settings.heldBackoff()
            + " (docs/operations.md, \"Redis refuses\")");
  }

  private static String labels(Set<Reason> reasons) {
    return reasons.stream().map(Reason::label).collect(Collectors.joining(","));
  }
}
