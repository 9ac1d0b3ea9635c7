package io.wxrelay.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreePortTest {
  @Test
  void portsAreBelowTheEphemeralRangeBindableAndNeverHandedOutTwice() throws IOException {
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      int port = FreePort.next();
      if (FreePort.ephemeralLow() > FreePort.HIGHEST) {
        assertThat(port).isBetween(FreePort.LOWEST, FreePort.HIGHEST);
      } else { // a kernel whose ephemeral range starts lower: below it, or one the kernel picks
        assertThat(port)
            .satisfiesAnyOf(
                p -> assertThat(p).isBetween(FreePort.LOWEST, FreePort.ephemeralLow() - 1),
                p -> assertThat(p).isGreaterThanOrEqualTo(FreePort.ephemeralLow()));
      }
      assertThat(seen.add(port)).as("port %d handed out twice", port).isTrue();
      try (ServerSocket socket = new ServerSocket()) {
        socket.bind(new InetSocketAddress("127.0.0.1", port));
      }
    }
  }

  @Test
  void aPortSomethingListensOnIsNotBindable() throws IOException {
    try (ServerSocket taken = new ServerSocket(0)) {
      assertThat(FreePort.bindable(taken.getLocalPort())).isFalse();
    }
  }

  @Test
  void theEphemeralRangeIsReadFromTheKernelsFileElse32768(@TempDir Path dir) throws IOException {
    Path range = dir.resolve("ip_local_port_range");
    Files.writeString(range, "40000\t60999\n");
    assertThat(FreePort.ephemeralLow(range)).isEqualTo(40000);
    Files.writeString(range, "garbage");
    assertThat(FreePort.ephemeralLow(range)).isEqualTo(32768);
    assertThat(FreePort.ephemeralLow(dir.resolve("missing"))).isEqualTo(32768);
  }
}
