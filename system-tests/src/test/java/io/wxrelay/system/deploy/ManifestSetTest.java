package io.wxrelay.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

class ManifestSetTest {

  @Test
  void everyDocumentParsesIntoItsModel() {
    ManifestSet set =
        ManifestSet.parse(
            "o",
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: a, namespace: n}
            spec: {replicas: 2}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: b}
            spec: {scaleTargetRef: {name: a}, maxReplicaCount: 3}
            """);

    assertThat(set.problems()).isEmpty();
    assertThat(set.models(Deployment.class)).hasSize(1);
    assertThat(set.find("ScaledObject", "", "b")).isPresent();
  }

  @Test
  void unknownFieldsAreNamedByTheirPath() {
    ManifestSet set =
        ManifestSet.parse(
            "o",
            """
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: b}
            spec: {triggers: [{type: kafka, metadta: {}}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: s}
            spec: {ports: [{port: 80, targetPrt: 8080}]}
            """);

    assertThat(set.problems())
        .containsExactly(
            "overlay o: ScaledObject/b: unknown field spec.triggers[0].metadta",
            "overlay o: Service/s: unknown field spec.ports[0].targetPrt");
  }

  @Test
  void aKindWithoutAModelIsAProblem() {
    ManifestSet set =
        ManifestSet.parse("o", "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n");

    assertThat(set.problems())
        .containsExactly("overlay o: Widget/w: no model for example.com/v1 Widget to check it by");
  }
}
