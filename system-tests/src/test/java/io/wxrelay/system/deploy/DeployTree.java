package io.wxrelay.system.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A copy of a kustomize tree that renders without anyone's secrets: files under a {@code secrets}
 * directory are left behind (but their README), and every file a secretGenerator names that the
 * copy lacks is written with a throwaway value ({@link ThrowawayFiles}).
 */
final class DeployTree {
  private static final YAMLMapper YAML = new YAMLMapper();

  private DeployTree() {}

  /** Copies {@code source} to {@code target} and fills in its overlays' secret files. */
  static Path copy(Path source, Path target) {
    try (Stream<Path> files = Files.walk(source)) {
      for (Path from : files.toList()) {
        Path rel = source.relativize(from);
        if (isSecret(rel)) {
          continue;
        }
        Path to = target.resolve(rel.toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to);
        }
      }
      ThrowawayFiles throwaway = new ThrowawayFiles(Files.createTempDirectory("wxrelay-keys"));
      for (Path kustomization : kustomizations(target)) {
        for (String file : secretFiles(kustomization)) {
          Path path = kustomization.getParent().resolve(file).normalize();
          if (!Files.exists(path)) {
            Files.createDirectories(path.getParent());
            Files.write(path, throwaway.contentFor(path.getFileName().toString()));
          }
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isSecret(Path rel) {
    for (int i = 0; i < rel.getNameCount() - 1; i++) {
      if (rel.getName(i).toString().equals("secrets")) {
        return !rel.getFileName().toString().equals("README.md");
      }
    }
    return false;
  }

  private static List<Path> kustomizations(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(p -> p.getFileName().toString().matches("[Kk]ustomization\\.ya?ml"))
          .toList();
    }
  }

  /** The files the secretGenerator entries of {@code kustomization} read ({@code key=path}). */
  static List<String> secretFiles(Path kustomization) throws IOException {
    JsonNode root = YAML.readTree(Files.readString(kustomization, StandardCharsets.UTF_8));
    List<String> files = new ArrayList<>();
    for (JsonNode generator : root.path("secretGenerator")) {
      for (JsonNode file : generator.path("files")) {
        String entry = file.asString();
        files.add(entry.substring(entry.indexOf('=') + 1));
      }
      for (JsonNode env : generator.path("envs")) {
        files.add(env.asString());
      }
    }
    return files;
  }
}
