package io.wxrelay.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.testkit.KafkaEndpoint;
import io.wxrelay.testkit.RealInfrastructure;
import io.wxrelay.testkit.RedisEndpoint;
import io.wxrelay.testkit.Shell;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Installing Debian's prometheus on a systemd machine starts a system Prometheus on 9090; the
 * relay's own could not bind. {@code scripts/up.sh} says so before it starts anything.
 */
@ExtendWith(RealInfrastructure.class)
class TakenPortIT {
  private static final int OFFSET = 22000;

  @Test
  void aTakenPrometheusPortStopsUpBeforeAnythingStarts(KafkaEndpoint kafka, RedisEndpoint redis)
      throws Exception {
    LocalRelay relay = new LocalRelay(kafka, redis, OFFSET);
    int port = relay.port(9090);
    try (ServerSocket taken = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      Shell.Run up = relay.up();

      assertThat(up.exitCode()).as(up.transcript()).isEqualTo(1);
      assertThat(up.err())
          .as(up.transcript())
          .startsWith(
              "error: port " + port + " is taken, so this relay's Prometheus cannot start.");
      assertThat(up.out()).as("nothing started").doesNotContain("started (pid");
      assertThat(relay.pids()).isEmpty();
      assertThat(Files.exists(relay.runDir.resolve("relay/started"))).isTrue();
      assertThat(Files.readString(relay.runDir.resolve("relay/started"))).isEmpty();
    }
  }
}
