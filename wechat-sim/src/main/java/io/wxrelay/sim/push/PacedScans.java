package io.wxrelay.sim.push;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

/**
 * Many newcomers scanning one QR ticket at a fixed rate, paced by the simulator itself: scan i
 * (openid {@code <prefix><i>}) at the start + i/rate, whatever the pushes' answers (an open loop).
 * A load test that sent one control request per scan would spend about as much CPU on its own
 * requests as the simulator spends on the pushes, on the machine it measures (decision 0052).
 *
 * <p>Bounded: at most {@link #MAX_COUNT} scans, {@link #MAX_RATE} a second, {@link #MAX_LENGTH} in
 * all, {@link #MAX_RUNNING} bursts at once; each burst runs on a daemon thread of its own and ends
 * by itself, or when the simulator closes. A scan the simulator refuses (the ticket expired
 * meanwhile) is skipped: it has no push, which is how a caller tells it from one that was made.
 */
public final class PacedScans implements AutoCloseable {
  static final int MAX_COUNT = 100_000;
  static final int MAX_RATE = 5_000;
  static final Duration MAX_LENGTH = Duration.ofMinutes(10);

  /** Bursts at once: a client that lost its answer and asks again cannot pile them up. */
  static final int MAX_RUNNING = 4;

  /** How long {@link #close} waits for the bursts to stop. */
  private static final Duration CLOSING = Duration.ofSeconds(2);

  /** How long after the request the first scan is made: the answer goes out first. */
  static final Duration LEAD = Duration.ofMillis(50);

  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_-]{1,40}");

  private final UserActions users;
  private final InstantSource clock;
  private final Set<Thread> running = ConcurrentHashMap.newKeySet();

  /** When the first scan is made (the simulator's clock), and the burst's count and rate. */
  public record Burst(Instant firstAt, int count, int rate, String openidPrefix) {}

  public PacedScans(UserActions users, InstantSource clock) {
    this.users = users;
    this.clock = clock;
  }

  /**
   * Starts {@code count} scans of {@code ticket} at {@code rate} a second and returns at once.
   *
   * @throws IllegalArgumentException for a count, rate or prefix out of bounds, an unknown app, or
   *     a ticket that is not a live one of {@code appid}
   */
  public synchronized Burst start(
      String appid, String ticket, String openidPrefix, int count, int rate) {
    if (count < 1 || count > MAX_COUNT) {
      throw new IllegalArgumentException("count must be 1 to " + MAX_COUNT + ", not " + count);
    }
    if (rate < 1 || rate > MAX_RATE) {
      throw new IllegalArgumentException(
          "rate must be 1 to " + MAX_RATE + " a second, not " + rate);
    }
    if ((long) count * 1_000 / rate > MAX_LENGTH.toMillis()) {
      throw new IllegalArgumentException(
          count
              + " scans at "
              + rate
              + "/s would take longer than "
              + MAX_LENGTH.toMinutes()
              + " min");
    }
    if (openidPrefix == null || !PREFIX.matcher(openidPrefix).matches()) {
      throw new IllegalArgumentException("openidPrefix must be 1 to 40 of A-Z a-z 0-9 _ -");
    }
    users.requireTicket(appid, ticket);
    if (running.size() >= MAX_RUNNING) {
      throw new IllegalArgumentException(
          MAX_RUNNING + " bursts of scans are running; wait for one to end");
    }
    long startNanos = System.nanoTime() + LEAD.toNanos();
    Instant firstAt = clock.instant().plus(LEAD);
    Thread thread =
        Thread.ofPlatform()
            .daemon()
            .name("sim-paced-scans")
            .unstarted(() -> run(appid, ticket, openidPrefix, count, rate, startNanos));
    running.add(thread);
    thread.start();
    return new Burst(firstAt, count, rate, openidPrefix);
  }

  private void run(
      String appid, String ticket, String prefix, int count, int rate, long startNanos) {
    Thread self = Thread.currentThread();
    try {
      for (int i = 0; i < count && !self.isInterrupted(); i++) {
        long at = startNanos + i * 1_000_000_000L / rate;
        for (long wait = at - System.nanoTime();
            wait > 0 && !self.isInterrupted();
            wait = at - System.nanoTime()) {
          LockSupport.parkNanos(wait);
        }
        if (self.isInterrupted()) {
          return; // the simulator is closing
        }
        try {
          users.scan(appid, prefix + i, ticket);
        } catch (IllegalArgumentException refused) {
          // no push for this one: the caller sees which from the pushes' truth
        } catch (RuntimeException failed) {
          return; // the push client closed (or failed): the scans left have no push, which shows
        }
      }
    } finally {
      running.remove(self);
    }
  }

  /** Bursts still scanning. */
  int running() {
    return running.size();
  }

  /** Stops the bursts still scanning, and waits (a little) for them to end. */
  @Override
  public void close() {
    running.forEach(Thread::interrupt);
    long deadline = System.nanoTime() + CLOSING.toNanos();
    for (Thread thread : running) {
      try {
        thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
