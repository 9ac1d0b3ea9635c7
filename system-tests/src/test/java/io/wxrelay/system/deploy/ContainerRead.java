package io.wxrelay.system.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.wxrelay.kit.config.ConfigException;
import io.wxrelay.kit.config.Env;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A container's configuration read by its service's own reader: the environment the manifests give
 * it (mounted files written to a temporary directory), the names the reader read, and what it
 * listens on, or why it refused to start.
 *
 * @param refused the reader's error, as the service would print it
 */
record ContainerRead(
    WxService service,
    PodEnvironment env,
    Set<String> namesRead,
    Optional<WxService.Listening> listening,
    Optional<String> refused) {

  static ContainerRead of(
      Workload workload, Container container, ManifestSet set, WxService service) {
    Path root = null;
    try {
      root = Files.createTempDirectory("wxrelay-mounts");
      MountedFiles files = MountedFiles.write(workload, container, set, root);
      PodEnvironment env = PodEnvironment.of(workload, container, set, files);
      Env recording = Env.recording(env.values());
      return read(service, env, recording, files);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      delete(root);
    }
  }

  private static ContainerRead read(
      WxService service, PodEnvironment env, Env recording, MountedFiles files) {
    try {
      WxService.Listening listening = service.read(recording);
      return new ContainerRead(
          service, env, recording.namesRead(), Optional.of(listening), Optional.empty());
    } catch (ConfigException e) {
      return new ContainerRead(
          service,
          env,
          recording.namesRead(),
          Optional.empty(),
          Optional.of(files.unrelocate(String.valueOf(e.getMessage()))));
    } catch (RuntimeException e) {
      return new ContainerRead(
          service,
          env,
          recording.namesRead(),
          Optional.empty(),
          Optional.of(files.unrelocate(e.toString())));
    }
  }

  private static void delete(Path root) {
    if (root == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
