package io.wxrelay.worker.ledger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@link CommandLedger} in one process's memory, for unit tests: the rules of {@code
 * RedisCommandLedger}'s scripts (claims and leases, stored results, a key's order across parking),
 * on {@code clock}. {@link CommandLedgerContract} holds both to the same behaviour. Nothing
 * expires: a test outlives no TTL.
 */
public final class InMemoryCommandLedger implements CommandLedger {
  /** A command behind a head still parked for the second time waits at least this long. */
  private static final long AGAIN_NAP_MS = 1000;

  private final Clock clock;
  private final long holdMs;
  private final Map<String, Command> commands = new HashMap<>();
  private final Map<String, Order> orders = new HashMap<>();
  private final Map<String, Map<String, String>> steps = new HashMap<>();
  private final Set<String> keptAsDead = new HashSet<>();

  /** A claimed command ({@code result} null), in a call or between calls, or a done one. */
  private record Command(
      String owner, long untilMs, boolean calling, byte[] result, String publishedFor) {}

  /** The ids parked under a key, oldest first, with each one's due time and last sign of life. */
  private static final class Order {
    final Deque<String> ids = new ArrayDeque<>();
    final Map<String, Long> due = new HashMap<>();
    final Map<String, Long> seen = new HashMap<>();

    /** Puts {@code id} in line (at the tail if new) with its due time (null keeps it). */
    void mark(String id, Long dueMs, long seenMs, long now) {
      if (!due.containsKey(id)) {
        ids.addLast(id);
        dueMs = dueMs == null ? now : dueMs;
      }
      if (dueMs != null) {
        due.put(id, dueMs);
      }
      seen.put(id, seenMs);
    }

    void drop(String id) {
      ids.remove(id);
      due.remove(id);
      seen.remove(id);
    }
  }

  /**
   * @param orderHold how long the head of a key's order may go without progress before the commands
   *     behind it stop waiting for it
   */
  public InMemoryCommandLedger(Clock clock, Duration orderHold) {
    this.clock = clock;
    this.holdMs = orderHold.toMillis();
  }

  @Override
  public Claim claim(String commandId, String orderKey, String owner, Duration lease) {
    return claim(commandId, orderKey, owner, lease, false);
  }

  @Override
  public Claim renew(String commandId, String orderKey, String owner, Duration lease) {
    return claim(commandId, orderKey, owner, lease, true);
  }

  @Override
  public synchronized void rest(String commandId, String owner) {
    Command command = commands.get(commandId);
    if (command != null && command.result() == null && command.owner().equals(owner)) {
      commands.put(commandId, new Command(owner, command.untilMs(), false, null, null));
    }
  }

  @Override
  public synchronized void release(String commandId, String owner) {
    Command command = commands.get(commandId);
    if (command != null && command.result() == null && command.owner().equals(owner)) {
      commands.remove(commandId);
    }
  }

  private synchronized Claim claim(
      String commandId, String orderKey, String owner, Duration lease, boolean renewal) {
    long now = clock.millis();
    Command command = commands.get(commandId);
    String previous = null;
    if (command != null && command.result() != null) {
      return new Claim.Done(command.result(), command.publishedFor());
    }
    if (command != null) {
      previous = command.owner();
      if (!previous.equals(owner) && command.untilMs() > now) {
        return new Claim.Busy(Duration.ofMillis(command.untilMs() - now));
      }
    }
    Order order = orderKey == null ? null : orders.computeIfAbsent(orderKey, k -> new Order());
    String head = order != null && !owner.equals(previous) ? order.ids.peekFirst() : null;
    if (head != null && !head.equals(commandId) && order.seen.get(head) + holdMs <= now) {
      order.drop(head); // no sign of life for the hold: its retry is not coming back
      head = order.ids.peekFirst();
      if (head != null && !head.equals(commandId)) {
        order.mark(head, null, now, now);
      }
    }
    if (head != null && !head.equals(commandId)) {
      long due = order.due.containsKey(commandId) ? now + AGAIN_NAP_MS : now;
      due = Math.max(due, order.due.get(head));
      order.mark(commandId, due, now, now);
      return new Claim.Behind(Instant.ofEpochMilli(due));
    }
    long until = now + lease.toMillis();
    commands.put(commandId, new Command(owner, until, true, null, null));
    if (order != null && commandId.equals(order.ids.peekFirst())) {
      order.mark(commandId, null, until, now);
    }
    forgetEmpty(orderKey);
    // Taken over when the holder before may have been in a call: another owner, or this owner's
    // earlier processing (only a renewal continues the same one).
    boolean calling = command != null && command.calling();
    return new Claim.Granted(calling && (!owner.equals(previous) || !renewal));
  }

  @Override
  public synchronized void park(String commandId, String orderKey, String owner, Instant due) {
    Command command = commands.get(commandId);
    if (command != null && command.result() == null && command.owner().equals(owner)) {
      commands.remove(commandId);
    }
    if (orderKey != null) {
      long dueMs = due.toEpochMilli();
      orders
          .computeIfAbsent(orderKey, k -> new Order())
          .mark(commandId, dueMs, dueMs, clock.millis());
    }
  }

  @Override
  public synchronized byte[] complete(String commandId, String orderKey, byte[] result) {
    long now = clock.millis();
    Order order = orderKey == null ? null : orders.get(orderKey);
    if (order != null && order.due.containsKey(commandId)) {
      order.drop(commandId);
      String head = order.ids.peekFirst();
      if (head != null && order.seen.get(head) < now) {
        order.mark(head, null, now, now);
      }
      forgetEmpty(orderKey);
    }
    Command command = commands.get(commandId);
    if (command != null && command.result() != null) {
      return command.result();
    }
    commands.put(commandId, new Command(null, 0, false, result.clone(), null));
    return result;
  }

  @Override
  public synchronized void published(String commandId, String origin) {
    Command command = commands.get(commandId);
    if (command != null && command.result() != null) {
      commands.put(commandId, new Command(null, 0, false, command.result(), origin));
    }
  }

  @Override
  public synchronized byte[] completeDead(String commandId, String orderKey, byte[] result) {
    keptAsDead.add(commandId);
    return complete(commandId, orderKey, result);
  }

  /**
   * Whether the command's result was stored as a DEAD one, which a Redis ledger keeps as long as
   * the DLQ keeps letters.
   */
  public synchronized boolean keptAsDead(String commandId) {
    return keptAsDead.contains(commandId);
  }

  @Override
  public synchronized void stepDone(String commandId, String step, String made) {
    steps.computeIfAbsent(commandId, id -> new LinkedHashMap<>()).putIfAbsent(step, made);
  }

  @Override
  public synchronized Map<String, String> stepsDone(String commandId) {
    return Map.copyOf(steps.getOrDefault(commandId, Map.of()));
  }

  /** The id first in line under {@code orderKey}, or null. */
  public synchronized String head(String orderKey) {
    Order order = orders.get(orderKey);
    return order == null ? null : order.ids.peekFirst();
  }

  /** Whether nothing is kept for {@code orderKey} any more. */
  public synchronized boolean forgot(String orderKey) {
    return !orders.containsKey(orderKey);
  }

  /** The stored result of a done command, as text; null when it is not done. */
  public synchronized String resultOf(String commandId) {
    Command command = commands.get(commandId);
    return command == null || command.result() == null
        ? null
        : new String(command.result(), StandardCharsets.UTF_8);
  }

  private void forgetEmpty(String orderKey) {
    if (orderKey != null && orders.containsKey(orderKey) && orders.get(orderKey).ids.isEmpty()) {
      orders.remove(orderKey);
    }
  }
}
