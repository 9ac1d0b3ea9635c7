package io.wxrelay.schemas;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.schemas.command.MassSendAll;
import io.wxrelay.schemas.outcome.CommandResult;
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
    var command = decode("## A news broadcast in one command", "wechat.mass.sendall");

    MassSendAll sendAll = (MassSendAll) command.data();
    assertThat(sendAll.message().mpnews().inline()).isTrue();
    assertThat(sendAll.message().mpnews().articles().getFirst().thumb().url())
        .startsWith("https://");
  }

  @Test
  void theUploadResultExampleIsAResultTheCodecReads() throws IOException {
    var result = decode("## Media in results", "wechat.result");

    assertThat(((CommandResult) result.data()).response()).containsKeys("media_id", "expires_at");
  }

  /** The first JSON block of the doc's section {@code heading}, as the data of a {@code type}. */
  private static CloudEvent<?> decode(String heading, String type) throws IOException {
    String doc = Files.readString(DOC);
    String section = doc.substring(doc.indexOf(heading));
    int start = section.indexOf("```json\n") + "```json\n".length();
    String data = section.substring(start, section.indexOf("```", start));
    String envelope =
        """
        {"specversion": "1.0", "id": "doc-example", "source": "/docs", "type": "%s",
         "subject": "wx5823bf96d3bd56c7", "time": "2026-11-26T08:00:00Z",
         "datacontenttype": "application/json", "data": %s}
        """
            .formatted(type, data);
    return ContractCodec.create().decode(envelope.getBytes(UTF_8));
  }
}
