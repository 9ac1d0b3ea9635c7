package io.wxrelay.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wxrelay.gateway.CallbackGateway;
import io.wxrelay.gateway.GatewayConfig;
import io.wxrelay.kit.config.Env;
import io.wxrelay.schemas.CloudEvent;
import io.wxrelay.schemas.EventType;
import io.wxrelay.schemas.Topic;
import io.wxrelay.schemas.codec.ContractCodec;
import io.wxrelay.schemas.command.CustomMessage;
import io.wxrelay.schemas.command.QrCodeCreate;
import io.wxrelay.schemas.command.QrScene;
import io.wxrelay.schemas.outcome.CommandResult;
import io.wxrelay.sim.SimConfig;
import io.wxrelay.sim.SimConfig.AppSetup;
import io.wxrelay.sim.WeChatSim;
import io.wxrelay.sim.account.AppConfig;
import io.wxrelay.sim.account.Mode;
import io.wxrelay.testkit.SecretsApart;
import io.wxrelay.testkit.SecureBroker;
import io.wxrelay.testkit.SecureBroker.Principal;
import io.wxrelay.testkit.SecureRedis;
import io.wxrelay.testkit.SecureRedis.User;
import io.wxrelay.testkit.TopicReader;
import io.wxrelay.token.TokenService;
import io.wxrelay.token.TokenServiceConfig;
import io.wxrelay.worker.SendWorker;
import io.wxrelay.worker.WorkerConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay as production runs it: Kafka over SASL_SSL with ACLs, Redis over TLS with ACL users,
 * each service under its own principal and user and holding only its own secrets (the accounts
 * file's AppSecret for token-service alone, the callback token and AES key for the gateway alone).
 * An operator (the CLI's principal) writes a QR code command; the worker makes it with the token
 * token-service keeps; a newcomer scans the code; WeChat's encrypted push goes through the gateway
 * and the worker answers it, once. Then the gateway's principal is refused the commands topic.
 */
class SecureRelayIT {
  private static final ContractCodec CODEC = ContractCodec.create();
  private static final String APPID = SecretsApart.APPID;
  private static final String SECRET = "secure-secret-0123456789abcdef01";
  private static final String CALLBACK_TOKEN = "secureToken42";

  @Test
  void aCommandAndAPushRunEndToEndWithEachServiceOnlyItsOwnCredentials(@TempDir Path dir)
      throws Exception {
    AppConfig app = AppConfig.simple(APPID, SECRET);
    Deque<AutoCloseable> running = new ArrayDeque<>();
    try (SecureBroker kafka = SecureBroker.start();
        SecureRedis redis = SecureRedis.start();
        WeChatSim sim =
            WeChatSim.start(SimConfig.forTests().withApps(List.of(new AppSetup(app, 20, 2))))) {
      try {
        startRelay(kafka, redis, sim, app, SecretsApart.in(dir), running);

        String id = "secure-qr-" + UUID.randomUUID();
        String reply = "Welcome, " + id;
        CommandResult created = sendAsOperator(kafka, command(id, reply));
        assertThat(created.status())
            .as(created.toString())
            .isEqualTo(CommandResult.Status.SUCCEEDED);
        Newcomers.scanAndExpectReply(sim, APPID, created, reply);

        assertThatThrownBy(() -> write(kafka.clientConfig(Principal.GATEWAY), command(id, reply)))
            .as("the gateway's principal writes events only")
            .hasRootCauseInstanceOf(TopicAuthorizationException.class);
      } finally {
        while (!running.isEmpty()) {
          running.pop().close();
        }
      }
    }
  }

  /**
   * token-service with the AppSecret only, the gateway with the callback token and key only, a
   * worker with no secret; each on its own Kafka principal and Redis user.
   */
  private static void startRelay(
      SecureBroker kafka,
      SecureRedis redis,
      WeChatSim sim,
      AppConfig app,
      SecretsApart accounts,
      Deque<AutoCloseable> running) {
    Map<String, String> common = Map.of("ADMIN_PORT", "0", "WECHAT_API_BASE", sim.baseUrl());
    running.push(
        TokenService.start(
            TokenServiceConfig.fromEnv(
                env(common, accounts.withAppSecret(SECRET), redis.env(User.TOKEN_SERVICE))),
            InstantSource.system()));
    CallbackGateway gateway =
        CallbackGateway.start(
            GatewayConfig.fromEnv(
                env(
                    common,
                    accounts.withCallbackSecrets(CALLBACK_TOKEN),
                    redis.env(User.GATEWAY),
                    kafka.serviceEnv(Principal.GATEWAY),
                    Map.of("GATEWAY_PORT", "0"))),
            Clock.systemUTC());
    running.push(gateway);
    sim.accounts()
        .update(
            app.withCallback(
                "http://127.0.0.1:" + gateway.port() + "/wechat/" + APPID,
                CALLBACK_TOKEN,
                Mode.SAFE,
                SecretsApart.AES_KEY));
    running.push(
        SendWorker.start(
            WorkerConfig.fromEnv(
                env(
                    common,
                    accounts.withoutSecrets(),
                    redis.env(User.WORKER),
                    kafka.serviceEnv(Principal.WORKER),
                    Map.of(
                        "WECHAT_QR_IMAGE_BASE",
                        sim.baseUrl() + "/cgi-bin/showqrcode",
                        "WORKER_EVENTS_START",
                        "earliest"))),
            Clock.systemUTC()));
  }

  @SafeVarargs
  private static Env env(Map<String, String>... parts) {
    Map<String, String> env = new HashMap<>();
    for (Map<String, String> part : parts) {
      env.putAll(part);
    }
    return Env.of(env);
  }

  private static CloudEvent<?> command(String id, String reply) {
    return CloudEvent.of(
        EventType.QRCODE_CREATE,
        id,
        "/secure",
        APPID,
        Instant.now(),
        new QrCodeCreate(QrScene.of("secure-" + id), 600, null, CustomMessage.text(reply)));
  }

  /** Writes {@code command} as the CLI's principal and reads its result as the CLI does. */
  private static CommandResult sendAsOperator(SecureBroker kafka, CloudEvent<?> command)
      throws Exception {
    Properties cli = kafka.clientConfig(Principal.CLI);
    try (TopicReader results = TopicReader.assigned(cli, Topic.RESULTS.defaultName())) {
      write(cli, command);
      await().atMost(Duration.ofSeconds(60)).until(() -> results.has(command.id()));
      return (CommandResult) CODEC.decode(results.values(command.id()).getFirst()).data();
    }
  }

  private static void write(Properties client, CloudEvent<?> command)
      throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
    Properties props = new Properties();
    props.putAll(client);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
    try (var producer = new KafkaProducer<String, byte[]>(props)) {
      producer
          .send(new ProducerRecord<>(Topic.COMMANDS.defaultName(), APPID, CODEC.encode(command)))
          .get(20, TimeUnit.SECONDS);
    }
  }
}
