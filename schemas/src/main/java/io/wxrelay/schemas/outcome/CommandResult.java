package io.wxrelay.schemas.outcome;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code wechat.result}: the one terminal result of a command, keyed by the command id.
 *
 * @param response WeChat's response fields (msg_id, ticket, url, ...) when there are any
 * @param chunks per-call results of a broadcast that was split, else null
 * @param reason wxrelay's own explanation, e.g. why a command was invalid
 */
public record CommandResult(
    String commandId,
    String commandType,
    Status status,
    int attempts,
    Integer errcode,
    String errmsg,
    ErrorClass errorClass,
    String reason,
    Map<String, Object> response,
    List<Chunk> chunks,
    Instant completedAt) {

  /**
   * A result with only its identity, status and attempts: the {@code with...} methods add what
   * there is to say.
   */
  public static CommandResult of(
      String commandId, String commandType, Status status, int attempts, Instant completedAt) {
    return new CommandResult(
        commandId, commandType, status, attempts, null, null, null, null, null, null, completedAt);
  }

  /** A command that could not be carried out as written: DEAD, class invalid, no attempt. */
  public static CommandResult rejected(
      String commandId, String commandType, String reason, Instant completedAt) {
    return of(commandId, commandType, Status.DEAD, 0, completedAt)
        .withError(null, null, ErrorClass.INVALID)
        .withReason(reason);
  }

  /** This result with WeChat's errcode and errmsg and the class of the error. */
  public CommandResult withError(Integer errcode, String errmsg, ErrorClass errorClass) {
    return new CommandResult(
        commandId,
        commandType,
        status,
        attempts,
        errcode,
        errmsg,
        errorClass,
        reason,
        response,
        chunks,
        completedAt);
  }

  /** This result with wxrelay's own explanation. */
  public CommandResult withReason(String reason) {
    return new CommandResult(
        commandId,
        commandType,
        status,
        attempts,
        errcode,
        errmsg,
        errorClass,
        reason,
        response,
        chunks,
        completedAt);
  }

  /** This result with WeChat's response fields and, for a broadcast, its chunks. */
  public CommandResult withResponse(Map<String, Object> response, List<Chunk> chunks) {
    return new CommandResult(
        commandId,
        commandType,
        status,
        attempts,
        errcode,
        errmsg,
        errorClass,
        reason,
        response,
        chunks,
        completedAt);
  }

  /** How a command ended. */
  public enum Status {
    /** WeChat did it. */
    SUCCEEDED,
    /** WeChat refused it; retrying would not help. */
    FAILED,
    /** Sent to the DLQ (invalid, or retries exhausted). */
    DEAD,
    /** It cannot be told whether WeChat acted (e.g. a timeout after the request was sent). */
    UNKNOWN
  }

  /** The class of error that ended a command, as the worker classifies WeChat's answers. */
  public enum ErrorClass {
    TOKEN("token"),
    RETRYABLE("retryable"),
    QUOTA("quota"),
    USER_WINDOW("userWindow"),
    PERMANENT("permanent"),
    UNKNOWN("unknown"),
    INVALID("invalid");

    private final String json;

    ErrorClass(String json) {
      this.json = json;
    }

    @JsonValue
    public String json() {
      return json;
    }
  }

  /** One WeChat call of a broadcast split into several. */
  public record Chunk(
      int index,
      String clientmsgid,
      int openidCount,
      Status status,
      Integer errcode,
      String errmsg,
      Long msgId,
      Long msgDataId) {

    /** A chunk WeChat accepted, with the ids it gave the broadcast. */
    public static Chunk succeeded(
        int index,
        String clientmsgid,
        int openidCount,
        Integer errcode,
        String errmsg,
        Long msgId,
        Long msgDataId) {
      return new Chunk(
          index, clientmsgid, openidCount, Status.SUCCEEDED, errcode, errmsg, msgId, msgDataId);
    }

    /** A chunk that ended otherwise: no ids. */
    public static Chunk ended(
        int index,
        String clientmsgid,
        int openidCount,
        Status status,
        Integer errcode,
        String errmsg) {
      return new Chunk(index, clientmsgid, openidCount, status, errcode, errmsg, null, null);
    }
  }
}
