package io.wxrelay.system.deploy;

import tools.jackson.databind.JsonNode;

/**
 * One rendered object: where it came from, its identity, its YAML as a tree and the model object it
 * parsed into (a fabric8 model class, or a record of {@link CustomKinds}).
 */
record Manifest(
    String overlay,
    String apiVersion,
    String kind,
    String namespace,
    String name,
    JsonNode source,
    Object model) {

  /** Whether this object is {@code kind} named {@code name} in {@code namespace}. */
  boolean is(String otherKind, String otherNamespace, String otherName) {
    return kind.equals(otherKind) && namespace.equals(otherNamespace) && name.equals(otherName);
  }
}
