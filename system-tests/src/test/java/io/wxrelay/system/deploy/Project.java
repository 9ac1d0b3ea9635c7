package io.wxrelay.system.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The repository this test runs in: its root, version, and Kubernetes overlays. */
record Project(Path root) {
  private static final Pattern VERSION =
      Pattern.compile("<artifactId>wxrelay-parent</artifactId>\\s*<version>([^<]+)</version>");

  /** The repository around the working directory (a module's or the root's). */
  static Project here() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(
          "not inside the wxrelay repository: " + Path.of("").toAbsolutePath());
    }
    return new Project(dir);
  }

  Path kubernetes() {
    return root.resolve("deploy/kubernetes");
  }

  /** The version of the root pom.xml, the tag every image the build produces carries. */
  String version() {
    try {
      Matcher m =
          VERSION.matcher(Files.readString(root.resolve("pom.xml"), StandardCharsets.UTF_8));
      if (!m.find()) {
        throw new IllegalStateException("no version in " + root.resolve("pom.xml"));
      }
      return m.group(1).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The overlay directories under {@code kubernetes/overlays}, by name. */
  static List<Path> overlays(Path kubernetes) {
    try (Stream<Path> dirs = Files.list(kubernetes.resolve("overlays"))) {
      return dirs.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last segments of the images the kustomization of {@code overlay} retags. */
  static Set<String> retagged(Path overlay) {
    Set<String> images = new HashSet<>();
    try {
      JsonNode root =
          new YAMLMapper()
              .readTree(
                  Files.readString(overlay.resolve("kustomization.yaml"), StandardCharsets.UTF_8));
      for (JsonNode image : root.path("images")) {
        if (image.has("newTag") || image.has("digest")) {
          images.add(lastSegment(image.path("name").asString()));
          images.add(lastSegment(image.path("newName").asString(image.path("name").asString())));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return images;
  }

  private static String lastSegment(String repository) {
    return repository.substring(repository.lastIndexOf('/') + 1);
  }
}
