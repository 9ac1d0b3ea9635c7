package io.wxrelay.worker.media;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The addresses a media fetch must never connect to (unless the deployment allows the host by
 * name): everything that is not a public unicast address. Judged on the address a socket is about
 * to connect to ({@link GuardedSocketFactory}), so no spelling of a host, DNS answer or redirect
 * gets around it.
 *
 * <p>IPv4: this network, private, carrier-grade NAT, loopback, link-local, IETF protocol
 * assignments, the three documentation networks, benchmarking, multicast, and the reserved block
 * with the broadcast address. IPv6: the first /96 (unspecified, loopback, IPv4-compatible), both
 * NAT64 prefixes, Teredo, documentation, unique-local, link-local, site-local and multicast; an
 * IPv4-mapped or 6to4 address is judged by the IPv4 address it carries.
 */
final class AddressPolicy {
  /** A refused block: {@code cidr} is an address literal, a slash, and the prefix length. */
  private record Range(String cidr, String name, byte[] prefix, int bits) {
    static Range of(String cidr, String name) {
      int slash = cidr.indexOf('/');
      try {
        byte[] prefix = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
        return new Range(cidr, name, prefix, Integer.parseInt(cidr.substring(slash + 1)));
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException(cidr, e); // a literal: no lookup is made
      }
    }

    boolean contains(byte[] address) {
      if (address.length != prefix.length) {
        return false;
      }
      int whole = bits / 8;
      if (!Arrays.equals(address, 0, whole, prefix, 0, whole)) {
        return false;
      }
      int rest = bits % 8;
      int mask = (0xFF << (8 - rest)) & 0xFF;
      return rest == 0 || (address[whole] & mask) == (prefix[whole] & mask);
    }
  }

  private static final List<Range> REFUSED =
      List.of(
          Range.of("0.0.0.0/8", "this network (RFC 791)"),
          Range.of("10.0.0.0/8", "private (RFC 1918)"),
          Range.of("100.64.0.0/10", "carrier-grade NAT (RFC 6598)"),
          Range.of("127.0.0.0/8", "loopback"),
          Range.of("169.254.0.0/16", "link-local"),
          Range.of("172.16.0.0/12", "private (RFC 1918)"),
          Range.of("192.0.0.0/24", "IETF protocol assignments (RFC 6890)"),
          Range.of("192.0.2.0/24", "documentation (TEST-NET-1)"),
          Range.of("192.168.0.0/16", "private (RFC 1918)"),
          Range.of("198.18.0.0/15", "benchmarking (RFC 2544)"),
          Range.of("198.51.100.0/24", "documentation (TEST-NET-2)"),
          Range.of("203.0.113.0/24", "documentation (TEST-NET-3)"),
          Range.of("224.0.0.0/4", "multicast"),
          Range.of("240.0.0.0/4", "reserved, and the broadcast address"),
          Range.of("::/96", "unspecified, loopback or IPv4-compatible"),
          Range.of("64:ff9b::/96", "NAT64 (RFC 6052)"),
          Range.of("64:ff9b:1::/48", "local-use NAT64 (RFC 8215)"),
          Range.of("2001::/32", "Teredo"),
          Range.of("2001:db8::/32", "documentation"),
          Range.of("fc00::/7", "unique-local"),
          Range.of("fe80::/10", "link-local"),
          Range.of("fec0::/10", "site-local"),
          Range.of("ff00::/8", "multicast"));

  private AddressPolicy() {}

  /** Whether a fetch must not connect to {@code address}. */
  static boolean refuses(InetAddress address) {
    return why(address).isPresent();
  }

  /** The refused block {@code address} is in (for the worker's log), or empty when it is public. */
  static Optional<String> why(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address || b.length == 4) {
      return in(b);
    }
    if (isPrefix(b, 10, 0) && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
      return carried(b, 12, "IPv4-mapped");
    }
    if ((b[0] & 0xFF) == 0x20 && b[1] == 0x02) {
      return carried(b, 2, "6to4");
    }
    return in(b);
  }

  /** The IPv4 address at {@code offset} of an IPv6 address, judged as such. */
  private static Optional<String> carried(byte[] b, int offset, String how) {
    return in(Arrays.copyOfRange(b, offset, offset + 4))
        .map(block -> how + " address of a " + block + " address");
  }

  private static Optional<String> in(byte[] address) {
    return REFUSED.stream()
        .filter(range -> range.contains(address))
        .findFirst()
        .map(range -> range.cidr() + " " + range.name());
  }

  /** Whether the first {@code length} bytes of {@code b} are all {@code value}. */
  private static boolean isPrefix(byte[] b, int length, int value) {
    for (int i = 0; i < length; i++) {
      if (b[i] != value) {
        return false;
      }
    }
    return true;
  }
}
