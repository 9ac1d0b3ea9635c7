package io.wxrelay.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountedFilesTest {
  @TempDir Path root;

  private static final String YAML =
      """
      apiVersion: v1
      kind: Secret
      metadata: {name: s}
      stringData: {url: "redis://r:6379", accounts.yml: "secretFile: /run/secrets/s/url"}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: d}
      spec:
        template:
          spec:
            containers:
              - name: c
                volumeMounts:
                  - {name: v, mountPath: /run/secrets/s}
                  - {name: v, mountPath: /etc/one.url, subPath: url}
            volumes:
              - {name: v, secret: {secretName: s}}
      """;

  @Test
  void mountsAreWrittenUnderTheRootAndPathsIntoThemRelocated() throws Exception {
    ManifestSet set = ManifestSet.parse("o", YAML);
    Workload w = Workload.in(set).getFirst();

    MountedFiles files = MountedFiles.write(w, w.containers().getFirst(), set, root);

    assertThat(root.resolve("run/secrets/s/url")).hasContent("redis://r:6379");
    assertThat(root.resolve("etc/one.url")).hasContent("redis://r:6379");
    assertThat(Files.readString(root.resolve("run/secrets/s/accounts.yml"), StandardCharsets.UTF_8))
        .isEqualTo("secretFile: " + root + "/run/secrets/s/url");
    assertThat(files.relocate("/run/secrets/s")).isEqualTo(root + "/run/secrets/s");
    assertThat(files.relocate("/run/secrets/sx/url")).isEqualTo("/run/secrets/sx/url");
    assertThat(files.unrelocate("cannot read " + root + "/etc/one.url"))
        .isEqualTo("cannot read /etc/one.url");
  }
}
