package io.wxrelay.cli.send;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** One line of text for a result and for a broadcast's progress. */
public final class ResultLines {
  private ResultLines() {}

  /** e.g. {@code SUCCEEDED after 1 attempt (errcode 0: ok) msgid=1234}. */
  public static String describe(JsonNode result) {
    StringBuilder line = new StringBuilder(result.path("status").asString("?"));
    int attempts = result.path("attempts").asInt();
    line.append(" after ").append(attempts).append(attempts == 1 ? " attempt" : " attempts");
    if (result.hasNonNull("errcode") && result.path("errcode").asInt() != 0) {
      line.append(" (errcode ")
          .append(result.path("errcode").asInt())
          .append(": ")
          .append(result.path("errmsg").asString(""))
          .append(')');
    }
    if (result.hasNonNull("reason")) {
      line.append(" - ").append(result.path("reason").asString());
    }
    JsonNode chunks = result.path("chunks");
    if (chunks.isArray() && !chunks.isEmpty()) {
      line.append(", ").append(chunks.size()).append(chunks.size() == 1 ? " chunk" : " chunks");
    }
    JsonNode response = result.path("response");
    if (response.isObject()) {
      for (String field :
          new String[] {
            "msgid",
            "msg_id",
            "media_id",
            "expires_at",
            "ticket",
            "url",
            "imageUrl",
            "speed",
            "template_id",
            "openidCount",
            "calls",
            "callsDone",
            "total",
            "count",
            "pages"
          }) {
        if (response.hasNonNull(field)) {
          line.append(' ').append(field).append('=').append(response.get(field).asString());
        }
      }
      // What an inline news broadcast's steps uploaded (thumbnails, news).
      response
          .path("media")
          .properties()
          .forEach(
              step ->
                  line.append(' ')
                      .append(step.getKey())
                      .append('=')
                      .append(step.getValue().asString()));
    }
    return line.toString();
  }

  /**
   * e.g. {@code 1/2 chunks, sent 5,998 of 6,000 (2 errors)}; {@code 1/?} while the result that says
   * how many chunks there are has not arrived (a finish can overtake it).
   */
  public static String progress(Collection<JsonNode> finished, int chunks) {
    long sent = 0;
    long total = 0;
    long errors = 0;
    for (JsonNode f : finished) {
      sent += f.path("sentCount").asLong();
      total += f.path("totalCount").asLong();
      errors += f.path("errorCount").asLong();
    }
    return String.format(
        "%d/%s chunks, sent %,d of %,d (%,d errors)",
        finished.size(), chunks > 0 ? Integer.toString(chunks) : "?", sent, total, errors);
  }

  /** A template message's delivery, e.g. {@code success: delivered to oAlice (msgid 1001)}. */
  public static String delivery(JsonNode finished) {
    return String.format(
        "%s: %s %s (msgid %d)",
        finished.path("status").asString("?"),
        finished.path("succeeded").asBoolean() ? "delivered to" : "not delivered to",
        finished.path("openid").asString("?"),
        finished.path("msgId").asLong());
  }

  /**
   * A publish task's finish, e.g. {@code success: published as ARTICLE_ID (publish_id 2247503051)}
   * or {@code originality_failed: not published, failed articles 1, 3 (publish_id ...)}.
   */
  public static String published(JsonNode finished) {
    String what =
        finished.path("succeeded").asBoolean()
            ? "published as " + finished.path("articleId").asString("?")
            : "not published"
                + (finished.path("failedIndexes").isEmpty()
                    ? ""
                    : ", failed articles " + ResponseLines.joined(finished.path("failedIndexes")));
    return String.format(
        "%s: %s (publish_id %s)",
        finished.path("status").asString("?"), what, finished.path("publishId").asString("?"));
  }

  /** A publish finish's article URLs, one line each: {@code article 1: URL}. */
  public static List<String> articleUrls(JsonNode finished) {
    List<String> lines = new ArrayList<>();
    JsonNode urls = finished.path("articleUrls");
    for (int i = 0; i < urls.size(); i++) {
      lines.add("  article " + (i + 1) + ": " + urls.get(i).asString());
    }
    return lines;
  }

  /** A page of a follower sync, e.g. {@code page 0: 10,000 followers of 25,000}. */
  public static String page(JsonNode page) {
    String next = page.path("nextOpenid").asString("");
    return String.format(
        "page %d: %,d followers of %,d%s",
        page.path("page").asInt(),
        page.path("openids").size(),
        page.path("total").asLong(),
        next.isEmpty() ? "" : " (next_openid " + next + ")");
  }
}
