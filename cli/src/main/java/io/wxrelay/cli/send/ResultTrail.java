package io.wxrelay.cli.send;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * The records of one command on {@code wechat.results} as they arrive: its result, what follows it
 * (a broadcast's chunks, a template message's delivery) and a follower sync's pages, a line of
 * progress for each.
 */
final class ResultTrail {
  private final String commandId;
  private final FollowUp follow;
  private final Consumer<String> progress;
  private final TreeMap<Integer, JsonNode> finished = new TreeMap<>();
  private final List<JsonNode> pages = new ArrayList<>();
  private JsonNode result;
  private int expected;

  ResultTrail(String commandId, FollowUp follow, Consumer<String> progress) {
    this.commandId = commandId;
    this.follow = follow;
    this.progress = progress;
  }

  /** Takes one record of the topic (a CloudEvent); records of other commands are passed over. */
  void accept(JsonNode event) {
    JsonNode data = event.path("data");
    if (!commandId.equals(data.path("commandId").asString(""))) {
      return;
    }
    switch (event.path("type").asString("")) {
      case "wechat.result" -> {
        if (result == null) {
          result = data;
          expected = follow.expected(data);
          progress.accept("result: " + ResultLines.describe(data));
        }
      }
      case "wechat.mass.finished" -> {
        finished.put(data.path("chunkIndex").asInt(0), data);
        progress.accept("finished: " + ResultLines.progress(finished.values(), expected));
      }
      case "wechat.template.finished" -> {
        finished.put(0, data);
        progress.accept("finished: " + ResultLines.delivery(data));
      }
      case "wechat.publish.finished" -> {
        finished.put(0, data);
        progress.accept("finished: " + ResultLines.published(data));
        ResultLines.articleUrls(data).forEach(progress);
      }
      case "wechat.users.page" -> page(data);
      default -> {}
    }
  }

  /** A page of a follower sync; page 0 again is a new run, whose pages replace the last run's. */
  private void page(JsonNode data) {
    if (data.path("page").asInt() == 0) {
      pages.clear();
    }
    pages.add(data);
    progress.accept(ResultLines.page(data));
  }

  /** The result arrived, and everything that follows it. */
  boolean complete() {
    return result != null && finished.size() >= expected;
  }

  /** How the wait ended, if the result arrived. */
  Optional<ResultWait.Outcome> outcome() {
    if (result == null) {
      return Optional.empty();
    }
    return Optional.of(
        new ResultWait.Outcome(
            result.path("status").asString(),
            result,
            expected,
            List.copyOf(finished.values()),
            List.copyOf(pages)));
  }
}
