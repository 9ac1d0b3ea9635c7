package io.wxrelay.cli.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxrelay.cli.CliError;
import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.schemas.command.CommandData;
import io.wxrelay.schemas.command.CustomMessage;
import io.wxrelay.schemas.command.CustomSend;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A command checked and encoded as the CLI writes it, from a record or from its JSON. */
class CommandEventsTest {
  private static final String APPID = "wx5823bf96d3bd56c7";
  private final ContractCodec codec = ContractCodec.lazy();
  private final CommandEvents events = new CommandEvents(codec);

  private static CloudEvent<CustomSend> custom(String touser) {
    return CloudEvent.of(
        EventType.CUSTOM_SEND,
        "cli-1",
        "/wxrelay/cli",
        APPID,
        Instant.parse("2026-12-07T00:00:00Z"),
        new CustomSend(touser, CustomMessage.text("hello")));
  }

  @Test
  void aRecordIsKeptAsItWasCheckedAndItsValueReadsBackToTheSameRecord() {
    CloudEvent<CustomSend> event = custom("oAlice");

    CommandEvents.Outgoing out = events.encode(event);

    assertThat(out.event()).isSameAs(event);
    assertThat(codec.decode(out.value(), CommandData.class).data()).isEqualTo(event.data());
    assertThat(out.key()).isEqualTo(APPID + ":oAlice");
  }

  @Test
  void theJsonOfACommandIsReadBackIntoItsRecord() {
    JsonNode data = codec.mapper().readTree(events.encode(custom("oBob")).value()).path("data");
    CloudEvent<JsonNode> json =
        new CloudEvent<>(
            CloudEvent.SPEC_VERSION,
            "cli-2",
            "/wxrelay/cli",
            EventType.CUSTOM_SEND.value(),
            Instant.parse("2026-12-07T00:00:00Z"),
            APPID,
            CloudEvent.JSON,
            data);

    CommandEvents.Outgoing out = events.encode(json);

    assertThat(out.event().data()).isEqualTo(new CustomSend("oBob", CustomMessage.text("hello")));
    assertThat(out.key()).isEqualTo(APPID + ":oBob");
  }

  @Test
  void aRecordItsSchemaRefusesIsNotWritten() {
    assertThatThrownBy(() -> events.encode(custom("")))
        .isInstanceOf(CliError.class)
        .hasMessageStartingWith("not written: ");
  }
}
