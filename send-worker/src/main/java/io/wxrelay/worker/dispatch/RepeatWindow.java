package io.wxrelay.worker.dispatch;

import io.wxrelay.worker.consume.InboundRecord;
import io.wxrelay.worker.parking.Parked;
import io.wxrelay.worker.plan.Repeatability;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One processing's view of when its command was first tried, and whether a call that may repeat an
 * earlier one is allowed now ({@link Repeatability}: a template message only within WeChat's dedupe
 * window). Asked by the claim before a call and by the verdict after one.
 */
final class RepeatWindow {
  private final Repeatability repeat;
  private final Instant firstTried;
  private final ResultSheet sheet;
  private final Clock clock;

  private RepeatWindow(Repeatability repeat, Instant firstTried, ResultSheet sheet, Clock clock) {
    this.repeat = repeat;
    this.firstTried = firstTried;
    this.sheet = sheet;
    this.clock = clock;
  }

  /**
   * When the command was first tried, as far as this processing of {@code origin} can tell: a
   * parked command's record says; else now. A plan repeatable only within a window takes the
   * record's timestamp when that is earlier: a command cannot have been tried before it was
   * written, and a worker that stopped in its call (whose record this processing takes over) tried
   * it after that. Other plans' retry horizons count from their first processing.
   */
  static RepeatWindow of(
      Repeatability repeat,
      InboundRecord origin,
      Optional<Parked> parked,
      ResultSheet sheet,
      Clock clock) {
    Instant first = parked.flatMap(Parked::firstTried).orElseGet(clock::instant);
    if (repeat instanceof Repeatability.Within) {
      first = origin.written().filter(first::isAfter).orElse(first);
    }
    return new RepeatWindow(repeat, first, sheet, clock);
  }

  /** The command's first possible attempt: the retry horizon counts from it. */
  Instant firstTried() {
    return firstTried;
  }

  /** How long ago the command was first tried. */
  Duration sinceFirst() {
    return Duration.between(firstTried, clock.instant());
  }

  /**
   * Whether a call now may repeat an earlier one. The window counts from this processing's first
   * call when it began {@code clean} (nothing of an earlier processing in doubt, so no call came
   * before it), else from {@link #firstTried}, the earlier bound.
   */
  boolean repeatableNow(boolean clean) {
    Instant from = clean ? sheet.firstCallAt().orElse(firstTried) : firstTried;
    return repeat.repeatableAfter(Duration.between(from, clock.instant()));
  }
}
