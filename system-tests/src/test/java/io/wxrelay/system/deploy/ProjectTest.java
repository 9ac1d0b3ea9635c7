package io.wxrelay.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectTest {
  @TempDir Path overlay;

  @Test
  void theVersionIsTheParentPomsVersion() {
    assertThat(Project.here().version()).matches("\\d+\\.\\d+\\.\\d+.*");
  }

  @Test
  void anOverlayRetagsTheImagesItGivesATagOrDigest() throws Exception {
    Files.writeString(
        overlay.resolve("kustomization.yaml"),
        """
        images:
          - {name: wxrelay/send-worker, newName: r.example.com/wxrelay/send-worker, newTag: "1.0"}
          - {name: wxrelay/cli, newName: r.example.com/wxrelay/cli}
        """);

    assertThat(Project.retagged(overlay)).containsExactly("send-worker");
  }
}
