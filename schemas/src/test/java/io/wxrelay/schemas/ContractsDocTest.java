package io.wxrelay.schemas;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/contracts.md is how upstream teams learn the contracts; it must show every type's current
 * example and every topic as {@link Topic} defines it. Regenerate with {@code python3
 * docs/gen_contracts.py}.
 */
class ContractsDocTest {
  private static final Path DOC = Path.of("..", "docs", "contracts.md");

  @Test
  void showsTheCurrentExampleOfEveryType() throws IOException {
    String doc = Files.readString(DOC);
    for (EventType type : EventType.values()) {
      String example =
          new String(
                  getClass()
                      .getClassLoader()
                      .getResourceAsStream(type.exampleResource())
                      .readAllBytes(),
                  UTF_8)
              .strip();
      assertThat(doc).as("example of %s in %s", type.value(), DOC).contains(example);
    }
  }

  @Test
  void listsEveryTopicWithItsVariableAndPartitions() throws IOException {
    String doc = Files.readString(DOC);
    for (Topic topic : Topic.values()) {
      assertThat(doc)
          .containsPattern(
              "\\| `"
                  + topic.defaultName()
                  + "` \\| `"
                  + topic.envVar()
                  + "` \\| [^|]+ \\| "
                  + topic.defaultPartitions()
                  + " \\|");
    }
  }
}
