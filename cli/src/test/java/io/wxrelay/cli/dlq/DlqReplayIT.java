package io.wxrelay.cli.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.cli.CliError;
import io.wxrelay.cli.CliRuns;
import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.schemas.outcome.DeadLetter;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import io.wxrelay.testkit.Shell;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./wxrelay dlq replay} as an operator runs it, on the real broker and Redis: a letter older
 * than the ledger keeps results, whose result is gone, is refused without {@code --force} (one
 * sentence with the reason and the id, exit code 1, nothing written) and replayed with it.
 */
@ExtendWith(RealInfrastructure.class)
class DlqReplayIT {
  private static final String APPID = "wx5823bf96d3bd56c7";
  private static final byte[] COMMAND =
      "{\"specversion\":\"1.0\",\"id\":\"it-dlq-old-1\"}".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  private KafkaEndpoint kafka;
  private RedisEndpoint redis;
  private String commands;
  private String dlq;
  private String prefix;
  private Map<String, String> env;

  @BeforeEach
  void setUp(KafkaEndpoint kafka, RedisEndpoint redis) {
    this.kafka = kafka;
    this.redis = redis;
    this.commands = kafka.createUniqueTopic("it-dlq-commands", 1);
    this.dlq = kafka.createUniqueTopic("it-dlq-letters", 1);
    this.prefix = redis.uniquePrefix("dlq-replay");
    env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("REDIS_URL", redis.url().toString());
    env.put("WXRELAY_TOPIC_COMMANDS", commands);
    env.put("WXRELAY_TOPIC_COMMANDS_DLQ", dlq);
    env.put("WORKER_REDIS_PREFIX", prefix);
    env.put("WXRELAY_RUN_DIR", dir.resolve("run").toString()); // no relay.env of a running relay
  }

  @AfterEach
  void clean() {
    redis.deleteUnder(prefix);
  }

  @Test
  void aLetterWhoseResultExpiredIsRefusedWithoutForceAndReplayedWithIt() throws Exception {
    writeLetter(answeredLetterOf31DaysAgo());

    Shell.Run refused = wxrelay("dlq", "replay", "--id", "it-dlq-old-1");

    assertThat(refused.exitCode()).as(refused.transcript()).isEqualTo(CliError.NOT_SUCCEEDED);
    assertThat(refused.out())
        .contains(
            "refuse  it-dlq-old-1: not replayed because the ledger no longer holds its result"
                + " (kept 30 days, WORKER_DEAD_RESULT_TTL")
        .contains("0 replayed, 1 refused");
    assertThat(recordsOn(commands)).as("nothing written without --force").isZero();

    Shell.Run forced = wxrelay("dlq", "replay", "--id", "it-dlq-old-1", "--force");

    assertThat(forced.exitCode()).as(forced.transcript()).isZero();
    assertThat(forced.out())
        .contains("force   it-dlq-old-1: replayed although the ledger no longer holds its result")
        .contains("replayed it-dlq-old-1 (stored result was none)");
    assertThat(recordsOn(commands)).isEqualTo(1);
  }

  @Test
  void theSameLetterWithinTheLedgersRetentionIsReplayedAsBefore() throws Exception {
    env.put("WORKER_DEAD_RESULT_TTL", "40d");
    writeLetter(answeredLetterOf31DaysAgo());

    Shell.Run run = wxrelay("dlq", "replay", "--id", "it-dlq-old-1");

    assertThat(run.exitCode()).as(run.transcript()).isZero();
    assertThat(run.out()).contains("replayed it-dlq-old-1").doesNotContain("force");
    assertThat(recordsOn(commands)).isEqualTo(1);
  }

  /** A letter of a command WeChat answered every attempt of, written 31 days ago. */
  private DeadLetter answeredLetterOf31DaysAgo() {
    return DeadLetter.gaveUp(
        DeadLetter.Reason.RETRIES_EXHAUSTED,
        "gave up after 5 attempts",
        "it-dlq-old-1",
        "wechat.custom.send",
        5,
        false,
        null,
        null,
        DeadLetter.Original.of(commands, 0, 7, APPID, COMMAND),
        Instant.now().minus(Duration.ofDays(31)));
  }

  private void writeLetter(DeadLetter letter) throws Exception {
    byte[] value =
        ContractCodec.create()
            .encode(
                CloudEvent.of(
                    EventType.COMMAND_DEADLETTER,
                    "dead-" + letter.commandId(),
                    "/wxrelay/send-worker",
                    APPID,
                    letter.failedAt(),
                    letter));
    Properties props = kafka.adminProperties();
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
      producer.send(new ProducerRecord<>(dlq, APPID, value)).get(15, TimeUnit.SECONDS);
    }
  }

  private Shell.Run wxrelay(String... args) {
    return CliRuns.wxrelay(env, args);
  }

  private long recordsOn(String topic) throws Exception {
    return CliRuns.recordsOn(kafka, topic);
  }
}
