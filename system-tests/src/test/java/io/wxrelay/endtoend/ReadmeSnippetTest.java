package io.wxrelay.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.testkit.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's Java example is the code {@code CloudEventsIT} runs ({@link ReadmeSdkProducer}),
 * line for line; only the broker address and the topic, which the README spells as the local
 * relay's defaults, are the test's own.
 */
class ReadmeSnippetTest {
  @Test
  void theReadmesSdkExampleIsTheCodeATestRuns() throws IOException {
    String readme = Files.readString(Shell.root().resolve("README.md"));
    int at = readme.indexOf("```java\n");
    assertThat(at).as("the README's Java example").isPositive();
    String block = readme.substring(at + 8, readme.indexOf("```\n", at + 8));

    String source =
        Files.readString(Path.of("src/test/java/io/wxrelay/endtoend/ReadmeSdkProducer.java"));
    String region =
        source.substring(
            source.indexOf("// README:begin\n") + 16, source.indexOf("    // README:end"));

    List<String> ran = region.lines().map(l -> l.replaceFirst("^    ", "")).toList();
    List<String> shown =
        block
            .replace(
                "BOOTSTRAP_SERVERS_CONFIG, \"127.0.0.1:9092\")",
                "BOOTSTRAP_SERVERS_CONFIG, bootstrap)")
            .replace("new ProducerRecord<>(\"wechat.commands\", ", "new ProducerRecord<>(topic, ")
            .lines()
            .toList();
    assertThat(shown).isEqualTo(ran);
  }
}
