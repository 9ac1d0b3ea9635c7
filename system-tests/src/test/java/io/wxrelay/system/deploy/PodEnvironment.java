package io.wxrelay.system.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment a container starts with, as the kubelet builds it: {@code envFrom} first, then
 * {@code env} ({@code $(NAME)} expanded); values from Secrets and ConfigMaps of the rendering, a
 * pod's own fields as plausible stand-ins. Paths into the container's mounts are relocated.
 *
 * @param values every variable set, by name
 * @param origins where each was set: {@code env}, or {@code envFrom ConfigMap gateway-env}
 */
record PodEnvironment(Map<String, String> values, Map<String, String> origins) {
  private static final Pattern REFERENCE = Pattern.compile("\\$\\$|\\$\\(([A-Za-z_][\\w.-]*)\\)");

  static PodEnvironment of(
      Workload workload, Container container, ManifestSet set, MountedFiles files) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> origins = new LinkedHashMap<>();
    String ns = workload.namespace();
    for (EnvFromSource from :
        Objects.requireNonNullElse(container.getEnvFrom(), List.<EnvFromSource>of())) {
      String prefix = Objects.requireNonNullElse(from.getPrefix(), "");
      if (from.getConfigMapRef() != null) {
        String name = from.getConfigMapRef().getName();
        MountedFiles.configMap(set, ns, name)
            .forEach(
                (k, v) -> put(values, origins, prefix + k, text(v), "envFrom ConfigMap " + name));
      }
      if (from.getSecretRef() != null) {
        String name = from.getSecretRef().getName();
        MountedFiles.secret(set, ns, name)
            .forEach((k, v) -> put(values, origins, prefix + k, text(v), "envFrom Secret " + name));
      }
    }
    for (EnvVar var : Objects.requireNonNullElse(container.getEnv(), List.<EnvVar>of())) {
      String value =
          var.getValueFrom() == null
              ? expand(Objects.requireNonNullElse(var.getValue(), ""), values)
              : valueFrom(var.getValueFrom(), workload, set);
      put(values, origins, var.getName(), value, "env");
    }
    values.replaceAll((name, value) -> files.relocate(value));
    return new PodEnvironment(values, origins);
  }

  private static void put(
      Map<String, String> values,
      Map<String, String> origins,
      String name,
      String value,
      String origin) {
    values.put(name, value);
    origins.put(name, origin);
  }

  private static String valueFrom(EnvVarSource source, Workload workload, ManifestSet set) {
    String ns = workload.namespace();
    if (source.getSecretKeyRef() != null) {
      var ref = source.getSecretKeyRef();
      return text(MountedFiles.secret(set, ns, ref.getName()).get(ref.getKey()));
    }
    if (source.getConfigMapKeyRef() != null) {
      var ref = source.getConfigMapKeyRef();
      return text(MountedFiles.configMap(set, ns, ref.getName()).get(ref.getKey()));
    }
    if (source.getFieldRef() != null) {
      return switch (source.getFieldRef().getFieldPath()) {
        case "metadata.name" -> workload.manifest().name() + "-0";
        case "metadata.namespace" -> ns.isEmpty() ? "default" : ns;
        case "spec.nodeName" -> "node-1";
        case "spec.serviceAccountName" -> "default";
        default -> "192.0.2.10"; // status.podIP, status.hostIP: a documentation address
      };
    }
    return "1"; // resourceFieldRef: a count of CPUs or bytes
  }

  private static String expand(String value, Map<String, String> earlier) {
    Matcher m = REFERENCE.matcher(value);
    return m.replaceAll(
        r -> {
          if (r.group(1) == null) {
            return "\\$";
          }
          String known = earlier.get(r.group(1));
          return Matcher.quoteReplacement(known == null ? r.group() : known);
        });
  }

  private static String text(byte[] bytes) {
    return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
  }
}
