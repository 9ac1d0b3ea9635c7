package io.wxrelay.system.deploy;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Kubernetes' label selector semantics. */
final class Selectors {
  private Selectors() {}

  /** Whether {@code labels} carry every entry of {@code selector}. */
  static boolean matches(Map<String, String> selector, Map<String, String> labels) {
    return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  /** Whether {@code labels} satisfy {@code selector}'s matchLabels and matchExpressions. */
  static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (!matches(Objects.requireNonNullElse(selector.getMatchLabels(), Map.of()), labels)) {
      return false;
    }
    for (LabelSelectorRequirement r :
        Objects.requireNonNullElse(
            selector.getMatchExpressions(), List.<LabelSelectorRequirement>of())) {
      String value = labels.get(r.getKey());
      List<String> values = Objects.requireNonNullElse(r.getValues(), List.of());
      boolean ok =
          switch (r.getOperator()) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> false;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code selector} selects everything (no labels, no expressions). */
  static boolean isEmpty(LabelSelector selector) {
    return selector == null
        || (Objects.requireNonNullElse(selector.getMatchLabels(), Map.of()).isEmpty()
            && Objects.requireNonNullElse(selector.getMatchExpressions(), List.of()).isEmpty());
  }
}
