package io.wxrelay.worker;

import io.wxrelay.kit.config.Configured;
import io.wxrelay.kit.lifecycle.Lifecycle;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code scripts/send-worker.sh}: one worker process, configured by WORKER_* & co, until stopped.
 */
public final class WorkerMain {
  private static final Logger log = LoggerFactory.getLogger(WorkerMain.class);

  private WorkerMain() {}

  public static void main(String[] args) throws InterruptedException {
    WorkerConfig config = Configured.fromEnvironment("send-worker", WorkerConfig::fromEnv);
    SendWorker worker = SendWorker.start(config, Clock.systemUTC());
    log.info("send-worker up (admin port {}), {}", worker.adminPort(), config);
    Lifecycle.serveUntilShutdown("send-worker", worker);
  }
}
