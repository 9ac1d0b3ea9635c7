package io.wxrelay.worker.replies;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One account's reply rules. Each reply is a customer-service message body as WeChat spells it
 * (placeholders allowed, {@code ReplyTemplate}).
 *
 * @param welcome the answer to a follow, or null
 * @param welcomeByScene the answer to a follow through a QR code of that scene (over {@code
 *     welcome})
 * @param keywords the answers to texts, first match wins
 * @param otherwise the answer to a text no keyword matches, or null
 * @param clicks the answers to menu clicks, by the item's key
 */
public record AccountRules(
    @Nullable JsonNode welcome,
    Map<String, JsonNode> welcomeByScene,
    List<Keyword> keywords,
    @Nullable JsonNode otherwise,
    Map<String, JsonNode> clicks) {

  /** How a keyword matches a text: the whole text, a part of it, or a regular expression. */
  public enum Match {
    EXACT,
    CONTAINS,
    REGEX
  }

  /** A keyword rule; {@code regex} is compiled for {@link Match#REGEX}. */
  public record Keyword(Match match, String text, @Nullable Pattern regex, JsonNode reply) {
    boolean matches(String content) {
      String trimmed = content.strip();
      return switch (match) {
        case EXACT -> trimmed.equalsIgnoreCase(text);
        case CONTAINS -> trimmed.toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT));
        case REGEX -> regex != null && regex.matcher(trimmed).find();
      };
    }
  }

  /** The answer to a follow, through a QR code of {@code scene} (null: none). */
  public Optional<JsonNode> onFollow(@Nullable String scene) {
    if (scene != null && welcomeByScene.containsKey(scene)) {
      return Optional.of(welcomeByScene.get(scene));
    }
    return Optional.ofNullable(welcome);
  }

  /** The answer to a text: the first keyword that matches, else {@code otherwise}. */
  public Optional<JsonNode> onText(String content) {
    return keywords.stream()
        .filter(k -> k.matches(content))
        .map(Keyword::reply)
        .findFirst()
        .or(() -> Optional.ofNullable(otherwise));
  }

  /** The answer to a click on the menu item {@code key}. */
  public Optional<JsonNode> onClick(String key) {
    return Optional.ofNullable(clicks.get(key));
  }
}
