package io.wxrelay.worker.store;

import io.wxrelay.kit.redis.RedisPipeline;
import io.wxrelay.worker.ledger.CommandLedger;
import io.wxrelay.worker.ledger.OperatorLedger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.Response;

/**
 * {@link CommandLedger} in Redis: one hash per command id ({@code state}, {@code owner}, {@code
 * until}, {@code calling}, {@code result}), changed only by Lua scripts on Redis's clock, so
 * workers on different hosts agree on leases.
 *
 * <p>A key's order is a list of the command ids parked under it, oldest first, and a hash of each
 * one's due time and last sign of life. A new claim of another command of the key is refused while
 * the list has a head: the command joins the tail and is parked, due when the head is (or at once,
 * if the head is running: its record is ahead of the follower's on the retry topic). An id leaves
 * the list when its result is stored. The head's sign of life is its due time when parked, its
 * lease's end when claimed, and the moment it came first in line. A head without one for {@code
 * orderHold} is dropped alone at the next claim: its retry record is not coming back, and the later
 * commands must not wait for it forever.
 *
 * <p>Every call goes through a {@link RedisPipeline}: the calls of many commands share one round
 * trip, while each caller blocks for its own answer (decision 0049).
 */
public final class RedisCommandLedger implements CommandLedger, OperatorLedger {
  /**
   * Lua shared by the scripts: Redis's time in ms; {@code mark(id, due, seen, keep)} puts {@code
   * id} in the key's order (at the tail, if it is not there yet) with its due time ({@code d:id};
   * nil keeps it) and the last sign of life ({@code s:id}), and keeps the order's keys {@code keep}
   * past that (the result TTL: an order none of whose entries comes back is forgotten with the
   * results; a head without a sign of life for the hold is dropped alone, at the next claim).
   */
  private static final String ORDER =
      """
      local t = redis.call('TIME')
      local now = t[1] * 1000 + math.floor(t[2] / 1000)
      local function mark(id, due, seen, keep)
        if redis.call('HEXISTS', KEYS[3], 'd:' .. id) == 0 then
          redis.call('RPUSH', KEYS[2], id)
          due = due or now
        end
        if due then
          redis.call('HSET', KEYS[3], 'd:' .. id, string.format('%d', due))
        end
        redis.call('HSET', KEYS[3], 's:' .. id, string.format('%d', seen))
        local want = math.max(seen, due or 0) - now + keep
        if want > 0 and redis.call('PTTL', KEYS[2]) < want then
          redis.call('PEXPIRE', KEYS[2], want)
          redis.call('PEXPIRE', KEYS[3], want)
        end
      end
      local function field(name, id)
        return tonumber(redis.call('HGET', KEYS[3], name .. id) or '0')
      end
      """;

  /**
   * A command that finds the head still parked for a second time waits at least this long (ms): its
   * record ran after the head's, so the head's record is late or lost, and an immediate retry would
   * spin.
   */
  private static final String AGAIN_NAP_MS = "1000";

  private static final LuaScript CLAIM =
      new LuaScript(
          ORDER
              + """
              local state = redis.call('HGET', KEYS[1], 'state')
              if state == 'done' then
                return {'done', redis.call('HGET', KEYS[1], 'result'),
                        redis.call('HGET', KEYS[1], 'published') or ''}
              end
              local owner, calling = false, false
              if state == 'claimed' then
                owner = redis.call('HGET', KEYS[1], 'owner')
                -- A claim from before 'calling' was kept counts as in a call.
                calling = redis.call('HGET', KEYS[1], 'calling') ~= '0'
                local untilMs = tonumber(redis.call('HGET', KEYS[1], 'until'))
                if owner ~= ARGV[1] and untilMs > now then
                  return {'busy', tostring(untilMs - now)}
                end
              end
              local hold, keep = tonumber(ARGV[5]), tonumber(ARGV[6])
              local head = #KEYS == 3 and owner ~= ARGV[1] and redis.call('LINDEX', KEYS[2], 0)
              if head and head ~= ARGV[4] and field('s:', head) + hold <= now then
                -- No sign of life for the hold: its retry is not coming back. Next in line.
                redis.call('LPOP', KEYS[2])
                redis.call('HDEL', KEYS[3], 'd:' .. head, 's:' .. head)
                head = redis.call('LINDEX', KEYS[2], 0)
                if head and head ~= ARGV[4] then mark(head, nil, now, keep) end
              end
              if head and head ~= ARGV[4] then
                local due = now
                if redis.call('HEXISTS', KEYS[3], 'd:' .. ARGV[4]) == 1 then
                  due = now + tonumber(ARGV[7])
                end
                due = math.max(due, field('d:', head))
                mark(ARGV[4], due, now, keep)
                return {'behind', string.format('%d', due)}
              end
              local untilMs = now + tonumber(ARGV[2])
              redis.call('HSET', KEYS[1], 'state', 'claimed', 'owner', ARGV[1], 'until', untilMs,
                'calling', '1')
              redis.call('PEXPIRE', KEYS[1], ARGV[3])
              if #KEYS == 3 and redis.call('LINDEX', KEYS[2], 0) == ARGV[4] then
                mark(ARGV[4], nil, untilMs, keep)
              end
              -- Taken over: the holder before may have been in a call (another owner, or this
              -- owner's earlier processing: only a renewal continues the same one).
              if calling and (owner ~= ARGV[1] or ARGV[8] ~= '1') then return {'taken', owner} end
              return {'granted', ''}
              """);

