package io.wxrelay.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecurityContextCheckTest {

  @Test
  void everyMissingRestrictionIsNamed() {
    ManifestSet set =
        ManifestSet.parse(
            "o",
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              securityContext: {runAsNonRoot: true}
              containers:
                - name: ok
                  securityContext:
                    {readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
                - name: loose
                  securityContext: {runAsNonRoot: false, capabilities: {drop: [NET_RAW]}}
            """);

    assertThat(new SecurityContextCheck().problems(set))
        .containsExactly(
            "overlay o: Pod/p, container loose: securityContext.runAsNonRoot is not true (nor the pod's)",
            "overlay o: Pod/p, container loose: securityContext.readOnlyRootFilesystem is not true",
            "overlay o: Pod/p, container loose: securityContext.allowPrivilegeEscalation is not false",
            "overlay o: Pod/p, container loose: securityContext.capabilities.drop does not contain ALL");
  }
}
