package io.wxrelay.kit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.kit.redis.RedisErrors.Kind;
import io.wxrelay.kit.redis.RedisErrors.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.NoSuchElementException;
import java.util.Optional;
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

  @Test
  void aclRefusalsAreNopermAlsoInsideAScriptAndFatal() {
    assertThat(
            reason(
                new JedisAccessControlException(
                    "NOPERM this user has no permissions to run the 'evalsha' command")))
        .contains(Reason.NOPERM);
    assertThat(
            reason(
                new JedisAccessControlException(
                    "NOPERM this user has no permissions to access one of the keys used as"
                        + " arguments")))
        .contains(Reason.NOPERM);
    assertThat(
            reason(
                new JedisDataException(
                    "ERR The user executing the script can't access at least one of the keys"
                        + " mentioned in the command arguments script: 7ccc485f, on"
                        + " @user_script:1.")))
        .contains(Reason.NOPERM);
    assertThat(Reason.NOPERM.kind()).isEqualTo(Kind.FATAL);
  }

  @Test
  void aWrongPasswordIsAuthEvenWhenThePoolWrapsIt() {
    JedisAccessControlException refused =
        new JedisAccessControlException(
            "WRONGPASS invalid username-password pair or user is disabled.");
    assertThat(reason(refused)).contains(Reason.AUTH);
    assertThat(reason(new JedisConnectionException(refused))).contains(Reason.AUTH);
    assertThat(reason(new JedisAccessControlException("NOAUTH Authentication required.")))
        .contains(Reason.AUTH);
  }

  @Test
  void fullMemoryScriptsWrongTypesAndBrokenPersistenceAreFatal() {
    assertThat(
            reason(
                new JedisDataException(
                    "OOM command not allowed when used memory > 'maxmemory'. script: a1cd, on"
                        + " @user_script:1.")))
        .contains(Reason.OOM);
    assertThat(
            reason(
                new JedisDataException(
                    "ERR user_script:1: Script attempted to access nonexistent global variable"
                        + " 'foo' script: be8e79a1, on @user_script:1.")))
        .contains(Reason.SCRIPT);
    assertThat(reason(new JedisNoScriptException("NOSCRIPT No matching script.")))
        .contains(Reason.SCRIPT);
    assertThat(
            reason(
                new JedisDataException(
                    "WRONGTYPE Operation against a key holding the wrong kind of value")))
        .contains(Reason.WRONGTYPE);
    assertThat(
            reason(
                new JedisDataException(
                    "MISCONF Redis is configured to save RDB snapshots, but it's currently unable"
                        + " to persist to disk.")))
        .contains(Reason.MISCONF);
    assertThat(reason(new JedisDataException("ERR wrong number of arguments for 'set' command")))
        .contains(Reason.OTHER);
    assertThat(reason(new JedisValidationException("bad argument"))).contains(Reason.CLIENT);
    for (Reason r :
        new Reason[] {
          Reason.NOPERM,
          Reason.AUTH,
          Reason.OOM,
          Reason.SCRIPT,
          Reason.WRONGTYPE,
          Reason.MISCONF,
          Reason.CLIENT,
          Reason.OTHER
        }) {
      assertThat(r.kind()).as(r.label()).isEqualTo(Kind.FATAL);
    }
  }

  @Test
  void theConnectionTimeoutsThePoolAndAFailoverAreTransient() {
    assertThat(reason(new JedisConnectionException(new ConnectException("Connection refused"))))
        .contains(Reason.CONNECTION);
    assertThat(reason(new JedisConnectionException(new SocketTimeoutException("Read timed out"))))
        .contains(Reason.TIMEOUT);
    assertThat(
            reason(
                new JedisException(
                    "Could not get a resource from the pool",
                    new NoSuchElementException("Timeout waiting for idle object"))))
        .contains(Reason.POOL);
    assertThat(reason(new JedisDataException("LOADING Redis is loading the dataset in memory")))
        .contains(Reason.LOADING);
    assertThat(
            reason(new JedisDataException("READONLY You can't write against a read only replica.")))
        .contains(Reason.READONLY);
    assertThat(
            reason(
                new JedisDataException(
                    "MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to"
                        + " 'no'.")))
        .contains(Reason.FAILOVER);
    assertThat(reason(new JedisClusterException("CLUSTERDOWN The cluster is down")))
        .contains(Reason.FAILOVER);
    assertThat(
            reason(
                new JedisBusyException(
                    "BUSY Redis is busy running a script. You can only call SCRIPT KILL or"
                        + " SHUTDOWN NOSAVE.")))
        .contains(Reason.BUSY);
    assertThat(reason(new JedisDataException("ERR max number of clients reached")))
        .contains(Reason.CONNECTION);
    assertThat(reason(new JedisException("something else"))).contains(Reason.UNKNOWN);
    for (Reason r :
        new Reason[] {
          Reason.CONNECTION,
          Reason.TIMEOUT,
          Reason.POOL,
          Reason.LOADING,
          Reason.READONLY,
          Reason.FAILOVER,
          Reason.BUSY,
          Reason.UNKNOWN
        }) {
      assertThat(r.kind()).as(r.label()).isEqualTo(Kind.TRANSIENT);
    }
  }

  @Test
  void aWrappedRedisFailureIsFoundAndAnythingElseIsNotRedis() {
    assertThat(
            reason(
                new IllegalStateException(
                    "claim failed",
                    new JedisAccessControlException("NOPERM this user has no permissions"))))
        .contains(Reason.NOPERM);
    assertThat(reason(new UncheckedIOException(new IOException("disk")))).isEmpty();
    assertThat(reason(new NullPointerException())).isEmpty();
  }

  @Test
  void labelsAreLowerCaseWords() {
    assertThat(Reason.NOPERM.label()).isEqualTo("noperm");
    assertThat(Kind.FATAL.label()).isEqualTo("fatal");
    assertThat(Kind.TRANSIENT.label()).isEqualTo("transient");
  }

  private static Optional<Reason> reason(Throwable failure) {
    return RedisErrors.classify(failure);
  }
}
