package io.wxrelay.system.deploy;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * (d) Every Ingress and HTTPRoute backend names an existing Service and one of its ports; every
 * ServiceMonitor selects a Service and scrapes a port it names.
 */
final class BackendCheck implements Check {

  @Override
  public List<String> problems(ManifestSet set) {
    List<String> problems = new ArrayList<>();
    for (Manifest m : set.ofModel(Ingress.class)) {
      Ingress ingress = (Ingress) m.model();
      backend(set, m, "spec.defaultBackend", ingress.getSpec().getDefaultBackend(), problems);
      List<IngressRule> rules = list(ingress.getSpec().getRules());
      for (int r = 0; r < rules.size(); r++) {
        List<HTTPIngressPath> paths =
            rules.get(r).getHttp() == null ? List.of() : list(rules.get(r).getHttp().getPaths());
        for (int p = 0; p < paths.size(); p++) {
          backend(
              set,
              m,
              "spec.rules[" + r + "].http.paths[" + p + "].backend",
              paths.get(p).getBackend(),
              problems);
        }
      }
    }
    for (Manifest m : set.ofModel(HTTPRoute.class)) {
      List<HTTPRouteRule> rules = list(((HTTPRoute) m.model()).getSpec().getRules());
      for (int r = 0; r < rules.size(); r++) {
        List<HTTPBackendRef> refs = list(rules.get(r).getBackendRefs());
        for (int b = 0; b < refs.size(); b++) {
          HTTPBackendRef ref = refs.get(b);
          if (ref.getKind() == null || ref.getKind().equals("Service")) {
            String port = ref.getPort() == null ? null : String.valueOf(ref.getPort());
            servicePort(
                set,
                m,
                "spec.rules[" + r + "].backendRefs[" + b + "]",
                ref.getName(),
                port,
                null,
                problems);
          }
        }
      }
    }
    for (Manifest m : set.ofModel(ServiceMonitor.class)) {
      serviceMonitor(set, m, (ServiceMonitor) m.model(), problems);
    }
    return problems;
  }

  private static void backend(
      ManifestSet set, Manifest m, String field, IngressBackend backend, List<String> problems) {
    if (backend == null || backend.getService() == null) {
      return;
    }
    var port = backend.getService().getPort();
    String number =
        port == null || port.getNumber() == null ? null : String.valueOf(port.getNumber());
    String name = port == null ? null : port.getName();
    servicePort(set, m, field + ".service", backend.getService().getName(), number, name, problems);
  }

  private static void servicePort(
      ManifestSet set,
      Manifest m,
      String field,
      String service,
      String number,
      String name,
      List<String> problems) {
    Optional<Manifest> target = set.find("Service", m.namespace(), service);
    if (target.isEmpty()) {
      problems.add(
          Where.of(m)
              .problem(
                  field + " names Service " + service + ", which the rendering does not contain"));
      return;
    }
    List<ServicePort> ports = list(((Service) target.get().model()).getSpec().getPorts());
    boolean found =
        ports.stream()
            .anyMatch(
                p ->
                    (number != null && number.equals(String.valueOf(p.getPort())))
                        || (name != null && name.equals(p.getName())));
    if (!found) {
      problems.add(
          Where.of(m)
              .problem(
                  field
                      + " port "
                      + (number != null ? number : "'" + name + "'")
                      + " is not a port of Service "
                      + service));
    }
  }

  private static void serviceMonitor(
      ManifestSet set, Manifest m, ServiceMonitor monitor, List<String> problems) {
    List<Service> selected =
        set.ofModel(Service.class).stream()
            .filter(s -> s.namespace().equals(m.namespace()))
            .map(s -> (Service) s.model())
            .filter(
                s ->
                    Selectors.matches(
                        monitor.getSpec().getSelector(),
                        Objects.requireNonNullElse(
                            s.getMetadata().getLabels(), java.util.Map.of())))
            .toList();
    if (selected.isEmpty()) {
      problems.add(
          Where.of(m)
              .problem(
                  "spec.selector "
                      + SelectorCheck.describe(monitor.getSpec().getSelector())
                      + " selects no Service"));
      return;
    }
    List<Endpoint> endpoints = list(monitor.getSpec().getEndpoints());
    for (int i = 0; i < endpoints.size(); i++) {
      String port = endpoints.get(i).getPort();
      if (port != null
          && selected.stream()
              .noneMatch(
                  s ->
                      list(s.getSpec().getPorts()).stream()
                          .anyMatch(p -> port.equals(p.getName())))) {
        problems.add(
            Where.of(m)
                .problem(
                    "spec.endpoints["
                        + i
                        + "].port '"
                        + port
                        + "' is no port name of the selected Services"));
      }
    }
  }

  private static <T> List<T> list(List<T> list) {
    return Objects.requireNonNullElse(list, List.of());
  }
}
