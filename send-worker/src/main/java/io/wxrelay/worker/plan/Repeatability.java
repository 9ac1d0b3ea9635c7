package io.wxrelay.worker.plan;

import java.time.Duration;

/**
 * Whether a plan's calls may be made again when an earlier attempt may have reached WeChat (its
 * answer was lost, or the worker that made it died): always, never, or only while the time since
 * the command's first possible attempt is within a window (WeChat's dedupe of a template's {@code
 * client_msg_id} lasts 10 minutes; after that a repeat could be a second message).
 */
public sealed interface Repeatability {
  /** Repeating is harmless whatever the time (a broadcast's clientmsgid, a read, a set value). */
  Repeatability ALWAYS = new Always();

  /** A repeat may have a second effect (a customer-service message, a preview). */
  Repeatability NEVER = new Never();

  /** Repeatable until {@code window} after the first possible attempt. */
  static Repeatability within(Duration window) {
    return new Within(window);
  }

  /** {@link #ALWAYS} when {@code repeatable}, else {@link #NEVER}. */
  static Repeatability of(boolean repeatable) {
    return repeatable ? ALWAYS : NEVER;
  }

  /**
   * Whether a call made {@code sinceFirst} after the command's first possible attempt has no second
   * effect should an earlier one have reached WeChat.
   */
  boolean repeatableAfter(Duration sinceFirst);

  /** Repeatable whatever the time. */
  record Always() implements Repeatability {
    @Override
    public boolean repeatableAfter(Duration sinceFirst) {
      return true;
    }
  }

  /** Never repeatable. */
  record Never() implements Repeatability {
    @Override
    public boolean repeatableAfter(Duration sinceFirst) {
      return false;
    }
  }

  /**
   * Repeatable strictly before {@code window} has passed since the first possible attempt.
   *
   * @param window positive; it includes the margin for clock skew (the first attempt is bounded by
   *     a Kafka timestamp, which another machine's clock may have written)
   */
  record Within(Duration window) implements Repeatability {
    public Within {
      if (window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("a repeat window is positive, not " + window);
      }
    }

    @Override
    public boolean repeatableAfter(Duration sinceFirst) {
      return sinceFirst.compareTo(window) < 0;
    }
  }
}
