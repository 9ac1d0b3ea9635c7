package io.wxrelay.worker.dispatch;

import io.wxrelay.kit.retry.Backoff;
import io.wxrelay.worker.correlation.Correlations;
import io.wxrelay.worker.ledger.CommandLedger;
import io.wxrelay.worker.metrics.WorkerMeters;
import io.wxrelay.worker.publish.OutcomePublisher;
import io.wxrelay.worker.time.Sleeper;
import java.time.Clock;
import tools.jackson.databind.json.JsonMapper;

/** What a command's run needs, built once per worker. */
record Dispatch(
    CommandLedger ledger,
    CallExecutor calls,
    OutcomePublisher publisher,
    Correlations correlations,
    WorkerMeters.Recorder meters,
    CommandProcessor.Settings policy,
    Backoff backoff,
    Clock clock,
    Sleeper sleeper,
    JsonMapper mapper) {}
