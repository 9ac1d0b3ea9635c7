package io.wxrelay.cli.send;

import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.command.CommandData;
import io.wxrelay.schemas.command.MassDelete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code wxrelay send mass-delete}: deletes a broadcast's articles, or one of them. */
@Command(
    name = "mass-delete",
    aliases = "wechat.mass.delete",
    mixinStandardHelpOptions = true,
    description = "Delete a broadcast, or one of its articles (wechat.mass.delete).",
    footer = {"", "Example:", "  ./wxrelay send mass-delete --msg-id 1000000001 --wait"})
final class MassDeleteCommand extends KindCommand {
  @Option(names = "--msg-id", description = "the broadcast's msg_id")
  Long msgId;

  @Option(names = "--article-idx", description = "the article to delete (1-based; default all)")
  Integer articleIdx;

  @Override
  CommandData data() {
    return new MassDelete(need(msgId, "--msg-id"), articleIdx, null);
  }

  @Override
  EventType typeOf(JsonNode data) {
    return EventType.MASS_DELETE;
  }
}
