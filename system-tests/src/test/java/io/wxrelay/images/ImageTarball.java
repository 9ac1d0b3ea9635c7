package io.wxrelay.images;

import io.wxrelay.testkit.Shell;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An image as Jib's {@code buildTar} writes it ({@code docker save}'s layout: {@code
 * manifest.json}, the image configuration, one gzipped tar per layer), unpacked into a folder with
 * the system's {@code tar}, so that a test reads what a registry or a container runtime would.
 */
public record ImageTarball(Path dir, List<String> repoTags, JsonNode config, List<Path> layers) {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Where {@code ./mvnw -Pimages package} leaves a module's image. */
  public static Path of(String module) {
    return Shell.root().resolve(module).resolve("target/jib-image.tar");
  }

  /** Unpacks {@code tarball} into {@code dir} (the layers stay compressed). */
  public static ImageTarball open(Path tarball, Path dir) {
    if (!Files.isRegularFile(tarball)) {
      throw new IllegalStateException(
          "no image at "
              + tarball
              + ": build the images first with ./mvnw -Pimages package -DskipTests"
              + " (scripts/test.sh builds them)");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    run("tar", "-xf", tarball.toString(), "-C", dir.toString());
    JsonNode manifest = read(dir.resolve("manifest.json")).get(0);
    List<String> tags = new ArrayList<>();
    manifest.get("RepoTags").forEach(t -> tags.add(t.asString()));
    List<Path> layers = new ArrayList<>();
    manifest.get("Layers").forEach(l -> layers.add(dir.resolve(l.asString())));
    return new ImageTarball(
        dir, tags, read(dir.resolve(manifest.get("Config").asString())), layers);
  }

  public JsonNode container() {
    return config.get("config");
  }

  public String user() {
    return container().path("User").asString("");
  }

  public List<String> entrypoint() {
    List<String> entrypoint = new ArrayList<>();
    container().path("Entrypoint").forEach(e -> entrypoint.add(e.asString()));
    return entrypoint;
  }

  public List<String> exposedPorts() {
    return List.copyOf(container().path("ExposedPorts").propertyNames());
  }

  public Map<String, String> labels() {
    Map<String, String> labels = new LinkedHashMap<>();
    container()
        .path("Labels")
        .properties()
        .forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
    return labels;
  }

  /** The image's environment, {@code NAME=value} entries as a map. */
  public Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    container()
        .path("Env")
        .forEach(
            e -> {
              String entry = e.asString();
              int eq = entry.indexOf('=');
              env.put(entry.substring(0, eq), entry.substring(eq + 1));
            });
    return env;
  }

  /** The layer's digest: its file name, as Jib names layers by the digest of their content. */
  static String digest(Path layer) {
    return layer.getFileName().toString().replace(".tar.gz", "");
  }

  /** Every entry of a layer, as {@code tar -tvzf} lists it (mode, owner, size, time, path). */
  static List<String> listing(Path layer) {
    return run("tar", "--numeric-owner", "-tvzf", layer.toString()).lines().toList();
  }

  /** The root filesystem a runtime would give the container: every layer unpacked in order. */
  Path unpack(Path root) {
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Path layer : layers) {
      run("tar", "--numeric-owner", "-xpzf", layer.toString(), "-C", root.toString());
    }
    return root;
  }

  private static JsonNode read(Path file) {
    try {
      return JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String run(String... command) {
    Shell.Run run = Shell.run(Map.of(), Duration.ofMinutes(2), command);
    if (run.exitCode() != 0) {
      throw new IllegalStateException(run.transcript());
    }
    return run.out();
  }
}