  /** The owner is between calls: a takeover from now on is not an UNKNOWN. */
  private static final LuaScript REST =
      new LuaScript(
          """
          if redis.call('HGET', KEYS[1], 'state') == 'claimed'
             and redis.call('HGET', KEYS[1], 'owner') == ARGV[1] then
            redis.call('HSET', KEYS[1], 'calling', '0')
          end
          return 0
          """);

  /** The owner stops with no call in flight: the claim goes at once. */
  private static final LuaScript RELEASE =
      new LuaScript(
          """
          if redis.call('HGET', KEYS[1], 'state') == 'claimed'
             and redis.call('HGET', KEYS[1], 'owner') == ARGV[1] then
            redis.call('DEL', KEYS[1])
          end
          return 0
          """);

  private static final LuaScript PARK =
      new LuaScript(
          ORDER
              + """
              if redis.call('HGET', KEYS[1], 'state') == 'claimed'
                 and redis.call('HGET', KEYS[1], 'owner') == ARGV[1] then
                redis.call('DEL', KEYS[1])
              end
              if #KEYS == 3 then
                local due = tonumber(ARGV[3])
                mark(ARGV[2], due, due, tonumber(ARGV[4]))
              end
              return 0
              """);

  private static final LuaScript COMPLETE =
      new LuaScript(
          ORDER
              + """
              if #KEYS == 3 and redis.call('HDEL', KEYS[3], 'd:' .. ARGV[3], 's:' .. ARGV[3]) > 0 then
                redis.call('LREM', KEYS[2], 1, ARGV[3])
                local head = redis.call('LINDEX', KEYS[2], 0)
                if head and field('s:', head) < now then
                  mark(head, nil, now, tonumber(ARGV[2]))
                end
              end
              if redis.call('HGET', KEYS[1], 'state') == 'done' then
                return redis.call('HGET', KEYS[1], 'result')
              end
              redis.call('DEL', KEYS[1])
              redis.call('HSET', KEYS[1], 'state', 'done', 'result', ARGV[1])
              redis.call('PEXPIRE', KEYS[1], ARGV[4])
              return ARGV[1]
              """);

  /** Notes which record's processing published a done command's result. */
  private static final LuaScript PUBLISHED =
      new LuaScript(
          """
          if redis.call('HGET', KEYS[1], 'state') == 'done' then
            redis.call('HSET', KEYS[1], 'published', ARGV[1])
            return 1
          end
          return 0
          """);

  /** Forgets a done command only if its stored result is still the one the operator saw. */
  private static final LuaScript FORGET =
      new LuaScript(
          """
          if redis.call('HGET', KEYS[1], 'state') == 'done'
             and redis.call('HGET', KEYS[1], 'result') == ARGV[1] then
            return redis.call('DEL', KEYS[1])
          end
          return 0
          """);

  /**
   * Steps are remembered 2 days: WeChat keeps temporary media 3, so a step recalled never names
   * media that is gone; a command run again later uploads its media again.
   */
  private static final Duration STEPS_TTL = Duration.ofDays(2);

  private final RedisPipeline redis;
  private final String prefix;
  private final Duration resultTtl;
  private final Duration deadResultTtl;
  private final Duration claimTtl;
  private final Duration orderHold;

