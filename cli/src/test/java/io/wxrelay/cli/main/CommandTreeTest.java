package io.wxrelay.cli.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

class CommandTreeTest {
  private static final Map<String, String> ENV = Map.of();

  @Test
  void everyCommandsHelpIsTheSameWhenOnlyTheLineToItIsBuilt() {
    List<List<String>> paths = new ArrayList<>();
    collect(WxRelay.commandLine(ENV), new ArrayList<>(), paths);
    assertThat(paths).as("every command of the tree").hasSizeGreaterThan(50);
    for (List<String> path : paths) {
      String whole = usage(find(WxRelay.commandLine(ENV), path));
      String built = usage(find(WxRelay.forLine(ENV, path.toArray(String[]::new)), path));
      assertThat(built).as("help of '%s'", String.join(" ", path)).isEqualTo(whole);
    }
  }

  @Test
  void aLineBuildsTheCommandsItNamesAndSummarisesTheRest() {
    CommandLine line = WxRelay.forLine(ENV, "send", "custom", "--to", "oAlice", "--text", "hi");

    CommandLine send = line.getSubcommands().get("send");
    assertThat(send.getCommandSpec().options()).as("send is built").isNotEmpty();
    assertThat(send.getSubcommands().get("custom").getCommandSpec().findOption("--to")).isNotNull();
    assertThat(send.getSubcommands().get("qr").getCommandSpec().options())
        .as("qr is a summary")
        .isEmpty();
    assertThat(line.getSubcommands().get("tags").getCommandSpec().options()).isEmpty();
    assertThat(line.getSubcommands().get("tags").getSubcommands())
        .as("nothing below a summary")
        .isEmpty();
  }

  @Test
  void aCommandIsNamedByAnAliasInAnyCase() {
    CommandLine line = WxRelay.forLine(ENV, "SEND", "WECHAT.CUSTOM.SEND", "--to", "oAlice");

    assertThat(
            line.getSubcommands()
                .get("send")
                .getSubcommands()
                .get("custom")
                .getCommandSpec()
                .findOption("--to"))
        .isNotNull();
  }

  @Test
  void aLineThatNamesNothingBuildsOnlyTheTop() {
    CommandLine line = WxRelay.forLine(ENV, "--help");

    assertThat(line.getSubcommands().values())
        .allSatisfy(sub -> assertThat(sub.getCommandSpec().options()).isEmpty());
    assertThat(usage(line)).isEqualTo(usage(WxRelay.commandLine(ENV)));
  }

  private static void collect(CommandLine line, List<String> path, List<List<String>> paths) {
    paths.add(List.copyOf(path));
    line.getSubcommands()
        .forEach(
            (name, sub) -> {
              if (name.equals(sub.getCommandName())) {
                path.add(name);
                collect(sub, path, paths);
                path.removeLast();
              }
            });
  }

  private static CommandLine find(CommandLine line, List<String> path) {
    CommandLine at = line;
    for (String name : path) {
      at = at.getSubcommands().get(name);
    }
    return at;
  }

  private static String usage(CommandLine line) {
    return line.getUsageMessage(Ansi.OFF);
  }
}
