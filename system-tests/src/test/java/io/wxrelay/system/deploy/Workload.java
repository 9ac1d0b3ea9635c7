package io.wxrelay.system.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An object that runs pods (Deployment, StatefulSet, DaemonSet, Job, CronJob, Pod), with its pod
 * template's labels and spec.
 */
record Workload(
    Manifest manifest,
    Map<String, String> podLabels,
    PodSpec pod,
    List<PersistentVolumeClaim> claimTemplates) {

  /** Every workload of {@code set}. */
  static List<Workload> in(ManifestSet set) {
    List<Workload> found = new ArrayList<>();
    for (Manifest m : set.all()) {
      of(m).ifPresent(found::add);
    }
    return found;
  }

  static Optional<Workload> of(Manifest m) {
    return switch (m.model()) {
      case Deployment d ->
          Optional.of(
              new Workload(
                  m,
                  labels(d.getSpec().getTemplate().getMetadata()),
                  d.getSpec().getTemplate().getSpec(),
                  List.of()));
      case StatefulSet s ->
          Optional.of(
              new Workload(
                  m,
                  labels(s.getSpec().getTemplate().getMetadata()),
                  s.getSpec().getTemplate().getSpec(),
                  Objects.requireNonNullElse(s.getSpec().getVolumeClaimTemplates(), List.of())));
      case DaemonSet d ->
          Optional.of(
              new Workload(
                  m,
                  labels(d.getSpec().getTemplate().getMetadata()),
                  d.getSpec().getTemplate().getSpec(),
                  List.of()));
      case Job j ->
          Optional.of(
              new Workload(
                  m,
                  labels(j.getSpec().getTemplate().getMetadata()),
                  j.getSpec().getTemplate().getSpec(),
                  List.of()));
      case CronJob c -> {
        var template = c.getSpec().getJobTemplate().getSpec().getTemplate();
        yield Optional.of(
            new Workload(m, labels(template.getMetadata()), template.getSpec(), List.of()));
      }
      case Pod p -> Optional.of(new Workload(m, labels(p.getMetadata()), p.getSpec(), List.of()));
      default -> Optional.empty();
    };
  }

  private static Map<String, String> labels(ObjectMeta metadata) {
    return metadata == null || metadata.getLabels() == null ? Map.of() : metadata.getLabels();
  }

  /** Init containers, then containers. */
  List<Container> containers() {
    return Stream.concat(
            Objects.requireNonNullElse(pod.getInitContainers(), List.<Container>of()).stream(),
            Objects.requireNonNullElse(pod.getContainers(), List.<Container>of()).stream())
        .toList();
  }

  String namespace() {
    return manifest.namespace();
  }

  Where where() {
    return Where.of(manifest);
  }
}
