package io.wxrelay.cli.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code send}'s help and usage errors: each kind lists only its own flags; one-line errors. */
class SendHelpTest {
  private static final List<String> KINDS =
      List.of(
          "custom",
          "qr",
          "mass",
          "preview",
          "mass-get",
          "mass-delete",
          "speed-get",
          "speed-set",
          "media");

  @TempDir Path dir;

  @Test
  void eachKindsHelpListsItsOwnFlagsTheSharedOnesAndAnExample() {
    for (String kind : KINDS) {
      SendRun.Ran help = SendRun.run("send", kind, "--help");
      assertThat(help.exitCode()).as(kind).isZero();
      assertThat(help.out())
          .as(kind)
          .contains("Usage: wxrelay send " + kind, "./wxrelay send ")
          .contains("--app", "--id", "--key", "--data", "--wait", "--timeout");
    }
    assertThat(SendRun.run("send", "custom", "--help").out())
        .contains("--to", "--text")
        .doesNotContain("--scene", "--tag", "--msg-id", "--speed", "--news-title", "--reply");
    assertThat(SendRun.run("send", "qr", "--help").out())
        .contains("--scene", "--expire", "--permanent", "--reply-title")
        .doesNotContain("--to", "--text", "--tag", "--msg-id");
    assertThat(SendRun.run("send", "mass", "--help").out())
        .contains("--to", "--tag", "--all", "--text", "--news-title")
        .doesNotContain("--scene", "--msg-id", "--speed");
    assertThat(SendRun.run("send", "speed-get", "--help").out())
        .doesNotContain("--to", "--text", "--speed ", "--msg-id");
  }

  @Test
  void sendsHelpNamesEveryKind() {
    SendRun.Ran help = SendRun.run("send", "--help");

    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains(KINDS).contains("./wxrelay send custom");
  }

  @Test
  void badInputIsOneSentenceAndExitCodeTwo() throws Exception {
    Path data = dir.resolve("data.json");
    Files.writeString(data, "{}");
    SendRun.expectUsageError(
        "error: unknown command type 'bogus': use one of custom, qr, mass, preview, mass-get,"
            + " mass-delete, speed-get, speed-set, media, or a type of wechat.commands",
        "send",
        "bogus",
        "--text",
        "x");
    SendRun.expectUsageError(
        "error: Unknown options: '--colour', 'red' (see: wxrelay send custom --help)",
        "send",
        "custom",
        "--colour",
        "red");
    SendRun.expectUsageError(
        "error: Unknown options: '--scene', 's' (see: wxrelay send custom --help)",
        "send",
        "custom",
        "--scene",
        "s");
    SendRun.expectUsageError("error: send needs a command type: custom, qr, mass", "send");
    SendRun.expectUsageError(
        "error: give the data either with --data or with flags, not both",
        "send",
        "custom",
        "--data",
        data.toString(),
        "--text",
        "x");
    SendRun.expectUsageError(
        "error: send mass-get needs --msg-id (or the whole data with --data FILE)",
        "send",
        "mass-get");
  }
}
