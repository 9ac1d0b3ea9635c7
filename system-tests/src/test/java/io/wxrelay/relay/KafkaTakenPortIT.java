package io.wxrelay.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxrelay.testkit.OwnBroker;
import io.wxrelay.testkit.Shell;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/**
 * A Kafka node that cannot bind its port exits at once; {@code scripts/kafka.sh start} then says
 * which node and why, from the node's own log, instead of only where the log is.
 */
class KafkaTakenPortIT {
  @Test
  void aNodeWhosePortIsTakenEndsTheStartWithTheKernelsReason() throws Exception {
    OwnBroker broker = OwnBroker.unstarted();
    int port = broker.controllerPort();
    try (ServerSocket taken = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      Shell.Run start = broker.tryStart();

      assertThat(start.exitCode()).as(start.transcript()).isEqualTo(1);
      assertThat(start.err())
          .as(start.transcript())
          .startsWith("error: kafka node 1 exited during start: ")
          .contains("127.0.0.1:" + port)
          .contains("Address already in use")
          .contains("; see " + broker.log());
    } finally {
      broker.stop();
    }
  }
}
