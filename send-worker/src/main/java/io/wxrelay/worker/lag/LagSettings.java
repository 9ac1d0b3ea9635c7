package io.wxrelay.worker.lag;

import io.wxrelay.kit.config.ConfigException;
import io.wxrelay.kit.config.Env;
import java.time.Duration;

/**
 * How often the worker reads its groups' lag from the brokers.
 *
 * @param interval {@code WORKER_LAG_INTERVAL}, default 15 s: the pause between two reads, at least
 *     1 s (each read costs a few admin requests and, for a partition whose oldest unfinished record
 *     changed, one fetch)
 */
public record LagSettings(Duration interval) {
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(15);

  public LagSettings {
    if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new ConfigException("WORKER_LAG_INTERVAL", "must be at least 1s");
    }
  }

  public static LagSettings fromEnv(Env env) {
    return new LagSettings(env.duration("WORKER_LAG_INTERVAL", DEFAULT_INTERVAL));
  }
}
