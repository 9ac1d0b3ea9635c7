package io.wxrelay.schemas.codec;

import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.codec.ContractViolation.Problem;
import io.wxrelay.schemas.command.ReplyTemplate;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A QR code's reply may use only the placeholders a scan fills ({@link ReplyTemplate}): any other
 * is refused when the command is read, with its pointer, rather than sent to a user unfilled.
 */
final class ReplyPlaceholdersRule {
  private ReplyPlaceholdersRule() {}

  /** The unknown placeholders in the {@code data} of a record of {@code type}; empty when none. */
  static List<Problem> problems(EventType type, JsonNode data) {
    if (type != EventType.QRCODE_CREATE || !data.has("reply")) {
      return List.of();
    }
    return ReplyTemplate.unknownPlaceholders(data.get("reply"), "/data/reply").stream()
        .map(u -> new Problem(u.pointer(), u.message()))
        .toList();
  }
}
