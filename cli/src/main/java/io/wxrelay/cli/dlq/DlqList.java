package io.wxrelay.cli.dlq;

import io.wxrelay.cli.CliSettings;
import io.wxrelay.cli.RelayContext;
import io.wxrelay.schemas.Topic;
import io.wxrelay.schemas.codec.ContractCodec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code wxrelay dlq list}. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description =
        "Every dead letter retained, oldest first: when, which command, why, and where it was.",
    footer = {"", "Example:", "  ./wxrelay dlq list --app wx5823bf96d3bd56c7"})
final class DlqList implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--app", description = "only this appid's letters")
  String app;

  @Option(names = "--json", description = "each letter's JSON as it is")
  boolean json;

  @Override
  public Integer call() {
    CliSettings settings = RelayContext.settings(spec);
    var out = spec.commandLine().getOut();
    var letters =
        DeadLetters.read(
            settings.kafka(), settings.topic(Topic.COMMANDS_DLQ), ContractCodec.newMapper());
    int shown = 0;
    for (DeadLetters.Letter read : letters) {
      JsonNode letter = read.tree();
      if (app != null && !app.equals(letter.path("subject").asString(""))) {
        continue;
      }
      shown++;
      if (json) {
        out.println(letter);
        continue;
      }
      JsonNode data = letter.path("data");
      JsonNode original = data.path("original");
      out.printf(
          "%-24s %-40s %-22s %-16s %s (from %s/%d@%d)%n",
          data.path("failedAt").asString(letter.path("time").asString("-")),
          data.path("commandId").asString("(no id)"),
          data.path("commandType").asString("?"),
          data.path("errorClass").asString("?"),
          data.path("reason").asString(""),
          original.path("topic").asString("?"),
          original.path("partition").asInt(),
          original.path("offset").asLong());
    }
    if (!json) {
      out.printf("%d dead letter%s%n", shown, shown == 1 ? "" : "s");
    }
    return 0;
  }
}
