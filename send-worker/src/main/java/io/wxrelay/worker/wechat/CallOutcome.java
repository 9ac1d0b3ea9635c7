package io.wxrelay.worker.wechat;

import io.wxrelay.schemas.outcome.CommandResult.ErrorClass;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How one WeChat call ended (docs/architecture.md, convention 4), produced by {@link Classifier}
 * (and, for an upload whose file cannot be used, by dispatch before the call). The dispatcher
 * decides from the variant alone what happens next.
 */
public sealed interface CallOutcome {
  /** WeChat's errcode (0 on success, null when there was no answer) and errmsg. */
  @Nullable Integer errcode();

  @Nullable String errmsg();

  /** Every outcome but {@link Ok}: it has the error class its result reports. */
  sealed interface Failure extends CallOutcome {
    ErrorClass errorClass();
  }

  /** WeChat did it; {@code fields} is its response without errcode/errmsg. */
  record Ok(@Nullable Integer errcode, @Nullable String errmsg, Map<String, Object> fields)
      implements CallOutcome {}

  /** The token the call used is invalid or expired (40001, 40014, 42001). Nothing was done. */
  record TokenExpired(@Nullable Integer errcode, @Nullable String errmsg) implements Failure {
    @Override
    public ErrorClass errorClass() {
      return ErrorClass.TOKEN;
    }
  }

  /** Temporary: try again after at least {@code minWait}. Nothing was done. */
  record Retry(@Nullable Integer errcode, @Nullable String errmsg, Duration minWait, String reason)
      implements Failure {
    @Override
    public ErrorClass errorClass() {
      return ErrorClass.RETRYABLE;
    }
  }

  /**
   * 45011: the per-minute quota of this API is spent; every worker pauses it for this app until the
   * next minute, then this call is tried again. Nothing was done.
   */
  record Throttled(@Nullable Integer errcode, @Nullable String errmsg) implements Failure {
    @Override
    public ErrorClass errorClass() {
      return ErrorClass.RETRYABLE;
    }
  }

  /** Terminal refusal of a kind that is not the command's fault: quota or the user's window. */
  record Refused(@Nullable Integer errcode, @Nullable String errmsg, ErrorClass errorClass)
      implements Failure {}

  /** WeChat will never accept this command as it is (bad media, bad type, not authorized...). */
  record Permanent(@Nullable Integer errcode, @Nullable String errmsg) implements Failure {
    @Override
    public ErrorClass errorClass() {
      return ErrorClass.PERMANENT;
    }
  }

  /**
   * The file of an upload cannot be used, so nothing was sent: {@code INVALID} when WeChat would
   * refuse it or the worker must not fetch it, {@code UNKNOWN} when it is not there now (the
   * command may be replayed once it is). Produced by dispatch, which loads the files before the
   * call ({@code worker.media}).
   */
  record Unusable(String errmsg, ErrorClass errorClass) implements Failure {
    @Override
    public @Nullable Integer errcode() {
      return null;
    }
  }

  /** The request was sent and no answer came: WeChat may or may not have acted. */
  record Unknown(String errmsg) implements Failure {
    @Override
    public @Nullable Integer errcode() {
      return null;
    }

    @Override
    public ErrorClass errorClass() {
      return ErrorClass.UNKNOWN;
    }
  }
}
