package io.wxrelay.kit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.kit.redis.RedisErrors.Kind;
import io.wxrelay.kit.redis.RedisErrors.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisBusyException;
import redis.clients.jedis.exceptions.JedisClusterException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.exceptions.JedisValidationException;

/**
 * The exception types are those Jedis throws (its Protocol picks them by the reply's first word);
 * the messages are the replies of a real Redis 7.
 */
class RedisErrorsTest {

  /** {@code failure}, and the reason it must get. */
  private record Case(Throwable failure, Reason reason) {}

  @Test
  void refusalsThatRetryingCannotFixAreFatal() {
    JedisAccessControlException wrongPassword =
        new JedisAccessControlException(
            "WRONGPASS invalid username-password pair or user is disabled.");
    assertReasons(
        Kind.FATAL,
        List.of(
            new Case(
                new JedisAccessControlException(
                    "NOPERM this user has no permissions to run the 'evalsha' command"),
                Reason.NOPERM),
            new Case(
                new JedisAccessControlException(
                    "NOPERM this user has no permissions to access one of the keys used as"
                        + " arguments"),
                Reason.NOPERM),
            // an ACL refusal inside a script
            new Case(
                new JedisDataException(
                    "ERR The user executing the script can't access at least one of the keys"
                        + " mentioned in the command arguments script: 7ccc485f, on"
                        + " @user_script:1."),
                Reason.NOPERM),
            new Case(wrongPassword, Reason.AUTH),
            // the pool wraps a refused AUTH while it makes a connection
            new Case(new JedisConnectionException(wrongPassword), Reason.AUTH),
            new Case(
                new JedisAccessControlException("NOAUTH Authentication required."), Reason.AUTH),
            new Case(
                new JedisDataException(
                    "OOM command not allowed when used memory > 'maxmemory'. script: a1cd, on"
                        + " @user_script:1."),
                Reason.OOM),
            new Case(
                new JedisDataException(
                    "ERR user_script:1: Script attempted to access nonexistent global variable"
                        + " 'foo' script: be8e79a1, on @user_script:1."),
                Reason.SCRIPT),
            new Case(new JedisNoScriptException("NOSCRIPT No matching script."), Reason.SCRIPT),
            new Case(
                new JedisDataException(
                    "WRONGTYPE Operation against a key holding the wrong kind of value"),
                Reason.WRONGTYPE),
            new Case(
                new JedisDataException(
                    "MISCONF Redis is configured to save RDB snapshots, but it's currently unable"
                        + " to persist to disk."),
                Reason.MISCONF),
            new Case(
                new JedisDataException("ERR wrong number of arguments for 'set' command"),
                Reason.OTHER),
            new Case(new JedisValidationException("bad argument"), Reason.CLIENT)));
  }

  @Test
  void theConnectionTimeoutsThePoolAFailoverAndABusyServerAreTransient() {
    assertReasons(
        Kind.TRANSIENT,
        List.of(
            new Case(
                new JedisConnectionException(new ConnectException("Connection refused")),
                Reason.CONNECTION),
            new Case(
                new JedisConnectionException(new SocketTimeoutException("Read timed out")),
                Reason.TIMEOUT),
            new Case(
                new JedisException(
                    "Could not get a resource from the pool",
                    new NoSuchElementException("Timeout waiting for idle object")),
                Reason.POOL),
            new Case(
                new JedisDataException("LOADING Redis is loading the dataset in memory"),
                Reason.LOADING),
            new Case(
                new JedisDataException("READONLY You can't write against a read only replica."),
                Reason.READONLY),
            new Case(
                new JedisDataException(
                    "MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to"
                        + " 'no'."),
                Reason.FAILOVER),
            new Case(new JedisClusterException("CLUSTERDOWN The cluster is down"), Reason.FAILOVER),
            new Case(
                new JedisBusyException(
                    "BUSY Redis is busy running a script. You can only call SCRIPT KILL or"
                        + " SHUTDOWN NOSAVE."),
                Reason.BUSY),
            new Case(
                new JedisDataException("ERR max number of clients reached"), Reason.CONNECTION),
            new Case(new JedisException("something else"), Reason.UNKNOWN)));
  }

  @Test
  void aWrappedRedisFailureIsFoundAndAnythingElseIsNotRedis() {
    assertThat(
            RedisErrors.classify(
                new IllegalStateException(
                    "claim failed",
                    new JedisAccessControlException("NOPERM this user has no permissions"))))
        .contains(Reason.NOPERM);
    assertThat(RedisErrors.classify(new UncheckedIOException(new IOException("disk")))).isEmpty();
    assertThat(RedisErrors.classify(new NullPointerException())).isEmpty();
  }

  @Test
  void labelsAreLowerCaseWords() {
    assertThat(Reason.NOPERM.label()).isEqualTo("noperm");
    assertThat(Kind.FATAL.label()).isEqualTo("fatal");
    assertThat(Kind.TRANSIENT.label()).isEqualTo("transient");
  }

  private static void assertReasons(Kind kind, List<Case> cases) {
    for (Case c : cases) {
      assertThat(RedisErrors.classify(c.failure()))
          .as(c.failure().getMessage())
          .contains(c.reason());
      assertThat(c.reason().kind()).as(c.reason().label()).isEqualTo(kind);
    }
  }
}
