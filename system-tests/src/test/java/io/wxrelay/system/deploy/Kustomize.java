package io.wxrelay.system.deploy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** {@code kubectl kustomize DIR}, with the kubectl found on a PATH. */
record Kustomize(Path kubectl) {
  static final String INSTALL_HINT =
      "kubectl is not on the PATH: install it (Debian/Ubuntu: apt-get install kubectl from the"
          + " Kubernetes apt repository pkgs.k8s.io, or google-cloud-cli's kubectl) to render"
          + " deploy/kubernetes";

  /** The kubectl on {@code path} (a PATH value); fails with {@link #INSTALL_HINT} if none. */
  static Kustomize onPath(String path) {
    return find(path)
        .map(Kustomize::new)
        .orElseThrow(() -> new IllegalStateException(INSTALL_HINT));
  }

  static Kustomize onPath() {
    return onPath(System.getenv().getOrDefault("PATH", ""));
  }

  private static Optional<Path> find(String path) {
    return Arrays.stream(path.split(File.pathSeparator))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, "kubectl"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** The objects {@code dir} renders to, as YAML; a rendering error fails with kubectl's words. */
  String render(Path dir) {
    try {
      Process p =
          new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      CompletableFuture<byte[]> err =
          CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int code = p.waitFor();
      if (code != 0) {
        throw new IllegalStateException(
            "kubectl kustomize "
                + dir
                + " failed ("
                + code
                + "): "
                + new String(err.join(), StandardCharsets.UTF_8).strip());
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted rendering " + dir, e);
    }
  }

  private static byte[] readAll(java.io.InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
