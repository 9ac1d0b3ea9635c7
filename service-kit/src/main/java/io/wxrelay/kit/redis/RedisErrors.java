package io.wxrelay.kit.redis;

import java.net.SocketTimeoutException;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.exceptions.InvalidURIException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisValidationException;

/**
 * What a Jedis failure is (decision 0026): transient (the connection, a timeout, a failover, a
 * loading or busy server: it passes by itself, so trying again is right) or fatal (a refusal that
 * no retry changes until someone acts: a missing ACL permission, a wrong password, memory full, a
 * broken script, a key of the wrong type, a server that cannot persist). Redis says which in the
 * first word of its error reply; Jedis turns some of those words into subclasses of {@link
 * JedisDataException} ({@code JedisAccessControlException}, {@code JedisNoScriptException}, {@code
 * JedisBusyException}, {@code JedisClusterException}), the others stay plain data exceptions, and
 * everything on the way to the server is a {@link JedisConnectionException}.
 *
 * <p>The reason is a small fixed set, fit for a metric label and a health detail: it never carries
 * the server's message, which may name a user or a key.
 */
public final class RedisErrors {
  private static final int MAX_CAUSES = 20;

  private RedisErrors() {}

  /** Whether trying again can help. */
  public enum Kind {
    TRANSIENT,
    FATAL;

    /** The metric label: {@code transient} or {@code fatal}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Why, in a word; each reason has one kind. */
  public enum Reason {
    CONNECTION(Kind.TRANSIENT),
    TIMEOUT(Kind.TRANSIENT),
    POOL(Kind.TRANSIENT),
    LOADING(Kind.TRANSIENT),
    READONLY(Kind.TRANSIENT),
    FAILOVER(Kind.TRANSIENT),
    BUSY(Kind.TRANSIENT),
    UNKNOWN(Kind.TRANSIENT),
    NOPERM(Kind.FATAL),
    AUTH(Kind.FATAL),
    OOM(Kind.FATAL),
    SCRIPT(Kind.FATAL),
    WRONGTYPE(Kind.FATAL),
    MISCONF(Kind.FATAL),
    CLIENT(Kind.FATAL),
    OTHER(Kind.FATAL);

    private final Kind kind;

    Reason(Kind kind) {
      this.kind = kind;
    }

    public Kind kind() {
      return kind;
    }

    /** The metric label and health word, e.g. {@code noperm}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The reason of {@code failure} when it is, or is caused by, a Jedis failure; empty when Redis
   * has nothing to do with it. A reply of the server anywhere in the causes wins over the
   * connection exception that may wrap it (a refused AUTH while a pooled connection is made).
   */
  public static Optional<Reason> classify(Throwable failure) {
    @Nullable JedisException outermost = null;
    int depth = 0;
    for (Throwable t = failure; t != null && depth < MAX_CAUSES; t = t.getCause(), depth++) {
      if (t instanceof JedisDataException reply) {
        return Optional.of(ofReply(String.valueOf(reply.getMessage())));
      }
      if (outermost == null && t instanceof JedisException jedis) {
        outermost = jedis;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return outermost == null ? Optional.empty() : Optional.of(onTheWay(outermost));
  }

  /** The reason of an error reply, from its first word (and for ERR, from what follows). */
  static Reason ofReply(String message) {
    int space = message.indexOf(' ');
    String code = (space < 0 ? message : message.substring(0, space)).toUpperCase(Locale.ROOT);
    return switch (code) {
      case "NOPERM" -> Reason.NOPERM;
      case "NOAUTH", "WRONGPASS" -> Reason.AUTH;
      case "OOM" -> Reason.OOM;
      case "WRONGTYPE" -> Reason.WRONGTYPE;
      case "MISCONF" -> Reason.MISCONF;
      case "NOSCRIPT" -> Reason.SCRIPT; // the ledger sends a script Redis lacks: NOSCRIPT stays
      case "LOADING" -> Reason.LOADING;
      case "READONLY" -> Reason.READONLY;
      case "MASTERDOWN", "CLUSTERDOWN", "TRYAGAIN", "NOREPLICAS", "MOVED", "ASK" -> Reason.FAILOVER;
      case "BUSY" -> Reason.BUSY;
      case "ERR" -> ofErr(message);
      default -> Reason.OTHER;
    };
  }

  private static Reason ofErr(String message) {
    String lower = message.toLowerCase(Locale.ROOT);
    if (lower.contains("max number of clients reached")) {
      return Reason.CONNECTION;
    }
    if (lower.contains("the user executing the script can't")) {
      return Reason.NOPERM; // an ACL refusal inside a script (Redis 7)
    }
    if (lower.contains("script")) {
      return Reason.SCRIPT;
    }
    return Reason.OTHER;
  }

  /** The reason of a failure before or without a reply: the connection, the pool, the client. */
  private static Reason onTheWay(JedisException failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SocketTimeoutException) {
        return Reason.TIMEOUT;
      }
      if (t instanceof NoSuchElementException) {
        return Reason.POOL; // the pool had no connection to lend in time
      }
    }
    if (failure instanceof JedisConnectionException) {
      return Reason.CONNECTION;
    }
    if (failure instanceof JedisValidationException || failure instanceof InvalidURIException) {
      return Reason.CLIENT;
    }
    return Reason.UNKNOWN;
  }
}
