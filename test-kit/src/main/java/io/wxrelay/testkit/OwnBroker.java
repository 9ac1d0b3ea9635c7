package io.wxrelay.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A Kafka broker of one test's own, started and stopped with {@code scripts/kafka.sh} (which stops
 * it by the PID it wrote), on free loopback ports and a data folder under {@code target/}: for
 * tests that take the broker away, without touching the one every other test shares. Started again,
 * it keeps its data.
 */
public final class OwnBroker implements AutoCloseable {
  private static final Duration BOUND = Duration.ofMinutes(2);

  private final Map<String, String> env;
  private final int port;
  private final int controllerPort;
  private final Path runDir;

  private OwnBroker(int port, int controllerPort, Path runDir) {
    this.port = port;
    this.controllerPort = controllerPort;
    this.runDir = runDir;
    this.env =
        Map.of(
            "KAFKA_PORT",
            Integer.toString(port),
            "KAFKA_CONTROLLER_PORT",
            Integer.toString(controllerPort),
            "KAFKA_HEAP_MB",
            "384",
            "KAFKA_BROKERS",
            "1", // one broker, even when the test command runs on a cluster
            "KAFKA_PORTS",
            "",
            "WXRELAY_RUN_DIR",
            runDir.toString());
  }

  /** Starts a new broker; fails with the script's output when it cannot. */
  public static OwnBroker start() {
    OwnBroker broker = unstarted();
    broker.startAgain();
    return broker;
  }

  /** A broker on free ports and a new data folder, not started yet. */
  public static OwnBroker unstarted() {
    Path runDir =
        Path.of("target", "own-broker-" + UUID.randomUUID().toString().substring(0, 8))
            .toAbsolutePath();
    return new OwnBroker(FreePort.next(), FreePort.next(), runDir);
  }

  /** The controller's port (KRaft), which the broker binds besides its client port. */
  public int controllerPort() {
    return controllerPort;
  }

  /** Its log, where {@code scripts/kafka.sh} keeps it. */
  public Path log() {
    return runDir.resolve("kafka-" + port + "/broker.log");
  }

  /** Runs {@code scripts/kafka.sh start} for it and returns what the script did. */
  public Shell.Run tryStart() {
    return Shell.run(env, BOUND, "scripts/kafka.sh", "start");
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** Starts it (again), and returns once it answers. */
  public void startAgain() {
    Shell.Run run = tryStart();
    if (run.exitCode() != 0) {
      throw new IllegalStateException(
          "could not start a broker of this test's own:\n" + run.transcript());
    }
  }

  /** Kills it with SIGKILL, by the PID {@code scripts/kafka.sh} wrote, and waits for its end. */
  public void kill9() {
    try {
      long pid =
          Long.parseLong(Files.readString(runDir.resolve("kafka-" + port + "/broker.pid")).strip());
      ProcessHandle broker =
          ProcessHandle.of(pid)
              .orElseThrow(() -> new IllegalStateException("broker " + pid + " is gone"));
      broker.destroyForcibly();
      broker.onExit().get(30, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("could not kill this test's broker", e);
    }
  }

  /** Stops it: SIGTERM to its PID, SIGKILL if it does not end within 30 s. */
  public void stop() {
    Shell.Run run = Shell.run(env, BOUND, "scripts/kafka.sh", "stop");
    if (run.exitCode() != 0) {
      throw new IllegalStateException("could not stop this test's broker:\n" + run.transcript());
    }
  }

  @Override
  public void close() {
    stop();
  }
}
