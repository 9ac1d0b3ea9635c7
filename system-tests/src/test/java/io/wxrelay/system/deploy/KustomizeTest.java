package io.wxrelay.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KustomizeTest {
  @TempDir Path dir;

  @Test
  void withoutKubectlItSaysHowToInstallIt() {
    assertThatThrownBy(() -> Kustomize.onPath(dir.toString()))
        .hasMessageStartingWith("kubectl is not on the PATH: install it");
  }

  @Test
  void aDirectoryRendersToItsObjects() throws Exception {
    Files.writeString(
        dir.resolve("kustomization.yaml"),
        "configMapGenerator:\n  - name: c\n    literals: [A=1]\n");

    assertThat(Kustomize.onPath().render(dir)).contains("kind: ConfigMap", "A: \"1\"");
  }

  @Test
  void aRenderingErrorCarriesKubectlsWords() {
    assertThatThrownBy(() -> Kustomize.onPath().render(dir.resolve("missing")))
        .hasMessageContaining("kubectl kustomize")
        .hasMessageContaining("failed");
  }
}
