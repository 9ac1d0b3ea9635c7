package io.wxrelay.gateway.metrics;

import io.wxrelay.testkit.MetricsDocSection;
import org.junit.jupiter.api.Test;

/**
 * docs/metrics.md shows callback-gateway's meters exactly as {@link GatewayMeters} defines them.
 * Regenerate: {@code ./mvnw -pl callback-gateway test -Dtest=MetricsDocTest -DupdateDocs=true}.
 */
class MetricsDocTest {
  @Test
  void docsMetricsListsEveryGatewayMeter() throws Exception {
    MetricsDocSection.verify("callback-gateway", "GatewayMeters", GatewayMeters.markdown());
  }
}
