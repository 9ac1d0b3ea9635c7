package io.wxrelay.system.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * (d) Every Service, PodDisruptionBudget and NetworkPolicy selector selects the pods of a workload;
 * a Service's targetPorts are ports those pods declare; every HorizontalPodAutoscaler and
 * ScaledObject scales an existing workload.
 */
final class SelectorCheck implements Check {

  @Override
  public List<String> problems(ManifestSet set) {
    List<String> problems = new ArrayList<>();
    List<Workload> workloads = Workload.in(set);
    for (Manifest m : set.ofModel(Service.class)) {
      service(m, (Service) m.model(), workloads, problems);
    }
    for (Manifest m : set.ofModel(PodDisruptionBudget.class)) {
      selector(
          m,
          "spec.selector",
          ((PodDisruptionBudget) m.model()).getSpec().getSelector(),
          workloads,
          problems);
    }
    for (Manifest m : set.ofModel(NetworkPolicy.class)) {
      LabelSelector pods = ((NetworkPolicy) m.model()).getSpec().getPodSelector();
      if (!Selectors.isEmpty(pods)) {
        selector(m, "spec.podSelector", pods, workloads, problems);
      }
    }
    for (Manifest m : set.ofModel(HorizontalPodAutoscaler.class)) {
      var ref = ((HorizontalPodAutoscaler) m.model()).getSpec().getScaleTargetRef();
      target(set, m, ref.getKind(), ref.getName(), problems);
    }
    for (Manifest m : set.ofModel(CustomKinds.ScaledObject.class)) {
      var ref = ((CustomKinds.ScaledObject) m.model()).spec().scaleTargetRef();
      target(set, m, ref.kindOrDefault(), ref.name(), problems);
    }
    return problems;
  }

  private static void service(
      Manifest m, Service service, List<Workload> workloads, List<String> problems) {
    Map<String, String> selector = service.getSpec().getSelector();
    if (selector == null || selector.isEmpty()) {
      return; // endpoints managed elsewhere
    }
    List<Workload> selected =
        workloads.stream()
            .filter(w -> w.namespace().equals(m.namespace()))
            .filter(w -> Selectors.matches(selector, w.podLabels()))
            .toList();
    if (selected.isEmpty()) {
      problems.add(
          Where.of(m).problem("spec.selector " + selector + " selects no workload's pods"));
      return;
    }
    List<ServicePort> ports = Objects.requireNonNullElse(service.getSpec().getPorts(), List.of());
    for (int i = 0; i < ports.size(); i++) {
      IntOrString target = ports.get(i).getTargetPort();
      IntOrString effective = target == null ? new IntOrString(ports.get(i).getPort()) : target;
      if (selected.stream().noneMatch(w -> declares(w, effective))) {
        problems.add(
            Where.of(m)
                .problem(
                    "spec.ports["
                        + i
                        + "].targetPort "
                        + PortCheck.describe(effective)
                        + " is no containerPort of the selected pods"));
      }
    }
  }

  private static boolean declares(Workload w, IntOrString port) {
    for (Container c : w.containers()) {
      for (ContainerPort p : Objects.requireNonNullElse(c.getPorts(), List.<ContainerPort>of())) {
        if (port.getIntVal() != null
            ? port.getIntVal().equals(p.getContainerPort())
            : port.getStrVal().equals(p.getName())) {
          return true;
        }
      }
    }
    return false;
  }

  private static void selector(
      Manifest m,
      String field,
      LabelSelector selector,
      List<Workload> workloads,
      List<String> problems) {
    if (selector == null) {
      problems.add(Where.of(m).problem(field + " is missing"));
      return;
    }
    boolean any =
        workloads.stream()
            .anyMatch(
                w ->
                    w.namespace().equals(m.namespace())
                        && Selectors.matches(selector, w.podLabels()));
    if (!any) {
      problems.add(
          Where.of(m).problem(field + " " + describe(selector) + " selects no workload's pods"));
    }
  }

  private static void target(
      ManifestSet set, Manifest m, String kind, String name, List<String> problems) {
    if (!set.has(kind, m.namespace(), name)) {
      problems.add(
          Where.of(m)
              .problem("scaleTargetRef " + kind + "/" + name + " does not exist in the rendering"));
    }
  }

  static String describe(LabelSelector selector) {
    String labels = String.valueOf(Objects.requireNonNullElse(selector.getMatchLabels(), Map.of()));
    List<?> expressions = Objects.requireNonNullElse(selector.getMatchExpressions(), List.of());
    return expressions.isEmpty()
        ? labels
        : labels + " and " + expressions.size() + " expression(s)";
  }
}
