package io.wxrelay.worker.store;

import io.wxrelay.kit.redis.RedisPipeline;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/** A Lua script run by its SHA-1 ({@code EVALSHA}), sent in full only when Redis lacks it. */
final class LuaScript {
  private final String source;
  private final String sha;

  LuaScript(String source) {
    this.source = source;
    this.sha = sha1(source);
  }

  Object run(RedisClient redis, List<String> keys, List<String> args) {
    try {
      return redis.evalsha(sha, keys, args);
    } catch (JedisNoScriptException e) {
      return redis.eval(source, keys, args); // EVAL caches it for the next EVALSHA
    }
  }

  /** The same, queued on {@code redis}'s next batch. */
  Object run(RedisPipeline redis, List<String> keys, List<String> args) {
    try {
      return redis.call(pipeline -> pipeline.evalsha(sha, keys, args));
    } catch (JedisNoScriptException e) {
      return redis.call(pipeline -> pipeline.eval(source, keys, args));
    }
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is always there", e);
    }
  }
}
