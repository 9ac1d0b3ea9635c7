package io.wxrelay.worker.dispatch;

import io.wxrelay.schemas.outcome.DeadLetter;
import io.wxrelay.schemas.outcome.DeadLetter.Original;
import io.wxrelay.schemas.outcome.DeadLetter.Reason;
import io.wxrelay.worker.consume.InboundRecord;
import java.time.Instant;
import java.util.Base64;

/** Dead letters carry the original record byte for byte. */
final class DeadLetters {
  private DeadLetters() {}

  static DeadLetter of(
      InboundRecord origin,
      String text,
      Reason reason,
      String pointer,
      String commandId,
      String commandType,
      int attempts,
      Integer errcode,
      String errmsg,
      Instant at) {
    Original original =
        new Original(
            origin.topic(),
            origin.partition(),
            origin.offset(),
            origin.key(),
            Base64.getEncoder()
                .encodeToString(origin.value() == null ? new byte[0] : origin.value()));
    return new DeadLetter(
        text, reason, pointer, commandId, commandType, attempts, errcode, errmsg, original, at);
  }
}
