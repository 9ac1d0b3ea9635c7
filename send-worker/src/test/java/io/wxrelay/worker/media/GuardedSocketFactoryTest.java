package io.wxrelay.worker.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way of connecting one of its sockets is checked against the policy first. */
class GuardedSocketFactoryTest {
  private final GuardedSocketFactory guarded = new GuardedSocketFactory(AddressPolicy::why);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "10.1.2.3",
        "169.254.169.254",
        "198.18.0.1",
        "::1",
        "::a00:1",
        "64:ff9b::a00:1",
        "2002:a00:1::1",
        "2001::1",
        "fd00::1"
      })
  void aRefusedAddressIsNeverConnectedTo(String literal) throws Exception {
    InetAddress address = InetAddress.getByName(literal);
    try (Socket socket = guarded.createSocket()) {
      assertThatThrownBy(() -> socket.connect(new InetSocketAddress(address, 443), 1000))
          .isInstanceOf(GuardedSocketFactory.RefusedAddressException.class)
          .hasMessageContaining(address.getHostAddress());
      assertThat(socket.isConnected()).isFalse();
    }
    assertThatThrownBy(() -> guarded.createSocket(address, 443))
        .isInstanceOf(GuardedSocketFactory.RefusedAddressException.class);
    assertThatThrownBy(() -> guarded.createSocket(literal, 443))
        .isInstanceOf(GuardedSocketFactory.RefusedAddressException.class);
  }

  @Test
  void anUnresolvedAddressIsRefused() throws Exception {
    try (Socket socket = guarded.createSocket()) {
      assertThatThrownBy(() -> socket.connect(InetSocketAddress.createUnresolved("a.example", 1)))
          .isInstanceOf(GuardedSocketFactory.RefusedAddressException.class);
    }
  }

  @Test
  void anAddressThePolicyLetsThroughIsConnectedTo() throws Exception {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    try (ServerSocket server = new ServerSocket(0, 1, loopback)) {
      var open = new GuardedSocketFactory(address -> Optional.empty());
      try (Socket socket = open.createSocket()) {
        socket.connect(new InetSocketAddress(loopback, server.getLocalPort()));
        assertThat(socket.isConnected()).isTrue();
      }
      try (Socket socket = open.createSocket("127.1", server.getLocalPort())) {
        assertThat(socket.getInetAddress()).isEqualTo(loopback);
      }
      assertThatThrownBy(() -> guarded.createSocket("127.1", server.getLocalPort()))
          .isInstanceOf(GuardedSocketFactory.RefusedAddressException.class);
    }
  }
}
