package io.wxrelay.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisConnectionException;

class InfrastructureFailuresTest {
  @Test
  void redisKafkaAndTheNetworkAreInfrastructureAlsoWhenWrapped() {
    assertThat(InfrastructureFailures.test(new JedisConnectionException("Redis away"))).isTrue();
    assertThat(InfrastructureFailures.test(new TimeoutException("no broker"))).isTrue();
    assertThat(
            InfrastructureFailures.test(
                new IllegalStateException("wrapped", new UncheckedIOException(new IOException()))))
        .isTrue();
  }

  @Test
  void aBugARecordTriggersIsNot() {
    assertThat(InfrastructureFailures.test(new NullPointerException())).isFalse();
    assertThat(InfrastructureFailures.test(new IllegalArgumentException("bad"))).isFalse();
  }

  @Test
  void kafkaRefusingWhatTheRecordMadeIsTheRecordsOwnAndNoRetryChangesIt() {
    assertThat(
            InfrastructureFailures.test(
                new KafkaException(
                    "publishing to wechat.commands.dlq failed",
                    new RecordTooLargeException("1400000 bytes"))))
        .isFalse();
  }
}
