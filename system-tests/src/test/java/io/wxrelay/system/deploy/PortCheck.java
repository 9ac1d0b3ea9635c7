package io.wxrelay.system.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * (b) Every containerPort is a port the service listens on, bound where the kubelet and peers reach
 * it; every probe asks a path the service serves on the port it serves it on.
 */
final class PortCheck implements Check {
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1");

  @Override
  public List<String> problems(ManifestSet set) {
    List<String> problems = new ArrayList<>();
    for (ServiceContainers sc : ServiceContainers.in(set)) {
      Optional<WxService.Listening> listening = sc.read(set).listening();
      if (listening.isEmpty()) {
        continue; // EnvCheck reports why
      }
      Container c = sc.container();
      Rules rules = new Rules(c, listening.get(), sc.where(), sc.service().image(), problems);
      rules.ports();
      rules.probe("livenessProbe", c.getLivenessProbe());
      rules.probe("readinessProbe", c.getReadinessProbe());
      rules.probe("startupProbe", c.getStartupProbe());
    }
    return problems;
  }

  /** The rules of one container, whose service listens as {@code listening}. */
  private record Rules(
      Container container,
      WxService.Listening listening,
      Where where,
      String service,
      List<String> problems) {

    void ports() {
      Map<Integer, String> ports = listening.ports();
      List<ContainerPort> declared = Objects.requireNonNullElse(container.getPorts(), List.of());
      for (int i = 0; i < declared.size(); i++) {
        int port = declared.get(i).getContainerPort();
        if (!ports.containsKey(port)) {
          add(
              "ports["
                  + i
                  + "].containerPort "
                  + port
                  + " is not a port "
                  + service
                  + " listens on "
                  + ports.keySet());
        } else if (LOOPBACK.contains(ports.get(port))) {
          add(
              service
                  + " binds port "
                  + port
                  + " to "
                  + ports.get(port)
                  + ", out of reach from outside the container: set its host to 0.0.0.0");
        }
      }
    }

    void probe(String field, Probe probe) {
      if (probe == null) {
        return;
      }
      if (listening.probePort().isEmpty()) {
        add(field + ": " + service + " serves no health endpoint");
        return;
      }
      int healthPort = listening.probePort().getAsInt();
      if (probe.getHttpGet() != null) {
        String path = Objects.requireNonNullElse(probe.getHttpGet().getPath(), "/");
        if (!listening.probePaths().contains(path)) {
          add(
              field
                  + ".httpGet.path "
                  + path
                  + " is not served by "
                  + service
                  + " (it serves "
                  + listening.probePaths().stream().sorted().toList()
                  + ")");
        }
        port(field + ".httpGet.port", probe.getHttpGet().getPort(), Set.of(healthPort));
      } else if (probe.getTcpSocket() != null) {
        port(field + ".tcpSocket.port", probe.getTcpSocket().getPort(), listening.ports().keySet());
      } else {
        add(
            field
                + " is not an httpGet probe; "
                + service
                + " reports its health over HTTP on port "
                + healthPort);
      }
    }

    private void port(String field, IntOrString port, Set<Integer> allowed) {
      Optional<Integer> number = resolve(container, port);
      if (number.isEmpty()) {
        add(field + " " + describe(port) + " names no containerPort");
      } else if (!allowed.contains(number.get())) {
        add(
            field
                + " "
                + describe(port)
                + " is not the port "
                + service
                + " serves it on "
                + allowed);
      }
    }

    private void add(String text) {
      problems.add(where.problem(text));
    }
  }

  /** The port number of {@code port}: itself, or the containerPort it names. */
  static Optional<Integer> resolve(Container container, IntOrString port) {
    if (port == null) {
      return Optional.empty();
    }
    if (port.getIntVal() != null) {
      return Optional.of(port.getIntVal());
    }
    return Objects.requireNonNullElse(container.getPorts(), List.<ContainerPort>of()).stream()
        .filter(p -> port.getStrVal().equals(p.getName()))
        .map(ContainerPort::getContainerPort)
        .findFirst();
  }

  static String describe(IntOrString port) {
    return port == null
        ? "(none)"
        : port.getIntVal() != null
            ? String.valueOf(port.getIntVal())
            : "'" + port.getStrVal() + "'";
  }
}
