package io.wxrelay.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/kubernetes, checked offline: every overlay renders with kubectl kustomize (production's
 * secrets as throwaway files), parses into Kubernetes' model without an unknown field, and agrees
 * with the code: the variables each container sets are those its service reads and accepts, probes
 * and ports are the service's, references and selectors resolve, images are the build's, and every
 * container runs locked down ({@link ManifestChecker}).
 */
class KubernetesManifestsTest {
  @TempDir Path work;

  @TestFactory
  Stream<DynamicTest> everyOverlayRendersAndAgreesWithTheCode() {
    Project project = Project.here();
    assertThat(project.kubernetes().resolve("overlays"))
        .as("deploy/kubernetes/overlays (the manifests this test checks)")
        .isDirectory();
    Kustomize kustomize = Kustomize.onPath();
    Path copy = DeployTree.copy(project.kubernetes(), work.resolve("kubernetes"));
    List<Path> overlays = Project.overlays(copy);
    assertThat(overlays).as("overlays under deploy/kubernetes/overlays").isNotEmpty();
    return overlays.stream()
        .map(
            overlay ->
                DynamicTest.dynamicTest(
                    overlay.getFileName().toString(),
                    () -> {
                      String name = overlay.getFileName().toString();
                      ManifestSet set = ManifestSet.parse(name, kustomize.render(overlay));
                      assertThat(set.all())
                          .as("objects rendered from overlay " + name)
                          .isNotEmpty();
                      List<String> problems =
                          ManifestChecker.problems(
                              set, project.version(), Project.retagged(overlay));
                      assertThat(problems)
                          .as("problems of overlay %s:%n%s", name, String.join("\n", problems))
                          .isEmpty();
                    }));
  }
}
