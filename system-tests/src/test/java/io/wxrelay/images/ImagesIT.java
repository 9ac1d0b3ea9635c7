package io.wxrelay.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxrelay.sim.SimConfig;
import io.wxrelay.testkit.FreePort;
import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The images {@code ./mvnw -Pimages package} builds (the test command builds them): each tarball is
 * opened and its user, entrypoint, ports, labels and layers checked, then every service is started
 * from its image's own unpacked layers exactly as the entrypoint says (as the image's user, in
 * namespaces of its own) and must become ready against the real Kafka and Redis.
 */
@ExtendWith(RealInfrastructure.class)
class ImagesIT {
  /** The base the images were built on: scratch and our runtime unless -Dimage.base named one. */
  private static final String BASE = System.getProperty("wxrelay.image.base", "scratch");

  /** The version being built (system-tests' pom passes it). */
  private static final String VERSION =
      Objects.requireNonNull(
          System.getProperty("wxrelay.version"), "run through Maven: -Dwxrelay.version is unset");

  private final HttpClient http = HttpClient.newHttpClient();

  /** What each image must be: its ports, its collector, its main class. */
  enum Image {
    CALLBACK_GATEWAY(
        "callback-gateway",
        List.of("8080/tcp", "9102/tcp"),
        "-XX:+UseG1GC",
        "io.wxrelay.gateway.GatewayMain"),
    TOKEN_SERVICE(
        "token-service",
        List.of("8081/tcp", "9101/tcp"),
        "-XX:+UseSerialGC",
        "io.wxrelay.token.TokenServiceMain"),
    SEND_WORKER("send-worker", List.of("9103/tcp"), "-XX:+UseG1GC", "io.wxrelay.worker.WorkerMain"),
    WECHAT_SIM("wechat-sim", List.of("8089/tcp"), "-XX:+UseG1GC", "io.wxrelay.sim.SimMain"),
    CLI("cli", List.of(), "-XX:+UseSerialGC", "io.wxrelay.cli.main.WxRelay");

    final String module;
    final List<String> ports;
    final String collector;
    final String mainClass;

    Image(String module, List<String> ports, String collector, String mainClass) {
      this.module = module;
      this.ports = ports;
      this.collector = collector;
      this.mainClass = mainClass;
    }

    ImageTarball open(Path dir) {
      return ImageTarball.open(ImageTarball.of(module), dir);
    }
  }

  @ParameterizedTest
  @EnumSource(Image.class)
  void eachImageRunsAsANonRootUserWithContainerAwareFlagsItsPortsAndLabels(
      Image image, @TempDir Path dir) {
    ImageTarball tarball = image.open(dir);

    assertThat(tarball.repoTags()).containsExactly("wxrelay/" + image.module + ":" + VERSION);
    assertThat(tarball.user()).isEqualTo("65532:65532");
    assertThat(tarball.entrypoint())
        .startsWith("java")
        .contains("-XX:MaxRAMPercentage=70", "-XX:+ExitOnOutOfMemoryError", image.collector)
        .endsWith("-cp", "@/app/jib-classpath-file", image.mainClass);
    assertThat(tarball.exposedPorts()).containsExactlyInAnyOrderElementsOf(image.ports);
    assertThat(tarball.labels())
        .containsEntry("org.opencontainers.image.title", image.module)
        .containsEntry("org.opencontainers.image.version", VERSION)
        .containsEntry("org.opencontainers.image.base.name", BASE)
        .containsKey("org.opencontainers.image.description");
    assertThat(tarball.env()).containsEntry("JAVA_HOME", "/opt/java/openjdk");
    assertThat(tarball.config().path("created").asString()).isEqualTo("1970-01-01T00:00:00Z");
  }

  @ParameterizedTest
  @EnumSource(Image.class)
  void eachImageHoldsItsOwnRuntimeJarsOnlyWithFixedTimesAndRootOwnedFiles(
      Image image, @TempDir Path dir) {
    ImageTarball tarball = image.open(dir);
    List<String> entries =
        tarball.layers().stream().flatMap(l -> ImageTarball.listing(l).stream()).toList();

    assertThat(entries)
        .as("entries of " + image.module)
        .noneMatch(e -> e.contains("-tests.jar") || e.contains("/test-classes/"))
        .noneMatch(
            e -> e.matches(".*/(junit|assertj|awaitility|testcontainers|archunit)[^/]*\\.jar$"))
        .anyMatch(e -> e.endsWith("app/libs/service-kit-" + VERSION + ".jar"));
    if (BASE.equals("scratch")) { // every layer is ours: our runtime, our times, root's files
      assertThat(entries)
          .as("entries of " + image.module)
          .allSatisfy(e -> assertThat(e).contains(" 0/0 ").contains("1970-01-01 00:00"))
          .anyMatch(e -> e.startsWith("-rwxr-xr-x") && e.endsWith("opt/java/openjdk/bin/java"))
          .anyMatch(e -> e.startsWith("-rwxr-xr-x") && e.endsWith("lib64/ld-linux-x86-64.so.2"))
          .anyMatch(e -> e.endsWith("etc/ssl/certs/ca-certificates.crt"))
          .anyMatch(e -> e.startsWith("drwxrwxrwx") && e.endsWith(" tmp/"));
    }
  }

