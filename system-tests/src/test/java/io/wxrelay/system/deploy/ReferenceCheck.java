package io.wxrelay.system.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * (c) Every Secret, ConfigMap, ServiceAccount and PersistentVolumeClaim a pod refers to (volumes,
 * envFrom, valueFrom, serviceAccountName, imagePullSecrets) exists in the same rendering, with the
 * key a valueFrom names; every volumeMount names a volume of the pod. Refs marked optional may
 * dangle.
 */
final class ReferenceCheck implements Check {

  @Override
  public List<String> problems(ManifestSet set) {
    List<String> problems = new ArrayList<>();
    for (Workload w : Workload.in(set)) {
      problems.addAll(problemsOf(w, set));
    }
    return problems;
  }

  /** The dangling references of {@code w}'s pods. */
  static List<String> problemsOf(Workload w, ManifestSet set) {
    List<String> problems = new ArrayList<>();
    Refs refs = new Refs(set, w, problems);
    String account = w.pod().getServiceAccountName();
    if (account != null && !account.equals("default")) {
      refs.require("ServiceAccount", account, "serviceAccountName", w.where());
    }
    for (LocalObjectReference pull : list(w.pod().getImagePullSecrets())) {
      refs.require("Secret", pull.getName(), "imagePullSecrets", w.where());
    }
    for (Volume v : list(w.pod().getVolumes())) {
      volume(refs, v, w.where());
    }
    Set<String> volumes =
        list(w.pod().getVolumes()).stream().map(Volume::getName).collect(Collectors.toSet());
    w.claimTemplates().stream().map(c -> c.getMetadata().getName()).forEach(volumes::add);
    for (Container c : w.containers()) {
      Where where = w.where().container(c.getName());
      for (VolumeMount m : list(c.getVolumeMounts())) {
        if (!volumes.contains(m.getName())) {
          problems.add(
              where.problem(
                  "volumeMount " + m.getMountPath() + " names no volume '" + m.getName() + "'"));
        }
      }
      container(refs, c, where);
    }
    return problems;
  }

  private static void volume(Refs refs, Volume v, Where where) {
    String field = "volume " + v.getName();
    if (v.getSecret() != null && !Boolean.TRUE.equals(v.getSecret().getOptional())) {
      refs.require("Secret", v.getSecret().getSecretName(), field, where);
    }
    if (v.getConfigMap() != null && !Boolean.TRUE.equals(v.getConfigMap().getOptional())) {
      refs.require("ConfigMap", v.getConfigMap().getName(), field, where);
    }
    if (v.getPersistentVolumeClaim() != null) {
      refs.require(
          "PersistentVolumeClaim", v.getPersistentVolumeClaim().getClaimName(), field, where);
    }
    if (v.getProjected() != null) {
      for (VolumeProjection p : list(v.getProjected().getSources())) {
        if (p.getSecret() != null && !Boolean.TRUE.equals(p.getSecret().getOptional())) {
          refs.require("Secret", p.getSecret().getName(), field, where);
        }
        if (p.getConfigMap() != null && !Boolean.TRUE.equals(p.getConfigMap().getOptional())) {
          refs.require("ConfigMap", p.getConfigMap().getName(), field, where);
        }
      }
    }
  }

  private static void container(Refs refs, Container c, Where where) {
    for (EnvFromSource from : list(c.getEnvFrom())) {
      if (from.getConfigMapRef() != null
          && !Boolean.TRUE.equals(from.getConfigMapRef().getOptional())) {
        refs.require("ConfigMap", from.getConfigMapRef().getName(), "envFrom", where);
      }
      if (from.getSecretRef() != null && !Boolean.TRUE.equals(from.getSecretRef().getOptional())) {
        refs.require("Secret", from.getSecretRef().getName(), "envFrom", where);
      }
    }
    for (EnvVar e : list(c.getEnv())) {
      if (e.getValueFrom() == null) {
        continue;
      }
      var secret = e.getValueFrom().getSecretKeyRef();
      if (secret != null && !Boolean.TRUE.equals(secret.getOptional())) {
        refs.requireKey("Secret", secret.getName(), secret.getKey(), "env " + e.getName(), where);
      }
      var config = e.getValueFrom().getConfigMapKeyRef();
      if (config != null && !Boolean.TRUE.equals(config.getOptional())) {
        refs.requireKey(
            "ConfigMap", config.getName(), config.getKey(), "env " + e.getName(), where);
      }
    }
  }

  private static <T> List<T> list(List<T> list) {
    return Objects.requireNonNullElse(list, List.of());
  }

  /** Looks references up in the workload's namespace. */
  private record Refs(ManifestSet set, Workload workload, List<String> problems) {
    boolean require(String kind, String name, String field, Where where) {
      if (set.has(kind, workload.namespace(), name)) {
        return true;
      }
      problems.add(
          where.problem(
              field
                  + " refers to "
                  + kind
                  + " "
                  + name
                  + ", which the rendering does not contain"));
      return false;
    }

    void requireKey(String kind, String name, String key, String field, Where where) {
      if (!require(kind, name, field, where)) {
        return;
      }
      var data =
          kind.equals("Secret")
              ? MountedFiles.secret(set, workload.namespace(), name)
              : MountedFiles.configMap(set, workload.namespace(), name);
      if (!data.containsKey(key)) {
        problems.add(
            where.problem(
                field
                    + " refers to key "
                    + key
                    + " of "
                    + kind
                    + " "
                    + name
                    + ", which has no such key"));
      }
    }
  }
}
