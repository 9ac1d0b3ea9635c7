package io.wxrelay.schemas.outcome;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;

/**
 * {@code wechat.command.deadletter}, the value of {@code wechat.commands.dlq}: the original record
 * byte for byte, and why it could not be carried out.
 *
 * @param pointer JSON pointer of the offending part, when known
 * @param commandId the command id when it could be read
 */
public record DeadLetter(
    String reason,
    Reason errorClass,
    String pointer,
    String commandId,
    String commandType,
    int attempts,
    Integer errcode,
    String errmsg,
    Original original,
    Instant failedAt) {

  /** Why a command is dead. */
  public enum Reason {
    /** Not JSON, or not a CloudEvent. */
    MALFORMED("malformed"),
    /** A {@code type} wxrelay does not know. */
    UNKNOWN_TYPE("unknownType"),
    /** Its data breaks the type's schema. */
    INVALID("invalid"),
    /** WeChat refused it for good. */
    PERMANENT("permanent"),
    /** Every attempt failed with a temporary error. */
    RETRIES_EXHAUSTED("retriesExhausted"),
    /** Anything else. */
    UNKNOWN("unknown");

    private final String json;

    Reason(String json) {
      this.json = json;
    }

    @JsonValue
    public String json() {
      return json;
    }
  }

  /** Where the record was and what it held. */
  public record Original(
      String topic, int partition, long offset, String key, String valueBase64) {}
}
