package io.wxrelay.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checker fails where it must: each overlay of the fixture (src/test/resources/deploy) breaks
 * one rule of a correct base, and the checker reports exactly that problem.
 */
class KubernetesManifestsCheckerTest {
  private static final String VERSION = "0.1.0-SNAPSHOT";

  @TempDir static Path work;
  private static Path fixture;

  @BeforeAll
  static void copyTheFixture() throws URISyntaxException {
    Path source =
        Path.of(
            Objects.requireNonNull(KubernetesManifestsCheckerTest.class.getResource("/deploy"))
                .toURI());
    fixture = DeployTree.copy(source, work.resolve("deploy"));
  }

  private static List<String> problemsOf(String overlay) {
    String yaml = Kustomize.onPath().render(fixture.resolve("overlays").resolve(overlay));
    return ManifestChecker.problems(ManifestSet.parse(overlay, yaml), VERSION, Set.of());
  }

  @Test
  void theCorrectBasePasses() {
    assertThat(problemsOf("good")).isEmpty();
  }

  @Test
  void aVariableTheServiceDoesNotReadIsReported() {
    assertThat(problemsOf("unread-env"))
        .containsExactly(
            "overlay unread-env: Deployment/callback-gateway, container callback-gateway: env sets"
                + " GATEWAY_PROTT, which callback-gateway does not read");
  }

  @Test
  void aProbeOnAPathTheServiceDoesNotServeIsReported() {
    assertThat(problemsOf("probe-path"))
        .containsExactly(
            "overlay probe-path: Deployment/callback-gateway, container callback-gateway:"
                + " livenessProbe.httpGet.path /healthz is not served by callback-gateway (it"
                + " serves [/health/live, /health/ready])");
  }

  @Test
  void aMissingSecretIsReported() {
    assertThat(problemsOf("missing-secret"))
        .containsExactly(
            "overlay missing-secret: Deployment/callback-gateway: volume redis refers to Secret"
                + " callback-gateway-redis-tls, which the rendering does not contain");
  }

  @Test
  void aSelectorThatSelectsNoPodIsReported() {
    assertThat(problemsOf("selector-mismatch"))
        .containsExactly(
            "overlay selector-mismatch: Service/callback-gateway: spec.selector"
                + " {app.kubernetes.io/name=callback-gateway-v2} selects no workload's pods");
  }

  @Test
  void anUnknownFieldIsReported() {
    assertThat(problemsOf("unknown-field"))
        .containsExactly(
            "overlay unknown-field: Deployment/callback-gateway: unknown field spec.replicass");
  }
}
