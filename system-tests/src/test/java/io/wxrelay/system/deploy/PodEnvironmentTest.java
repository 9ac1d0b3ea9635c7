package io.wxrelay.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PodEnvironmentTest {
  @TempDir Path root;

  @Test
  void envFromComesFirstThenEnvWithReferencesAndValuesFrom() {
    ManifestSet set =
        ManifestSet.parse(
            "o",
            """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: cm}
            data: {A: "1", B: "from-map"}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: s}
            data: {k: c2VjcmV0}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  containers:
                    - name: c
                      envFrom: [{configMapRef: {name: cm}, prefix: P_}]
                      env:
                        - {name: B, value: "$(P_A)-x"}
                        - {name: S, valueFrom: {secretKeyRef: {name: s, key: k}}}
                        - {name: N, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
            """);
    Workload w = Workload.in(set).getFirst();
    MountedFiles files = MountedFiles.write(w, w.containers().getFirst(), set, root);

    PodEnvironment env = PodEnvironment.of(w, w.containers().getFirst(), set, files);

    assertThat(env.values())
        .containsEntry("P_A", "1")
        .containsEntry("P_B", "from-map")
        .containsEntry("B", "1-x")
        .containsEntry("S", "secret")
        .containsEntry("N", "d-0");
    assertThat(env.origins())
        .containsEntry("P_A", "envFrom ConfigMap cm")
        .containsEntry("S", "env");
  }
}
