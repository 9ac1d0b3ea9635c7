package io.wxrelay.cli.send;

import tools.jackson.databind.JsonNode;

/** What follows a command's result on {@code wechat.results}, which {@code --wait} waits for. */
public enum FollowUp {
  /** Nothing: the result is the end. */
  NOTHING,
  /** One {@code wechat.mass.finished} per chunk of a broadcast WeChat took. */
  CHUNKS,
  /** One {@code wechat.template.finished} for a template message WeChat took. */
  DELIVERY,
  /** One {@code wechat.publish.finished} for a draft WeChat took to publish. */
  PUBLISHED;

  /** How many follow-up records a command with {@code result} gets: none unless it SUCCEEDED. */
  int expected(JsonNode result) {
    if (!"SUCCEEDED".equals(result.path("status").asString())) {
      return 0;
    }
    return switch (this) {
      case NOTHING -> 0;
      case CHUNKS -> chunks(result);
      case DELIVERY, PUBLISHED -> 1;
    };
  }

  /** A broadcast's chunks: one per entry of {@code chunks}, one for a sendall without them. */
  private static int chunks(JsonNode result) {
    JsonNode chunks = result.path("chunks");
    return chunks.isArray() && !chunks.isEmpty() ? chunks.size() : 1;
  }
}
