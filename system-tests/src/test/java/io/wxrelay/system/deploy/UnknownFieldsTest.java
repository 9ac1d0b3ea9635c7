package io.wxrelay.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnknownFieldsTest {

  @Test
  void additionalPropertiesAreFoundAtAnyDepthUnderTheirJsonNames() {
    Container container = new Container();
    container.setAdditionalProperty("imagePullPolicyy", "Always");
    PodSpec pod = new PodSpec();
    pod.setContainers(List.of(new Container(), container));
    pod.setAdditionalProperty("hostnam", "x");

    assertThat(UnknownFields.in(pod))
        .containsExactlyInAnyOrder("containers[1].imagePullPolicyy", "hostnam");
  }

  @Test
  void recordsAndMapsAreWalkedToo() {
    record Holder(Map<String, PodSpec> specs) {}
    PodSpec pod = new PodSpec();
    pod.setAdditionalProperty("x", 1);

    assertThat(UnknownFields.in(new Holder(Map.of("a", pod)))).containsExactly("specs.a.x");
  }
}
