package io.wxrelay.cli.dlq;

import io.wxrelay.kit.config.Env;
import io.wxrelay.worker.WorkerConfig;
import java.time.Duration;

/**
 * What {@code wxrelay dlq replay} must know of the workers: how long their ledger keeps a DEAD
 * result ({@code WORKER_DEAD_RESULT_TTL}, read as the workers read it).
 */
record ReplaySettings(Duration deadResultTtl) {
  static ReplaySettings fromEnv(Env env) {
    return new ReplaySettings(
        env.duration("WORKER_DEAD_RESULT_TTL", WorkerConfig.Ledger.DEFAULT_DEAD_RESULT_TTL));
  }
}
