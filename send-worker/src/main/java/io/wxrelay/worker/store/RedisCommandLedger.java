package io.wxrelay.worker.store;

import io.wxrelay.worker.ledger.CommandLedger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import redis.clients.jedis.RedisClient;

/**
 * {@link CommandLedger} in Redis: one hash per command id ({@code state}, {@code owner}, {@code
 * until}, {@code result}), changed only by Lua scripts on Redis's clock, so workers on different
 * hosts agree on leases.
 */
public final class RedisCommandLedger implements CommandLedger {
  private static final LuaScript CLAIM =
      new LuaScript(
          """
          local t = redis.call('TIME')
          local now = t[1] * 1000 + math.floor(t[2] / 1000)
          local state = redis.call('HGET', KEYS[1], 'state')
          if state == 'done' then
            return {'done', redis.call('HGET', KEYS[1], 'result')}
          end
          if state == 'claimed' then
            local owner = redis.call('HGET', KEYS[1], 'owner')
            local untilMs = tonumber(redis.call('HGET', KEYS[1], 'until'))
            if owner ~= ARGV[1] and untilMs > now then
              return {'busy', tostring(untilMs - now)}
            end
            redis.call('HSET', KEYS[1], 'owner', ARGV[1], 'until', now + tonumber(ARGV[2]))
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            if owner == ARGV[1] then return {'granted', ''} end
            return {'taken', owner}
          end
          redis.call('HSET', KEYS[1], 'state', 'claimed', 'owner', ARGV[1], 'until', now + tonumber(ARGV[2]))
          redis.call('PEXPIRE', KEYS[1], ARGV[3])
          return {'granted', ''}
          """);

  private static final LuaScript RELEASE =
      new LuaScript(
          """
          if redis.call('HGET', KEYS[1], 'state') == 'claimed'
             and redis.call('HGET', KEYS[1], 'owner') == ARGV[1] then
            redis.call('DEL', KEYS[1])
          end
          return 0
          """);

  private static final LuaScript COMPLETE =
      new LuaScript(
          """
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
   * @param claimTtl how long an abandoned claim survives at most (longer than any retry schedule)
   */
  public RedisCommandLedger(
      RedisClient redis, String prefix, Duration resultTtl, Duration claimTtl) {
    this.redis = redis;
    this.prefix = prefix;
    this.resultTtl = resultTtl;
    this.claimTtl = claimTtl;
  }

  @Override
  public Claim claim(String commandId, String owner, Duration lease) {
    List<?> reply =
        (List<?>)
            CLAIM.run(
                redis,
                List.of(key(commandId)),
                List.of(
                    owner, Long.toString(lease.toMillis()), Long.toString(claimTtl.toMillis())));
    String what = (String) reply.get(0);
    return switch (what) {
      case "done" -> new Claim.Done(((String) reply.get(1)).getBytes(StandardCharsets.UTF_8));
      case "busy" -> new Claim.Busy(Duration.ofMillis(Long.parseLong((String) reply.get(1))));
      case "taken" -> new Claim.Granted(true);
      default -> new Claim.Granted(false);
    };
  }

  @Override
  public void release(String commandId, String owner) {
    RELEASE.run(redis, List.of(key(commandId)), List.of(owner));
  }

  @Override
  public byte[] complete(String commandId, byte[] result) {
    Object stored =
        COMPLETE.run(
            redis,
            List.of(key(commandId)),
            List.of(
                new String(result, StandardCharsets.UTF_8), Long.toString(resultTtl.toMillis())));
    return ((String) stored).getBytes(StandardCharsets.UTF_8);
  }

  private String key(String commandId) {
    return prefix + "cmd:" + commandId;
  }
}
