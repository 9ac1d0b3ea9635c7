package io.wxrelay.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImageCheckTest {

  private static List<String> problems(String image, Set<String> retagged) {
    ManifestSet set =
        ManifestSet.parse(
            "o",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: \""
                + image
                + "\"}]}\n");
    return new ImageCheck("1.0", retagged).problems(set);
  }

  @Test
  void theBuildsImagesAtTheProjectVersionPass() {
    assertThat(problems("r.example.com/wxrelay/token-service:1.0", Set.of())).isEmpty();
  }

  @Test
  void anotherTagNeedsTheOverlayToRetag() {
    assertThat(problems("wxrelay/token-service:2.0", Set.of()))
        .containsExactly(
            "overlay o: Pod/p, container c: image wxrelay/token-service:2.0 is not tagged with the"
                + " project version 1.0 and the overlay does not retag it");
    assertThat(problems("wxrelay/token-service:2.0", Set.of("token-service"))).isEmpty();
    assertThat(problems("wxrelay/token-service:latest", Set.of("token-service"))).hasSize(1);
  }

  @Test
  void foreignImagesAreReported() {
    assertThat(problems("redis:7.4", Set.of()).getFirst())
        .startsWith("overlay o: Pod/p, container c: image redis:7.4 is not one the build produces");
  }
}
