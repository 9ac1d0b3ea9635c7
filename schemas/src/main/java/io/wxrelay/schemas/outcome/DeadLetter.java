package io.wxrelay.schemas.outcome;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Base64;

/**
 * {@code wechat.command.deadletter}, the value of {@code wechat.commands.dlq}: the original record
 * byte for byte, and why it could not be carried out.
 *
 * @param pointer JSON pointer of the offending part, when known
 * @param commandId the command id when it could be read
 * @param mayHaveReachedWeChat whether a request of the command may have reached WeChat without an
 *     answer (an attempt timed out, or the worker failed after a call), so that WeChat may have
 *     carried it out; null on letters written before letters said so (read it through {@link
 *     #mayHaveActed()}, which then assumes the worst)
 */
public record DeadLetter(
    String reason,
    Reason errorClass,
    String pointer,
    String commandId,
    String commandType,
    int attempts,
    Boolean mayHaveReachedWeChat,
    Integer errcode,
    String errmsg,
    Original original,
    Instant failedAt) {

  /**
   * A record that could not be carried out as written (not valid, or of a kind the worker cannot
   * do): no attempt, no WeChat answer. {@code pointer}, {@code commandId} and {@code commandType}
   * are null when they could not be read.
   */
  public static DeadLetter rejected(
      Reason reason,
      String text,
      String pointer,
      String commandId,
      String commandType,
      Original original,
      Instant failedAt) {
    return new DeadLetter(
        text, reason, pointer, commandId, commandType, 0, false, null, null, original, failedAt);
  }

  /**
   * A record whose handling kept failing (a bug it triggers): no attempt counted, but the failure
   * may have come after a call, so WeChat may have carried it out.
   */
  public static DeadLetter poisoned(
      String text, String commandId, String commandType, Original original, Instant failedAt) {
    return new DeadLetter(
        text,
        Reason.UNKNOWN,
        null,
        commandId,
        commandType,
        0,
        true,
        null,
        null,
        original,
        failedAt);
  }

  /**
   * A command WeChat refused for good, or that ran out of attempts; WeChat's last answer. {@code
   * unanswered}: one of its attempts went without an answer, so WeChat may have carried it out.
   */
  public static DeadLetter gaveUp(
      Reason reason,
      String text,
      String commandId,
      String commandType,
      int attempts,
      boolean unanswered,
      Integer errcode,
      String errmsg,
      Original original,
      Instant failedAt) {
    return new DeadLetter(
        text,
        reason,
        null,
        commandId,
        commandType,
        attempts,
        unanswered,
        errcode,
        errmsg,
        original,
        failedAt);
  }

  /**
   * Whether WeChat may have carried the command out. A letter from before letters said so answers
   * from what it does say: a rejected record (no attempt, not the worker's failure) was never sent,
   * and a single attempt WeChat answered reached WeChat only to be refused; anything else may have.
   */
  public boolean mayHaveActed() {
    return mayHaveActed(mayHaveReachedWeChat, errorClass == Reason.UNKNOWN, attempts, errcode);
  }

  /**
   * {@link #mayHaveActed()} from a letter's fields as read: {@code said} its {@code
   * mayHaveReachedWeChat} (null: absent), {@code reasonUnknown} whether its {@code errorClass} is
   * {@code unknown}.
   */
  public static boolean mayHaveActed(
      Boolean said, boolean reasonUnknown, int attempts, Integer errcode) {
    if (said != null) {
      return said;
    }
    if (attempts == 0) {
      return reasonUnknown;
    }
    return attempts > 1 || errcode == null;
  }

  /**
   * This letter without the original's value ({@code valueBase64} empty; topic, partition, offset
   * and key kept), {@code why} added to its reason: for a record too large to carry.
   */
  public DeadLetter withoutOriginalValue(String why) {
    return new DeadLetter(
        withReason(why),
        errorClass,
        pointer,
        commandId,
        commandType,
        attempts,
        mayHaveReachedWeChat,
        errcode,
        errmsg,
        new Original(original.topic(), original.partition(), original.offset(), original.key(), ""),
        failedAt);
  }

  /**
   * This letter without what was read from the command (pointer, id, type, WeChat's answer), {@code
   * why} added to its reason: for a letter those fields made invalid.
   */
  public DeadLetter withoutCommandFields(String why) {
    return new DeadLetter(
        withReason(why),
        errorClass,
        null,
        null,
        null,
        Math.max(0, attempts),
        mayHaveReachedWeChat,
        null,
        null,
        original,
        failedAt);
  }

  private String withReason(String why) {
    return reason == null || reason.isEmpty() ? why : reason + "; " + why;
  }

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
  public record Original(String topic, int partition, long offset, String key, String valueBase64) {

    /** Where a record was, and its value byte for byte (null: an empty value). */
    public static Original of(String topic, int partition, long offset, String key, byte[] value) {
      return new Original(
          topic,
          partition,
          offset,
          key,
          Base64.getEncoder().encodeToString(value == null ? new byte[0] : value));
    }
  }
}
