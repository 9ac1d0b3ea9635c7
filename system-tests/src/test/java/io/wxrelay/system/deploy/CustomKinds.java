package io.wxrelay.system.deploy;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kinds fabric8 has no model for, as records of the fields each kind defines (KEDA 2.x: {@code
 * keda.sh/v1alpha1}); they are parsed failing on any other field.
 */
final class CustomKinds {
  private static final Map<String, Class<?>> KINDS =
      Map.of(
          "keda.sh/v1alpha1 ScaledObject", ScaledObject.class,
          "keda.sh/v1alpha1 TriggerAuthentication", TriggerAuthentication.class,
          "keda.sh/v1alpha1 ClusterTriggerAuthentication", TriggerAuthentication.class);

  private CustomKinds() {}

  /** The record for {@code apiVersion} and {@code kind}, if it is one of these. */
  static Optional<Class<?>> of(String apiVersion, String kind) {
    return Optional.ofNullable(KINDS.get(apiVersion + " " + kind));
  }

  record ScaledObject(String apiVersion, String kind, ObjectMeta metadata, ScaledObjectSpec spec) {}

  record ScaledObjectSpec(
      ScaleTarget scaleTargetRef,
      Integer pollingInterval,
      Integer cooldownPeriod,
      Integer initialCooldownPeriod,
      Integer idleReplicaCount,
      Integer minReplicaCount,
      Integer maxReplicaCount,
      Fallback fallback,
      Advanced advanced,
      List<Trigger> triggers) {}

  record ScaleTarget(String apiVersion, String kind, String name, String envSourceContainerName) {
    /** The target's kind, Deployment when not given. */
    String kindOrDefault() {
      return kind == null ? "Deployment" : kind;
    }
  }

  record Fallback(Integer failureThreshold, Integer replicas, String behavior) {}

  record Advanced(
      Boolean restoreToOriginalReplicaCount,
      HpaConfig horizontalPodAutoscalerConfig,
      ScalingModifiers scalingModifiers) {}

  record HpaConfig(String name, HorizontalPodAutoscalerBehavior behavior) {}

  record ScalingModifiers(
      String formula, String target, String activationTarget, String metricType) {}

  record Trigger(
      String type,
      String name,
      Map<String, String> metadata,
      AuthenticationRef authenticationRef,
      String metricType,
      Boolean useCachedMetrics) {}

  record AuthenticationRef(String name, String kind) {}

  record TriggerAuthentication(
      String apiVersion, String kind, ObjectMeta metadata, TriggerAuthenticationSpec spec) {}

  record TriggerAuthenticationSpec(
      PodIdentity podIdentity,
      List<SecretTarget> secretTargetRef,
      List<SecretTarget> configMapTargetRef,
      List<EnvTarget> env,
      List<ServiceAccountTarget> boundServiceAccountToken) {}

  record PodIdentity(
      String provider,
      String identityId,
      String identityTenantId,
      String identityAuthorityHost,
      String roleArn,
      String identityOwner) {}

  record SecretTarget(String parameter, String name, String key) {}

  record EnvTarget(String parameter, String name, String containerName) {}

  record ServiceAccountTarget(String parameter, String serviceAccountName) {}
}
