package io.wxrelay.worker.store;

import io.wxrelay.worker.ledger.CommandLedger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import redis.clients.jedis.RedisClient;

/**
 * {@link CommandLedger} in Redis: one hash per command id ({@code state}, {@code owner}, {@code
 * until}, {@code result}), changed only by Lua scripts on Redis's clock, so workers on different
 * hosts agree on leases.
 *
 * <p>A key's order is a list of the command ids parked under it, oldest first, and a hash of each
 * one's due time (epoch ms). A new claim of another command of the key is refused while the list's
 * head is parked; the command joins the list's tail instead. An id leaves the list when its result
 * is stored, and a head more than {@code claimTtl} past its due is dropped (its retry record is not
 * coming back: the later commands must not wait for it forever).
 */
public final class RedisCommandLedger implements CommandLedger {
  /** Lua: {@code keep(due)} extends the order's keys to live {@code hold} past {@code due}. */
  private static final String KEEP_ORDER =
      """
      local function keep(now, due, hold)
        local want = due - now + hold
        if want > 0 and redis.call('PTTL', KEYS[2]) < want then
          redis.call('PEXPIRE', KEYS[2], want)
          redis.call('PEXPIRE', KEYS[3], want)
        end
      end
      local function queue(id, due)
        if redis.call('HEXISTS', KEYS[3], id) == 0 then
          redis.call('RPUSH', KEYS[2], id)
        end
        redis.call('HSET', KEYS[3], id, string.format('%d', due))
      end
      """;

  private static final LuaScript CLAIM =
      new LuaScript(
          KEEP_ORDER
              + """
              local t = redis.call('TIME')
              local now = t[1] * 1000 + math.floor(t[2] / 1000)
              local state = redis.call('HGET', KEYS[1], 'state')
              if state == 'done' then
                return {'done', redis.call('HGET', KEYS[1], 'result')}
              end
              local owner = false
              if state == 'claimed' then
                owner = redis.call('HGET', KEYS[1], 'owner')
                local untilMs = tonumber(redis.call('HGET', KEYS[1], 'until'))
                if owner ~= ARGV[1] and untilMs > now then
                  return {'busy', tostring(untilMs - now)}
                end
              end
              if owner ~= ARGV[1] and #KEYS == 3 then
                local hold = tonumber(ARGV[3])
                while true do
                  local head = redis.call('LINDEX', KEYS[2], 0)
                  if not head or head == ARGV[4] then break end
                  local due = tonumber(redis.call('HGET', KEYS[3], head) or '0')
                  if due + hold > now then
                    queue(ARGV[4], due)
                    keep(now, due, hold)
                    return {'behind', string.format('%d', due)}
                  end
                  redis.call('LPOP', KEYS[2])
                  redis.call('HDEL', KEYS[3], head)
                end
              end
              redis.call('HSET', KEYS[1], 'state', 'claimed', 'owner', ARGV[1], 'until', now + tonumber(ARGV[2]))
              redis.call('PEXPIRE', KEYS[1], ARGV[3])
              if owner and owner ~= ARGV[1] then return {'taken', owner} end
              return {'granted', ''}
              """);

  private static final LuaScript PARK =
      new LuaScript(
          KEEP_ORDER
              + """
              if redis.call('HGET', KEYS[1], 'state') == 'claimed'
                 and redis.call('HGET', KEYS[1], 'owner') == ARGV[1] then
                redis.call('DEL', KEYS[1])
              end
              if #KEYS == 3 then
                local t = redis.call('TIME')
                local due = tonumber(ARGV[3])
                queue(ARGV[2], due)
                keep(t[1] * 1000 + math.floor(t[2] / 1000), due, tonumber(ARGV[4]))
              end
              return 0
              """);

  private static final LuaScript COMPLETE =
      new LuaScript(
          """
          if #KEYS == 3 then
            redis.call('LREM', KEYS[2], 1, ARGV[3])
            redis.call('HDEL', KEYS[3], ARGV[3])
          end
          if redis.call('HGET', KEYS[1], 'state') == 'done' then
            return redis.call('HGET', KEYS[1], 'result')
          end
          redis.call('DEL', KEYS[1])
          redis.call('HSET', KEYS[1], 'state', 'done', 'result', ARGV[1])
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
          return ARGV[1]
          """);

  private final RedisClient redis;
  private final String prefix;
  private final Duration resultTtl;
  private final Duration claimTtl;

  /**
   * @param resultTtl how long a done command's result is kept (replays within it get the result)
   * @param claimTtl how long an abandoned claim survives at most (longer than any retry schedule),
   *     and how long past its due a parked command holds the later commands of its key at most
   */
  public RedisCommandLedger(
      RedisClient redis, String prefix, Duration resultTtl, Duration claimTtl) {
    this.redis = redis;
    this.prefix = prefix;
    this.resultTtl = resultTtl;
    this.claimTtl = claimTtl;
  }

  @Override
  public Claim claim(String commandId, String orderKey, String owner, Duration lease) {
    List<?> reply =
        (List<?>)
            CLAIM.run(
                redis,
                keys(commandId, orderKey),
                List.of(
                    owner,
                    Long.toString(lease.toMillis()),
                    Long.toString(claimTtl.toMillis()),
                    commandId));
    String what = (String) reply.get(0);
    String detail = (String) reply.get(1);
    return switch (what) {
      case "done" -> new Claim.Done(detail.getBytes(StandardCharsets.UTF_8));
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
            Long.toString(claimTtl.toMillis())));
  }

  @Override
  public byte[] complete(String commandId, String orderKey, byte[] result) {
    Object stored =
        COMPLETE.run(
            redis,
            keys(commandId, orderKey),
            List.of(
                new String(result, StandardCharsets.UTF_8),
                Long.toString(resultTtl.toMillis()),
                commandId));
    return ((String) stored).getBytes(StandardCharsets.UTF_8);
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
