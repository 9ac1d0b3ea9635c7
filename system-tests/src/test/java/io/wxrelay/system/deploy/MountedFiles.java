package io.wxrelay.system.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container's mounts, written under a temporary root from the rendered Secrets and ConfigMaps
 * their volumes name, so that a reader given the container's paths finds the files: {@link
 * #relocate} moves a path into a mount (in an env value, or inside a mounted text file, such as an
 * accounts file naming a secret file) under the root.
 */
final class MountedFiles {
  private final Path root;
  private final Pattern mounts;

  private MountedFiles(Path root, List<String> mountPaths) {
    this.root = root;
    String alternatives =
        String.join(
            "|",
            mountPaths.stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(Pattern::quote)
                .toList());
    this.mounts =
        Pattern.compile(
            mountPaths.isEmpty()
                ? "(?!)"
                : "(?<![\\w./-])(" + alternatives + ")(?=/|$|[\\s\"',;])");
  }

  /** Writes the mounts of {@code container} of {@code workload} under {@code root}. */
  static MountedFiles write(Workload workload, Container container, ManifestSet set, Path root) {
    List<VolumeMount> volumeMounts =
        Objects.requireNonNullElse(container.getVolumeMounts(), List.of());
    MountedFiles files =
        new MountedFiles(
            root, volumeMounts.stream().map(m -> trimSlash(m.getMountPath())).toList());
    for (VolumeMount mount : volumeMounts) {
      Map<String, byte[]> content = content(workload, mount.getName(), set);
      files.writeMount(trimSlash(mount.getMountPath()), mount.getSubPath(), content);
    }
    return files;
  }

  /** {@code text} with every path into a mount moved under the root. */
  String relocate(String text) {
    Matcher m = mounts.matcher(text);
    return m.replaceAll(r -> Matcher.quoteReplacement(root + r.group(1)));
  }

  /** {@code text} (a reader's message) with the root taken out of paths again. */
  String unrelocate(String text) {
    return text.replace(root.toString(), "");
  }

  private void writeMount(String mountPath, String subPath, Map<String, byte[]> content) {
    Path target = root.resolve(mountPath.substring(1));
    try {
      if (subPath != null && !subPath.isEmpty()) {
        byte[] single = content.get(subPath);
        if (single != null) {
          Files.createDirectories(target.getParent());
          Files.write(target, relocated(single));
          return;
        }
      }
      Files.createDirectories(target);
      String prefix = subPath == null || subPath.isEmpty() ? "" : subPath + "/";
      for (Map.Entry<String, byte[]> e : content.entrySet()) {
        if (e.getKey().startsWith(prefix)) {
          Path file = target.resolve(e.getKey().substring(prefix.length()));
          Files.createDirectories(file.getParent());
          Files.write(file, relocated(e.getValue()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private byte[] relocated(byte[] bytes) {
    try {
      String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
      return relocate(text).getBytes(StandardCharsets.UTF_8);
    } catch (CharacterCodingException binary) {
      return bytes;
    }
  }

  /** The files of the volume {@code name}: path within the volume to content. */
  private static Map<String, byte[]> content(Workload workload, String name, ManifestSet set) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    Volume volume =
        Objects.requireNonNullElse(workload.pod().getVolumes(), List.<Volume>of()).stream()
            .filter(v -> v.getName().equals(name))
            .findFirst()
            .orElse(null);
    if (volume == null) {
      return files;
    }
    String ns = workload.namespace();
    if (volume.getSecret() != null) {
      files.putAll(
          items(
              secret(set, ns, volume.getSecret().getSecretName()), volume.getSecret().getItems()));
    } else if (volume.getConfigMap() != null) {
      files.putAll(
          items(
              configMap(set, ns, volume.getConfigMap().getName()),
              volume.getConfigMap().getItems()));
    } else if (volume.getProjected() != null) {
      for (VolumeProjection p : volume.getProjected().getSources()) {
        if (p.getSecret() != null) {
          files.putAll(items(secret(set, ns, p.getSecret().getName()), p.getSecret().getItems()));
        } else if (p.getConfigMap() != null) {
          files.putAll(
              items(configMap(set, ns, p.getConfigMap().getName()), p.getConfigMap().getItems()));
        }
      }
    }
    return files;
  }

  private static Map<String, byte[]> items(Map<String, byte[]> data, List<KeyToPath> items) {
    if (items == null || items.isEmpty()) {
      return data;
    }
    Map<String, byte[]> selected = new LinkedHashMap<>();
    for (KeyToPath item : items) {
      if (data.containsKey(item.getKey())) {
        selected.put(item.getPath(), data.get(item.getKey()));
      }
    }
    return selected;
  }

  /** The decoded data of the Secret {@code name}, empty if there is none. */
  static Map<String, byte[]> secret(ManifestSet set, String namespace, String name) {
    Map<String, byte[]> data = new LinkedHashMap<>();
    for (Secret s : set.models(Secret.class)) {
      if (ns(s.getMetadata().getNamespace()).equals(namespace)
          && s.getMetadata().getName().equals(name)) {
        Objects.requireNonNullElse(s.getData(), Map.<String, String>of())
            .forEach((k, v) -> data.put(k, Base64.getMimeDecoder().decode(v)));
        Objects.requireNonNullElse(s.getStringData(), Map.<String, String>of())
            .forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
      }
    }
    return data;
  }

  /** The data of the ConfigMap {@code name}, empty if there is none. */
  static Map<String, byte[]> configMap(ManifestSet set, String namespace, String name) {
    Map<String, byte[]> data = new LinkedHashMap<>();
    for (ConfigMap c : set.models(ConfigMap.class)) {
      if (ns(c.getMetadata().getNamespace()).equals(namespace)
          && c.getMetadata().getName().equals(name)) {
        Objects.requireNonNullElse(c.getData(), Map.<String, String>of())
            .forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
        Objects.requireNonNullElse(c.getBinaryData(), Map.<String, String>of())
            .forEach((k, v) -> data.put(k, Base64.getMimeDecoder().decode(v)));
      }
    }
    return data;
  }

  private static String ns(String namespace) {
    return namespace == null ? "" : namespace;
  }

  private static String trimSlash(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
