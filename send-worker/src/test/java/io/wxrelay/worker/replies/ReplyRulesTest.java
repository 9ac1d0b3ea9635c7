package io.wxrelay.worker.replies;

import static io.wxrelay.worker.replies.RulesFileTest.APPID;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.schemas.codec.ContractCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplyRulesTest {
  private static final Duration CHECK = Duration.ofSeconds(5);

  @TempDir Path dir;

  private Instant now = Instant.parse("2026-11-26T08:00:00Z");
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };

  private final List<Boolean> reloads = new ArrayList<>();

  private static String welcome(String text) {
    return "{\""
        + APPID
        + "\": {\"welcome\": {\"msgtype\": \"text\", \"text\": {\"content\": \""
        + text
        + "\"}}}}";
  }

  /** Writes the file with a modification time of its own, as an editor's save does. */
  private void write(Path file, String json, int version) throws Exception {
    Files.writeString(file, json);
    Files.setLastModifiedTime(
        file, FileTime.from(Instant.parse("2026-11-26T00:00:00Z").plusSeconds(version)));
  }

  private String welcomeNow(ReplyRules rules) {
    return rules
        .of(APPID)
        .flatMap(r -> r.onFollow(null))
        .orElseThrow()
        .at("/text/content")
        .asString();
  }

  @Test
  void aChangedFileIsInForceAfterTheCheckIntervalAndABrokenOneIsRefused() throws Exception {
    Path file = dir.resolve("rules.json");
    write(file, welcome("first"), 1);
    ReplyRules rules =
        ReplyRules.fromFile(
            file, new RulesFile(ContractCodec.create()), CHECK, clock, reloads::add);
    assertThat(welcomeNow(rules)).isEqualTo("first");

    write(file, welcome("second"), 2);
    now = now.plusSeconds(1);
    assertThat(welcomeNow(rules)).as("not looked at yet").isEqualTo("first");
    now = now.plus(CHECK);
    assertThat(welcomeNow(rules)).isEqualTo("second");

    write(file, "{\"" + APPID + "\": {\"welcome\": {\"msgtype\": \"text\"}}}", 3);
    now = now.plus(CHECK);
    assertThat(welcomeNow(rules)).as("the rules before stay").isEqualTo("second");
    assertThat(reloads).containsExactly(true, false);
    assertThat(rules.of("wx0b7e3a2f5c8d9e10")).as("an account without rules").isEmpty();
  }
}
