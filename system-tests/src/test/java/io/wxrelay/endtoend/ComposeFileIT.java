package io.wxrelay.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.wxrelay.gateway.CallbackGateway;
import io.wxrelay.gateway.GatewayConfig;
import io.wxrelay.images.ImageTarball;
import io.wxrelay.kit.admin.Probe;
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
import io.wxrelay.sim.WeChatSim;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import io.wxrelay.testkit.TopicReader;
import io.wxrelay.token.TokenService;
import io.wxrelay.token.TokenServiceConfig;
import io.wxrelay.worker.SendWorker;
import io.wxrelay.worker.WorkerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml without a Docker engine (there is none here): each service of ours (an image
 * {@code wxrelay/...}) is configured from the environment the file gives it, its published ports
 * are checked against what it listens on and its image's entrypoint and exposed ports against the
 * image the build made, its health check, restart policy and stop grace period against what the
 * service serves, and then all of them run together in this JVM and a newcomer scans a QR code
 * through them.
 *
 * <p>What a container would see differently is all that changes: the addresses of kafka, redis,
 * wechat-sim and callback-gateway, binds on 0.0.0.0 (loopback here) and ports (free ones, as two
 * token-service replicas share one port in their containers). So that the test can share the broker
 * and Redis with others, topics, key prefixes and consumer groups get names of their own (its keys
 * are removed afterwards). The file's YAML merge keys are resolved as Compose resolves them; images
 * are not built.
 *
 * <p>What scripts/compose-secrets.sh writes beside the file stands in as Compose would read it:
 * {@code ${VAR}} is interpolated from this test's values (a random REDIS_PASSWORD), each secret
 * mounted at {@code /run/secrets/<name>} is a file of random content in a temporary folder, and the
 * whole Redis URL of the file (password included) maps to the test's Redis.
 */
@ExtendWith(RealInfrastructure.class)
class ComposeFileIT {
  private static final Path ROOT = Path.of("..");
  private static final String APPID = SimConfig.DEFAULT_APPID;
  private static final ContractCodec CODEC = ContractCodec.create();
  private static final Pattern COMPOSE_HOST =
      Pattern.compile(
          "(//|^|@)(kafka|redis|wechat-sim|callback-gateway|token-service-\\d)(:\\d|/|$)");
  private static final Pattern SECRET_PATH = Pattern.compile("/run/secrets/([\\w.-]+)");
  private static final Pattern LOOPBACK_PORT = Pattern.compile("127\\.0\\.0\\.1:\\d+:\\d+");

  /** What Compose would read from the .env that scripts/compose-secrets.sh writes. */
  private static final Map<String, String> DOT_ENV =
      Map.of(
          "REDIS_PASSWORD", UUID.randomUUID().toString().replace("-", ""), "SECRETS_UID", "1000");

  private static final String BEARER_SECRET = "/run/secrets/token-api-bearer";

  @TempDir static Path secretsDir;

  /** One of wxrelay's own services in the file. */
  private record Built(
      String name,
      String image,
      String context,
      Map<String, String> environment,
      List<Integer> containerPorts,
      List<String> secrets) {}

  @Test
  void everyPublishedPortIsOneItsServiceListensOnForOtherContainersToo() throws IOException {
    Map<String, String> secrets = secretFiles();
    for (Built service : builtServices()) {
      Map<String, String> environment = new HashMap<>();
      service
          .environment()
          .forEach((name, value) -> environment.put(name, secrets.getOrDefault(value, value)));
      Map<Integer, String> listeners = listeners(service, Env.of(environment));
      assertThat(service.containerPorts())
          .as("%s publishes only ports it listens on (%s)", service.name(), listeners)
          .isNotEmpty()
          .allSatisfy(port -> assertThat(listeners).containsKey(port));
      service
          .containerPorts()
          .forEach(
              port ->
                  assertThat(listeners.get(port))
                      .as("%s binds its published port %d for the host to reach", service, port)
                      .isEqualTo("0.0.0.0"));
    }
  }

