package io.wxrelay.system.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The objects one overlay renders to, each parsed into its model; what could not be parsed, or has
 * fields its kind does not define, is a problem of the set.
 */
final class ManifestSet {
  private static final YAMLMapper YAML =
      YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private final String overlay;
  private final List<Manifest> manifests = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();

  private ManifestSet(String overlay) {
    this.overlay = overlay;
  }

  /** The objects of {@code yaml} (several documents), rendered from {@code overlay}. */
  static ManifestSet parse(String overlay, String yaml) {
    ManifestSet set = new ManifestSet(overlay);
    try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (documents.hasNext()) {
        JsonNode node = documents.next();
        if (node != null && !node.isNull() && !node.isEmpty()) {
          set.add(node);
        }
      }
    }
    return set;
  }

  private void add(JsonNode node) {
    String apiVersion = node.path("apiVersion").asString("");
    String kind = node.path("kind").asString("");
    JsonNode metadata = node.path("metadata");
    Where where =
        new Where(overlay, kind.isEmpty() ? "?" : kind, metadata.path("name").asString("?"), "");
    Optional<Object> model = model(node, apiVersion, kind, where);
    model.ifPresent(
        m -> {
          UnknownFields.in(m).forEach(path -> problems.add(where.problem("unknown field " + path)));
          manifests.add(
              new Manifest(
                  overlay,
                  apiVersion,
                  kind,
                  metadata.path("namespace").asString(""),
                  where.name(),
                  node,
                  m));
        });
  }

  private Optional<Object> model(JsonNode node, String apiVersion, String kind, Where where) {
    try {
      Optional<Class<?>> custom = CustomKinds.of(apiVersion, kind);
      if (custom.isPresent()) {
        return Optional.of(YAML.treeToValue(node, custom.get()));
      }
      KubernetesResource parsed = YAML.treeToValue(node, KubernetesResource.class);
      if (parsed instanceof GenericKubernetesResource) {
        problems.add(where.problem("no model for " + apiVersion + " " + kind + " to check it by"));
        return Optional.empty();
      }
      return Optional.of(parsed);
    } catch (UnrecognizedPropertyException e) {
      problems.add(where.problem("unknown field " + path(e)));
    } catch (DatabindException e) {
      problems.add(where.problem("malformed field " + path(e) + ": " + e.getOriginalMessage()));
    } catch (JacksonException e) {
      problems.add(where.problem("cannot be parsed: " + e.getOriginalMessage()));
    }
    return Optional.empty();
  }

  private static String path(DatabindException e) {
    return e.getPath().stream()
        .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  String overlay() {
    return overlay;
  }

  List<Manifest> all() {
    return List.copyOf(manifests);
  }

  /** Problems found while parsing: unknown fields, kinds without a model. */
  List<String> problems() {
    return List.copyOf(problems);
  }

  /** The objects of model class {@code type}. */
  <T> List<T> models(Class<T> type) {
    return manifests.stream()
        .map(Manifest::model)
        .filter(type::isInstance)
        .map(type::cast)
        .toList();
  }

  /** The manifests whose model is of class {@code type}. */
  List<Manifest> ofModel(Class<?> type) {
    return manifests.stream().filter(m -> type.isInstance(m.model())).toList();
  }

  /** Whether an object of {@code kind} named {@code name} exists in {@code namespace}. */
  boolean has(String kind, String namespace, String name) {
    return find(kind, namespace, name).isPresent();
  }

  Optional<Manifest> find(String kind, String namespace, String name) {
    return manifests.stream().filter(m -> m.is(kind, namespace, name)).findFirst();
  }
}
