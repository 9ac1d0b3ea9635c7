package io.wxrelay.testkit;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A Kafka broker of one test's own in {@code scripts/kafka.sh}'s {@code KAFKA_SECURITY=sasl_ssl}
 * mode: clients authenticate with SCRAM-SHA-512 over TLS, and ACLs give each of wxrelay's
 * principals only what it uses (docs/security.md, "Kafka"). Free loopback ports, a data folder
 * under {@code target/}; the script stops it by the PID it wrote. wxrelay's topics exist once
 * {@link #start} returns.
 *
 * <p>A service runs on it with {@link #serviceEnv}: {@code KAFKA_BOOTSTRAP_SERVERS} and {@code
 * KAFKA_CLIENT_CONFIG_FILE} of its principal, e.g. {@code broker.serviceEnv(Principal.GATEWAY)}
 * added to the gateway's environment.
 */
public final class SecureBroker implements AutoCloseable {
  private static final Duration BOUND = Duration.ofMinutes(2);

  /** wxrelay's Kafka principals, each with its own SCRAM credentials and client settings. */
  public enum Principal {
    /** Super user: creates topics and ACLs. */
    ADMIN,
    /** The callback gateway. */
    GATEWAY,
    /** The send workers. */
    WORKER,
    /** The CLI, an operator. */
    CLI;

    /** Its SCRAM user name, also its client settings file's name. */
    public String userName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Map<String, String> env;
  private final int port;
  private final Path runDir;

  private SecureBroker(int port, int controllerPort, Path runDir, Map<String, String> extraEnv) {
    this.port = port;
    this.runDir = runDir;
    Map<String, String> all = new HashMap<>(extraEnv);
    all.putAll(
        Map.of(
            "KAFKA_SECURITY", "sasl_ssl",
            "KAFKA_PORT", Integer.toString(port),
            "KAFKA_CONTROLLER_PORT", Integer.toString(controllerPort),
            "KAFKA_HEAP_MB", "384",
            "KAFKA_BROKERS", "1", // one broker, even when the test command runs on a cluster
            "KAFKA_PORTS", "",
            "WXRELAY_RUN_DIR", runDir.toString()));
    this.env = Map.copyOf(all);
  }

  /** Starts a new broker with wxrelay's default topic names and worker groups. */
  public static SecureBroker start() {
    return start(Map.of());
  }

  /**
   * Starts a new broker, its topics and ACLs following {@code serviceEnv} as the services read it:
   * {@code WXRELAY_TOPIC_*} (names), {@code WXRELAY_TOPIC_*_PARTITIONS}, {@code WORKER_GROUP_ID}
   * and {@code WORKER_EVENTS_GROUP_ID}. Fails with the script's output when it cannot start.
   */
  public static SecureBroker start(Map<String, String> serviceEnv) {
    Path runDir =
        Path.of("target", "secure-broker-" + UUID.randomUUID().toString().substring(0, 8))
            .toAbsolutePath();
    SecureBroker broker = new SecureBroker(FreePort.next(), FreePort.next(), runDir, serviceEnv);
    broker.script("start");
    return broker;
  }

  /** The SASL_SSL listener. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** The data folder of {@code scripts/kafka.sh}: TLS material, client settings, log. */
  public Path dataDir() {
    return runDir.resolve("kafka-" + port);
  }

  /** {@code principal}'s client settings file (mode 0600; it holds the password). */
  public Path clientConfigFile(Principal principal) {
    return dataDir().resolve("clients").resolve(principal.userName() + ".properties");
  }

  /**
   * {@code principal}'s client settings (security.protocol, sasl.*, ssl.truststore.*), without
   * bootstrap servers: add them to a client's properties.
   */
  public Map<String, String> clientProperties(Principal principal) {
    Properties props = new Properties();
    try (Reader reader =
        Files.newBufferedReader(clientConfigFile(principal), StandardCharsets.UTF_8)) {
      props.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> map = new TreeMap<>();
    props.stringPropertyNames().forEach(name -> map.put(name, props.getProperty(name)));
    return map;
  }

  /** {@link #clientProperties} with {@code bootstrap.servers}: a whole client's properties. */
  public Properties clientConfig(Principal principal) {
    Properties props = new Properties();
    props.putAll(clientProperties(principal));
    props.put("bootstrap.servers", bootstrapServers());
    return props;
  }

  /**
   * The environment of a wxrelay service that runs as {@code principal}: {@code
   * KAFKA_BOOTSTRAP_SERVERS} and {@code KAFKA_CLIENT_CONFIG_FILE}.
   */
  public Map<String, String> serviceEnv(Principal principal) {
    return Map.of(
        "KAFKA_BOOTSTRAP_SERVERS",
        bootstrapServers(),
        "KAFKA_CLIENT_CONFIG_FILE",
        clientConfigFile(principal).toString());
  }

  /** The broker's process id, from the PID file the script wrote. */
  public long pid() {
    try {
      return Long.parseLong(Files.readString(dataDir().resolve("broker.pid")).strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void script(String command) {
    Shell.Run run = Shell.run(env, BOUND, "scripts/kafka.sh", command);
    if (run.exitCode() != 0) {
      throw new IllegalStateException(
          "scripts/kafka.sh "
              + command
              + " (KAFKA_SECURITY=sasl_ssl) failed:\n"
              + run.transcript());
    }
  }

  /** Stops it: SIGTERM to its PID, SIGKILL if it does not end in time. */
  @Override
  public void close() {
    script("stop");
  }

  @Override
  public String toString() {
    return "SASL_SSL broker " + bootstrapServers();
  }
}
