package io.wxrelay.system.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * (f) Every container runs as non-root (its own or the pod's runAsNonRoot), on a read-only root
 * filesystem, without privilege escalation, with every capability dropped.
 */
final class SecurityContextCheck implements Check {

  @Override
  public List<String> problems(ManifestSet set) {
    List<String> problems = new ArrayList<>();
    for (Workload w : Workload.in(set)) {
      PodSecurityContext pod = w.pod().getSecurityContext();
      for (Container c : w.containers()) {
        Where where = w.where().container(c.getName());
        SecurityContext sc =
            Objects.requireNonNullElse(c.getSecurityContext(), new SecurityContext());
        Boolean nonRoot =
            sc.getRunAsNonRoot() != null
                ? sc.getRunAsNonRoot()
                : pod == null ? null : pod.getRunAsNonRoot();
        if (!Boolean.TRUE.equals(nonRoot)) {
          problems.add(where.problem("securityContext.runAsNonRoot is not true (nor the pod's)"));
        }
        if (!Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
          problems.add(where.problem("securityContext.readOnlyRootFilesystem is not true"));
        }
        if (!Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
          problems.add(where.problem("securityContext.allowPrivilegeEscalation is not false"));
        }
        List<String> drop =
            sc.getCapabilities() == null
                ? List.of()
                : Objects.requireNonNullElse(sc.getCapabilities().getDrop(), List.of());
        if (!drop.contains("ALL")) {
          problems.add(where.problem("securityContext.capabilities.drop does not contain ALL"));
        }
      }
    }
    return problems;
  }
}
