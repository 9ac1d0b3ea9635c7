package io.wxrelay.worker.media;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.Optional;
import java.util.function.Function;
import javax.net.SocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * Sockets that refuse to connect to an address the policy refuses: the check is made on the
 * resolved address the socket is about to connect to, whatever spelling, DNS answer or redirect led
 * there. OkHttp makes every direct connection (plain, and the one under TLS) with its socket
 * factory, and resolves address literals itself without asking its {@code Dns}, so this is the one
 * place no host gets past.
 */
final class GuardedSocketFactory extends SocketFactory {
  /** A connection the policy refused; nothing was sent, not even a SYN. */
  static final class RefusedAddressException extends ConnectException {
    RefusedAddressException(String message) {
      super(message);
    }
  }

  private final Function<InetAddress, Optional<String>> refusal;

  /**
   * @param refusal why an address is refused, or empty when it may be connected to ({@link
   *     AddressPolicy#why} in production)
   */
  GuardedSocketFactory(Function<InetAddress, Optional<String>> refusal) {
    this.refusal = refusal;
  }

  @Override
  public Socket createSocket() {
    return new GuardedSocket();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return connected(
        new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return connected(
        new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
  }

  private Socket connected(InetSocketAddress to, @Nullable SocketAddress local) throws IOException {
    Socket socket = new GuardedSocket();
    try {
      if (local != null) {
        socket.bind(local);
      }
      socket.connect(to);
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /** Checks before connecting ({@code connect(SocketAddress)} comes here too). */
  private final class GuardedSocket extends Socket {
    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
      if (!(endpoint instanceof InetSocketAddress to) || to.isUnresolved()) {
        throw new RefusedAddressException("refused: not a resolved address (" + endpoint + ")");
      }
      Optional<String> why = refusal.apply(to.getAddress());
      if (why.isPresent()) {
        throw new RefusedAddressException(
            "refused: " + to.getAddress().getHostAddress() + " is " + why.get());
      }
      super.connect(endpoint, timeout);
    }
  }
}
