package io.wxrelay.worker.failures;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wxrelay.kit.admin.Health;
import io.wxrelay.worker.consume.Failures.Verdict;
import io.wxrelay.worker.metrics.WorkerMeters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

class RedisTroubleTest {
  private static final String NOPERM_WITH_A_KEY =
      "NOPERM User worker has no permissions to access the 'wxrelay:worker:result:cmd-4711' key";

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final RedisTrouble trouble =
      new RedisTrouble(
          e -> e instanceof UncheckedIOException,
          new RedisTrouble.Settings(Duration.ofSeconds(7)),
          new WorkerMeters.Recorder(registry));

  @Test
  void aRefusalOnlyAHumanCanFixHoldsTheCommandAndTurnsReadinessDownAtOnce() {
    Object command = new Object();
    assertThat(blocked()).isZero();
    assertThat(trouble.health().up()).isTrue();

    Verdict verdict =
        trouble.judge(
            command, new IllegalStateException(new JedisAccessControlException(NOPERM_WITH_A_KEY)));

    assertThat(verdict).isEqualTo(Verdict.HELD);
    assertThat(trouble.heldBackoff()).isEqualTo(Duration.ofSeconds(7));
    assertThat(errors("fatal", "noperm")).isEqualTo(1.0);
    assertThat(blocked()).isEqualTo(1.0);
    Health health = trouble.health();
    assertThat(health.up()).isFalse();
    assertThat(health.detail()).contains("noperm").doesNotContain("cmd-4711", "worker has");
  }

  @Test
  void theNextSuccessOfEveryHeldCommandClearsTheState() {
    Object first = new Object();
    Object second = new Object();
    trouble.judge(first, new JedisAccessControlException(NOPERM_WITH_A_KEY));
    trouble.judge(
        second, new JedisDataException("OOM command not allowed when used memory > 'maxmemory'."));
    assertThat(trouble.health().detail()).contains("noperm,oom");

    trouble.settled(first);
    assertThat(blocked()).as("oom still holds one").isEqualTo(1.0);
    assertThat(trouble.health().detail()).contains("oom").doesNotContain("noperm");

    trouble.settled(second);
    assertThat(blocked()).isZero();
    assertThat(trouble.health().up()).isTrue();
    trouble.settled(second); // settling twice changes nothing
    assertThat(blocked()).isZero();
  }

  @Test
  void aTransientRedisErrorIsRetriedAsBeforeAndCountedWithoutHoldingAnything() {
    Object command = new Object();
    Verdict verdict =
        trouble.judge(
            command, new JedisConnectionException(new ConnectException("Connection refused")));

    assertThat(verdict).isEqualTo(Verdict.TRANSIENT);
    assertThat(errors("transient", "connection")).isEqualTo(1.0);
    assertThat(blocked()).isZero();
    assertThat(trouble.health().up()).isTrue();
  }

  @Test
  void failuresThatAreNotRedisAreJudgedByTheInfrastructureRuleAndNotCounted() {
    assertThat(trouble.judge(new Object(), new UncheckedIOException(new IOException("net"))))
        .isEqualTo(Verdict.TRANSIENT);
    assertThat(trouble.judge(new Object(), new IllegalArgumentException("a bug")))
        .isEqualTo(Verdict.RECORD);
    assertThat(registry.find("wxrelay.worker.redis.errors").counters()).isEmpty();
    assertThat(blocked()).isZero();
  }

  private double errors(String kind, String reason) {
    var counter =
        registry.find("wxrelay.worker.redis.errors").tags("kind", kind, "reason", reason).counter();
    return counter == null ? 0 : counter.count();
  }

  private double blocked() {
    return registry.get("wxrelay.worker.redis.blocked").gauge().value();
  }
}
