package io.wxrelay.worker.consume;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * How a record (or one write of it) goes on after a failed attempt (decision 0026). A failure of
 * broken infrastructure is {@link Verdict#TRANSIENT}: tried again soon, for as long as it lasts. A
 * failure of infrastructure that only a human can fix (Redis refuses: no permission, memory full)
 * is {@link Verdict#HELD}: the record is kept, never given up, and tried again at the slow {@link
 * #heldBackoff} so that it goes on by itself once fixed; the holder counts as held until {@link
 * #settled}. Anything else is the record's own doing ({@link Verdict#RECORD}), given up after a
 * bound.
 */
public interface Failures {
  enum Verdict {
    TRANSIENT,
    HELD,
    RECORD
  }

  /**
   * Judges {@code failure} of an attempt of {@code holder} (an object standing for one record's
   * attempts, or one write's), and records it.
   */
  Verdict judge(Object holder, Exception failure);

  /** {@code holder}'s attempts ended, done or abandoned: it holds nothing any more. */
  void settled(Object holder);

  /** The wait before a held attempt is tried again. */
  Duration heldBackoff();

  /** Transient when {@code infrastructure} says so, else the record's own; nothing is held. */
  static Failures of(Predicate<Exception> infrastructure) {
    return new Failures() {
      @Override
      public Verdict judge(Object holder, Exception failure) {
        return infrastructure.test(failure) ? Verdict.TRANSIENT : Verdict.RECORD;
      }

      @Override
      public void settled(Object holder) {}

      @Override
      public Duration heldBackoff() {
        return Duration.ZERO;
      }
    };
  }
}
