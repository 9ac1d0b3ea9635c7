package io.wxrelay.token.metrics;

import io.wxrelay.testkit.MetricsDocSection;
import org.junit.jupiter.api.Test;

/**
 * docs/metrics.md shows token-service's meters exactly as {@link TokenMeters} defines them.
 * Regenerate: {@code ./mvnw -pl token-service test -Dtest=MetricsDocTest -DupdateDocs=true}.
 */
class MetricsDocTest {
  @Test
  void docsMetricsListsEveryTokenServiceMeter() throws Exception {
    MetricsDocSection.verify("token-service", "TokenMeters", TokenMeters.markdown());
  }
}
