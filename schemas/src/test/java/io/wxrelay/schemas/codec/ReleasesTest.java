package io.wxrelay.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The contracts of every release are kept under {@code releases/<date>/} (test resources): its
 * schemas and examples as they shipped. This release must read what every earlier one wrote
 * (commands included), and every earlier release's schemas must accept what this one writes, as an
 * older consumer reads it (tolerating fields it does not know). The newest kept release is the
 * current one, so a contract change is a new release that the next change is held to.
 */
class ReleasesTest {
  private static final ContractCodec CODEC = ContractCodec.create();
  private static final Path MAIN = Path.of("src/main/resources");
  private static final Set<String> UNKNOWN_FIELD =
      Set.of("additionalProperties", "unevaluatedProperties");

  static Stream<Path> releases() {
    try (Stream<Path> dirs = Files.list(root())) {
      return dirs.sorted().toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Stream<Arguments> earlierExamples() {
    return releases()
        .flatMap(
            release ->
                list(release.resolve("examples")).stream()
                    .map(example -> Arguments.of(release.getFileName().toString(), example)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("earlierExamples")
  void thisReleaseReadsWhatAnEarlierOneWrote(String release, Path example) throws IOException {
    String type = example.getFileName().toString().replaceFirst("\\.json$", "");

    assertThat(CODEC.decode(Files.readAllBytes(example)).type()).isEqualTo(type);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("releases")
  void anEarlierReleaseReadsWhatThisOneWrites(Path release) {
    Older older = new Older(release);
    for (EventType type : EventType.values()) {
      if (type.topic() == Topic.COMMANDS) {
        continue; // commands are strict: workers are upgraded before their producers
      }
      if (!older.knows(type)) {
        continue; // a type newer than that release: its consumers never subscribed to it
      }
      JsonNode written = CODEC.mapper().readTree(CODEC.encode(CODEC.decode(Examples.bytes(type))));
      assertThat(older.envelope().validate(written)).as(release + " envelope: " + type).isEmpty();
      assertThat(older.data(type).validate(written.get("data")))
          .filteredOn(e -> !UNKNOWN_FIELD.contains(e.getKeyword()))
          .as(release + " data: " + type)
          .isEmpty();
    }
  }

  @Test
  void theNewestKeptReleaseIsThisOne() {
    Path newest = releases().reduce((a, b) -> b).orElseThrow();
    for (String kind : List.of("schemas", "examples")) {
      List<Path> current = list(MAIN.resolve(kind));
      assertThat(current).isNotEmpty();
      assertThat(list(newest.resolve(kind)).stream().map(Path::getFileName))
          .as("the files of " + newest + "/" + kind)
          .containsExactlyElementsOf(current.stream().map(Path::getFileName).toList());
      for (Path file : current) {
        assertThat(newest.resolve(kind).resolve(file.getFileName()))
            .as(
                "%s changed since the newest kept release %s: keep this release too, with"
                    + " scripts/keep-contracts.sh",
                file, newest.getFileName())
            .hasSameTextualContentAs(file);
      }
    }
  }

  /** An earlier release's schemas, as its consumers validate with them. */
  private record Older(SchemaRegistry registry, Path release) {
    Older(Path release) {
      this(
          SchemaRegistry.withDefaultDialect(
              SpecificationVersion.DRAFT_2020_12,
              builder ->
                  builder
                      .schemaRegistryConfig(
                          SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build())
                      .schemaIdResolvers(
                          r ->
                              r.mapPrefix(
                                  EventType.SCHEMA_BASE,
                                  "classpath:releases/" + release.getFileName() + "/schemas/"))),
          release);
    }

    Schema envelope() {
      return schema("cloudevent.schema.json");
    }

    /** Whether that release had {@code type} at all, under either name. */
    boolean knows(EventType type) {
      Path schemas = release.resolve("schemas");
      return Files.exists(
              schemas.resolve(type.value() + ".v" + type.schemaVersion() + ".schema.json"))
          || Files.exists(schemas.resolve(type.value() + ".schema.json"));
    }

    /** The type's schema as that release named it: versioned, or (before versions) not. */
    Schema data(EventType type) {
      String versioned = type.value() + ".v" + type.schemaVersion() + ".schema.json";
      return Files.exists(release.resolve("schemas").resolve(versioned))
          ? schema(versioned)
          : schema(type.value() + ".schema.json");
    }

    private Schema schema(String file) {
      return registry.getSchema(SchemaLocation.of(EventType.SCHEMA_BASE + file));
    }
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path root() {
    try {
      return Path.of(ReleasesTest.class.getClassLoader().getResource("releases").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
