package io.wxrelay.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A loopback port nothing listens on right now, for a process a test starts (and may restart on the
 * same port).
 *
 * <p>The port is taken below the kernel's ephemeral range ({@code ip_local_port_range}, 32768 and
 * up by default). A port from that range ({@code new ServerSocket(0)}) can be handed by the kernel
 * to any outgoing connection of the test run between the moment it is found free and the moment the
 * process binds it, or while a broker the test stopped is down; the broker then exits with "Address
 * already in use". Below the range, only another listener can take it; the check binds every
 * address, so a listener on any of them counts. Each port is handed out once per JVM.
 */
public final class FreePort {
  /** Where the search starts: above the relay's default ports (8080–9193, 6379). */
  static final int LOWEST = 10_000;

  /** Where it ends: below the fixed ports of the system tests' relays (offsets 18000–23000). */
  static final int HIGHEST = 17_999;

  private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
  private static final Set<Integer> HANDED_OUT = new HashSet<>();

  private FreePort() {}

  public static int next() {
    int highest = Math.min(HIGHEST, ephemeralLow() - 1);
    synchronized (HANDED_OUT) {
      for (int attempt = 0; highest > LOWEST && attempt < 200; attempt++) {
        int port = ThreadLocalRandom.current().nextInt(LOWEST, highest + 1);
        if (!HANDED_OUT.contains(port) && bindable(port)) {
          HANDED_OUT.add(port);
          return port;
        }
      }
      int port = anyEphemeral();
      System.err.printf(
          "FreePort: no free port in %d-%d below the ephemeral range (from %d); %d is one the"
              + " kernel may also hand to an outgoing connection%n",
          LOWEST, HIGHEST, ephemeralLow(), port);
      HANDED_OUT.add(port);
      return port;
    }
  }

  /** The first port of this kernel's ephemeral range (32768 where it does not say). */
  public static int ephemeralLow() {
    return ephemeralLow(EPHEMERAL_RANGE);
  }

  /** The first port of the ephemeral range in {@code rangeFile}, or 32768. */
  static int ephemeralLow(Path rangeFile) {
    try {
      // Not Files.readString: it trusts the file's size, and procfs says 0 (it read "3").
      return Integer.parseInt(Files.readAllLines(rangeFile).getFirst().trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 32_768;
    }
  }

  static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The fallback where no port below the ephemeral range is free: one the kernel picks. */
  private static int anyEphemeral() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
