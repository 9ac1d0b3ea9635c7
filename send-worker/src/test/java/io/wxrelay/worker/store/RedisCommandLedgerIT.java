package io.wxrelay.worker.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.kit.config.RedisSettings;
import io.wxrelay.kit.redis.RedisClients;
import io.wxrelay.kit.redis.RedisPipeline;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import io.wxrelay.worker.ledger.CommandLedger.Claim;
import io.wxrelay.worker.ledger.CommandLedgerContract;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.RedisClient;

/**
 * The ledger's Redis scripts on a real Redis: the contract every ledger keeps, and what only the
 * Redis ledger offers (an operator's {@code forget}).
 */
@ExtendWith(RealInfrastructure.class)
class RedisCommandLedgerIT extends CommandLedgerContract {
  private static final Duration DEAD_RESULT_TTL = Duration.ofMinutes(30);

  private RedisEndpoint redis;
  private RedisClient client;
  private RedisPipeline pipeline;
  private String prefix;

  @BeforeEach
  void connect(RedisEndpoint redis) {
    this.redis = redis;
    this.client = RedisClients.create(new RedisSettings(redis.url(), 4, Duration.ofSeconds(2)));
    this.pipeline = new RedisPipeline(client, "ledger-it", Duration.ofSeconds(2));
    this.prefix = redis.uniquePrefix("ledger");
  }

  @AfterEach
  void clean() {
    redis.deleteUnder(prefix);
    pipeline.close();
    client.close();
  }

  @Override
  protected RedisCommandLedger ledger(Duration orderHold) {
    return new RedisCommandLedger(
        pipeline, prefix, Duration.ofMinutes(1), DEAD_RESULT_TTL, Duration.ofMinutes(1), orderHold);
  }

  @Override
  protected String head(String orderKey) {
    return client.lindex(prefix + "order:" + orderKey, 0);
  }

  @Override
  protected boolean forgot(String orderKey) {
    return !client.exists(prefix + "order:" + orderKey)
        && !client.exists(prefix + "order-due:" + orderKey);
  }

  @Test
  void aDeadResultIsKeptAsLongAsItsLetterAndAnyOtherForTheResultTtl() {
    RedisCommandLedger ledger = ledger(Duration.ofMinutes(1));
    ledger.claim("cmd-dead", null, "w1", LEASE);
    ledger.completeDead("cmd-dead", null, bytes("dead-result"));
    ledger.claim("cmd-ok", null, "w1", LEASE);
    ledger.complete("cmd-ok", null, bytes("ok-result"));

    assertThat(client.pttl(prefix + "cmd:cmd-dead"))
        .isBetween(DEAD_RESULT_TTL.minusMinutes(1).toMillis(), DEAD_RESULT_TTL.toMillis());
    assertThat(client.pttl(prefix + "cmd:cmd-ok")).isBetween(1L, Duration.ofMinutes(1).toMillis());
    assertThat(ledger.storedResult("cmd-dead"))
        .hasValueSatisfying(r -> assertThat(r).isEqualTo(bytes("dead-result")));
  }

  @Test
  void anOperatorForgetsADoneCommandOnlyWhileItsResultIsTheOneSeen() {
    RedisCommandLedger ledger = ledger(Duration.ofMinutes(1));
    assertThat(ledger.storedResult("cmd-f")).isEmpty();
    ledger.claim("cmd-f", null, "w1", LEASE);
    assertThat(ledger.storedResult("cmd-f")).as("claimed, not done").isEmpty();
    ledger.complete("cmd-f", null, bytes("dead-result"));
    assertThat(ledger.storedResult("cmd-f"))
        .hasValueSatisfying(r -> assertThat(r).isEqualTo(bytes("dead-result")));

    assertThat(ledger.forget("cmd-f", bytes("another-result"))).isFalse();
    assertThat(ledger.storedResult("cmd-f")).isPresent();
    assertThat(ledger.forget("cmd-f", bytes("dead-result"))).isTrue();

    assertThat(ledger.storedResult("cmd-f")).isEmpty();
    assertThat(ledger.claim("cmd-f", null, "w2", LEASE))
        .as("the same id is carried out anew")
        .isEqualTo(new Claim.Granted(false));
  }

  @Test
  void aRedisThatForgotTheScriptsIsSentThemAgainAndEveryStepIsKept() {
    RedisCommandLedger ledger = ledger(Duration.ofMinutes(1));
    client.scriptFlush(); // as after a restart without persistence, or a failover

    assertThat(ledger.claim("cmd-s", "key-s", "w1", LEASE)).isEqualTo(new Claim.Granted(false));
    ledger.stepDone("cmd-s", "upload", "media-1");
    ledger.stepDone("cmd-s", "upload", "media-2"); // a step is recorded once
    assertThat(ledger.stepsDone("cmd-s")).containsExactly(Map.entry("upload", "media-1"));
    assertThat(client.pttl(prefix + "steps:cmd-s")).isPositive();
    assertThat(ledger.complete("cmd-s", "key-s", bytes("ok"))).isEqualTo(bytes("ok"));
    assertThat(ledger.storedResult("cmd-s"))
        .hasValueSatisfying(r -> assertThat(r).isEqualTo(bytes("ok")));
  }
}
