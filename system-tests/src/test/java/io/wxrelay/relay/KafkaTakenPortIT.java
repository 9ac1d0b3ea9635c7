package io.wxrelay.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.testkit.FreePort;
import io.wxrelay.testkit.Shell;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A Kafka node that cannot bind its port exits at once; {@code scripts/kafka.sh start} then says
 * which node and why, from the node's own log, instead of only where the log is.
 */
class KafkaTakenPortIT {
  private static final Duration BOUND = Duration.ofMinutes(2);

  @Test
  void aNodeWhosePortIsTakenEndsTheStartWithTheKernelsReason() throws Exception {
    int port = FreePort.next();
    int controllerPort = FreePort.next();
    Path runDir =
        Shell.root()
            .resolve(
                "system-tests/target/taken-port-" + UUID.randomUUID().toString().substring(0, 8));
    Map<String, String> env =
        Map.of(
            "KAFKA_PORT",
            Integer.toString(port),
            "KAFKA_CONTROLLER_PORT",
            Integer.toString(controllerPort),
            "KAFKA_HEAP_MB",
            "256",
            "KAFKA_BROKERS",
            "1",
            "KAFKA_PORTS",
            "",
            "WXRELAY_RUN_DIR",
            runDir.toString());
    try (ServerSocket taken =
        new ServerSocket(controllerPort, 1, InetAddress.getLoopbackAddress())) {
      Shell.Run start = Shell.run(env, BOUND, "scripts/kafka.sh", "start");

      assertThat(start.exitCode()).as(start.transcript()).isEqualTo(1);
      assertThat(start.err())
          .as(start.transcript())
          .startsWith("error: kafka node 1 exited during start: ")
          .contains("127.0.0.1:" + controllerPort)
          .contains("Address already in use")
          .contains("; see " + runDir.resolve("kafka-" + port + "/broker.log"));
    } finally {
      Shell.Run stop = Shell.run(env, BOUND, "scripts/kafka.sh", "stop");
      assertThat(stop.exitCode()).as(stop.transcript()).isZero();
    }
  }
}
