package io.wxrelay.schemas;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.schemas.command.MassSendAll;
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

  @Test
  void theInlineNewsExampleIsABroadcastTheCodecReads() throws IOException {
    String doc = Files.readString(DOC);
    String section = doc.substring(doc.indexOf("## A news broadcast in one command"));
    int start = section.indexOf("```json\n") + "```json\n".length();
    String data = section.substring(start, section.indexOf("```", start));
    String envelope =
        """
        {"specversion": "1.0", "id": "doc-news", "source": "/docs", "type": "wechat.mass.sendall",
         "subject": "wx5823bf96d3bd56c7", "time": "2026-11-26T08:00:00Z",
         "datacontenttype": "application/json", "data": %s}
        """
            .formatted(data);

    var command = ContractCodec.create().decode(envelope.getBytes(UTF_8));

    MassSendAll sendAll = (MassSendAll) command.data();
    assertThat(sendAll.message().mpnews().inline()).isTrue();
    assertThat(sendAll.message().mpnews().articles().getFirst().thumb().url())
        .startsWith("https://");
  }
}
