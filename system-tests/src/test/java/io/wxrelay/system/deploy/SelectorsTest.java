package io.wxrelay.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SelectorsTest {
  private static final Map<String, String> LABELS = Map.of("app", "gw", "tier", "edge");

  @Test
  void matchLabelsAreASubset() {
    assertThat(Selectors.matches(Map.of("app", "gw"), LABELS)).isTrue();
    assertThat(Selectors.matches(Map.of("app", "worker"), LABELS)).isFalse();
  }

  @Test
  void expressionsFollowKubernetes() {
    assertThat(Selectors.matches(selector("In", "app", "gw", "x"), LABELS)).isTrue();
    assertThat(Selectors.matches(selector("NotIn", "app", "gw"), LABELS)).isFalse();
    assertThat(Selectors.matches(selector("Exists", "tier"), LABELS)).isTrue();
    assertThat(Selectors.matches(selector("DoesNotExist", "tier"), LABELS)).isFalse();
  }

  private static LabelSelector selector(String operator, String key, String... values) {
    return new LabelSelector(
        List.of(new LabelSelectorRequirement(key, operator, List.of(values))), Map.of());
  }
}
