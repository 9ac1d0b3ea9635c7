package io.wxrelay.worker.dispatch;

import io.wxrelay.worker.events.Correlations;
import io.wxrelay.worker.ledger.CommandLedger;
import io.wxrelay.worker.metrics.WorkerMeters;
import io.wxrelay.worker.publish.OutcomePublisher;
import io.wxrelay.worker.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import tools.jackson.databind.json.JsonMapper;

/** What a command's run needs, built once per worker. */
record Dispatch(
    CommandLedger ledger,
    CallExecutor calls,
    OutcomePublisher publisher,
    Correlations correlations,
    WorkerMeters.Recorder meters,
    Policy policy,
    Clock clock,
    Sleeper sleeper,
    JsonMapper mapper) {

  /**
   * @param maxAttempts attempts of a command before it is dead (retries exhausted)
   * @param parkAfter waits longer than this are parked on the retry topic instead of slept
   * @param claimLease how long a claim holds a command for one worker (longer than one call)
   * @param linkTtl how long a broadcast's msg_id stays matched to its command
   * @param permanentQrReplyTtl how long the reply of a permanent QR code is kept
   */
  record Policy(
      int maxAttempts,
      Backoff backoff,
      Duration parkAfter,
      Duration claimLease,
      Duration linkTtl,
      Duration permanentQrReplyTtl,
      String qrImageBase) {}
}
