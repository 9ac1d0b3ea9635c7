package io.wxrelay.system.deploy;

import io.fabric8.kubernetes.api.model.Container;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * (e) Every image is one the build produces ({@code .../wxrelay/<service>}), tagged with the
 * project's version, unless the overlay retags that image ({@code images:} of its kustomization):
 * then any tag but {@code latest}, or a digest.
 *
 * @param version the project's version
 * @param retagged the last segments of the images the overlay retags
 */
record ImageCheck(String version, Set<String> retagged) implements Check {

  @Override
  public List<String> problems(ManifestSet set) {
    List<String> problems = new ArrayList<>();
    for (Workload w : Workload.in(set)) {
      for (Container c : w.containers()) {
        image(w.where().container(c.getName()), c.getImage()).ifPresent(problems::add);
      }
    }
    return problems;
  }

  private Optional<String> image(Where where, String image) {
    if (image == null || image.isBlank()) {
      return Optional.of(where.problem("image is missing"));
    }
    ImageRef ref = ImageRef.parse(image);
    if (ref.service().isEmpty()) {
      return Optional.of(
          where.problem(
              "image "
                  + image
                  + " is not one the build produces (a repository ending in wxrelay/ and one of "
                  + Arrays.stream(WxService.values()).map(WxService::image).toList()
                  + ")"));
    }
    if (retagged.contains(ref.lastSegment())) {
      if (ref.digest().isEmpty() && (ref.tag().isEmpty() || ref.tag().equals("latest"))) {
        return Optional.of(
            where.problem("image " + image + " has no pinned tag or digest (latest or none)"));
      }
      return Optional.empty();
    }
    if (!ref.tag().equals(version) || !ref.digest().isEmpty()) {
      return Optional.of(
          where.problem(
              "image "
                  + image
                  + " is not tagged with the project version "
                  + version
                  + " and the overlay does not retag it"));
    }
    return Optional.empty();
  }
}