  @Test
  void theBaseLayersAreTheSameInEveryImage(@TempDir Path dir) {
    Map<String, List<String>> layers = new LinkedHashMap<>();
    for (Image image : Image.values()) {
      ImageTarball tarball = image.open(dir.resolve(image.module));
      layers.put(image.module, tarball.layers().stream().map(ImageTarball::digest).toList());
    }
    Set<String> shared = new HashSet<>(layers.values().iterator().next());
    layers.values().forEach(shared::retainAll);

    assertThat(shared).as("layers every image shares: " + layers).isNotEmpty();
    if (BASE.equals("scratch")) { // our runtime: the last layer of each, byte for byte the same
      layers.values().forEach(l -> assertThat(shared).contains(l.getLast()));
    }
  }

  @Test
  void theRelayStartsFromItsImagesAndBecomesReady(
      KafkaEndpoint kafka, RedisEndpoint redis, @TempDir Path dir) throws Exception {
    Relay relay = new Relay(kafka, redis, "images-" + UUID.randomUUID().toString().substring(0, 8));

    try (ImageRun wechat = start(Image.WECHAT_SIM, dir, relay.env(Image.WECHAT_SIM));
        ImageRun token = start(Image.TOKEN_SERVICE, dir, relay.env(Image.TOKEN_SERVICE));
        ImageRun gateway = start(Image.CALLBACK_GATEWAY, dir, relay.env(Image.CALLBACK_GATEWAY));
        ImageRun worker = start(Image.SEND_WORKER, dir, relay.env(Image.SEND_WORKER))) {
      awaitOk(URI.create(relay.sim() + "/sim/apps"), wechat);
      awaitOk(ready(relay.admin(Image.TOKEN_SERVICE)), token);
      awaitOk(ready(relay.admin(Image.CALLBACK_GATEWAY)), gateway);
      awaitOk(ready(relay.admin(Image.SEND_WORKER)), worker);

      String uid = ImageRun.expectedUid(Image.SEND_WORKER.open(dir.resolve("uid")));
      for (ImageRun service : List.of(wechat, token, gateway, worker)) {
        assertThat(service.uidLine()).as(service.output()).matches("Uid:\\s+" + uid + "\\s.*");
      }
    }
  }

  /** The simulator, token-service, a gateway and a worker on free ports and names of their own. */
  private record Relay(
      KafkaEndpoint kafka,
      RedisEndpoint redis,
      String run,
      int simPort,
      Map<Image, Integer> admin) {
    Relay(KafkaEndpoint kafka, RedisEndpoint redis, String run) {
      this(
          kafka,
          redis,
          run,
          FreePort.next(),
          Map.of(
              Image.TOKEN_SERVICE, FreePort.next(),
              Image.CALLBACK_GATEWAY, FreePort.next(),
              Image.SEND_WORKER, FreePort.next()));
    }

    String sim() {
      return "http://127.0.0.1:" + simPort;
    }

    int admin(Image image) {
      return admin.get(image);
    }

    Map<String, String> env(Image image) {
      if (image == Image.WECHAT_SIM) {
        return Map.of("SIM_PORT", "" + simPort);
      }
      Map<String, String> env = new HashMap<>();
      env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
      env.put("REDIS_URL", redis.url().toString());
      env.put("WECHAT_API_BASE", sim());
      env.put("TOKEN_REDIS_PREFIX", redis.uniquePrefix(run + "-token"));
      env.put("ADMIN_PORT", "" + admin(image));
      env.putAll(
          switch (image) {
            case TOKEN_SERVICE ->
                Map.of(
                    "TOKEN_API_PORT", "" + FreePort.next(),
                    "TOKEN_APPS", SimConfig.DEFAULT_APPID + ":" + SimConfig.DEFAULT_SECRET);
            case CALLBACK_GATEWAY ->
                Map.of(
                    "GATEWAY_PORT", "" + FreePort.next(),
                    "GATEWAY_APPS", SimConfig.DEFAULT_APPID + ":wxrelay:plain",
                    "GATEWAY_DEDUPE_PREFIX", redis.uniquePrefix(run + "-seen"));
            default ->
                Map.of(
                    "WORKER_ID",
                    run,
                    "WORKER_GROUP_ID",
                    run,
                    "WORKER_EVENTS_GROUP_ID",
                    run + "-events",
                    "WORKER_REDIS_PREFIX",
                    redis.uniquePrefix(run));
          });
      return env;
    }
  }

  @Test
  void theCliRunsFromItsImage(@TempDir Path dir) throws Exception {
    try (ImageRun cli = start(Image.CLI, dir, Map.of(), "--version")) {
      assertThat(cli.waitFor(60)).as(cli.output()).isZero();
      assertThat(cli.output()).contains("wxrelay");
    }
  }

  private static ImageRun start(Image image, Path dir, Map<String, String> env, String... args) {
    ImageTarball tarball = image.open(dir.resolve(image.module + "-image"));
    Path root = tarball.unpack(dir.resolve(image.module + "-root"));
    return ImageRun.start(tarball, root, env, args);
  }

  private static URI ready(int adminPort) {
    return URI.create("http://127.0.0.1:" + adminPort + "/health/ready");
  }

  private void awaitOk(URI uri, ImageRun service) {
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .ignoreException(java.net.ConnectException.class)
        .untilAsserted(
            () -> {
              assertThat(service.alive()).as("still running:\n" + service.output()).isTrue();
              HttpResponse<String> answer =
                  http.send(
                      HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
              assertThat(answer.statusCode()).as(uri + ": " + answer.body()).isEqualTo(200);
            });
  }
}
