package io.wxrelay.system.deploy;

import io.fabric8.kubernetes.api.model.Container;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every container of a rendering that runs one of wxrelay's images, with where it lies. */
record ServiceContainers(Workload workload, Container container, WxService service) {

  /**
   * Those whose pods' references all resolve: with one missing, the reader's complaint about it
   * would only repeat {@link ReferenceCheck}'s.
   */
  static List<ServiceContainers> in(ManifestSet set) {
    List<ServiceContainers> found = new ArrayList<>();
    for (Workload w : Workload.in(set)) {
      if (!ReferenceCheck.problemsOf(w, set).isEmpty()) {
        continue;
      }
      for (Container c : w.containers()) {
        Optional<WxService> service =
            Optional.ofNullable(c.getImage()).map(ImageRef::parse).flatMap(ImageRef::service);
        service.ifPresent(s -> found.add(new ServiceContainers(w, c, s)));
      }
    }
    return found;
  }

  Where where() {
    return workload.where().container(container.getName());
  }

  ContainerRead read(ManifestSet set) {
    return ContainerRead.of(workload, container, set, service);
  }
}
