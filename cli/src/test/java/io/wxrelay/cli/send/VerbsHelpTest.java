package io.wxrelay.cli.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The help of {@code tags}, {@code template} and {@code users}: each verb lists only its own flags
 * besides the shared ones; a missing or unknown verb is one sentence and exit code 2.
 */
class VerbsHelpTest {
  private static final Map<String, List<String>> VERBS =
      Map.of(
          "tags",
          List.of("create", "rename", "delete", "list", "add", "remove", "members", "of"),
          "template",
          List.of("send", "list", "add", "delete", "industry"),
          "users",
          List.of("sync", "info"));

  private static final List<String> ALL_OWN_FLAGS =
      List.of(
          "--name",
          "--tag",
          "--to",
          "--next-openid",
          "--user",
          "--template",
          "--value",
          "--url",
          "--miniprogram",
          "--short",
          "--keywords",
          "--set",
          "--lang");

  @Test
  void eachVerbsHelpListsItsOwnFlagsTheSharedOnesAndAnExample() {
    VERBS.forEach(
        (group, verbs) -> {
          for (String verb : verbs) {
            SendRun.Ran help = SendRun.run(group, verb, "--help");
            assertThat(help.exitCode()).as(group + " " + verb).isZero();
            assertThat(help.out())
                .as(group + " " + verb)
                .contains("Usage: wxrelay " + group + " " + verb, "./wxrelay " + group + " " + verb)
                .contains("--app", "--id", "--key", "--data", "--wait", "--timeout");
          }
        });
    ownFlags("tags", "create", "--name");
    ownFlags("tags", "rename", "--tag", "--name");
    ownFlags("tags", "delete", "--tag");
    ownFlags("tags", "list");
    ownFlags("tags", "add", "--tag", "--to");
    ownFlags("tags", "members", "--tag", "--next-openid");
    ownFlags("tags", "of", "--user");
    ownFlags("template", "send", "--to", "--template", "--value", "--url", "--miniprogram");
    ownFlags("template", "list");
    ownFlags("template", "add", "--short", "--keywords");
    ownFlags("template", "delete", "--template");
    ownFlags("template", "industry", "--set");
    ownFlags("users", "sync");
    ownFlags("users", "info", "--to", "--lang");
  }

  private static void ownFlags(String group, String verb, String... own) {
    String help = SendRun.run(group, verb, "--help").out();
    List<String> mine = List.of(own);
    if (!mine.isEmpty()) {
      assertThat(help).as(group + " " + verb).contains(mine);
    }
    for (String flag : ALL_OWN_FLAGS) {
      if (!mine.contains(flag)) {
        assertThat(help).as(group + " " + verb).doesNotContain(flag + " ", flag + "=");
      }
    }
  }

  @Test
  void eachGroupsHelpNamesItsVerbsAndTheRootNamesTheGroups() {
    VERBS.forEach(
        (group, verbs) -> {
          SendRun.Ran help = SendRun.run(group, "--help");
          assertThat(help.exitCode()).isZero();
          assertThat(help.out()).contains(verbs).contains("./wxrelay " + group + " ");
        });
    assertThat(SendRun.run("--help").out()).contains("tags", "template", "users");
  }

  @Test
  void aMissingOrUnknownVerbOrFlagIsOneSentenceAndExitCodeTwo() {
    SendRun.expectUsageError(
        "error: tags needs a verb: create, rename, delete, list, add, remove, members, of", "tags");
    SendRun.expectUsageError("error: users needs a verb: sync, info", "users");
    SendRun.expectUsageError(
        "error: wechat.tags.create is written by ./wxrelay tags (see: wxrelay tags --help)",
        "send",
        "wechat.tags.create",
        "--name",
        "x");
    SendRun.expectUsageError(
        "error: unknown verb 'bogus' of template: use one of send, list, add, delete, industry",
        "template",
        "bogus");
    SendRun.expectUsageError(
        "error: Unknown options: '--text', 'x' (see: wxrelay tags create --help)",
        "tags",
        "create",
        "--name",
        "n",
        "--text",
        "x");
    SendRun.expectUsageError(
        "error: tags rename needs --tag (or the whole data with --data FILE)", "tags", "rename");
    SendRun.expectUsageError(
        "error: template send needs exactly one --to OPENID",
        "template",
        "send",
        "--template",
        "t");
  }
}
