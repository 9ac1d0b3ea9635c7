package io.wxrelay.worker.ratelimit;

import io.wxrelay.worker.time.Sleeper;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for a permit before each WeChat call: the configured {@link Limit} of the call's bucket,
 * and any pause that a 45011 of any worker started. Buckets without a limit learn of pauses with
 * one Redis read per {@link #PAUSE_CHECK_EVERY}, not per call.
 */
public final class Throttle {
  /**
   * At debug, one line per limited send that goes ({@link #go}): its booked slot (the store's
   * clock), the moment it went (this worker's clock), both in µs since the epoch, its number on the
   * send schedule and how many µs the calls before it held it, beside the command's id: what
   * bench/send-worker.sh sets against the simulator's receipt times.
   */
  static final Logger SENDS = LoggerFactory.getLogger(Throttle.class.getName() + ".sends");

  private static final Logger LOG = LoggerFactory.getLogger(Throttle.class);

  static final Duration PAUSE_CHECK_EVERY = Duration.ofMillis(100);
  static final int MAX_REBOOKINGS = 3;

  /**
   * How long before its place in the queue a caller books its send. The send schedule then always
   * holds the next callers' bookings: a caller that wakes up late from the queue takes the next
   * free send slot instead of leaving the schedule idle (a gap no later call makes up), and the
   * claim made while the send is booked has this long before the send is due (decision 0038).
   */
  static final Duration SEND_BOOKING_LEAD = Duration.ofMillis(50);

  private final RateLimiter limiter;
  private final RateLimits limits;
  private final Duration throttleWindow;
  private final Duration callLease;
  private final InstantSource clock;
  private final Sleeper sleeper;
  private final Map<String, PauseCheck> pauses = new ConcurrentHashMap<>();

  private record PauseCheck(long checkedAtNanos, long pausedUntilNanos) {}

  /**
   * @param throttleWindow after 45011, calls wait until the next multiple of this (WeChat: a
   *     minute)
   * @param callLease how long a limited call that went counts at most while it has no answer (then
   *     a period more): at least the longest a call, its waits for a token and its one retry can
   *     take
   * @param clock what lateness and waits are measured on
   */
  public Throttle(
      RateLimiter limiter,
      RateLimits limits,
      Duration throttleWindow,
      Duration callLease,
      InstantSource clock,
      Sleeper sleeper) {
    this.limiter = limiter;
    this.limits = limits;
    this.throttleWindow = throttleWindow;
    if (!callLease.isPositive()) {
      throw new IllegalArgumentException("a call's lease must be positive: " + callLease);
    }
    this.callLease = callLease;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * What a caller does once its send is booked, while it waits for it (the worker claims the
   * command there): the work is then not between the lateness check and the send, where its delays
   * put calls closer together than the limit allows. False: the caller will not send.
   */
  @FunctionalInterface
  public interface BeforeSend {
    boolean ready() throws InterruptedException;
  }

  /**
   * The outcome of {@link #acquire}: whether to send (false when {@link BeforeSend} said so), how
   * long the caller waited for the limit and pauses (the work before the send not counted), and the
   * send's place on its limit's schedule (none for a bucket without a limit), for {@link #go} and
   * {@link #answered}.
   */
  public record Permit(boolean send, Duration waited, Optional<Admitted> admitted) {}

  /**
   * A limited call admitted: {@code number} on the send schedule of {@code appid} × {@code bucket},
   * booked at {@code slotMicros} on the store's clock.
   */
  public record Admitted(String appid, String bucket, Limit limit, long number, long slotMicros) {}

  /**
   * Blocks until the send of {@code api} for {@code appid} is due, running {@code beforeSend} once
   * it is booked (for a bucket without a limit: once any pause is over). A limited call then still
   * waits for {@link #go}, and tells {@link #answered} when it is over.
   */
  public Permit acquire(String appid, String api, BeforeSend beforeSend)
      throws InterruptedException {
    String bucket = RateLimits.bucketOf(api);
    Optional<Limit> limit = limits.limitFor(appid, bucket);
    long start = nanos();
    if (limit.isEmpty()) {
      for (Duration wait = pausedFor(appid, bucket); !wait.isZero(); ) {
        sleeper.sleep(wait);
        wait = pausedFor(appid, bucket);
      }
      Duration waited = Duration.ofNanos(nanos() - start);
      return new Permit(beforeSend.ready(), waited, Optional.empty());
    }
    // Reserve a place in the shared queue and sleep until just before it (SEND_BOOKING_LEAD):
    // callers queue instead of competing. Then book the send itself, which keeps calls that woke
    // up late (GC, a starved CPU) from going out together: a caller that is too late for its
    // booked time books again, and after MAX_REBOOKINGS goes anyway (progress on a machine that
    // stalls all along).
    Limit rate = limit.get();
    sleepUntil(book(() -> limiter.reserve(appid, bucket, rate)), SEND_BOOKING_LEAD.toNanos());
    Booked send = book(() -> limiter.admit(appid, bucket, rate));
    long beforeSendStart = nanos();
    boolean ready = beforeSend.ready();
    long beforeSendNanos = nanos() - beforeSendStart;
    if (ready) {
      sleepUntil(send);
      for (int rebooking = 0; rebooking < MAX_REBOOKINGS && !onTime(send, rate); rebooking++) {
        send = book(() -> limiter.admit(appid, bucket, rate));
        sleepUntil(send);
      }
    }
    return new Permit(
        ready,
        Duration.ofNanos(nanos() - start - beforeSendNanos),
        Optional.of(new Admitted(appid, bucket, rate, send.number(), send.slotMicros())));
  }

  /**
   * The last step before the request of {@code permit} goes (nothing for a bucket without a limit):
   * waits until fewer than the limit's count of the calls that went can have reached WeChat within
   * the last period, each counting until a period after its answer. The jitter between a send and
   * its receipt then never puts more than the limit in a period at WeChat's side (decision 0044).
   * From here on, the call counts until {@link #answered}. Returns how long it was held: zero when
   * the first ask was granted, as it mostly is (only calls that took longer than the send spacing's
   * margin hold later ones).
   */
  public Duration go(Permit permit) throws InterruptedException {
    if (permit.admitted().isEmpty()) {
      return Duration.ZERO;
    }
    Admitted sent = permit.admitted().get();
    long start = nanos();
    Duration wait = ask(sent);
    boolean held = !wait.isZero();
    for (; !wait.isZero(); wait = ask(sent)) {
      sleeper.sleep(wait);
    }
    long went = nanos();
    long heldNanos = held ? went - start : 0;
    if (SENDS.isDebugEnabled()) {
      SENDS.debug(
          "send slot={} went={} number={} held={}",
          sent.slotMicros(),
          went / 1000,
          sent.number(),
          heldNanos / 1000);
    }
    return Duration.ofNanos(heldNanos);
  }

  private Duration ask(Admitted sent) {
    return limiter.go(sent.appid(), sent.bucket(), sent.limit(), sent.number(), callLease);
  }

  /**
   * The call {@code permit} let go is over, answered, failed or not made: WeChat had it before now
   * or never, and it counts for the calls after it until a period from now. Nothing for a bucket
   * without a limit.
   */
  public void answered(Permit permit) {
    if (permit.admitted().isEmpty()) {
      return;
    }
    Admitted sent = permit.admitted().get();
    try {
      limiter.answered(sent.appid(), sent.bucket(), sent.limit(), sent.number());
    } catch (RuntimeException e) {
      // The call's outcome matters more: the call then counts until its lease and a period are
      // over instead, and the store's failure shows at the next booking.
      LOG.warn("could not tell the rate limiter that a call is over: {}", e.toString());
    }
  }

  /**
   * A granted booking: its slot on the store's clock and its number there (a send's; 0 for a place
   * in the queue); the earliest it can be due on this worker's clock, in nanoseconds (the answer
   * plus the delay: the store booked it before answering) and the latest (the ask plus the delay:
   * it booked it after the ask).
   */
  private record Booked(
      long slotMicros, long number, long earliestSafeNanos, long latestDueNanos) {}

  /** Asks until granted: a 45011 pause refuses, and says for how long. */
  private Booked book(Supplier<RateLimiter.Reservation> ask) throws InterruptedException {
    long asked = nanos();
    RateLimiter.Reservation granted = ask.get();
    while (!granted.granted()) {
      sleeper.sleep(granted.delay());
      asked = nanos();
      granted = ask.get();
    }
    long delay = granted.delay().toNanos();
    return new Booked(granted.slotMicros(), granted.send(), nanos() + delay, asked + delay);
  }

  private void sleepUntil(Booked booked) throws InterruptedException {
    sleepUntil(booked, 0);
  }

  /** Sleeps until {@code leadNanos} before {@code booked} is due. */
  private void sleepUntil(Booked booked, long leadNanos) throws InterruptedException {
    long left = booked.earliestSafeNanos() - leadNanos - nanos();
    if (left > 0) {
      sleeper.sleep(Duration.ofNanos(left));
    }
  }

  /**
   * Whether the caller is at most {@link Limit#lateSendNanos} past its booked send. Its own clock
   * can only over-estimate how late it is, by the time the ask waited before the store ran it (a
   * queue at Redis when a batch arrives took up to 120 ms, and booking again then lost a slot for
   * nothing): when that estimate says late, the store's clock decides, plus the whole round trip of
   * asking it (the store read its clock somewhere within it), so that lateness is never
   * under-estimated.
   */
  private boolean onTime(Booked send, Limit rate) {
    if (nanos() - send.latestDueNanos() <= rate.lateSendNanos()) {
      return true;
    }
    long asked = nanos();
    long storeLateNanos = (limiter.clockMicros() - send.slotMicros()) * 1000;
    return storeLateNanos + (nanos() - asked) <= rate.lateSendNanos();
  }

  /**
   * WeChat answered 45011: pause {@code api}'s bucket of {@code appid} for every worker. Returns
   * how long the pause lasts from now.
   */
  public Duration throttled(String appid, String api) {
    String bucket = RateLimits.bucketOf(api);
    Duration pause = limiter.pauseUntilNextWindow(appid, bucket, throttleWindow);
    pauses.remove(appid + " " + bucket);
    return pause;
  }

  private Duration pausedFor(String appid, String bucket) {
    long now = nanos();
    PauseCheck known = pauses.get(appid + " " + bucket);
    if (known == null || now - known.checkedAtNanos() > PAUSE_CHECK_EVERY.toNanos()) {
      Duration paused = limiter.paused(appid, bucket);
      known = new PauseCheck(now, now + paused.toNanos());
      pauses.put(appid + " " + bucket, known);
    }
    long left = known.pausedUntilNanos() - now;
    return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
  }

  /** The clock's reading in nanoseconds since the epoch. */
  private long nanos() {
    Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
