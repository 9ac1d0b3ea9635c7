package io.wxrelay.worker.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The blocks a media fetch never connects to, each at its edges, beside public neighbours. An IPv6
 * address is also tried as Java never hands it over (an IPv4-mapped one kept as IPv6).
 */
class AddressPolicyTest {

  @ParameterizedTest(name = "{0} refused: {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # IPv4
          0.0.0.0                  | true
          0.255.255.255            | true
          1.0.0.0                  | false
          8.8.8.8                  | false
          9.255.255.255            | false
          10.0.0.0                 | true
          10.255.255.255           | true
          11.0.0.0                 | false
          100.63.255.255           | false
          100.64.0.0               | true
          100.127.255.255          | true
          100.128.0.0              | false
          126.255.255.255          | false
          127.0.0.1                | true
          127.255.255.255          | true
          169.254.169.254          | true
          169.255.0.1              | false
          172.15.255.255           | false
          172.16.0.0               | true
          172.31.255.255           | true
          172.32.0.0               | false
          192.0.0.0                | true
          192.0.0.255              | true
          192.0.1.1                | false
          192.0.2.1                | true
          192.0.3.1                | false
          192.168.0.1              | true
          192.169.0.1              | false
          198.17.255.255           | false
          198.18.0.0               | true
          198.19.255.255           | true
          198.20.0.0               | false
          198.51.100.7             | true
          198.51.101.7             | false
          203.0.113.9              | true
          203.0.114.9              | false
          223.255.255.255          | false
          224.0.0.1                | true
          239.255.255.255          | true
          240.0.0.1                | true
          255.255.255.255          | true
          # IPv6
          ::                       | true
          ::1                      | true
          ::a00:1                  | true
          ::808:808                | true
          ::ffff:127.0.0.1         | true
          ::ffff:10.1.2.3          | true
          ::ffff:169.254.169.254   | true
          ::ffff:8.8.8.8           | false
          64:ff9b::a00:1           | true
          64:ff9b::808:808         | true
          64:ff9b:1::1             | true
          64:ff9b:1:ffff::1        | true
          64:ff9b:2::1             | false
          2001::1                  | true
          2001:0:ffff::1           | true
          2001:1::1                | false
          2001:db8::1              | true
          2001:db8:ffff::1         | true
          2001:db9::1              | false
          2001:4860:4860::8888     | false
          2002:7f00:1::1           | true
          2002:a00:1::1            | true
          2002:c0a8:101::1         | true
          2002:a9fe:a9fe::1        | true
          2002:808:808::1          | false
          2606:4700:4700::1111     | false
          fbff:ffff::1             | false
          fc00::1                  | true
          fd12:3456::1             | true
          fdff:ffff::1             | true
          fe80::1                  | true
          febf::1                  | true
          fec0::1                  | true
          feff::1                  | true
          ff02::1                  | true
          ff0e::1                  | true
          """)
  void refusesEveryAddressThatIsNotPublic(String literal, boolean refused) throws Exception {
    InetAddress address = InetAddress.getByName(literal);
    assertThat(AddressPolicy.refuses(address)).as(literal).isEqualTo(refused);
    assertThat(AddressPolicy.why(address).isPresent()).isEqualTo(refused);
    if (literal.contains(":")) {
      Inet6Address asIpv6 = Inet6Address.getByAddress(null, sixteen(address), -1);
      assertThat(AddressPolicy.refuses(asIpv6)).as(literal + " kept as IPv6").isEqualTo(refused);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          127.0.0.1        | 127.0.0.0/8 loopback
          ::ffff:10.0.0.1  | 10.0.0.0/8 private (RFC 1918)
          2002:a9fe:a9fe:: | 6to4 address of a 169.254.0.0/16 link-local address
          64:ff9b::808:808 | 64:ff9b::/96 NAT64 (RFC 6052)
          """)
  void theLogIsToldWhichBlock(String literal, String why) throws Exception {
    assertThat(AddressPolicy.why(InetAddress.getByName(literal))).contains(why);
  }

  /** {@code address} as 16 bytes (Java turns an IPv4-mapped IPv6 address into IPv4). */
  private static byte[] sixteen(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      byte[] mapped = new byte[16];
      mapped[10] = (byte) 0xFF;
      mapped[11] = (byte) 0xFF;
      System.arraycopy(b, 0, mapped, 12, 4);
      return mapped;
    }
    return b;
  }
}
