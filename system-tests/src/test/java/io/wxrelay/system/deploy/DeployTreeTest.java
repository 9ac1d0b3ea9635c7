package io.wxrelay.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployTreeTest {
  @TempDir Path source;
  @TempDir Path target;

  @Test
  void secretsStayBehindAndTheGeneratorsFilesGetThrowawayValues() throws Exception {
    Path overlay = source.resolve("overlays/prod");
    Files.createDirectories(overlay.resolve("secrets"));
    Files.writeString(overlay.resolve("secrets/real.url"), "rediss://u:REAL@r:6380");
    Files.writeString(overlay.resolve("secrets/README.md"), "what goes here");
    Files.writeString(
        overlay.resolve("kustomization.yaml"),
        "secretGenerator:\n  - name: s\n    files:\n      - url=secrets/real.url\n      - secrets/a.properties\n");

    Path copy = DeployTree.copy(source, target.resolve("k"));

    Path secrets = copy.resolve("overlays/prod/secrets");
    assertThat(secrets.resolve("README.md")).hasContent("what goes here");
    assertThat(Files.readString(secrets.resolve("real.url")))
        .startsWith("rediss://throwaway:")
        .doesNotContain("REAL");
    assertThat(Files.readString(secrets.resolve("a.properties")))
        .contains("security.protocol=SASL_SSL");
  }
}
