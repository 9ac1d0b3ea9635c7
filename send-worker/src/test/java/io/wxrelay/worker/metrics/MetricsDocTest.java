package io.wxrelay.worker.metrics;

import io.wxrelay.testkit.MetricsDocSection;
import org.junit.jupiter.api.Test;

/**
 * docs/metrics.md shows send-worker's meters exactly as {@link WorkerMeters} defines them.
 * Regenerate: {@code ./mvnw -pl send-worker test -Dtest=MetricsDocTest -DupdateDocs=true}.
 */
class MetricsDocTest {
  @Test
  void docsMetricsListsEveryWorkerMeter() throws Exception {
    MetricsDocSection.verify("send-worker", "WorkerMeters", WorkerMeters.markdown());
  }
}