  /**
   * @param resultTtl how long a done command's result is kept (replays within it get the result)
   * @param deadResultTtl how long a DEAD result is kept ({@link #completeDead}): as long as the DLQ
   *     keeps its letter, so that {@code wxrelay dlq replay} finds what became of the command
   * @param claimTtl how long an abandoned claim survives at most (longer than any retry schedule)
   * @param orderHold how long the head of a key's order may go without progress (past its due, its
   *     claim, or the time it became the head) before the commands behind it stop waiting for it
   */
  public RedisCommandLedger(
      RedisPipeline redis,
      String prefix,
      Duration resultTtl,
      Duration deadResultTtl,
      Duration claimTtl,
      Duration orderHold) {
    this.redis = redis;
    this.prefix = prefix;
    this.resultTtl = resultTtl;
    this.deadResultTtl = deadResultTtl;
    this.claimTtl = claimTtl;
    this.orderHold = orderHold;
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
  public void rest(String commandId, String owner) {
    REST.run(redis, List.of(prefix + "cmd:" + commandId), List.of(owner));
  }

  @Override
  public void release(String commandId, String owner) {
    RELEASE.run(redis, List.of(prefix + "cmd:" + commandId), List.of(owner));
  }

  private Claim claim(
      String commandId, String orderKey, String owner, Duration lease, boolean renewal) {
    List<?> reply =
        (List<?>)
            CLAIM.run(
                redis,
                keys(commandId, orderKey),
                List.of(
                    owner,
                    Long.toString(lease.toMillis()),
                    Long.toString(claimTtl.toMillis()),
                    commandId,
                    Long.toString(orderHold.toMillis()),
                    Long.toString(resultTtl.toMillis()),
                    AGAIN_NAP_MS,
                    renewal ? "1" : "0"));
    String what = (String) reply.get(0);
    String detail = (String) reply.get(1);
    return switch (what) {
      case "done" ->
          new Claim.Done(
              detail.getBytes(StandardCharsets.UTF_8),
              reply.size() > 2 && !"".equals(reply.get(2)) ? (String) reply.get(2) : null);
      case "busy" -> new Claim.Busy(Duration.ofMillis(Long.parseLong(detail)));
      case "behind" -> new Claim.Behind(Instant.ofEpochMilli(Long.parseLong(detail)));
      case "taken" -> new Claim.Granted(true);
      default -> new Claim.Granted(false);
    };
  }

  @Override
  public void park(String commandId, String orderKey, String owner, Instant due) {
    PARK.run(
        redis,
        keys(commandId, orderKey),
        List.of(
            owner,
            commandId,
            Long.toString(due.toEpochMilli()),
            Long.toString(resultTtl.toMillis())));
  }

  @Override
  public byte[] complete(String commandId, String orderKey, byte[] result) {
    return complete(commandId, orderKey, result, resultTtl);
  }

  @Override
  public byte[] completeDead(String commandId, String orderKey, byte[] result) {
    return complete(commandId, orderKey, result, deadResultTtl);
  }

  private byte[] complete(String commandId, String orderKey, byte[] result, Duration keep) {
    Object stored =
        COMPLETE.run(
            redis,
            keys(commandId, orderKey),
            List.of(
                new String(result, StandardCharsets.UTF_8),
                Long.toString(resultTtl.toMillis()),
                commandId,
                Long.toString(keep.toMillis())));
    return ((String) stored).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void published(String commandId, String origin) {
    PUBLISHED.run(redis, List.of(prefix + "cmd:" + commandId), List.of(origin));
  }

  @Override
  public Optional<byte[]> storedResult(String commandId) {
    String key = prefix + "cmd:" + commandId;
    String result = // two HGETs in one round trip (the ACLs grant HGET, not HMGET)
        redis.call(
            pipeline -> {
              Response<String> state = pipeline.hget(key, "state");
              Response<String> stored = pipeline.hget(key, "result");
              return () -> "done".equals(state.get()) ? stored.get() : null;
            });
    return Optional.ofNullable(result).map(r -> r.getBytes(StandardCharsets.UTF_8));
  }

  /** Only an operator's decision calls this: the ledger never forgets a result before its TTL. */
  @Override
  public boolean forget(String commandId, byte[] result) {
    Object deleted =
        FORGET.run(
            redis,
            List.of(prefix + "cmd:" + commandId),
            List.of(new String(result, StandardCharsets.UTF_8)));
    return ((Number) deleted).longValue() == 1;
  }

  @Override
  public Duration deadResultTtl() {
    return deadResultTtl;
  }

  @Override
  public void stepDone(String commandId, String step, String made) {
    String key = prefix + "steps:" + commandId;
    redis.call(
        pipeline -> {
          Response<Long> set = pipeline.hsetnx(key, step, made);
          Response<Long> expiry = pipeline.pexpire(key, STEPS_TTL.toMillis());
          return () -> set.get() + expiry.get(); // each reply read: an error of either is thrown
        });
  }

  @Override
  public Map<String, String> stepsDone(String commandId) {
    return redis.call(pipeline -> pipeline.hgetAll(prefix + "steps:" + commandId));
  }

  /** The command's hash, and when it has a key, that key's order list and due times. */
  private List<String> keys(String commandId, String orderKey) {
    String command = prefix + "cmd:" + commandId;
    if (orderKey == null) {
      return List.of(command);
    }
    return List.of(command, prefix + "order:" + orderKey, prefix + "order-due:" + orderKey);
  }
}
