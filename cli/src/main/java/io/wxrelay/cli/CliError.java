package io.wxrelay.cli;

/**
 * What the user did wrong or what is not there, as one sentence. The CLI prints {@code error:} and
 * the message, never a stack trace, and exits with {@link #exitCode()}.
 */
public final class CliError extends RuntimeException {
  /** A command that ran but did not succeed (a FAILED, DEAD or UNKNOWN result). */
  public static final int NOT_SUCCEEDED = 1;

  /** Bad input: nothing was written. */
  public static final int USAGE = 2;

  /** Kafka, Redis or another part of the relay could not be reached. */
  public static final int UNAVAILABLE = 3;

  /** Waited, and the answer did not come in time. */
  public static final int TIMED_OUT = 4;

  private final int exitCode;

  public CliError(String sentence) {
    this(sentence, USAGE);
  }

  public CliError(String sentence, int exitCode) {
    super(sentence, null, false, false);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