  @Test
  void everyImageRunsAMainClassAndExposesThePortsTheFilePublishes(@TempDir Path dir)
      throws Exception {
    for (Built service : builtServices()) {
      String module = service.context().substring(2);
      ImageTarball image = ImageTarball.open(ImageTarball.of(module), dir.resolve(service.name()));
      assertThat(image.repoTags()).as(service.name()).contains(service.image());
      List<String> entrypoint = image.entrypoint();
      assertThat(Class.forName(entrypoint.getLast()).getMethod("main", String[].class)).isNotNull();
      List<Integer> exposed =
          image.exposedPorts().stream().map(p -> Integer.valueOf(p.replace("/tcp", ""))).toList();
      assertThat(exposed).as(service.name()).containsAll(service.containerPorts());
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void ourServicesAreHealthCheckedRestartedGatedOnHealthAndGivenTimeToDrain() throws IOException {
    Map<String, Map<String, Object>> services = services();
    for (Built service : builtServices()) {
      Map<String, Object> spec = services.get(service.name());
      assertThat(spec).as(service.name()).containsEntry("restart", "unless-stopped");
      assertThat(spec).as(service.name()).containsEntry("read_only", true);
      assertThat(String.valueOf(spec.get("stop_grace_period")))
          .as("%s's stop_grace_period", service.name())
          .matches("\\d+s");
      List<String> probe =
          (List<String>) ((Map<String, Object>) spec.get("healthcheck")).get("test");
      assertThat(probe.subList(0, 5))
          .as("%s's healthcheck runs the image's Probe", service.name())
          .containsExactly("CMD", "java", "-cp", "@/app/jib-classpath-file", Probe.class.getName());
      assertThat(URI.create(probe.get(5)))
          .as("%s's healthcheck asks what it serves", service.name())
          .isEqualTo(healthUrl(service));
    }
    services.forEach(
        (name, spec) -> {
          assertThat(spec).as(name).containsKey("restart");
          Object dependsOn = spec.getOrDefault("depends_on", Map.of());
          assertThat(dependsOn)
              .as("%s's depends_on names a condition for each", name)
              .isInstanceOf(Map.class);
          ((Map<String, Map<String, String>>) dependsOn)
              .forEach(
                  (on, condition) -> {
                    assertThat(condition.get("condition"))
                        .as("%s waits for %s", name, on)
                        .isIn("service_healthy", "service_started");
                    if ("service_healthy".equals(condition.get("condition"))) {
                      assertThat(services.get(on)).as(on).containsKey("healthcheck");
                    }
                  });
        });
  }

  /** The URL inside the container that answers 200 when {@code service} is ready. */
  private static URI healthUrl(Built service) throws IOException {
    Map<String, String> secrets = secretFiles();
    Map<String, String> environment = new HashMap<>();
    service
        .environment()
        .forEach((name, value) -> environment.put(name, secrets.getOrDefault(value, value)));
    Env env = Env.of(environment);
    int admin =
        switch (service.context()) {
          case "./wechat-sim" -> -1;
          case "./token-service" -> TokenServiceConfig.fromEnv(env).admin().port();
          case "./callback-gateway" -> GatewayConfig.fromEnv(env).admin().port();
          case "./send-worker" -> WorkerConfig.fromEnv(env).admin().port();
          default -> throw new AssertionError("a service this test does not know: " + service);
        };
    return admin < 0
        ? URI.create("http://127.0.0.1:" + SimConfig.fromEnv(env).port() + "/sim/apps")
        : URI.create("http://127.0.0.1:" + admin + "/health/ready");
  }

  @Test
  void aNewcomerScansAQrCodeThroughTheComposedServices(KafkaEndpoint kafka, RedisEndpoint redis)
      throws Exception {
    Map<String, Built> services = new LinkedHashMap<>();
    builtServices().forEach(s -> services.put(s.name(), s));
    assertThat(services)
        .containsOnlyKeys(
            "wechat-sim",
            "token-service-1",
            "token-service-2",
            "callback-gateway",
            "send-worker-1",
            "send-worker-2");
    Map<String, String> isolation = isolation(redis);
    // Each address as the other containers reach it: the broker's INTERNAL listener, Redis's
    // default port, and the port the gateway and the simulator listen on by their environment.
    Map<String, String> addresses = new HashMap<>(secretFiles());
    addresses.put(kafkaInternalListener(), kafka.bootstrapServers());
    addresses.put(composeRedisUrl(services.values()), redis.url().toString());
    int gatewayPort =
        GatewayConfig.fromEnv(Env.of(services.get("callback-gateway").environment())).port();
    int simPort = SimConfig.fromEnv(Env.of(services.get("wechat-sim").environment())).port();

    Deque<AutoCloseable> running = new ArrayDeque<>();
    try {
      // In the order of depends_on; the simulator after the gateway, whose port it pushes to.
      CallbackGateway gateway =
          CallbackGateway.start(
              GatewayConfig.fromEnv(env(services.get("callback-gateway"), addresses, isolation)),
              Clock.systemUTC());
      running.push(gateway);
      addresses.put("http://callback-gateway:" + gatewayPort, "http://127.0.0.1:" + gateway.port());
      WeChatSim sim =
          WeChatSim.start(SimConfig.fromEnv(env(services.get("wechat-sim"), addresses, isolation)));
      running.push(sim);
      addresses.put("http://wechat-sim:" + simPort, sim.baseUrl());
      startTokenServicesAndWorkers(services, addresses, isolation, running);
      String id = "compose-qr-" + UUID.randomUUID();
      String reply = "Welcome, " + id;
      CloudEvent<?> command =
          CloudEvent.of(
              EventType.QRCODE_CREATE,
              id,
              "/compose",
              APPID,
              Instant.now(),
              new QrCodeCreate(QrScene.of("compose-" + id), 600, null, CustomMessage.text(reply)));
      CommandResult created = send(kafka, isolation, command);
      assertThat(created.status()).as(created.toString()).isEqualTo(CommandResult.Status.SUCCEEDED);

      Newcomers.scanAndExpectReply(sim, APPID, created, reply);
    } finally {
      while (!running.isEmpty()) {
        running.pop().close();
      }
      for (String prefix :
          List.of("TOKEN_REDIS_PREFIX", "GATEWAY_DEDUPE_PREFIX", "WORKER_REDIS_PREFIX")) {
        redis.deleteUnder(isolation.get(prefix));
      }
    }
  }

  @Test
  void everyPublishedPortOfEveryServiceIsBoundToLoopbackOnly() throws IOException {
    Map<String, Map<String, Object>> services = services();
    assertThat(services).containsKeys("kafka", "redis", "prometheus", "grafana");
    services.forEach(
        (name, service) -> {
          assertThat(service)
              .as("%s uses the host's network", name)
              .doesNotContainKey("network_mode");
          Object ports = service.getOrDefault("ports", List.of());
          assertThat(ports).as("%s's ports", name).isInstanceOf(List.class);
          assertThat((List<?>) ports)
              .as("%s publishes every port on 127.0.0.1 only (\"127.0.0.1:host:container\")", name)
              .allSatisfy(
                  port ->
                      assertThat(port)
                          .isInstanceOfSatisfying(
                              String.class, p -> assertThat(p).matches(LOOPBACK_PORT)));
        });
    assertThat(services.values().stream().filter(s -> s.containsKey("ports")).count())
        .as("services that publish ports")
        .isEqualTo(services.size());
  }

  @Test
  @SuppressWarnings("unchecked")
  void redisRequiresThePasswordThatEveryServicesUrlCarries() throws IOException {
    Map<String, Object> redis = services().get("redis");
    String password = DOT_ENV.get("REDIS_PASSWORD");
    assertThat((Map<String, Object>) redis.get("environment"))
        .containsEntry("REDIS_PASSWORD", password);
    assertThat(String.join(" ", (List<String>) redis.get("command")))
        .contains("redis-server --requirepass \"$REDIS_PASSWORD\"")
        .contains("--appendonly yes")
        .contains("--maxmemory-policy noeviction");
    List<String> health =
        (List<String>) ((Map<String, Object>) redis.get("healthcheck")).get("test");
    assertThat(String.join(" ", health))
        .contains("REDISCLI_AUTH=\"$REDIS_PASSWORD\" redis-cli ping");
    String url = composeRedisUrl(builtServices());
    assertThat(URI.create(url).getUserInfo()).isEqualTo(":" + password);
    assertThat(URI.create(url).getHost()).isEqualTo("redis");
    assertThat(
            catchThrowable(
                () ->
                    ComposeInterpolation.interpolate(
                        Files.readString(ROOT.resolve("docker-compose.yml")),
                        Map.of("SECRETS_UID", "1000"))))
        .as("without REDIS_PASSWORD the file is refused, naming what writes it")
        .hasMessageContaining("REDIS_PASSWORD")
        .hasMessageContaining("scripts/compose-secrets.sh");
  }

  @Test
  @SuppressWarnings("unchecked")
  void secretsComeFromFilesAndGrafanaHasNoAnonymousViewers() throws IOException {
    assertThat(secretFiles()).containsKeys(BEARER_SECRET, "/run/secrets/grafana-admin-password");
    Built tokens =
        builtServices().stream()
            .filter(s -> s.context().equals("./token-service"))
            .findFirst()
            .orElseThrow();
    assertThat(tokens.secrets()).contains("token-api-bearer");
    assertThat(tokens.environment())
        .doesNotContainKey("TOKEN_API_BEARER")
        .containsEntry("TOKEN_API_BEARER_FILE", BEARER_SECRET);
    Map<String, Object> grafana = services().get("grafana");
    Map<String, Object> env = (Map<String, Object>) grafana.get("environment");
    assertThat(env)
        .containsEntry("GF_AUTH_ANONYMOUS_ENABLED", "false")
        .containsEntry("GF_SECURITY_ADMIN_PASSWORD__FILE", "/run/secrets/grafana-admin-password")
        .doesNotContainKey("GF_SECURITY_ADMIN_PASSWORD")
        .doesNotContainKey("GF_AUTH_ANONYMOUS_ORG_ROLE");
    assertThat((List<String>) grafana.get("secrets")).contains("grafana-admin-password");
  }

  /** token-service (its API open to the bearer of its secret only), then the workers. */
  private static void startTokenServicesAndWorkers(
      Map<String, Built> services,
      Map<String, String> addresses,
      Map<String, String> isolation,
      Deque<AutoCloseable> running)
      throws Exception {
    for (String name : List.of("token-service-1", "token-service-2")) {
      TokenService tokens =
          TokenService.start(
              TokenServiceConfig.fromEnv(env(services.get(name), addresses, isolation)),
              InstantSource.system());
      running.push(tokens);
      assertBearerFromSecretOpensTheApi(
          tokens.apiPort(), Files.readString(Path.of(addresses.get(BEARER_SECRET))));
    }
    for (String name : List.of("send-worker-1", "send-worker-2")) {
      running.push(
          SendWorker.start(
              WorkerConfig.fromEnv(env(services.get(name), addresses, isolation)),
              Clock.systemUTC()));
    }
  }

  /** Produces {@code command} and waits for its terminal result. */
  private static CommandResult send(
      KafkaEndpoint kafka, Map<String, String> isolation, CloudEvent<?> command) throws Exception {
    Map<String, Object> props =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    TopicReader results =
        new TopicReader(kafka.bootstrapServers(), isolation.get(Topic.RESULTS.envVar()));
    try (var producer = new KafkaProducer<String, byte[]>(props)) {
      producer
          .send(
              new ProducerRecord<>(
                  isolation.get(Topic.COMMANDS.envVar()), APPID, CODEC.encode(command)))
          .get(10, TimeUnit.SECONDS);
      await().atMost(Duration.ofSeconds(30)).until(() -> !results.values(command.id()).isEmpty());
      return (CommandResult) CODEC.decode(results.values(command.id()).getFirst()).data();
    } finally {
      results.close();
    }
  }

  /**
   * The service's environment from the file, as its container would get it, with the addresses
   * mapped to this test's, 0.0.0.0 to loopback, free ports, and this test's names.
   */
  private static Env env(
      Built service, Map<String, String> addresses, Map<String, String> isolation) {
    Map<String, String> env = new HashMap<>();
    service
        .environment()
        .forEach(
            (name, value) -> {
              Matcher secret = SECRET_PATH.matcher(value);
              while (secret.find()) {
                assertThat(service.secrets())
                    .as("%s=%s of %s names a secret it mounts", name, value, service.name())
                    .contains(secret.group(1));
              }
              String mapped = value;
              for (var address : addresses.entrySet()) {
                mapped = mapped.replace(address.getKey(), address.getValue());
              }
              assertThat(COMPOSE_HOST.matcher(mapped).find())
                  .as("%s=%s of %s names an address this test cannot map", name, value, service)
                  .isFalse();
              env.put(name, "0.0.0.0".equals(mapped) ? "127.0.0.1" : mapped);
            });
    for (String port : List.of("ADMIN_PORT", "SIM_PORT", "TOKEN_API_PORT", "GATEWAY_PORT")) {
      env.put(port, "0");
    }
    env.putAll(isolation);
    return Env.of(env);
  }

  /**
   * /run/secrets/&lt;name&gt; → a file of random content for each secret the file declares, all
   * from ./secrets/ as scripts/compose-secrets.sh writes them (mode 0600).
   */
  @SuppressWarnings("unchecked")
  private static Map<String, String> secretFiles() throws IOException {
    Map<String, Map<String, Object>> declared =
        (Map<String, Map<String, Object>>) file().getOrDefault("secrets", Map.of());
    Map<String, String> files = new HashMap<>();
    SecureRandom random = new SecureRandom();
    for (var secret : declared.entrySet()) {
      assertThat(secret.getValue())
          .as("secret %s", secret.getKey())
          .containsEntry("file", "./secrets/" + secret.getKey());
      Path file = secretsDir.resolve(secret.getKey());
      if (!Files.exists(file)) {
        byte[] value = new byte[32];
        random.nextBytes(value);
        Files.writeString(
            Files.createFile(
                file,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
            HexFormat.of().formatHex(value));
      }
      files.put("/run/secrets/" + secret.getKey(), file.toString());
    }
    return files;
  }

  /** The one REDIS_URL every built service that uses Redis is given. */
  private static String composeRedisUrl(Iterable<Built> services) {
    List<String> urls = new java.util.ArrayList<>();
    services.forEach(
        s -> {
          if (s.environment().containsKey("REDIS_URL")) {
            urls.add(s.environment().get("REDIS_URL"));
          }
        });
    assertThat(urls).as("REDIS_URL of the services").isNotEmpty();
    assertThat(Set.copyOf(urls)).as("one REDIS_URL for all").hasSize(1);
    return urls.getFirst();
  }

  /** The token API answers the bearer of its secret file and no other (nor none). */
  private static void assertBearerFromSecretOpensTheApi(int port, String bearer) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      URI uri = URI.create("http://127.0.0.1:" + port + "/v1/apps/" + APPID + "/token");
      for (String header : List.of("", "Bearer wrong-" + bearer, "Bearer " + bearer)) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5));
        if (!header.isEmpty()) {
          request.header("Authorization", header);
        }
        int status =
            http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (header.equals("Bearer " + bearer)) {
          assertThat(status).as("the bearer of the secret").isIn(200, 503);
        } else {
          assertThat(status).as("no or another bearer").isEqualTo(401);
        }
      }
    }
  }

  /** Names of this test's own: topics, key prefixes, consumer groups. */
  private static Map<String, String> isolation(RedisEndpoint redis) {
    String run = "compose-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> names = new HashMap<>();
    for (Topic topic : Topic.values()) {
      names.put(topic.envVar(), run + "." + topic.name().toLowerCase(Locale.ROOT));
    }
    names.put("TOKEN_REDIS_PREFIX", redis.uniquePrefix(run + "-token"));
    names.put("GATEWAY_DEDUPE_PREFIX", redis.uniquePrefix(run + "-gateway"));
    names.put("WORKER_REDIS_PREFIX", redis.uniquePrefix(run + "-worker"));
    names.put("WORKER_GROUP_ID", run + "-workers");
    names.put("WORKER_EVENTS_GROUP_ID", run + "-events");
    // Compose's workers start before any event; this test's topic is new, so reading it from the
    // start changes nothing but the race with the consumer's first assignment.
    names.put("WORKER_EVENTS_START", "earliest");
    return names;
  }

  /** host:port of the broker's listener for other containers, from the kafka service. */
  @SuppressWarnings("unchecked")
  private static String kafkaInternalListener() throws IOException {
    Map<String, Object> kafka = services().get("kafka");
    String advertised =
        (String) ((Map<String, Object>) kafka.get("environment")).get("KAFKA_ADVERTISED_LISTENERS");
    return Pattern.compile(",")
        .splitAsStream(advertised)
        .filter(l -> l.startsWith("INTERNAL://"))
        .map(l -> l.substring("INTERNAL://".length()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no INTERNAL listener in " + advertised));
  }

  /** Port → bind address of what the service built from {@code context} listens on. */
  private static Map<Integer, String> listeners(Built service, Env env) {
    Map<Integer, String> listeners = new HashMap<>();
    switch (service.context()) {
      case "./wechat-sim" -> {
        SimConfig c = SimConfig.fromEnv(env);
        listeners.put(c.port(), c.host());
      }
      case "./token-service" -> {
        TokenServiceConfig c = TokenServiceConfig.fromEnv(env);
        listeners.put(c.apiPort(), c.apiHost());
        listeners.put(c.admin().port(), c.admin().host());
      }
      case "./callback-gateway" -> {
        GatewayConfig c = GatewayConfig.fromEnv(env);
        listeners.put(c.port(), c.host());
        listeners.put(c.admin().port(), c.admin().host());
      }
      case "./send-worker" -> {
        WorkerConfig c = WorkerConfig.fromEnv(env);
        listeners.put(c.admin().port(), c.admin().host());
      }
      default -> throw new AssertionError("a service this test does not know: " + service);
    }
    return listeners;
  }

  /** wxrelay's own services in the file (their images are built here). */
  @SuppressWarnings("unchecked")
  private static List<Built> builtServices() throws IOException {
    return services().entrySet().stream()
        .filter(e -> String.valueOf(e.getValue().get("image")).startsWith("wxrelay/"))
        .map(
            e -> {
              Map<String, String> environment = new HashMap<>();
              ((Map<String, Object>) e.getValue().getOrDefault("environment", Map.of()))
                  .forEach((k, v) -> environment.put(k, String.valueOf(v)));
              List<Integer> ports =
                  ((List<String>) e.getValue().getOrDefault("ports", List.of()))
                      .stream()
                          .map(p -> Integer.valueOf(p.substring(p.lastIndexOf(':') + 1)))
                          .toList();
              List<String> secrets = (List<String>) e.getValue().getOrDefault("secrets", List.of());
              String image = (String) e.getValue().get("image");
              String context = "./" + image.substring("wxrelay/".length(), image.indexOf(':'));
              return new Built(e.getKey(), image, context, environment, ports, secrets);
            })
        .toList();
  }

  /** The file's services, with merge keys resolved as Compose resolves them. */
  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> services() throws IOException {
    return (Map<String, Map<String, Object>>) file().get("services");
  }

  /** The whole file, interpolated with {@link #DOT_ENV} as Compose would with its .env. */
  static Map<String, Object> file() throws IOException {
    String text = Files.readString(ROOT.resolve("docker-compose.yml"));
    return new Yaml().load(ComposeInterpolation.interpolate(text, DOT_ENV));
  }
}
