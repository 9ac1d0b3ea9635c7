package io.wxrelay.system.deploy;

/**
 * Where in a rendering a problem lies: the overlay, the object's kind and name and, for a pod's
 * problems, the container. Every failure message starts with it.
 */
record Where(String overlay, String kind, String name, String container) {

  static Where of(Manifest manifest) {
    return new Where(manifest.overlay(), manifest.kind(), manifest.name(), "");
  }

  Where container(String containerName) {
    return new Where(overlay, kind, name, containerName);
  }

  /** {@code overlay staging: Deployment/send-worker, container send-worker: text}. */
  String problem(String text) {
    return "overlay "
        + overlay
        + ": "
        + kind
        + "/"
        + name
        + (container.isEmpty() ? "" : ", container " + container)
        + ": "
        + text;
  }
}
